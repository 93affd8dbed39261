/**
 * The ensemble runner behind every use case that runs many replicates
 * (compare, sweep, sensitivity, facts). A Runner takes design points and
 * returns one accumulator per point; how the chunks are spread (threads
 * today, a distributed queue later) is its business. The contract a
 * Runner must keep, whatever it runs on:
 *
 * - Results are a function of (points, runs, seed, days) only: replicate r
 *   of point p uses the stream (seed, r) and chunks are merged per point in
 *   chunk order (src/core/ensemble/chunk.ts), so any number of workers gives
 *   the same accumulators, bit for bit.
 * - `onProgress(done, total)` counts runs; `onPointDone(i, acc)` fires once
 *   per point when its accumulator is final, in point order.
 * - `points` may be a list or a source that makes each point on demand
 *   (`get` is called in increasing order), so a large design is never held
 *   whole; `stream` keeps nothing after a point is handed to `onPointDone`.
 * - When `signal` aborts, the promise rejects soon, and no `onPointDone`
 *   fires for an unfinished point.
 *
 * The thread pool is the default; any `BatchExecutor` of src/shell/ensemble.ts
 * (the Redis queue of a later issue) becomes a Runner with `executorRunner`.
 * Faces never build a runner themselves: they take `defaultRunner(workers)`
 * or one given to them (the server holds one for its jobs).
 */
import { availableParallelism } from 'node:os';
import type { ArmAccumulator } from '../core/ensemble/accumulator.js';
import type { DesignPoint } from '../core/ensemble/chunk.js';
import type { PerRunRow } from '../core/ensemble/per-run.js';
import type { BatchExecutor } from '../shell/ensemble.js';

/** One resolved scenario (framework and levers applied) and the defence profiles it names. */
export type { DesignPoint };

/** Design points made on demand; `get` is called in increasing order. */
export interface PointSource {
  count: number;
  get(index: number): DesignPoint;
}

export interface RunnerJob {
  points: readonly DesignPoint[] | PointSource;
  /** Replicates per point. */
  runs: number;
  seed: number;
  /** Horizon in days (default: the first point's scenario horizon). */
  days?: number;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  onPointDone?: (point: number, acc: ArmAccumulator) => void;
  /** Each run's row (src/core/ensemble/per-run.ts), chunk by chunk in (point, replicate) order; asking for them costs a little per run. */
  onRuns?: (point: number, rows: PerRunRow[]) => void;
  signal?: AbortSignal;
}

export interface Runner {
  /** Parallelism, for timings and messages. */
  readonly workers: number;
  /** Every point's accumulator, for designs small enough to hold (arms, facts). */
  run(job: RunnerJob): Promise<ArmAccumulator[]>;
  /** Each point's accumulator to `onPointDone`, in point order, kept nowhere (sweeps, sensitivity). */
  stream(job: RunnerJob): Promise<void>;
}

/** One default for every face: the machine's cores, at most 16. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 16));
}

/** Runs through src/shell/ensemble.ts with the given executor (default: the local pool); loaded on first use so short commands stay fast. */
export function executorRunner(workers: number, executor?: () => BatchExecutor): Runner {
  const options = (job: RunnerJob) => ({
    runs: job.runs,
    seed: job.seed,
    workers,
    days: job.days,
    onProgress: job.onProgress,
    onPointDone: job.onPointDone,
    onRuns: job.onRuns,
    signal: job.signal,
    executor: executor?.(),
  });
  return {
    workers,
    async run(job) {
      const { runEnsemble } = await import('../shell/ensemble.js');
      return runEnsemble(job.points, options(job));
    },
    async stream(job) {
      const { streamEnsemble } = await import('../shell/ensemble.js');
      return streamEnsemble(job.points, options(job));
    },
  };
}

/** The thread pool (piscina) on this machine: the main thread for one worker. */
export function threadPoolRunner(workers: number = defaultWorkers()): Runner {
  return executorRunner(workers);
}

export const defaultRunner = threadPoolRunner;
