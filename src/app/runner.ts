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
 * Calibration, validation and forecasts simulate cases of the case library
 * rather than design points: `cases` opens a simulator for one case set whose
 * tasks (one parameter vector's per-case log-likelihoods, or one case's
 * durations under posterior draws) name their own seeds and replicates, so
 * their results too are the same wherever they run.
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
import type { CalibrationData, CalibrationTask } from '../shell/calibration-worker.js';

export type { CalibrationData, CalibrationTask };

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

/** Runs calibration tasks over one case set; results depend on the task only, never on where it ran. */
export interface CaseSimulator {
  run(task: CalibrationTask & { kind: 'loglik' }): Promise<Float64Array>;
  run(task: CalibrationTask & { kind: 'durations' }): Promise<Int32Array>;
  close(): Promise<void>;
}

export interface Runner {
  /** Parallelism, for timings and messages. */
  readonly workers: number;
  /** Every point's accumulator, for designs small enough to hold (arms, facts). */
  run(job: RunnerJob): Promise<ArmAccumulator[]>;
  /** Each point's accumulator to `onPointDone`, in point order, kept nowhere (sweeps, sensitivity). */
  stream(job: RunnerJob): Promise<void>;
  /** A simulator for the calibration tasks of one case set (calibrate, validate, forecast); tasks reject soon after `signal` aborts. */
  cases(data: CalibrationData, signal?: AbortSignal): Promise<CaseSimulator>;
}

/** Reject a simulator's tasks as soon as `signal` aborts (the work itself stops when the simulator closes). */
export function abortable(sim: CaseSimulator, signal?: AbortSignal): CaseSimulator {
  if (!signal) return sim;
  // One listener for all tasks (a calibration has hundreds in flight).
  const outstanding = new Set<(err: Error) => void>();
  const onAbort = () => {
    for (const reject of outstanding) reject(new Error('aborted'));
    outstanding.clear();
  };
  signal.addEventListener('abort', onAbort, { once: true });
  const run = (task: CalibrationTask) =>
    new Promise((resolve, reject) => {
      if (signal.aborted) return reject(new Error('aborted'));
      outstanding.add(reject);
      (sim.run as (t: CalibrationTask) => Promise<unknown>)(task).then(
        (r) => (outstanding.delete(reject), resolve(r)),
        (e: unknown) => (outstanding.delete(reject), reject(e as Error)),
      );
    });
  return {
    run: run as CaseSimulator['run'],
    close: () => (signal.removeEventListener('abort', onAbort), sim.close()),
  };
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
    async cases(data, signal) {
      const { calibrationPool } = await import('../shell/calibration-pool.js');
      const pool = calibrationPool(data, workers);
      return abortable({ run: pool.run, close: () => pool.destroy() }, signal);
    },
  };
}

/** The thread pool (piscina) on this machine: the main thread for one worker. */
export function threadPoolRunner(workers: number = defaultWorkers()): Runner {
  return executorRunner(workers);
}

export const defaultRunner = threadPoolRunner;
