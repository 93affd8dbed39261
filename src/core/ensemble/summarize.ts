/**
 * From an arm's accumulator to what analysts read: survival with a
 * confidence band, P(collapse by day d) with Wilson intervals, median
 * survival, who crossed first, attribution by pillar, cost and interceptor
 * distributions; and comparisons between arms (log-rank, Cox hazard ratio).
 */
import { coxBinary } from '../analysis/survival/cox.js';
import { kaplanMeier, medianSurvival, restrictedMeanSurvival, survivalAt } from '../analysis/survival/kaplan-meier.js';
import { lifeTableFromDailyCounts, type LifeTable } from '../analysis/survival/life-table.js';
import { logRank } from '../analysis/survival/log-rank.js';
import {
  proportionalHazardsTest,
  windowedHazardRatios,
  windowsOf,
  type HazardRatioWindow,
  type TimeTransform,
} from '../analysis/survival/proportional-hazards.js';
import { complement, wilson, type Proportion } from '../analysis/wilson.js';
import { PILLARS, type Pillar } from '../model/escalation-utility.js';
import type { ArmAccumulator, MetricName, StrikeMetricName } from './accumulator.js';
import { summarizeHistogram, type DistributionSummary } from './histogram.js';

export const REPORT_DAYS = [30, 90, 180, 365];

/** Where the hazard-ratio windows are cut: days 1-30, 31-180, 181-horizon (docs/analysis.md, "Proportional hazards"). */
export const HAZARD_WINDOW_BREAKS = [30, 180];

/** The level at which the proportional-hazards check rejects. */
export const PH_TEST_LEVEL = 0.05;

/**
 * The days P(collapse by day d) is reported for: the requested days within
 * the horizon, sorted, and the horizon itself whenever the default days are
 * used (so `--days 1095` shows day 1095; `--at` chooses the days exactly).
 */
export function checkpointDays(requested: readonly number[], horizon: number): number[] {
  const days = [...new Set(requested.filter((d) => Number.isInteger(d) && d >= 1 && d <= horizon))].sort(
    (a, b) => a - b,
  );
  if (requested === REPORT_DAYS && !days.includes(horizon)) days.push(horizon);
  return days;
}

export interface ArmSummary {
  label: string;
  framework: string | null;
  levers: Record<string, number>;
  runs: number;
  collapsed: number;
  horizonDays: number;
  pCollapse: Proportion;
  pCollapseBy: Record<string, Proportion>;
  /**
   * P(the truce holds through day d) = 1 - P(collapse by day d), the interval
   * inverted; same days. Absent from results stored before it was added.
   */
  pHoldsBy?: Record<string, Proportion>;
  medianDay: number | null;
  /**
   * Restricted mean survival to the horizon, days: the area under the
   * Kaplan-Meier curve, the mean of the per-run `time` (a collapse on day d
   * counts d days). Absent from results stored before it was added.
   */
  meanSurvivalDays?: number;
  survival: { day: number; s: number; lo: number; hi: number }[];
  firstCrosser: Record<string, number>;
  attribution: Record<Pillar, number>;
  /**
   * Causal attribution (docs/model/attribution.md): mean Shapley share of each
   * pillar over the sampled collapses (counterfactual replays with the
   * pillar's terms frozen at day-0 values). Sums to 1 minus the share of
   * sampled collapses no pillar explains.
   */
  causalAttribution: Record<Pillar, number>;
  /** The collapses replayed for it, and how many no pillar explains. */
  causalSample: { collapses: number; unexplained: number };
  /**
   * Monte Carlo 95% interval of each causal share: mean +- 1.96 sd / sqrt(n) over the n replayed
   * collapses (normal approximation; null below 2). Absent from results stored before it.
   */
  causalAttributionInterval?: Record<Pillar, { lo: number; hi: number } | null>;
  primaryPillar: Record<string, number>;
  preemptiveShare: number;
  distributions: Record<MetricName, DistributionSummary>;
  /**
   * The defender side's own fire, kept out of `distributions` (docs/analysis.md, "Costs"): a defender's limited
   * strikes and opening strike, and the attacks of proxies whose target is a revisionist. `runsStruck`: the runs in
   * which it fired at least one threat; `openingStrikes`: the collapses whose opening exchange had the defender's
   * own salvo. `distributions`: the per-run `defender_strikes_*` columns over all runs (`leakers`,
   * `interceptorsUsed` and `interceptorCostUsd` the adversaries', `munitionsCostUsd` the defender's), and the
   * `opening_strike_*` columns over the collapsed runs with an opening exchange (0 when no strike flew). Present
   * when the arm's runs have a strike account (a defender with an arsenal, or a proxy that can attack a
   * revisionist); absent otherwise, and from results stored before it.
   */
  defenderStrikes?: {
    runsStruck: number;
    openingStrikes: number;
    distributions: Record<StrikeMetricName, DistributionSummary>;
  };
}

export interface Comparison {
  a: string;
  b: string;
  /** Hazard of collapse in b relative to a (Cox, Efron ties); null when not estimable. */
  hazardRatio: number | null;
  hrLo: number | null;
  hrHi: number | null;
  logRankChiSquare: number;
  logRankP: number;
  /** Why the hazard ratio is missing, when it is. */
  note?: string;
  /**
   * Does one ratio describe the arms? The Grambsch-Therneau test (R cox.zph,
   * transform "km"); `rejected` at the 5% level means the hazard ratio changes
   * over time and the windows below describe the arms, the single ratio does
   * not. Null when the hazard ratio is not estimable; absent from results stored
   * before it was added.
   */
  proportionalHazards?: { chiSquare: number; p: number; transform: TimeTransform; rejected: boolean } | null;
  /** Hazard ratios within windows of days (HAZARD_WINDOW_BREAKS), runs at risk at each window's start. */
  hazardRatioWindows?: HazardRatioWindow[];
}

export function lifeTableOf(acc: ArmAccumulator): LifeTable {
  return lifeTableFromDailyCounts(acc.eventsByDay, acc.censoredByDay);
}

export function summarizeArm(
  acc: ArmAccumulator,
  meta: { label: string; framework: string | null; levers: Record<string, number> },
  reportDays = REPORT_DAYS,
): ArmSummary {
  const collapsed = acc.eventsByDay.reduce((s, x) => s + x, 0);
  const km = kaplanMeier(lifeTableOf(acc));
  // The daily curve: S(d) for every day 0..horizon (a step function between event days).
  const survival: ArmSummary['survival'] = [];
  for (let d = 0; d <= acc.horizon; d++) {
    const r = survivalAt(km, d);
    survival.push(r ? { day: d, s: r.survival, lo: r.lower, hi: r.upper } : { day: d, s: 1, lo: 1, hi: 1 });
  }
  // Every run is observed to the horizon or its collapse, so P(collapse by d) is a plain proportion.
  const pCollapseBy: Record<string, Proportion> = {};
  let cumulative = 0;
  const byDay = new Map<number, number>();
  for (let d = 0; d <= acc.horizon; d++) {
    cumulative += acc.eventsByDay[d];
    byDay.set(d, cumulative);
  }
  const pHoldsBy: Record<string, Proportion> = {};
  for (const d of checkpointDays(reportDays, acc.horizon)) {
    const p = wilson(byDay.get(d)!, acc.runs);
    pCollapseBy[String(d)] = p;
    pHoldsBy[String(d)] = complement(p);
  }
  const share = (m: Record<string, number>, total: number) =>
    Object.fromEntries(
      Object.entries(m)
        .sort()
        .map(([k, v]) => [k, total > 0 ? v / total : 0]),
    );
  const attribution = Object.fromEntries(
    PILLARS.map((p) => [p, collapsed > 0 ? acc.attributionSum[p] / collapsed : 0]),
  ) as Record<Pillar, number>;
  const distributions = Object.fromEntries(
    Object.entries(acc.metrics).map(([k, h]) => [k, summarizeHistogram(h)]),
  ) as Record<MetricName, DistributionSummary>;
  return {
    label: meta.label,
    framework: meta.framework,
    levers: meta.levers,
    runs: acc.runs,
    collapsed,
    horizonDays: acc.horizon,
    pCollapse: wilson(collapsed, acc.runs),
    pCollapseBy,
    pHoldsBy,
    medianDay: medianSurvival(km),
    meanSurvivalDays: restrictedMeanSurvival(km, acc.horizon),
    survival,
    firstCrosser: share(acc.firstCrosser, collapsed),
    attribution,
    causalAttribution: Object.fromEntries(
      PILLARS.map((p) => [p, acc.causal.runs > 0 ? acc.causal.sum[p] / acc.causal.runs : 0]),
    ) as Record<Pillar, number>,
    causalSample: { collapses: acc.causal.runs, unexplained: acc.causal.unexplained },
    causalAttributionInterval: Object.fromEntries(
      PILLARS.map((p) => [p, causalInterval(acc.causal.runs, acc.causal.sum[p], acc.causal.sumSq[p])]),
    ) as Record<Pillar, { lo: number; hi: number } | null>,
    primaryPillar: share(acc.primaryPillar, collapsed),
    preemptiveShare: collapsed > 0 ? acc.preemptive / collapsed : 0,
    distributions,
    ...(acc.strikes
      ? {
          defenderStrikes: {
            runsStruck: acc.strikes.runsStruck,
            openingStrikes: acc.strikes.openingStrikes,
            distributions: Object.fromEntries(
              Object.entries(acc.strikes.metrics).map(([k, h]) => [k, summarizeHistogram(h)]),
            ) as Record<StrikeMetricName, DistributionSummary>,
          },
        }
      : {}),
  };
}

/** Mean +- 1.96 standard errors from n values' sum and sum of squares (sample variance); null below 2 values. */
export function causalInterval(n: number, sum: number, sumSq: number): { lo: number; hi: number } | null {
  if (n < 2) return null;
  const mean = sum / n;
  const variance = Math.max(0, (sumSq - n * mean * mean) / (n - 1));
  const half = 1.96 * Math.sqrt(variance / n);
  return { lo: mean - half, hi: mean + half };
}

export function compareArms(a: ArmAccumulator, b: ArmAccumulator, labels: [string, string]): Comparison {
  const ta = lifeTableOf(a);
  const tb = lifeTableOf(b);
  const lr = logRank(ta, tb);
  const hazardRatioWindows = windowedHazardRatios(
    ta,
    tb,
    windowsOf(HAZARD_WINDOW_BREAKS, Math.max(a.horizon, b.horizon)),
    labels,
  );
  const notEstimable = (note: string) => ({
    a: labels[0],
    b: labels[1],
    hazardRatio: null,
    hrLo: null,
    hrHi: null,
    logRankChiSquare: lr.chiSquare,
    logRankP: lr.p,
    note,
    proportionalHazards: null,
    hazardRatioWindows,
  });
  const ea = a.eventsByDay.reduce((s, x) => s + x, 0);
  const eb = b.eventsByDay.reduce((s, x) => s + x, 0);
  // With no collapse in an arm the partial likelihood has no maximum (beta -> -inf or +inf).
  if (ea === 0 || eb === 0) {
    const none = ea === 0 && eb === 0 ? 'either arm' : ea === 0 ? labels[0] : labels[1];
    return notEstimable(`no collapse in ${none}: hazard ratio not estimable`);
  }
  const cox = coxBinary(ta, tb);
  // Arms that nearly separate (a handful of collapses against thousands) push the Wald interval past
  // what a double holds: an unbounded interval says the ratio is not estimable, not that it is infinite.
  if (![cox.hazardRatio, cox.lower, cox.upper].every((x) => Number.isFinite(x) && x > 0))
    return notEstimable('hazard ratio not estimable: too few collapses in one arm for a finite interval');
  const ph = proportionalHazardsTest(ta, tb, cox.beta);
  // Every collapse on one day leaves no spread of times to test the ratio against: the check has no
  // answer (its variance is 0), so there is none, as when the ratio is not estimable.
  const phDefined = Number.isFinite(ph.p);
  return {
    a: labels[0],
    b: labels[1],
    hazardRatio: cox.hazardRatio,
    hrLo: cox.lower,
    hrHi: cox.upper,
    logRankChiSquare: lr.chiSquare,
    logRankP: lr.p,
    ...(cox.converged ? {} : { note: 'Cox fit did not converge' }),
    proportionalHazards: phDefined ? { ...ph, rejected: ph.p < PH_TEST_LEVEL } : null,
    hazardRatioWindows,
  };
}
