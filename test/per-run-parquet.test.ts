/**
 * Parquet beside CSV and JSON (src/io/parquet.ts): written with hyparquet-writer,
 * read back here with hyparquet (the reader of the same project), and compared
 * value by value with the CSV rows: per-run rows from `compare --runs-parquet`
 * and `runs export ID --per-run --format parquet`, and the tidy table. The
 * writer itself streams row groups: a table of several groups, nulls,
 * non-finite numbers and awkward text reads back exactly.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { ROW_GROUP, writeParquetAtomic, type ParquetColumn } from '../src/io/parquet.js';
import { truce } from './helpers/cli.js';

async function readParquet(path: string) {
  const file = await asyncBufferFromFile(path);
  const metadata = await parquetMetadataAsync(file);
  const rows = await parquetReadObjects({ file, metadata });
  return { metadata, rows };
}

/** CSV as the project writes it (src/io/csv.ts): quoted cells may hold commas and quotes. */
function parseCsv(text: string): Record<string, string>[] {
  const lines = text.trim().split('\n');
  const split = (l: string) => {
    const out: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < l.length; i++) {
      const ch = l[i];
      if (quoted) {
        if (ch === '"' && l[i + 1] === '"') {
          cur += '"';
          i++;
        } else if (ch === '"') quoted = false;
        else cur += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') {
        out.push(cur);
        cur = '';
      } else cur += ch;
    }
    out.push(cur);
    return out;
  };
  const cols = split(lines[0]);
  return lines.slice(1).map((l) => Object.fromEntries(split(l).map((v, i) => [cols[i], v])));
}

/** A Parquet value equals the CSV cell: NA is null, numbers are the same number, text the same text. */
function sameAsCsv(csv: Record<string, string>, row: Record<string, unknown>, columns: string[]) {
  for (const c of columns) {
    const want = csv[c];
    const got = row[c];
    if (want === 'NA') expect(got, c).toBeNull();
    else if (typeof got === 'number') expect(got, c).toBe(Number(want));
    else expect(got, c).toBe(want);
  }
}

describe('Parquet export of per-run rows and tidy tables', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-parquet-'));
  const db = join(dir, 't.db');
  const csvFile = join(dir, 'runs.csv');
  const pqFile = join(dir, 'runs.parquet');
  const out = truce([
    'compare',
    '--runs',
    '120',
    '--days',
    '120',
    '--seed',
    '11',
    '--runs-csv',
    csvFile,
    '--runs-parquet',
    pqFile,
    '--json',
    '--db',
    db,
    '--workers',
    '2',
  ]);
  const compared = JSON.parse(out.stdout) as { experimentId: number; runs: number; arms: { label: string }[] };
  const csvText = readFileSync(csvFile, 'utf8');
  const csvRows = parseCsv(csvText);
  const header = csvText.split('\n')[0].split(',');

  it('compare --runs-parquet holds the CSV rows, typed', async () => {
    expect(out.code, out.stderr).toBe(0);
    const { metadata, rows } = await readParquet(pqFile);
    expect(rows).toHaveLength(csvRows.length);
    expect(csvRows.length).toBe(compared.runs * compared.arms.length);
    expect(metadata.schema.slice(1).map((s) => s.name)).toEqual(header);
    const typeOf = (name: string) => metadata.schema.find((s) => s.name === name)!;
    for (const c of ['run', 'collapsed', 'time', 'day', 'draw']) expect(typeOf(c).type, c).toBe('INT32');
    for (const c of ['arm', 'first_crosser', 'primary_pillar']) expect(typeOf(c).converted_type, c).toBe('UTF8');
    for (const c of ['defender_cost_usd', 'param_unagreedUnwritten', 'lever_verification'])
      expect(typeOf(c).type, c).toBe('DOUBLE');
    rows.forEach((r, i) => sameAsCsv(csvRows[i], r, header));
    // Censored runs: no day, null first crosser, as NA in the CSV.
    expect(rows.some((r) => r.collapsed === 0 && r.day === null && r.first_crosser === null)).toBe(true);
  });

  it('runs export --per-run --format parquet gives the same file contents from the store', async () => {
    const file = join(dir, 'export.parquet');
    const r = truce([
      'runs',
      'export',
      String(compared.experimentId),
      '--per-run',
      '--format',
      'parquet',
      '--out',
      file,
      '--db',
      db,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const { rows } = await readParquet(file);
    expect(rows).toHaveLength(csvRows.length);
    rows.forEach((row, i) => sameAsCsv(csvRows[i], row, header));
    expect(rows[0].experiment).toBe(compared.experimentId);
  });

  it('the tidy table as Parquet equals its CSV', async () => {
    const file = join(dir, 'tidy.parquet');
    const r = truce([
      'runs',
      'export',
      String(compared.experimentId),
      '--format',
      'parquet',
      '--out',
      file,
      '--db',
      db,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const tidyText = truce(['runs', 'export', String(compared.experimentId), '--db', db]).stdout;
    const tidy = parseCsv(tidyText);
    const cols = tidyText.split('\n')[0].split(',');
    const { rows } = await readParquet(file);
    expect(rows).toHaveLength(tidy.length);
    expect(rows.some((x) => x.metric === 'hazard_ratio')).toBe(true);
    rows.forEach((row, i) => sameAsCsv(tidy[i], row, cols));
  });

  it('Parquet is written to a file only: without --out it is refused, and nothing is left behind', () => {
    const r = truce(['runs', 'export', String(compared.experimentId), '--per-run', '--format', 'parquet', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format parquet: .*--out FILE/);
    const bad = truce([
      'runs',
      'export',
      String(compared.experimentId),
      '--per-run',
      '--format',
      'parquet',
      '--out',
      join(dir, 'no-such-dir', 'x.parquet'),
      '--db',
      db,
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no-such-dir\/x\.parquet: cannot write: its folder does not exist/);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });

  it('the writer streams row groups; nulls, non-finite numbers and text with commas, quotes and non-ASCII read back', async () => {
    const n = 2 * ROW_GROUP + 7;
    const columns: ParquetColumn[] = [
      { name: 'i', kind: 'int' },
      { name: 'x', kind: 'double' },
      { name: 's', kind: 'string' },
    ];
    const value = (i: number) => [
      i % 11 === 0 ? null : i,
      i % 13 === 0 ? Number.NaN : i % 17 === 0 ? Number.POSITIVE_INFINITY : i / 7,
      i % 5 === 0 ? null : `a,"b" ${i} é`,
    ];
    function* rows() {
      for (let i = 0; i < n; i++) yield value(i);
    }
    const file = join(dir, 'synthetic.parquet');
    writeParquetAtomic(file, columns, rows(), { note: 'synthetic' });
    const { metadata, rows: back } = await readParquet(file);
    expect(metadata.row_groups).toHaveLength(3);
    expect(Number(metadata.num_rows)).toBe(n);
    expect(metadata.key_value_metadata).toContainEqual({ key: 'note', value: 'synthetic' });
    for (let i = 0; i < n; i += 997) {
      const [a, x, s] = value(i);
      expect(back[i].i).toBe(a);
      expect(back[i].x).toBe(typeof x === 'number' && Number.isFinite(x) ? x : null);
      expect(back[i].s).toBe(s);
    }
    expect(back[n - 1].i).toBe(n - 1);
  });
});
