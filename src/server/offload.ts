/**
 * Validation and simulation off the event loop: the dashboard's check, run
 * and campaign requests (and the scenario check of every job) run in a small
 * pool of task threads, each with a time limit and a heap limit. A request
 * that exceeds them is answered 422 with a sentence and its thread replaced;
 * the event loop keeps serving every other request meanwhile.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { PACKAGE_ROOT } from '../io/paths.js';
import { HttpError } from './errors.js';
import type { Op } from './ops.js';
import type { TaskResult } from './task.js';

export interface OffloadLimits {
  /** Wall time of one task, ms. */
  taskMs: number;
  /** Heap of one task thread, MB. */
  heapMb: number;
  threads: number;
  /** Tasks waiting for a thread; beyond it the server answers 503. */
  queue: number;
}

export const DEFAULT_OFFLOAD: OffloadLimits = { taskMs: 30_000, heapMb: 256, threads: 2, queue: 32 };

export class Offload {
  private readonly pool: Piscina;
  constructor(private readonly limits: OffloadLimits = DEFAULT_OFFLOAD) {
    const built = resolve(PACKAGE_ROOT, 'dist', 'server', 'task.js');
    if (!existsSync(built)) throw new Error('server task module missing in dist/server: run npm run build');
    this.pool = new Piscina({
      filename: pathToFileURL(built).href,
      minThreads: 1,
      maxThreads: limits.threads,
      maxQueue: limits.queue,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: limits.heapMb },
    });
  }

  /** Run one operation in a task thread; `taskMs` raises the time limit for an operation that needs longer. */
  async run(op: Op, body: unknown, taskMs = this.limits.taskMs): Promise<unknown> {
    let r: TaskResult;
    try {
      r = (await this.pool.run({ op, body }, { signal: AbortSignal.timeout(taskMs) })) as TaskResult;
    } catch (err) {
      const e = err as Error & { code?: string };
      if (e.name === 'AbortError' || e.name === 'TimeoutError')
        throw new HttpError(
          422,
          `refused: this request took longer than the dashboard's limit of ${taskMs / 1000} s per request; ask for less, or use the command line`,
        );
      if (/queue is full/i.test(e.message))
        throw new HttpError(503, 'busy: too many requests are waiting; try again shortly');
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' || /out of memory|heap/i.test(e.message))
        throw new HttpError(
          422,
          `refused: this request needed more than the dashboard's ${this.limits.heapMb} MB per request; ask for less, or use the command line`,
        );
      throw err;
    }
    if (r.ok) return r.value;
    const { error, ...details } = r.body;
    throw new HttpError(r.status, String(error), details);
  }

  close(): Promise<void> {
    return this.pool.destroy();
  }
}
