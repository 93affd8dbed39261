/** Shape stored results into chart rows (shared by the dashboard and the report). */
import type { ArmSummary } from '../core/ensemble/summarize.js';
import type { ProportionRow } from './charts.js';

export function proportionRows(arms: ArmSummary[]): ProportionRow[] {
  return arms.flatMap((a) =>
    Object.entries(a.pCollapseBy).map(([d, p]) => ({
      arm: a.label,
      day: Number(d),
      estimate: p.estimate,
      lo: p.lo,
      hi: p.hi,
    })),
  );
}

export function attributionRows(arms: ArmSummary[]) {
  return arms
    .filter((a) => a.collapsed > 0)
    .flatMap((a) => Object.entries(a.attribution).map(([key, share]) => ({ arm: a.label, key, share })));
}

/** The causal shares (docs/model/attribution.md) of the arms with replayed collapses; n: the collapses replayed. */
export function causalAttributionRows(arms: ArmSummary[]) {
  return arms
    .filter((a) => (a.causalSample?.collapses ?? 0) > 0)
    .flatMap((a) =>
      Object.entries(a.causalAttribution).map(([key, share]) => ({
        arm: a.label,
        key,
        share,
        n: a.causalSample.collapses,
      })),
    );
}

export function firstCrosserRows(arms: ArmSummary[]) {
  return arms
    .filter((a) => a.collapsed > 0)
    .flatMap((a) => Object.entries(a.firstCrosser).map(([key, share]) => ({ arm: a.label, key, share })));
}

export function distributionRows(arms: ArmSummary[], metric: keyof ArmSummary['distributions'], scale = 1) {
  return (
    arms
      // A result stored by an earlier version may lack a metric added since.
      .filter((a) => (a.distributions[metric]?.n ?? 0) > 0 && a.distributions[metric].p50 !== null)
      .map((a) => {
        const d = a.distributions[metric];
        return { arm: a.label, p05: d.p05! / scale, p50: d.p50! / scale, p95: d.p95! / scale, mean: d.mean! / scale };
      })
  );
}

/** CSV of any list of flat rows (chart data export): the one CSV writer of src/io/csv.ts. */
export { toCsv as rowsToCsv } from '../io/csv.js';
