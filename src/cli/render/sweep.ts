/** A sweep's first rows as a table. */
import { resumeAdvice, type SweepResume } from '../../app/contract.js';
import type { SweepOutput } from '../../app/sweep.js';
import { designHead } from '../../charts/posterior-note.js';
import { fmt, pct, prose, table } from './format.js';

/**
 * `status`: the stored sweep's, when `truce runs show` prints one that is not complete (interrupted, running), and
 * `resume` whether this build can resume it (sweepResume): `--resume` is suggested only when it would be accepted.
 */
export function renderSweep(o: SweepOutput, where: string, status = 'complete', resume?: SweepResume): string {
  const names = Object.keys(o.ranges);
  const rows = o.rows;
  const shown = rows
    .slice(0, 30)
    .map((r) => [
      r.point as number,
      ...names.map((n) => fmt(r[`lever_${n}`] as number, 3)),
      pct(r.p_collapse as number, 1),
      (r.median_day as number | null) ?? `> ${o.horizonDays}`,
      `$${(((r.mean_defender_cost_usd as number) ?? 0) / 1e6).toFixed(0)} M`,
    ]);
  // What was swept comes first: the base framework and the model (posterior or as written).
  const head = designHead({ ...o, per: 'per point' }).map((l) => prose(l) + '\n');
  return (
    head.join('') +
    table(['point', ...names, 'P(collapse)', 'median survival (days)', 'defender cost'], shown) +
    `${rows.length > 30 ? `\n... ${rows.length - 30} more (truce runs export ${o.experimentId})` : ''}\nsweep ${o.experimentId} ${status === 'complete' ? 'complete' : `${status}, not complete`}: ${rows.length} points stored in ${where}${status === 'complete' ? '' : resumeAdvice(o.experimentId, status, resume)}\n`
  );
}
