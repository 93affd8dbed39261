/**
 * Per-run rows and tidy tables as Parquet (src/io/parquet.ts). Apart from ./run-rows.ts so that only a command
 * asked for Parquet loads the writer (a dynamic import behind `--runs-parquet` or `--format parquet`; start-up
 * time, bench/startup.js).
 */
import {
  contextNames,
  perRunColumnKinds,
  perRunColumns,
  perRunValues,
  type PerRunRow,
  type RunContext,
} from '../core/ensemble/per-run.js';
import { inferKinds, writeParquetAtomic, type ParquetValue } from '../io/parquet.js';
import { VERSION } from '../io/version.js';
import { mapRows } from './run-rows.js';

/** Write per-run rows as Parquet (typed columns, the same values as the CSV, NA as null), streamed, all or nothing. */
export function writePerRunParquet(
  path: string,
  contexts: readonly RunContext[],
  rows: Iterable<{ point: number; row: PerRunRow }>,
): void {
  const names = contextNames(contexts);
  const columns = perRunColumns(names);
  const kinds = perRunColumnKinds(columns);
  writeParquetAtomic(
    path,
    columns.map((name, i) => ({ name, kind: kinds[i] })),
    mapRows(rows, ({ point, row }) => perRunValues(contexts[point], names, row)),
    { 'truce.version': VERSION, 'truce.table': 'per-run rows (docs/analysis.md)' },
  );
}

/** A tidy table (src/store/export.ts) as Parquet: numeric columns as doubles, the rest as text. */
export function writeTidyParquet(path: string, rows: readonly Readonly<Record<string, ParquetValue>>[]): void {
  const names: string[] = [];
  for (const r of rows) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
  const columns = inferKinds(names, rows);
  writeParquetAtomic(
    path,
    columns,
    rows.map((r) => names.map((c) => r[c] ?? null)),
    { 'truce.version': VERSION, 'truce.table': 'tidy long-form (docs/analysis.md)' },
  );
}
