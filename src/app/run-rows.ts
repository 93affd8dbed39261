/**
 * Per-run rows on their way out (docs/analysis.md, "Per-run rows"): spooled
 * to a temporary file while the ensemble runs, so memory stays flat whatever
 * the number of runs, then copied into the store inside the experiment's
 * transaction and/or written as CSV (a temporary file renamed into place, so
 * an interrupted write leaves nothing half-written).
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import {
  contextNames,
  perRunColumns,
  perRunValues,
  type PerRunRow,
  type RunContext,
} from '../core/ensemble/per-run.js';
import { csvCell } from '../io/csv.js';
import { writeBlocksAtomic } from '../io/output.js';

export { writeBlocksAtomic };

/** Lines of a file, read in blocks: never the whole file in memory. */
function* linesOf(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(1 << 20);
  // The decoder keeps a character split across two blocks whole.
  const decoder = new StringDecoder('utf8');
  let rest = '';
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const text = rest + decoder.write(buf.subarray(0, n));
      const lines = text.split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) if (l) yield l;
    }
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}

export class RunRowSpool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'truce-runs-'));
  private readonly path = join(this.dir, 'rows.ndjson');
  private fd: number | null = openSync(this.path, 'w');
  count = 0;

  add(point: number, rows: readonly PerRunRow[]): void {
    if (this.fd === null) throw new Error('spool already read');
    writeSync(this.fd, rows.map((r) => JSON.stringify([point, r])).join('\n') + '\n');
    this.count += rows.length;
  }

  /** Every row in the order added: (point, replicate). */
  *entries(): Generator<{ point: number; row: PerRunRow }> {
    if (this.fd !== null) {
      closeSync(this.fd);
      this.fd = null;
    }
    for (const line of linesOf(this.path)) {
      const [point, row] = JSON.parse(line) as [number, PerRunRow];
      yield { point, row };
    }
  }

  dispose(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * Where the runs of each point sit: the point's arm (label, framework, lever
 * values), its posterior draw and the values drawn.
 */
export function runContexts(
  experiment: number | null,
  arms: readonly { label: string; framework: string | null; levers: Record<string, number> }[],
  points: readonly { arm: number; draw: number | null; parameters: Record<string, number> }[],
): RunContext[] {
  return points.map((p) => ({
    experiment,
    arm: arms[p.arm].label,
    framework: arms[p.arm].framework,
    levers: arms[p.arm].levers,
    draw: p.draw,
    parameters: p.parameters,
  }));
}

/** Per-run rows as CSV or JSON text in blocks (a header first), so any number of rows streams out. */
export function* perRunText(
  format: 'csv' | 'json',
  contexts: readonly RunContext[],
  rows: Iterable<{ point: number; row: PerRunRow }>,
): Generator<string> {
  const names = contextNames(contexts);
  const columns = perRunColumns(names);
  if (format === 'csv') yield columns.join(',') + '\n';
  else yield '[';
  let block: string[] = [];
  let first = true;
  for (const { point, row } of rows) {
    const values = perRunValues(contexts[point], names, row);
    if (format === 'csv') block.push(values.map(csvCell).join(',') + '\n');
    else {
      block.push((first ? '\n' : ',\n') + JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, values[i]]))));
      first = false;
    }
    if (block.length >= 4096) {
      yield block.join('');
      block = [];
    }
  }
  if (block.length) yield block.join('');
  if (format === 'json') yield '\n]\n';
}

/** Write per-run rows as CSV, streamed, all or nothing; `contexts[point]` says where each run sits. */
export function writePerRunCsv(
  path: string,
  contexts: readonly RunContext[],
  rows: Iterable<{ point: number; row: PerRunRow }>,
): void {
  writeBlocksAtomic(path, perRunText('csv', contexts, rows));
}

export function* mapRows<T, U>(it: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of it) yield f(x);
}
