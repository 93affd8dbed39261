/**
 * `truce worker`: take batches from the queue, run them on a pool of threads
 * (the same batch runner as the local pool, src/shell/ensemble-worker.ts, or
 * for calibration tasks src/shell/calibration-worker.ts) and
 * commit each result under its job id, first writer wins
 * (src/queue/protocol.ts). The simulation runs off the main thread, so the
 * main thread keeps renewing job locks however long a batch takes; a worker
 * that dies loses its lock and the job is handed to another worker after
 * `stallSeconds`.
 */
import { hostname } from 'node:os';
import { Piscina } from 'piscina';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type { ArmAccumulator } from '../core/ensemble/accumulator.js';
import { encodeAccumulators } from '../core/ensemble/chunk.js';
import { workerFile } from '../shell/ensemble.js';
import { calibrationWorkerFile } from '../shell/calibration-pool.js';
import { checkServer, connect, ready, type ConnectionReport } from './connection.js';
import {
  commitResult,
  DeterminismError,
  encodeValues,
  engineId,
  PREFIX,
  QUEUE_NAME,
  WORKERS_SET,
  workerKey,
  type JobData,
} from './protocol.js';

export interface WorkerOptions {
  url: string;
  /** A CA file for rediss:// (default: $TRUCE_REDIS_CA). */
  ca?: string;
  concurrency: number;
  /** Seconds without a lock renewal after which a job is taken over (default 30). */
  stallSeconds?: number;
  report: ConnectionReport;
  /** Called as a job starts running. */
  onStart?: (jobId: string) => void;
  /** Called after each job: committed (first result) or confirmed (an identical duplicate). */
  onJob?: (e: { jobId: string; outcome: 'committed' | 'confirmed'; runs: number; seconds: number }) => void;
  onFatal?: (err: Error) => void;
}

export interface RunningWorker {
  id: string;
  engine: string;
  close(): Promise<void>;
}

const HEARTBEAT_MS = 3000;

/** Runs of a job: an ensemble batch's replicates, or a calibration task's runs over its cases. */
function runsOf(data: JobData): number {
  if (data.batch) return data.batch.chunks.reduce((t, c) => t + c.to - c.from, 0);
  const { task, data: set } = data.cases;
  return task.kind === 'loglik' ? task.runs * set.cases.filter((c) => c.target !== null).length : task.runs;
}
export const HEARTBEAT_TTL_SECONDS = 15;

export async function startWorker(opts: WorkerOptions): Promise<RunningWorker> {
  const engine = engineId();
  const id = `${hostname()}:${process.pid}`;
  const redis = connect(opts.url, { name: 'worker', report: opts.report, onGiveUp: opts.onFatal, ca: opts.ca });
  try {
    await ready(redis, opts.url);
    await checkServer(redis, opts.url);
  } catch (err) {
    redis.disconnect();
    throw err;
  }
  const pool = new Piscina({
    filename: workerFile(),
    minThreads: opts.concurrency,
    maxThreads: opts.concurrency,
    idleTimeout: 60_000,
    resourceLimits: { maxOldGenerationSizeMb: 128 },
  });
  const started = new Date().toISOString();
  let done = 0;
  let running = 0;
  const heartbeat = async () => {
    const info = JSON.stringify({
      id,
      host: hostname(),
      pid: process.pid,
      concurrency: opts.concurrency,
      engine,
      started,
      jobsDone: done,
      running,
      seen: new Date().toISOString(),
    });
    await redis.multi().set(workerKey(id), info, 'EX', HEARTBEAT_TTL_SECONDS).sadd(WORKERS_SET, id).exec();
  };
  await heartbeat();
  const beat = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_MS);

  const processor = async (job: Job<JobData>) => {
    if (job.data.engine !== engine) {
      throw new UnrecoverableError(
        `engine mismatch: this job was submitted by truce ${job.data.engine}, this worker (${id}) runs ${engine}; run the same build on the coordinator and the workers`,
      );
    }
    const t0 = Date.now();
    running++;
    opts.onStart?.(job.id!);
    try {
      const { batch, cases } = job.data;
      const encoded = batch
        ? encodeAccumulators((await pool.run(batch)) as ArmAccumulator[])
        : encodeValues(
            (await pool.run(cases, { filename: calibrationWorkerFile(), name: 'runTaskWithData' })) as
              Float64Array | Int32Array,
          );
      let outcome: 'committed' | 'confirmed';
      try {
        outcome = await commitResult(redis, job.id!, encoded);
      } catch (err) {
        if (err instanceof DeterminismError) throw new UnrecoverableError(err.message);
        throw err;
      }
      done++;
      opts.onJob?.({
        jobId: job.id!,
        outcome,
        runs: runsOf(job.data),
        seconds: (Date.now() - t0) / 1000,
      });
      return outcome;
    } finally {
      running--;
    }
  };

  const stallMs = (opts.stallSeconds ?? 30) * 1000;
  const worker = new Worker<JobData>(QUEUE_NAME, processor, {
    connection: redis,
    prefix: PREFIX,
    concurrency: opts.concurrency,
    lockDuration: stallMs,
    stalledInterval: Math.max(500, Math.floor(stallMs / 2)),
    // A job whose worker keeps dying is retried this many times before it fails.
    maxStalledCount: 5,
    autorun: true,
  });
  worker.on('error', (err) => opts.report(`worker: ${err.message}`));
  await worker.waitUntilReady();

  let closing: Promise<void> | null = null;
  return {
    id,
    engine,
    close() {
      closing ??= (async () => {
        clearInterval(beat);
        await worker.close();
        await pool.destroy();
        await redis
          .multi()
          .del(workerKey(id))
          .srem(WORKERS_SET, id)
          .exec()
          .catch(() => undefined);
        redis.disconnect();
      })();
      return closing;
    },
  };
}
