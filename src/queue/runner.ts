/**
 * The queue as a Runner (src/app/runner.ts): each analysis opens a
 * coordinator (src/queue/coordinator.ts), streams its batches through the
 * queue and closes it; a calibration keeps one coordinator open for all its
 * tasks. Same contract as the thread pool: same accumulators
 * bit for bit, progress in runs, points handed over in order.
 */
import { abortable, type CaseSimulator, type Runner, type RunnerJob } from '../app/runner.js';
import type { CalibrationTask } from '../shell/calibration-worker.js';
import type { ConnectionReport } from './connection.js';
import { openQueueExecutor, type QueueExecutor, type QueueOptions, type QueueStats } from './coordinator.js';
import { caseSetKey } from './protocol.js';

export interface QueueRunnerOptions extends Omit<QueueOptions, 'report'> {
  report: ConnectionReport;
  /** Called about once a second while an analysis runs: jobs, reuse, workers. */
  onStats?: (s: QueueStats) => void;
}

export function queueRunner(opts: QueueRunnerOptions): Runner {
  let seen = 0;
  /** Open a coordinator; the returned `done` reports an interruption and closes it. */
  const open = async () => {
    const executor = await openQueueExecutor(opts);
    const tick = opts.onStats ? setInterval(() => opts.onStats!(executor.stats()), 1000) : null;
    const done = async (signal?: AbortSignal) => {
      if (signal?.aborted) {
        const s = executor.stats();
        opts.report(
          `queue: interrupted; ${s.jobsDone} job result(s) are committed in Redis and the queued jobs stay queued: run the same command again to resume without recomputing them`,
        );
      }
      if (tick) clearInterval(tick);
      seen = Math.max(seen, executor.stats().workersSeen);
      await executor.close();
    };
    return { executor, done };
  };
  const within = async <T>(job: RunnerJob, go: (executor: QueueExecutor) => Promise<T>): Promise<T> => {
    const { executor, done } = await open();
    try {
      return await go(executor);
    } finally {
      await done(job.signal);
    }
  };
  const options = (job: RunnerJob, executor: QueueExecutor) => ({
    runs: job.runs,
    seed: job.seed,
    workers: 1,
    days: job.days,
    onProgress: job.onProgress,
    onPointDone: job.onPointDone,
    onRuns: job.onRuns,
    signal: job.signal,
    executor,
  });
  return {
    /** Workers seen by the last analysis (for messages; the queue's parallelism is whatever joins). */
    get workers() {
      return Math.max(1, seen);
    },
    run: (job) =>
      within(job, async (executor) => {
        const { runEnsemble } = await import('../shell/ensemble.js');
        return runEnsemble(job.points, options(job, executor));
      }),
    stream: (job) =>
      within(job, async (executor) => {
        const { streamEnsemble } = await import('../shell/ensemble.js');
        return streamEnsemble(job.points, options(job, executor));
      }),
    async cases(data, signal): Promise<CaseSimulator> {
      const { executor, done } = await open();
      const key = caseSetKey(data);
      const run = (task: CalibrationTask) => executor.runCases(key, data, task);
      return abortable({ run: run as CaseSimulator['run'], close: () => done(signal) }, signal);
    },
  };
}
