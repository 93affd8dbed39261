/** `truce discover` as text: the peeling trajectory and the reported box. */
import type { DiscoverBox, DiscoverResult } from '../../core/analysis/discover.js';
import { fmt, pct, table } from './format.js';

function limitsText(b: DiscoverBox, levers: string[]): string {
  if (b.restricted.length === 0) return 'all of the swept space';
  return levers
    .filter((l) => b.restricted.includes(l))
    .map((l) => `${l} in [${fmt(b.limits[l][0], 3)}, ${fmt(b.limits[l][1], 3)}]`)
    .join(', ');
}

export function renderDiscover(id: number, r: DiscoverResult): string {
  const out = [
    `Scenario discovery (PRIM) over sweep ${id}: ${r.points} design points; of interest: P(collapse by day ${r.day}) < ${r.threshold} (${r.pointsOfInterest} points).`,
    '',
    "Peeling trajectory (coverage: share of the points of interest inside the box; density: share of the box's points that are of interest):",
    table(
      ['step', 'coverage', 'density', 'points', `P(collapse by ${r.day}) in box [95%]`, 'box'],
      r.trajectory.map((b) => [
        b.step,
        fmt(b.coverage, 3),
        fmt(b.density, 3),
        b.cases,
        `${pct(b.pCollapse.estimate)} [${pct(b.pCollapse.lo)}, ${pct(b.pCollapse.hi)}]`,
        limitsText(b, r.levers),
      ]),
      [true, true, true, true, true, false],
    ),
    '',
  ];
  if (r.chosen) {
    const b = r.chosen;
    out.push(
      `Reported box (step ${b.step}: highest coverage with density >= ${r.minDensity}): ${limitsText(b, r.levers)}`,
    );
    out.push(
      `  coverage ${fmt(b.coverage, 3)}, density ${fmt(b.density, 3)}, ${b.cases} of ${r.points} points; P(collapse by day ${r.day}) over the box's runs ${pct(b.pCollapse.estimate)} [${pct(b.pCollapse.lo)}, ${pct(b.pCollapse.hi)}]`,
    );
  } else out.push(`No box reaches density ${r.minDensity}: lower --min-density, or widen the sweep.`);
  return out.join('\n') + '\n';
}
