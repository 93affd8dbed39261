/** Long analyses as server jobs: started by a POST, polled by GET /api/jobs/ID, progress in runs. */
import type { Job, JobKind } from '../app/contract.js';
import { publicMessage } from './errors.js';

export class Jobs {
  private readonly jobs = new Map<string, Job>();
  private next = 1;

  /** Start `work` now; its progress and result land in the returned job. */
  start<R extends { experimentId?: number }>(kind: JobKind, total: number, work: (onProgress: (done: number, total: number) => void) => Promise<R>): Job<R> {
    const job: Job<R> = { id: String(this.next++), kind, status: 'running', done: 0, total };
    this.jobs.set(job.id, job as Job);
    // Let the POST answer first; then run.
    setImmediate(() => {
      work((d, t) => ((job.done = d), (job.total = t))).then(
        (result) => {
          job.result = result;
          job.experimentId = result.experimentId;
          job.status = 'done';
        },
        (err) => {
          job.status = 'error';
          job.error = publicMessage(err);
        },
      );
    });
    return job;
  }

  get(id: string): Job | undefined {
    return this.jobs.get(id);
  }
}
