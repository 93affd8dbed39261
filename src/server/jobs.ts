/**
 * Long analyses as server jobs: started by a POST, polled by GET /api/jobs/ID
 * (progress in runs, with the rate and the time left at that rate), cancelled
 * by DELETE /api/jobs/ID, which aborts the runner's work (its workers stop
 * taking batches) and stores nothing for a comparison or a sensitivity
 * analysis; a sweep keeps the points it finished, as when interrupted on the
 * command line.
 */
import type { Job, JobKind } from '../app/contract.js';
import { HttpError, publicMessage } from './errors.js';

interface Entry {
  job: Job;
  controller: AbortController;
  started: number;
  ended?: number;
}

/** Jobs running at once: more would only queue on the same runner and hold memory. */
export const MAX_RUNNING_JOBS = 2;
/** Finished jobs kept for polling; older ones are forgotten. */
export const MAX_KEPT_JOBS = 50;

export class Jobs {
  private readonly jobs = new Map<string, Entry>();
  private next = 1;

  constructor(private readonly clock: () => number = () => performance.now()) {}

  /** Refuse a new job while the server is at its cap (429). */
  assertRoom(): void {
    const running = [...this.jobs.values()].filter((e) => e.job.status === 'running').length;
    if (running >= MAX_RUNNING_JOBS)
      throw new HttpError(
        429,
        `busy: ${running} jobs are running (at most ${MAX_RUNNING_JOBS} at once); wait for one to finish, or cancel one, and try again`,
      );
  }

  /** Start `work` now; its progress and result land in the returned job. */
  start<R extends { experimentId?: number }>(
    kind: JobKind,
    total: number,
    work: (onProgress: (done: number, total: number) => void, signal: AbortSignal) => Promise<R>,
  ): Job<R> {
    this.assertRoom();
    for (const [id, e] of this.jobs) {
      if (this.jobs.size < MAX_KEPT_JOBS) break;
      if (e.job.status !== 'running') this.jobs.delete(id);
    }
    const job: Job<R> = { id: String(this.next++), kind, status: 'running', done: 0, total };
    const entry: Entry = { job: job as Job, controller: new AbortController(), started: this.clock() };
    this.jobs.set(job.id, entry);
    // Let the POST answer first; then run.
    setImmediate(() => {
      if (entry.controller.signal.aborted) return;
      work((d, t) => ((job.done = d), (job.total = t)), entry.controller.signal).then(
        (result) => {
          entry.ended = this.clock();
          if (job.status === 'cancelled') return;
          job.result = result;
          job.experimentId = result.experimentId;
          job.status = 'done';
        },
        (err) => {
          entry.ended = this.clock();
          if (job.status === 'cancelled') return;
          job.status = 'error';
          job.error = publicMessage(err);
        },
      );
    });
    return this.view(entry) as Job<R>;
  }

  /** The job with its rate and time left, as of now. */
  get(id: string): Job | undefined {
    const entry = this.jobs.get(id);
    return entry && this.view(entry);
  }

  /** Abort a running job; a finished one is left as it is (409). */
  cancel(id: string): Job {
    const entry = this.jobs.get(id);
    if (!entry) throw new HttpError(404, `no job ${JSON.stringify(id)}`);
    if (entry.job.status !== 'running') throw new HttpError(409, `job ${id} is not running (${entry.job.status})`);
    entry.job.status = 'cancelled';
    entry.controller.abort();
    return this.view(entry);
  }

  private view(entry: Entry): Job {
    const { job } = entry;
    const elapsed = ((entry.ended ?? this.clock()) - entry.started) / 1000;
    const rate = job.done > 0 && elapsed > 0 ? job.done / elapsed : null;
    const eta =
      job.status === 'running' && rate ? Math.max(0, (job.total - job.done) / rate) : job.status === 'done' ? 0 : null;
    return { ...job, elapsedSeconds: elapsed, runsPerSecond: rate, etaSeconds: eta };
  }
}
