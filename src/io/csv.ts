/**
 * The one CSV writer (tidy exports, sweep tables, chart data in the
 * dashboard): columns are the union of the rows' keys in first-seen order;
 * missing, null and non-finite values are NA (what pandas and R read as
 * missing). Pure, so the browser uses it too.
 */
export type CsvRow = Readonly<Record<string, unknown>>;

export function toCsv(rows: readonly CsvRow[]): string {
  if (rows.length === 0) return '';
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const r of rows) {
    for (const c of Object.keys(r)) {
      if (seen.has(c)) continue;
      seen.add(c);
      columns.push(c);
    }
  }
  return [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))].join('\n') + '\n';
}

/** One CSV cell: NA for missing, null and non-finite values; quoted when it holds a comma, quote or line break. */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined || (typeof v === 'number' && !Number.isFinite(v))) return 'NA';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
