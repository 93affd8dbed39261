/** A server job's progress in runs. */
import type { Job } from '../../src/app/contract.js';

export function JobProgress({ job, id, label }: { job: Job | null; id: string; label: string }) {
  if (!job || job.status !== 'running') return null;
  return (
    <div class="progress">
      <progress id={id} max={job.total || 1} value={job.done} aria-label={label} /> {job.done}/{job.total} runs
    </div>
  );
}
