/** The comparison as text: P(collapse by day), who and why, the opening exchange, hazard ratios, survival curves. */
import type { ComparisonOutput } from '../../app/compare.js';
import { describePosterior, INTERVAL_CAPTION } from '../../charts/posterior-note.js';
import { formatPValue } from '../../charts/format.js';
import { fmt, pct, prose, table } from './format.js';
import { survivalPlot } from './plot.js';

const ci = (p: { estimate: number; lo: number; hi: number }) =>
  `${pct(p.estimate, 1)} [${pct(p.lo, 1)}, ${pct(p.hi, 1)}]`;

type Ratio = { hazardRatio: number | null; hrLo: number | null; hrHi: number | null; note?: string };
const ratio = (x: Ratio, missing = x.note ?? 'not estimable') =>
  x.hazardRatio === null ? missing : `${fmt(x.hazardRatio, 2)} [${fmt(x.hrLo!, 2)}, ${fmt(x.hrHi!, 2)}]`;

/**
 * Hazard ratios against the first arm: by window of days and over the whole
 * horizon, with the proportional-hazards check. When the check rejects, the
 * windows come first and the single ratio is marked (docs/analysis.md,
 * "Proportional hazards"). Results stored before the check have no windows.
 */
function renderHazards(comparisons: ComparisonOutput['comparisons']): string[] {
  const windows = comparisons[0].hazardRatioWindows ?? [];
  const rejected = comparisons.filter((c) => c.proportionalHazards?.rejected).map((c) => c.b);
  const whole = (c: (typeof comparisons)[number]) =>
    ratio(c) + (c.proportionalHazards?.rejected ? ' (hazards not proportional)' : '');
  const windowCells = (c: (typeof comparisons)[number]) =>
    windows.map((_, i) => {
      const w = c.hazardRatioWindows?.[i];
      return w ? ratio(w, 'not estimable') : '-';
    });
  const ph = (c: (typeof comparisons)[number]) => (c.proportionalHazards ? formatPValue(c.proportionalHazards.p) : '-');
  const windowHeads = windows.map((w) => `days ${w.from}-${w.to}`);
  const lead = rejected.length > 0;
  const out: string[] = [];
  out.push(
    `Against ${comparisons[0].a}: hazard ratio of collapse [95% CI] (Cox, Efron ties)${windows.length ? ' by window of days (the runs still at risk on its first day) and over the whole horizon' : ''}; proportional-hazards check (Grambsch-Therneau) and log-rank test:`,
  );
  out.push(
    table(
      [
        'arm',
        ...(lead ? [...windowHeads, 'whole horizon'] : ['whole horizon', ...windowHeads]),
        'PH check p',
        'log-rank p',
      ],
      comparisons.map((c) => [
        c.b,
        ...(lead ? [...windowCells(c), whole(c)] : [whole(c), ...windowCells(c)]),
        ph(c),
        formatPValue(c.logRankP),
      ]),
    ),
  );
  if (lead)
    out.push(
      `The hazards are not proportional for ${rejected.join(', ')} (PH check p < 0.05): the hazard ratio changes over time, so read the windows; the whole-horizon ratio averages them.`,
    );
  return out;
}

export function renderCompare(o: ComparisonOutput, seconds: number, workers: number): string {
  const out: string[] = [];
  out.push(
    `Scenario ${o.scenario}: ${o.runs} runs per arm, seed ${o.seed}, horizon ${o.horizonDays} days (${seconds.toFixed(1)} s on ${workers} worker${workers > 1 ? 's' : ''})`,
  );
  // What the intervals include: which parameters the posterior carries to each arm (docs/calibration-record.md).
  const posterior = o.posterior ? describePosterior(o) : null;
  if (posterior) {
    if (posterior.warning) out.push(`Warning: ${posterior.warning}.`);
    out.push(posterior.source + (posterior.arms.length ? ':' : ''));
    for (const line of posterior.arms) out.push(`  ${line}`);
    out.push(posterior.intervals);
  }
  out.push('');
  const days = Object.keys(o.arms[0]?.pCollapseBy ?? {});
  out.push(`P(collapse by day d), ${INTERVAL_CAPTION}:`);
  out.push(
    table(
      ['arm', ...days.map((d) => `by day ${d}`), 'median survival (days)'],
      o.arms.map((a) => [a.label, ...days.map((d) => ci(a.pCollapseBy[d])), a.medianDay ?? `> ${a.horizonDays}`]),
    ),
  );
  out.push('');
  const shares = (m: Record<string, number>) =>
    Object.entries(m)
      .filter(([, v]) => Math.abs(v) >= 0.005)
      .sort((x, y) => y[1] - x[1])
      .map(([k, v]) => `${k} ${pct(v, 0)}`)
      .join(', ') || '-';
  out.push(
    "Who breaks it, and why (causal share of each of the seven pillars: the essay's three pillars of fragility and four further mechanisms; counterfactual replays with pillars frozen, Shapley; docs/model/attribution.md):",
  );
  out.push(
    table(
      ['arm', 'collapses', 'first crosser', 'pre-emptive', 'why (causal share)'],
      o.arms.map((a) => [
        a.label,
        a.collapsed,
        Object.entries(a.firstCrosser)
          .map(([k, v]) => `${k} ${pct(v, 0)}`)
          .join(', ') || '-',
        a.collapsed ? pct(a.preemptiveShare, 0) : '-',
        (a.causalSample?.collapses ?? 0) > 0 ? shares(a.causalAttribution) : '-',
      ]),
      [false, true, false, true, false],
    ),
  );
  out.push("What moved most (descriptive: mean share of the first crosser's EU change since day 0):");
  out.push(
    table(
      ['arm', 'descriptive share'],
      o.arms.map((a) => [a.label, a.collapsed ? shares(a.attribution) : '-']),
      [false, false],
    ),
  );
  out.push('');
  out.push(
    'Costs: the opening exchange over collapsed runs only; interceptors (mean) and costs (median) over all runs, to the horizon or collapse:',
  );
  out.push(
    table(
      ['arm', 'opening leakers p50 [p05, p95]', 'interceptors, mean', 'defender cost, median', 'attacker cost, median'],
      o.arms.map((a) => {
        const d = a.distributions;
        const q = (x: { p50: number | null; p05: number | null; p95: number | null }) =>
          x.p50 === null ? '-' : `${fmt(x.p50, 0)} [${fmt(x.p05!, 0)}, ${fmt(x.p95!, 0)}]`;
        const usdM = (x: number | null) => (x === null ? '-' : `$${(x / 1e6).toFixed(0)} M`);
        return [
          a.label,
          q(d.openingLeakers),
          d.interceptorsUsed.mean === null ? '-' : fmt(d.interceptorsUsed.mean, 0),
          usdM(d.defenderCostUsd.p50),
          usdM(d.attackerCostUsd.p50),
        ];
      }),
      [false, true, true, true, true],
    ),
  );
  if (o.comparisons.length) out.push('', ...renderHazards(o.comparisons));
  out.push('');
  out.push(survivalPlot(o.arms.map((a) => ({ label: a.label, points: a.survival }))));
  // Captions (one line each) wrap to the output width like the tables; the plot has its own fixed width.
  return out.map((x) => (x.includes('\n') ? x : prose(x))).join('\n');
}
