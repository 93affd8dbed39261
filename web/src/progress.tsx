/** A server job's progress in runs, with its rate and the time left at that rate. */
import type { Job } from '../../src/app/contract.js';

/** "1 min 05 s" / "12 s": a duration a person reads at a glance. */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s` : `${s} s`;
}

function rateText(job: Job): string {
  if (!job.runsPerSecond) return 'starting';
  return `${Math.round(job.runsPerSecond).toLocaleString('en-US')} runs/s, about ${duration(job.etaSeconds ?? 0)} left`;
}

export function JobProgress({ job, id, label }: { job: Job | null; id: string; label: string }) {
  if (!job || job.status !== 'running') return null;
  return (
    <div class="progress">
      <progress id={id} max={job.total || 1} value={job.done} aria-label={label} /> {job.done}/{job.total} runs (
      {rateText(job)})
    </div>
  );
}

/** At the top of the main pane, visible without scrolling: what is running, how fast, how long left, and a way to stop it. */
export function JobBanner({ job, what, onCancel }: { job: Job | null; what: string; onCancel: () => void }) {
  if (!job) return null;
  if (job.status === 'cancelled')
    return (
      <p class="job-banner" id="job-banner" role="status">
        The {what} was cancelled; nothing was stored.
      </p>
    );
  if (job.status !== 'running') return null;
  return (
    <div class="job-banner" id="job-banner" role="status" aria-live="polite">
      A {what} is running: <progress max={job.total || 1} value={job.done} aria-label={`${what} progress`} />{' '}
      {job.done.toLocaleString('en-US')} of {job.total.toLocaleString('en-US')} runs,{' '}
      <span id="job-rate">{rateText(job)}</span>.{' '}
      <button type="button" id="cancel-job" onClick={onCancel}>
        Cancel
      </button>
    </div>
  );
}
