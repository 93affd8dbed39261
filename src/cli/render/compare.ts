/** The comparison as text: P(collapse by day), who and why, the opening exchange, hazard ratios, survival curves. */
import type { ComparisonOutput } from '../../app/compare.js';
import { describePosterior, INTERVAL_CAPTION } from '../../charts/posterior-note.js';
import {
  causalHalfWidth,
  DEFENDER_STRUCK_FIRST,
  formatCausalSample,
  formatPValue,
  formatShare,
  formatShares,
  shareStep,
} from '../../charts/format.js';
import { defenderStrikesTables } from '../../charts/defender-strikes-table.js';
import { CAUSAL_STRIDE } from '../../core/ensemble/chunk.js';
import { BINNED_QUANTILES, type DistributionSummary } from '../../core/ensemble/histogram.js';
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
  // One window is the whole horizon (a horizon of 30 days or less): no window rows.
  const cut = comparisons[0].hazardRatioWindows ?? [];
  const windows = cut.length > 1 ? cut : [];
  const rejected = comparisons.filter((c) => c.proportionalHazards?.rejected).map((c) => c.b);
  const whole = (c: (typeof comparisons)[number]) =>
    ratio(c) + (c.proportionalHazards?.rejected ? ', hazards not proportional' : '');
  const ph = (c: (typeof comparisons)[number]) => (c.proportionalHazards ? formatPValue(c.proportionalHazards.p) : '-');
  const lead = rejected.length > 0 && windows.length > 0;
  // One column per arm compared, one row per window: narrow enough for a terminal with several arms.
  const windowRows = windows.map((w, i) => [
    `days ${w.from}-${w.to}`,
    ...comparisons.map((c) => {
      const x = c.hazardRatioWindows?.[i];
      return x ? ratio(x, 'not estimable') : '-';
    }),
  ]);
  const wholeRow = ['whole horizon', ...comparisons.map(whole)];
  const out: string[] = [];
  out.push(
    `Against ${comparisons[0].a}: hazard ratio of collapse [95% CI] (Cox, Efron ties)${windows.length ? `${lead ? ' by window of days (the runs still at risk on its first day), then' : ''} over the whole horizon${lead ? '' : ', then by window of days (the runs still at risk on its first day)'}` : ''}; proportional-hazards check (Grambsch-Therneau) and log-rank test:`,
  );
  out.push(
    table(
      ['', ...comparisons.map((c) => c.b)],
      [
        ...(lead ? [...windowRows, wholeRow] : [wholeRow, ...windowRows]),
        ['PH check p', ...comparisons.map(ph)],
        ['log-rank p', ...comparisons.map((c) => formatPValue(c.logRankP))],
      ],
    ),
  );
  if (rejected.length)
    out.push(
      `The hazards are not proportional for ${rejected.join(', ')} (PH check p < 0.05): the hazard ratio changes over time${windows.length ? ', so read the windows; the whole-horizon ratio averages them' : ', so the whole-horizon ratio averages periods in which it differs'}.`,
    );
  return out;
}

/**
 * The defender side's own fire (docs/analysis.md, "Costs"), the tables of src/charts/defender-strikes-table.ts (the
 * dashboard shows the same): none when no arm's defender side fired, so a comparison without any keeps its text.
 */
function renderDefenderStrikes(arms: ComparisonOutput['arms']): string[] {
  return defenderStrikesTables(arms).flatMap((t) => [
    '',
    `${t.caption}:`,
    table(
      t.header,
      t.rows.map((r) => r.cells),
      t.numeric,
    ),
  ]);
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
  // Shares under half a point are left out; causal shares are rounded to what their Monte Carlo interval resolves.
  const shares = (m: Record<string, number>, step = 1) =>
    formatShares(Object.fromEntries(Object.entries(m).filter(([, v]) => Math.abs(v) >= 0.005)), step);
  out.push(
    "Who breaks it, and why (causal share of each of the seven pillars: the essay's three pillars of fragility and four further mechanisms; counterfactual replays with pillars frozen, Shapley; docs/model/attribution.md):",
  );
  out.push(
    table(
      ['arm', 'collapses', 'first crosser', 'defender struck first', 'why (causal share; n replayed)'],
      o.arms.map((a) => [
        a.label,
        a.collapsed,
        formatShares(a.firstCrosser),
        a.collapsed ? formatShare(a.preemptiveShare) : '-',
        (a.causalSample?.collapses ?? 0) > 0
          ? `${shares(a.causalAttribution, shareStep(causalHalfWidth(a)))} (${formatCausalSample(a)})`
          : '-',
      ]),
      [false, true, false, true, false],
    ),
  );
  out.push(
    `${DEFENDER_STRUCK_FIRST} n: the collapses the causal shares rest on, those of every ${CAUSAL_STRIDE}th run, and the widest Monte Carlo 95% half-width among the shares (± percentage points; --json: causalAttributionInterval), to which the shares are rounded (to 10 points when it is 10 or more); before rounding, shares sum to less than 1 by the share of them no pillar explains.`,
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
  // Two bases, two tables (docs/analysis.md, "Costs"): the opening exchange is what one saturation wave costs.
  const q = (x: DistributionSummary | undefined, scale = 1, unit = '') =>
    !x || x.p50 === null
      ? '-'
      : `${fmt(x.p50 / scale, 0)}${unit} [${fmt(x.p05! / scale, 0)}, ${fmt(x.p95! / scale, 0)}]`;
  const usdM = (x: number | null) => (x === null ? '-' : `$${(x / 1e6).toFixed(0)} M`);
  out.push(
    `The opening exchange, the salvo fired at the defender (the revisionist's saturation strike, or its retaliation after the defender's pre-emptive strike): the threats that leaked, the defender's interceptors and their cost, the attacker's munitions fired; an armed defender's own strike is in none of these (per-run opening_strike_*); over collapsed runs only: median [5th, 95th percentile], ${BINNED_QUANTILES}; costs in USD million:`,
  );
  out.push(
    table(
      ['arm (collapsed runs)', 'leakers', 'interceptors', 'defender cost', 'attacker cost'],
      o.arms.map((a) => {
        const d = a.distributions;
        return [
          `${a.label} (${d.openingLeakers.n})`,
          q(d.openingLeakers),
          q(d.openingInterceptors),
          q(d.openingDefenderCostUsd, 1e6),
          q(d.openingAttackerCostUsd, 1e6),
        ];
      }),
      [false, true, true, true, true],
    ),
  );
  out.push(
    "Whole runs (to the horizon, or to collapse and its opening exchange), over all runs: what the revisionist and its proxies fired at the defender, its interceptors and their cost, and the revisionist's munitions (the defender side's own fire, an armed defender's strikes and its proxies' attacks, is in none of these: per-run defender_strikes_*); the interceptor mean is exact, cost medians binned as above:",
  );
  out.push(
    table(
      ['arm', 'runs', 'interceptors, mean', 'defender cost, median', 'attacker cost, median'],
      o.arms.map((a) => {
        const d = a.distributions;
        return [
          a.label,
          a.runs,
          d.interceptorsUsed.mean === null ? '-' : fmt(d.interceptorsUsed.mean, 0),
          usdM(d.defenderCostUsd.p50),
          usdM(d.attackerCostUsd.p50),
        ];
      }),
      [false, true, true, true, true],
    ),
  );
  out.push(...renderDefenderStrikes(o.arms));
  if (o.comparisons.length) out.push('', ...renderHazards(o.comparisons));
  out.push('');
  out.push(survivalPlot(o.arms.map((a) => ({ label: a.label, points: a.survival }))));
  // Captions (one line each) wrap to the output width like the tables; the plot has its own fixed width.
  return out.map((x) => (x.includes('\n') ? x : prose(x))).join('\n');
}
