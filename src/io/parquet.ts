/**
 * Parquet files for pandas (`pd.read_parquet`), R (`arrow::read_parquet`),
 * polars or DuckDB: typed columns, so nothing is re-guessed from text.
 * Written with hyparquet-writer (pure JavaScript, one dependency, its own
 * reader hyparquet; see CHANGELOG), row group by row group from an iterable,
 * so memory stays flat in the number of rows, into a temporary file renamed
 * into place: a file is there whole or not at all. A device or pipe
 * (`/dev/stdout`) is written to directly (src/io/output.ts).
 */
import type { SchemaElement } from 'hyparquet';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import { InputError } from './errors.js';
import { openOutput, writeFailure, type OutputTarget } from './output.js';

/** int: whole numbers (INT32); double: any number (DOUBLE); string: UTF-8 text. Every column may hold nulls. */
export type ParquetKind = 'int' | 'double' | 'string';

export interface ParquetColumn {
  name: string;
  kind: ParquetKind;
}

export type ParquetValue = string | number | null;

/** Rows per row group: large enough for fast scans, small enough that a group's columns stay a few MB. */
export const ROW_GROUP = 50_000;

function schemaOf(columns: readonly ParquetColumn[]): SchemaElement[] {
  return [
    { name: 'root', num_children: columns.length },
    ...columns.map((c): SchemaElement => {
      if (c.kind === 'string')
        return { name: c.name, type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'OPTIONAL' };
      return { name: c.name, type: c.kind === 'int' ? 'INT32' : 'DOUBLE', repetition_type: 'OPTIONAL' };
    }),
  ];
}

/** A value as its column stores it: null for missing and non-finite numbers (NA in the CSV). */
function cellOf(c: ParquetColumn, v: ParquetValue | undefined): ParquetValue {
  if (v === null || v === undefined) return null;
  if (c.kind === 'string') return String(v);
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n)) return null;
  if (c.kind === 'int' && !(Number.isInteger(n) && Math.abs(n) <= 0x7fffffff))
    throw new Error(`parquet column ${c.name}: ${n} is not a 32-bit whole number`);
  return n;
}

/** Kind of each column of records whose types are not declared: numbers only -> double, anything else -> string. */
export function inferKinds(
  columns: readonly string[],
  rows: readonly Readonly<Record<string, unknown>>[],
): ParquetColumn[] {
  return columns.map((name) => ({
    name,
    kind: rows.every((r) => r[name] === null || r[name] === undefined || typeof r[name] === 'number')
      ? 'double'
      : 'string',
  }));
}

/** Bytes written through to `out` a megabyte at a time (hyparquet-writer's fileWriter, to any output target). */
function targetWriter(out: OutputTarget): ByteWriter {
  const writer = new ByteWriter();
  const flush = () => {
    out.write(new Uint8Array(writer.buffer, 0, writer.index));
    writer.index = 0;
  };
  const grow = writer.ensure.bind(writer);
  writer.ensure = (size: number) => {
    if (writer.index > 1_000_000) flush();
    grow(size);
  };
  writer.finish = flush;
  return writer;
}

/** Write rows (arrays in column order) as a Parquet file, all or nothing. */
export function writeParquetAtomic(
  path: string,
  columns: readonly ParquetColumn[],
  rows: Iterable<readonly ParquetValue[]>,
  metadata: Record<string, string> = {},
): void {
  let out: OutputTarget | null = null;
  try {
    out = openOutput(path);
    const writer = new ParquetWriter({
      writer: targetWriter(out),
      schema: schemaOf(columns),
      kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      createdBy: 'truce',
    });
    let group: ParquetValue[][] = columns.map(() => []);
    let n = 0;
    const flush = () => {
      if (n === 0) return;
      void writer.write({
        columnData: columns.map((c, i) => ({ name: c.name, data: group[i] })),
        rowGroupSize: n,
      });
      group = columns.map(() => []);
      n = 0;
    };
    for (const row of rows) {
      columns.forEach((c, i) => group[i].push(cellOf(c, row[i])));
      if (++n >= ROW_GROUP) flush();
    }
    flush();
    void writer.finish();
    out.commit();
  } catch (err) {
    try {
      out?.abort();
    } catch {
      // The write's own error is the one to report.
    }
    if (err instanceof InputError || !(err as NodeJS.ErrnoException).code) throw err;
    throw writeFailure(path, err);
  }
}
