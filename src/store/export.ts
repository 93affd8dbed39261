/**
 * Tidy long-form export for pandas and R: one observation per row, one
 * variable per column, the same columns for every experiment kind.
 *   experiment, kind, arm, framework, metric, key, day, value, lo, hi
 * Comparisons add hazard-ratio and log-rank rows per arm against the first.
 * Sweeps add one row per point and outcome with the lever values as columns
 * prefixed `lever_`.
 */
import type { ArmSummary, Comparison } from '../core/ensemble/summarize.js';
import { complement } from '../core/analysis/wilson.js';

export interface TidyRow {
  [column: string]: string | number | null;
}

export function armRows(experiment: number, kind: string, arm: ArmSummary): TidyRow[] {
  const base = { experiment, kind, arm: arm.label, framework: arm.framework };
  const row = (
    metric: string,
    key: string | null,
    day: number | null,
    value: number | null,
    lo: number | null = null,
    hi: number | null = null,
  ): TidyRow => ({ ...base, metric, key, day, value, lo, hi });
  const rows: TidyRow[] = [];
  rows.push(row('runs', null, null, arm.runs));
  rows.push(row('collapsed', null, arm.horizonDays, arm.collapsed));
  rows.push(row('p_collapse', null, arm.horizonDays, arm.pCollapse.estimate, arm.pCollapse.lo, arm.pCollapse.hi));
  for (const [d, p] of Object.entries(arm.pCollapseBy))
    rows.push(row('p_collapse_by', null, Number(d), p.estimate, p.lo, p.hi));
  // P(the truce holds through day d): the same proportions turned over (so stored results have it too).
  for (const [d, p] of Object.entries(arm.pCollapseBy)) {
    const h = complement(p);
    rows.push(row('p_holds_by', null, Number(d), h.estimate, h.lo, h.hi));
  }
  rows.push(row('median_day', null, null, arm.medianDay));
  if (arm.meanSurvivalDays !== undefined)
    rows.push(row('mean_survival_days', null, arm.horizonDays, arm.meanSurvivalDays));
  for (const pt of arm.survival) rows.push(row('survival', null, pt.day, pt.s, pt.lo, pt.hi));
  for (const [k, v] of Object.entries(arm.firstCrosser)) rows.push(row('first_crosser_share', k, null, v));
  for (const [k, v] of Object.entries(arm.attribution)) rows.push(row('attribution_share', k, null, v));
  // The causal shares and the collapses they rest on (docs/model/attribution.md); absent from results stored before them.
  if (arm.causalSample) {
    for (const [k, v] of Object.entries(arm.causalAttribution)) {
      const ci = arm.causalAttributionInterval?.[k as keyof typeof arm.causalAttribution] ?? null;
      rows.push(row('causal_attribution_share', k, null, v, ci?.lo ?? null, ci?.hi ?? null));
    }
    rows.push(row('causal_collapses', null, null, arm.causalSample.collapses));
    rows.push(row('causal_unexplained', null, null, arm.causalSample.unexplained));
  }
  for (const [k, v] of Object.entries(arm.primaryPillar)) rows.push(row('primary_pillar_share', k, null, v));
  rows.push(row('preemptive_share', null, null, arm.preemptiveShare));
  for (const [k, d] of Object.entries(arm.distributions)) {
    rows.push(row(`${k}_mean`, null, null, d.mean));
    rows.push(row(`${k}_p50`, null, null, d.p50, d.p05, d.p95));
  }
  // The defender side's own fire (docs/analysis.md, "Costs"): only for arms whose runs have a strike account.
  if (arm.defenderStrikes) {
    rows.push(row('defender_strikes_runs', null, null, arm.defenderStrikes.runsStruck));
    rows.push(row('defender_strikes_opening', null, null, arm.defenderStrikes.openingStrikes));
    for (const [k, d] of Object.entries(arm.defenderStrikes.distributions)) {
      rows.push(row(`defender_strikes_${k}_mean`, null, null, d.mean));
      rows.push(row(`defender_strikes_${k}_p50`, null, null, d.p50, d.p05, d.p95));
    }
  }
  for (const [k, v] of Object.entries(arm.levers)) rows.push(row('lever', k, null, v));
  return rows;
}

/**
 * The comparisons of arm b against the reference arm a, in the same columns:
 * metric `hazard_ratio` (Cox, Efron ties; value, lo, hi; `key` names the
 * reference arm), `log_rank_chi_square` and `log_rank_p`; `hazard_ratio_window`
 * for each window of days (`day` = its last day; windows run on from day 1),
 * and the proportional-hazards check, `ph_test_chi_square` and `ph_test_p`.
 */
export function comparisonRows(
  experiment: number,
  kind: string,
  comparisons: readonly Comparison[],
  frameworks: Record<string, string | null> = {},
): TidyRow[] {
  return comparisons.flatMap((c) => {
    const base = { experiment, kind, arm: c.b, framework: frameworks[c.b] ?? null, key: c.a, day: null };
    return [
      { ...base, metric: 'hazard_ratio', value: c.hazardRatio, lo: c.hrLo, hi: c.hrHi },
      { ...base, metric: 'log_rank_chi_square', value: c.logRankChiSquare, lo: null, hi: null },
      { ...base, metric: 'log_rank_p', value: c.logRankP, lo: null, hi: null },
      ...(c.hazardRatioWindows ?? []).map((w) => ({
        ...base,
        metric: 'hazard_ratio_window',
        day: w.to,
        value: w.hazardRatio,
        lo: w.hrLo,
        hi: w.hrHi,
      })),
      ...(c.proportionalHazards
        ? [
            { ...base, metric: 'ph_test_chi_square', value: c.proportionalHazards.chiSquare, lo: null, hi: null },
            { ...base, metric: 'ph_test_p', value: c.proportionalHazards.p, lo: null, hi: null },
          ]
        : []),
    ];
  });
}

/** The one CSV writer lives in src/io/csv.ts. */
export { toCsv } from '../io/csv.js';
