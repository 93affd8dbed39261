/**
 * The coordinator's side of the queue: a batch executor (src/shell/ensemble.ts)
 * that submits each batch as a BullMQ job and resolves with the committed
 * result. The ensemble streams batches through it in (point, chunk) order and
 * folds the results in that order, so the answer is the local pool's byte for
 * byte, whoever computed each batch and however often.
 *
 * - A batch whose result is already committed (an earlier, interrupted run of
 *   the same command, or another coordinator's) is read, not recomputed.
 * - Submitting a batch that is already queued is a no-op (same job id).
 * - A job that failed in an earlier run gets one fresh set of attempts; a job
 *   that fails for good in this run fails the analysis with its error.
 * - Results are watched through queue events and, as a fallback that survives
 *   lost events and Redis restarts, by polling the pending jobs; a job that
 *   vanished (Redis restarted without persistence) is submitted again.
 */
import { Queue, QueueEvents } from 'bullmq';
import type { ArmAccumulator } from '../core/ensemble/accumulator.js';
import { decodeAccumulators, type ChunkBatch, type ChunkRange } from '../core/ensemble/chunk.js';
import type { BatchExecutor } from '../shell/ensemble.js';
import type { CalibrationData, CalibrationTask } from '../shell/calibration-worker.js';
import { checkServer, connect, ready, redactUrl, type ConnectionReport } from './connection.js';
import {
  caseJobIdOf,
  decodeValues,
  describeBatch,
  describeCaseTask,
  engineId,
  JOB_NAME,
  jobIdOf,
  PREFIX,
  QUEUE_NAME,
  readResultText,
  WORKERS_SET,
  workerKey,
  type JobData,
} from './protocol.js';

/**
 * Runs per job. Chosen from bench/queue.js: at 250 runs (a quarter of a
 * second) the queue's fixed cost per job is visible; from about a second of
 * work per job it is within a few per cent of the local pool.
 */
export const DEFAULT_RUNS_PER_JOB = 1000;
/** Jobs submitted ahead of the fold: enough to keep many workers busy, few enough to bound memory. */
export const DEFAULT_WINDOW = 64;

export interface QueueOptions {
  url: string;
  /** A CA file for rediss:// (default: $TRUCE_REDIS_CA). */
  ca?: string;
  report: ConnectionReport;
  runsPerJob?: number;
  window?: number;
  /** Attempts per job before it fails for good (default 3, 1 s then 2 s apart). */
  attempts?: number;
  pollMs?: number;
}

export interface QueueStats {
  /** Jobs whose results were folded or are ready. */
  jobsDone: number;
  /** Of those, results found already committed (not recomputed by this run). */
  reused: number;
  /** Workers with a live heartbeat now. */
  workersAlive: number;
  /** Distinct workers seen alive during this run. */
  workersSeen: number;
}

export interface QueueExecutor extends BatchExecutor {
  readonly engine: string;
  stats(): QueueStats;
  /** A calibration task over a case set (src/app/simulate-cases.ts), run by a worker; same values as the local pool. */
  runCases(key: string, data: CalibrationData, task: CalibrationTask): Promise<Float64Array | Int32Array>;
}

interface Waiter {
  resolve: (text: string) => void;
  reject: (err: Error) => void;
}

/** A job this coordinator waits for; several waiters when the same work is asked for twice (its id is its content). */
interface Pending {
  id: string;
  label: string;
  data: JobData;
  waiters: Waiter[];
}

export class JobFailedError extends Error {}

export async function openQueueExecutor(opts: QueueOptions): Promise<QueueExecutor> {
  const engine = engineId();
  let fatal: Error | null = null;
  const pendingById = new Map<string, Pending>();
  const failAll = (err: Error) => {
    fatal ??= err;
    for (const p of pendingById.values()) p.waiters.forEach((w) => w.reject(err));
    pendingById.clear();
  };
  const redis = connect(opts.url, { name: 'coordinator', report: opts.report, onGiveUp: failAll, ca: opts.ca });
  try {
    await ready(redis, opts.url);
    await checkServer(redis, opts.url);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const queue = new Queue<JobData>(QUEUE_NAME, { connection: redis, prefix: PREFIX });
  const eventsRedis = connect(opts.url, { name: 'events', report: opts.report, ca: opts.ca });
  const events = new QueueEvents(QUEUE_NAME, { connection: eventsRedis, prefix: PREFIX });
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  await events.waitUntilReady();
  const attempts = opts.attempts ?? 3;
  const retried = new Set<string>();
  const seen = new Set<string>();
  let alive = 0;
  let jobsDone = 0;
  let reused = 0;

  const settle = (p: Pending, text: string) => {
    if (!pendingById.delete(p.id)) return;
    jobsDone++;
    p.waiters.forEach((w) => w.resolve(text));
  };

  const add = (p: Pending) =>
    queue.add(JOB_NAME, p.data, {
      jobId: p.id,
      attempts,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: false,
    });

  /** Look at one pending job: its result, or its failure, or its absence. */
  const inspect = async (p: Pending, mayResubmit: boolean) => {
    const text = await readResultText(redis, p.id);
    if (text !== null) return settle(p, text);
    const state = await queue.getJobState(p.id);
    if (state === 'failed') {
      const job = await queue.getJob(p.id);
      if (!pendingById.has(p.id)) return;
      pendingById.delete(p.id);
      const err = new JobFailedError(
        `job ${p.id} (${p.label}) failed after ${job?.attemptsMade ?? attempts} attempt(s): ${job?.failedReason ?? 'no reason recorded'}`,
      );
      p.waiters.forEach((w) => w.reject(err));
    } else if ((state === 'unknown' || state === 'completed') && mayResubmit) {
      // Completed without a result only if the result expired; unknown if Redis lost the job.
      const again = await readResultText(redis, p.id);
      if (again !== null) return settle(p, again);
      await add(p);
    }
  };

  events.on('completed', ({ jobId }) => {
    const p = pendingById.get(jobId);
    if (p) void inspect(p, false).catch(() => undefined);
  });
  events.on('failed', ({ jobId }) => {
    const p = pendingById.get(jobId);
    if (p) void inspect(p, false).catch(() => undefined);
  });

  const refreshWorkers = async () => {
    const ids = await redis.smembers(WORKERS_SET);
    if (ids.length === 0) return void (alive = 0);
    const infos = await redis.mget(ids.map(workerKey));
    const gone = ids.filter((_, i) => infos[i] === null);
    if (gone.length > 0) await redis.srem(WORKERS_SET, ...gone);
    alive = ids.length - gone.length;
    ids.forEach((id, i) => infos[i] !== null && seen.add(id));
  };

  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      await refreshWorkers();
      for (const p of [...pendingById.values()]) await inspect(p, true);
    } catch {
      // Connection trouble is reported by the connection itself; the next poll tries again.
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), opts.pollMs ?? 1000);
  await refreshWorkers();

  /**
   * Wait for the result of a job: read it if committed, else queue the job (a
   * no-op if it is queued already) and wait. `decode` turns the committed text
   * into the caller's values.
   */
  const submit = <T>(id: string, label: string, data: JobData, decode: (text: string) => T): Promise<T> => {
    if (fatal) return Promise.reject(fatal);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: (text) => {
          try {
            resolve(decode(text));
          } catch (err) {
            reject(new Error(`result of job ${id} (${label}) is unreadable: ${(err as Error).message}`));
          }
        },
        reject,
      };
      const already = pendingById.get(id);
      if (already) return void already.waiters.push(waiter);
      const p: Pending = { id, label, data, waiters: [waiter] };
      pendingById.set(id, p);
      void (async () => {
        const text = await readResultText(redis, id);
        if (text !== null) {
          reused++;
          return settle(p, text);
        }
        await add(p);
        const state = await queue.getJobState(id);
        if (state === 'failed' && !retried.has(id)) {
          // Failed in an earlier run: one fresh set of attempts for this run.
          retried.add(id);
          const job = await queue.getJob(id);
          await job?.retry('failed');
        } else await inspect(p, false);
      })().catch((err: Error) => {
        if (!pendingById.delete(id)) return;
        const e = new Error(`submitting job ${id} to ${redactUrl(opts.url)}: ${err.message}`);
        p.waiters.forEach((w) => w.reject(e));
      });
    });
  };

  return {
    engine,
    window: opts.window ?? DEFAULT_WINDOW,
    runsPerBatch: opts.runsPerJob ?? DEFAULT_RUNS_PER_JOB,
    stats: () => ({ jobsDone, reused, workersAlive: alive, workersSeen: seen.size }),
    run(batch: ChunkBatch, _index: number, ranges: readonly ChunkRange[]): Promise<ArmAccumulator[]> {
      const label = describeBatch([...new Set(ranges.map((r) => r.point))], batch);
      return submit(jobIdOf(engine, batch), label, { engine, batch }, decodeAccumulators);
    },
    runCases(key: string, data: CalibrationData, task: CalibrationTask) {
      return submit(
        caseJobIdOf(engine, key, task),
        describeCaseTask(task),
        { engine, cases: { key, data, task } },
        decodeValues,
      );
    },
    async close() {
      clearInterval(timer);
      const timeout = new Promise((r) => setTimeout(r, 2000).unref());
      await Promise.race([Promise.all([events.close(), queue.close()]).catch(() => undefined), timeout]);
      redis.disconnect();
      eventsRedis.disconnect();
    },
  };
}
