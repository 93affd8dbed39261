/**
 * Run an ensemble of design points, streaming: batches of chunks (fixed-size
 * replicate ranges, src/core/ensemble/chunk.ts) are cut in (point, chunk)
 * order, each carrying only the design points it needs, and handed to an
 * executor (the local thread pool, the main thread, or the Redis queue of
 * src/queue/). Results are folded per point in chunk order as they arrive, at
 * most `window` batches ahead of the fold, so
 *  - the answer is the same byte for byte for any executor, number of workers
 *    and batch size, and
 *  - memory does not grow with the number of points or runs: a point is
 *    materialised when its first batch is cut and released when it is folded.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import type { Piscina as PiscinaPool } from 'piscina';
import { emptyAccumulator, mergeAccumulator, type ArmAccumulator } from '../core/ensemble/accumulator.js';
import {
  CHUNK_SIZE,
  planBatches,
  type ChunkBatch,
  type ChunkRange,
  type DesignPoint,
  type KeyedPoint,
} from '../core/ensemble/chunk.js';
import type { PerRunRow } from '../core/ensemble/per-run.js';
import { PACKAGE_ROOT } from '../io/paths.js';
import { runBatchHere } from './ensemble-worker.js';
import { scenarioKey } from './scenario-key.js';

export type { DesignPoint } from '../core/ensemble/chunk.js';
export { scenarioKey } from './scenario-key.js';

/** Design points produced on demand, so a large design is never held whole. `get` is called in increasing order. */
export interface PointSource {
  count: number;
  get(index: number): DesignPoint;
}

export interface EnsembleOptions {
  runs: number;
  seed: number;
  workers: number;
  days?: number;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  /** Called as each point's runs are all folded, in point order. */
  onPointDone?: (point: number, acc: ArmAccumulator) => void;
  /** With this, each run's row (src/core/ensemble/per-run.ts) is handed on, chunk by chunk in (point, replicate) order. */
  onRuns?: (point: number, rows: PerRunRow[]) => void;
  signal?: AbortSignal;
  /** Where batches run; default: the local pool of `workers` threads (the main thread when 1). */
  executor?: BatchExecutor;
}

/** Runs batches somewhere; each batch resolves to one accumulator per chunk, in the batch's chunk order. */
export interface BatchExecutor {
  /** Batches cut ahead of the fold (bounds memory and keeps every worker busy). */
  readonly window: number;
  /** Runs per batch (at least one chunk per batch whatever this says). */
  readonly runsPerBatch: number;
  /** `ranges` name the batch's chunks in the whole analysis (for messages). */
  run(batch: ChunkBatch, index: number, ranges: readonly ChunkRange[]): Promise<ArmAccumulator[]>;
  close(): Promise<void>;
}

/** Workers load the compiled module (under the test runner this file is TypeScript; `npm test` builds first). */
export function workerFile(): string {
  const built = resolve(PACKAGE_ROOT, 'dist', 'shell', 'ensemble-worker.js');
  if (!existsSync(built)) throw new Error(`worker module missing: ${built} (run npm run build)`);
  return pathToFileURL(built).href;
}

/** The main thread: one batch at a time, yielding between batches so signals and progress get through. */
export function mainThreadExecutor(): BatchExecutor {
  return {
    window: 1,
    runsPerBatch: CHUNK_SIZE,
    async run(batch) {
      await new Promise((r) => setImmediate(r));
      return runBatchHere(batch);
    },
    async close() {},
  };
}

/** A piscina pool of worker threads; each batch is one task. */
export function poolExecutor(workers: number): BatchExecutor {
  // Loaded here, not with the module: one worker runs in the main thread and needs no pool (start-up time,
  // bench/startup.js).
  const { Piscina } = createRequire(import.meta.url)('piscina') as { Piscina: typeof PiscinaPool };
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    // A worker's live heap is about 12 MB whatever the number of runs; a cap makes V8 collect
    // before growing, so resident memory stays flat in long ensembles.
    resourceLimits: { maxOldGenerationSizeMb: 128 },
  });
  return {
    window: workers * 3,
    runsPerBatch: CHUNK_SIZE,
    run: (batch) => pool.run(batch) as Promise<ArmAccumulator[]>,
    close: () => pool.destroy(),
  };
}

export function localExecutor(workers: number): BatchExecutor {
  return workers <= 1 ? mainThreadExecutor() : poolExecutor(workers);
}

function sourceOf(points: readonly DesignPoint[] | PointSource): PointSource {
  return Array.isArray(points) ? { count: points.length, get: (i) => points[i] } : (points as PointSource);
}

/**
 * Stream the ensemble through an executor and hand each point's accumulator
 * to `opts.onPointDone` in point order. Nothing is kept after a point is
 * handed over.
 */
export async function streamEnsemble(
  points: readonly DesignPoint[] | PointSource,
  opts: EnsembleOptions,
): Promise<void> {
  const source = sourceOf(points);
  const total = source.count * opts.runs;
  if (total === 0) return;
  const executor = opts.executor ?? localExecutor(opts.workers);
  // The cached last point: consecutive batches share it when a point spans several batches.
  let last: { index: number; point: KeyedPoint } | null = null;
  const keyed = (i: number): KeyedPoint => {
    if (last?.index !== i) {
      const p = source.get(i);
      last = {
        index: i,
        point: { key: scenarioKey(p), scenario: p.scenario, profiles: p.profiles, replicateOffset: p.replicateOffset },
      };
    }
    return last.point;
  };
  let horizon: number | undefined;
  const cut = (ranges: ChunkRange[]): ChunkBatch => {
    const pts: KeyedPoint[] = [];
    const chunks = ranges.map((c) => {
      const p = keyed(c.point);
      horizon ??= opts.days ?? p.scenario.horizonDays;
      if (pts[pts.length - 1] !== p) pts.push(p);
      return { point: pts.length - 1, from: c.from, to: c.to };
    });
    return { seed: opts.seed, days: opts.days, points: pts, chunks, ...(opts.onRuns ? { perRun: true } : {}) };
  };

  let done = 0;
  // The first failure of any batch (or an abort) ends the wait for the head at once. Not a
  // long-lived promise raced against each head: every race would stay attached to it and keep
  // that head's accumulators alive until the end, so memory would grow with the number of batches.
  let failedWith: { error: unknown } | null = null;
  let wake: (() => void) | null = null;
  const failure = (e: unknown) => {
    failedWith ??= { error: e };
    wake?.();
  };
  const onAbort = () => failure(new Error('aborted'));
  opts.signal?.addEventListener('abort', onAbort, { once: true });

  const batches = planBatches(source.count, opts.runs, executor.runsPerBatch);
  const inflight: { ranges: ChunkRange[]; result: Promise<ArmAccumulator[]> }[] = [];
  let index = 0;
  const fill = () => {
    while (inflight.length < executor.window) {
      const next = batches.next();
      if (next.done) return;
      const ranges = next.value;
      const result = executor.run(cut(ranges), index++, ranges).then((accs) => {
        if (accs.length !== ranges.length)
          throw new Error(`a batch of ${ranges.length} chunks returned ${accs.length} results`);
        done += ranges.reduce((t, c) => t + c.to - c.from, 0);
        opts.onProgress?.(done, total);
        return accs;
      });
      result.catch((e: unknown) => failure(e));
      inflight.push({ ranges, result });
    }
  };

  // The point being folded; points complete in order because batches are folded in order.
  let current: { index: number; acc: ArmAccumulator } | null = null;
  try {
    if (opts.signal?.aborted) throw new Error('aborted');
    fill();
    while (inflight.length > 0) {
      const head = inflight[0];
      const accs = await new Promise<ArmAccumulator[]>((resolve, reject) => {
        if (failedWith) return reject(failedWith.error);
        wake = () => reject(failedWith!.error);
        head.result.then(resolve, reject);
      });
      wake = null;
      inflight.shift();
      head.ranges.forEach((c, k) => {
        if (current?.index !== c.point) current = { index: c.point, acc: emptyAccumulator(horizon!) };
        const rows = accs[k].runRows;
        if (rows) {
          delete accs[k].runRows;
          opts.onRuns?.(c.point, rows);
        }
        mergeAccumulator(current.acc, accs[k]);
        if (c.to === opts.runs) {
          opts.onPointDone?.(c.point, current.acc);
          current = null;
        }
      });
      fill();
    }
  } finally {
    opts.signal?.removeEventListener('abort', onAbort);
    if (!opts.executor) await executor.close();
  }
}

/** The whole ensemble's accumulators, one per point (for designs small enough to hold: arms, facts). */
export async function runEnsemble(
  points: readonly DesignPoint[] | PointSource,
  opts: EnsembleOptions,
): Promise<ArmAccumulator[]> {
  const out: ArmAccumulator[] = [];
  await streamEnsemble(points, {
    ...opts,
    onPointDone: (i, acc) => {
      out[i] = acc;
      opts.onPointDone?.(i, acc);
    },
  });
  return out;
}
