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
    const whole = r.trajectory[0];
    const said = `The whole swept space already has density ${fmt(whole.density, 3)} >= ${r.minDensity} (${r.pointsOfInterest} of ${r.points} points are of interest)`;
    if (r.wholeSpaceMeetsDensity && b.step > 0)
      out.push(
        `${said}, so the box of highest coverage would be all of it. Reported instead: the box of highest coverage with density >= ${r.minDensity} among those that restrict a lever; the trajectory above trades coverage for density (--min-density 1 asks for a box with no point outside the threshold).`,
      );
    else if (r.wholeSpaceMeetsDensity && r.pointsOfInterest === r.points)
      out.push(
        `Every point is of interest: P(collapse by day ${r.day}) < ${r.threshold} everywhere in the swept space, so there is no boundary to find.`,
      );
    else if (r.wholeSpaceMeetsDensity) out.push(`${said}; no box that restricts a lever reaches that density.`);
    out.push(
      `Reported box (step ${b.step}: highest coverage with density >= ${r.minDensity}${r.wholeSpaceMeetsDensity && b.step > 0 ? ' among the boxes that restrict a lever' : ''}): ${limitsText(b, r.levers)}`,
    );
    out.push(
      `  coverage ${fmt(b.coverage, 3)}, density ${fmt(b.density, 3)}, ${b.cases} of ${r.points} points; P(collapse by day ${r.day}) over the box's runs ${pct(b.pCollapse.estimate)} [${pct(b.pCollapse.lo)}, ${pct(b.pCollapse.hi)}]`,
    );
  } else out.push(`No box reaches density ${r.minDensity}: lower --min-density, or widen the sweep.`);
  return out.join('\n') + '\n';
}
