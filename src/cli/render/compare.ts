/** The comparison as text: P(collapse by day), who and why, the opening exchange, hazard ratios, survival curves. */
import type { ComparisonOutput } from '../../app/compare.js';
import { describePosterior, INTERVAL_CAPTION } from '../../charts/posterior-note.js';
import { formatPValue } from '../../charts/format.js';
import { fmt, pct, prose, table } from './format.js';
import { survivalPlot } from './plot.js';

const ci = (p: { estimate: number; lo: number; hi: number }) =>
  `${pct(p.estimate, 1)} [${pct(p.lo, 1)}, ${pct(p.hi, 1)}]`;

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
  if (o.comparisons.length) {
    out.push('');
    out.push(`Against ${o.comparisons[0].a}: hazard ratio of collapse (Cox, Efron ties) and log-rank test:`);
    out.push(
      table(
        ['arm', 'hazard ratio [95% CI]', 'log-rank p'],
        o.comparisons.map((c) => [
          c.b,
          c.hazardRatio === null
            ? (c.note ?? 'not estimable')
            : `${fmt(c.hazardRatio, 2)} [${fmt(c.hrLo!, 2)}, ${fmt(c.hrHi!, 2)}]`,
          formatPValue(c.logRankP),
        ]),
      ),
    );
  }
  out.push('');
  out.push(survivalPlot(o.arms.map((a) => ({ label: a.label, points: a.survival }))));
  // Captions (one line each) wrap to the output width like the tables; the plot has its own fixed width.
  return out.map((x) => (x.includes('\n') ? x : prose(x))).join('\n');
}
