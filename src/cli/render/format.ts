/** Plain-text tables and numbers for terminal output. */

/**
 * The width text output must fit: the terminal's when standard output is one,
 * else $COLUMNS when set, else unbounded (files and pipes get whole lines).
 */
export function outputWidth(): number {
  const tty = process.stdout.isTTY ? process.stdout.columns : undefined;
  if (tty && tty > 0) return tty;
  const env = Number(process.env.COLUMNS);
  return Number.isInteger(env) && env > 0 ? env : Infinity;
}

/** Columns are not narrowed below this (or their natural width, if smaller). */
const MIN_COLUMN = 10;
const GAP = 2;

/** Words of `text` in lines of at most `width` characters; a word longer than that is cut. */
export function wrapText(text: string, width = outputWidth()): string[] {
  if (text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    let w = word;
    const sep = line ? ' ' : '';
    if (line.length + sep.length + w.length <= width) {
      line += sep + w;
      continue;
    }
    if (line) lines.push(line);
    while (w.length > width) {
      lines.push(w.slice(0, width));
      w = w.slice(width);
    }
    line = w;
  }
  lines.push(line);
  return lines;
}

/**
 * A plain-text table that fits `width` (default: outputWidth()): when the
 * natural widths are too wide, the widest columns are narrowed in turn (not
 * below MIN_COLUMN) and their cells wrap onto more lines. Machine-readable
 * output (--json, --csv) never goes through here.
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  alignRight?: readonly boolean[],
  width = outputWidth(),
): string {
  const t = tableLines(header, rows, alignRight, width);
  return [...t.head, ...t.rows.flat()].join('\n');
}

/** The lines of `table`: the header (with its rule), and each row's lines (more than one when cells wrap). */
export function tableLines(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  alignRight?: readonly boolean[],
  width = outputWidth(),
): { head: string[]; rows: string[][] } {
  const cells = [header, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  // First narrow the widest columns down to their longest word (cells wrap between words); only if
  // that is not enough, cut words, down to MIN_COLUMN.
  const longestWord = header.map((_, i) =>
    Math.max(...cells.map((r) => Math.max(...(r[i] ?? '').split(' ').map((w) => w.length)))),
  );
  const total = () => widths.reduce((a, b) => a + b, 0) + GAP * (widths.length - 1);
  for (const floor of [longestWord, longestWord.map((w) => Math.min(w, MIN_COLUMN))]) {
    while (total() > width) {
      let widest = -1;
      widths.forEach((w, i) => {
        if (w > floor[i] && (widest < 0 || w > widths[widest])) widest = i;
      });
      if (widest < 0) break;
      widths[widest]--;
    }
  }
  const right = alignRight ?? header.map((_, i) => i > 0);
  const lines = (r: readonly string[]) => {
    const wrapped = widths.map((w, i) => wrapText(r[i] ?? '', w));
    const height = Math.max(...wrapped.map((c) => c.length));
    return Array.from({ length: height }, (_, k) =>
      wrapped
        .map((c, i) => (right[i] ? (c[k] ?? '').padStart(widths[i]) : (c[k] ?? '').padEnd(widths[i])))
        .join(' '.repeat(GAP))
        .trimEnd(),
    );
  };
  return {
    head: [...lines(cells[0]), widths.map((w) => '-'.repeat(w)).join(' '.repeat(GAP))],
    rows: cells.slice(1).map(lines),
  };
}

/** Lines of prose wrapped to the output width. */
export function prose(text: string, width = outputWidth()): string {
  return wrapText(text, width).join('\n');
}

// Numbers as every face writes them (the dashboard shows the same figures): defined with the charts' formats.
export { fmt, pct, usd } from '../../charts/format.js';

/** JSON with Infinity kept visible as null-free strings would break parsers; use null. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v),
    2,
  );
}
