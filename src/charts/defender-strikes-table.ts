/**
 * The defender side's own fire as tables (docs/analysis.md, "Costs"): an armed defender's strikes and its proxies'
 * attacks, the same captions, columns and numbers in `truce compare` (src/cli/render/compare.ts) and the dashboard's
 * comparison view. Pure, so the browser bundle can use it.
 */
import type { ArmSummary } from '../core/ensemble/summarize.js';
import { BINNED_QUANTILES, type DistributionSummary } from '../core/ensemble/histogram.js';
import { fmt } from './format.js';

export interface StrikesTable {
  id: 'defender-strikes' | 'defender-opening-strikes';
  caption: string;
  header: string[];
  /** One row per arm; the first cell is the arm's label (with its collapsed runs in the opening table). */
  rows: { arm: string; cells: string[] }[];
  /** Which columns are numbers (right-aligned in text). */
  numeric: boolean[];
}

type Arm = Pick<ArmSummary, 'label' | 'runs' | 'distributions' | 'defenderStrikes'>;

const mean = (x: DistributionSummary | undefined, scale = 1) => (!x || x.mean === null ? '-' : fmt(x.mean / scale, 0));
/** Median [5th, 95th percentile], whole units. */
const median = (x: DistributionSummary | undefined, scale = 1) =>
  !x || x.p50 === null ? '-' : `${fmt(x.p50 / scale, 0)} [${fmt(x.p05! / scale, 0)}, ${fmt(x.p95! / scale, 0)}]`;

/**
 * The tables, none when no arm's defender side fired (so a comparison without any keeps its text): whole runs over
 * all runs, and, when some collapse opened with the defender's own salvo, that salvo over collapsed runs.
 */
export function defenderStrikesTables(arms: readonly Arm[]): StrikesTable[] {
  if (!arms.some((a) => (a.defenderStrikes?.runsStruck ?? 0) > 0)) return [];
  const out: StrikesTable[] = [
    {
      id: 'defender-strikes',
      caption:
        "The defender side's own fire at its adversaries (an armed defender's limited strikes and pre-emptive strike, and the attacks of proxies whose target is a revisionist), in none of the tables above: whole runs, over all runs; the runs in which it fired, the threats that got through, the adversaries' interceptors fired at it and their cost, the defender's munitions (a proxy's are not costed); means, exact; costs in USD million",
      header: [
        'arm',
        'runs fired in',
        'leakers, mean',
        'interceptors, mean',
        'interceptor cost, mean',
        'munitions cost, mean',
      ],
      rows: arms.map((a) => {
        const s = a.defenderStrikes;
        if (!s) return { arm: a.label, cells: [a.label, '-', '-', '-', '-', '-'] };
        const d = s.distributions;
        return {
          arm: a.label,
          cells: [
            a.label,
            `${s.runsStruck} of ${a.runs}`,
            mean(d.leakers),
            mean(d.interceptorsUsed),
            mean(d.interceptorCostUsd, 1e6),
            mean(d.munitionsCostUsd, 1e6),
          ],
        };
      }),
      numeric: [false, true, true, true, true, true],
    },
  ];
  if (arms.some((a) => (a.defenderStrikes?.openingStrikes ?? 0) > 0))
    out.push({
      id: 'defender-opening-strikes',
      caption: `The defender's pre-emptive strike in the opening exchange, its own salvo (not in the opening-exchange table above): the collapses it flew in, the threats that got through, the adversary's interceptors and their cost, the defender's munitions; over collapsed runs (0 when it did not fly): median [5th, 95th percentile], ${BINNED_QUANTILES}; costs in USD million`,
      header: ['arm (collapsed runs)', 'strikes', 'leakers', 'interceptors', 'interceptor cost', 'munitions cost'],
      rows: arms.map((a) => {
        const s = a.defenderStrikes;
        if (!s)
          return { arm: a.label, cells: [`${a.label} (${a.distributions.openingLeakers.n})`, '-', '-', '-', '-', '-'] };
        const d = s.distributions;
        return {
          arm: a.label,
          cells: [
            `${a.label} (${d.openingStrikeLeakers.n})`,
            String(s.openingStrikes),
            median(d.openingStrikeLeakers),
            median(d.openingStrikeInterceptors),
            median(d.openingStrikeInterceptorCostUsd, 1e6),
            median(d.openingStrikeCostUsd, 1e6),
          ],
        };
      }),
      numeric: [false, true, true, true, true, true],
    });
  return out;
}
