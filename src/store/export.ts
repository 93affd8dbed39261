/**
 * Tidy long-form export for pandas and R: one observation per row, one
 * variable per column, the same columns for every experiment kind.
 *   experiment, kind, arm, framework, metric, key, day, value, lo, hi
 * Sweeps add one row per point and outcome with the lever values as columns
 * prefixed `lever_`.
 */
import type { ArmSummary } from '../core/ensemble/summarize.js';

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
  rows.push(row('median_day', null, null, arm.medianDay));
  for (const pt of arm.survival) rows.push(row('survival', null, pt.day, pt.s, pt.lo, pt.hi));
  for (const [k, v] of Object.entries(arm.firstCrosser)) rows.push(row('first_crosser_share', k, null, v));
  for (const [k, v] of Object.entries(arm.attribution)) rows.push(row('attribution_share', k, null, v));
  for (const [k, v] of Object.entries(arm.primaryPillar)) rows.push(row('primary_pillar_share', k, null, v));
  rows.push(row('preemptive_share', null, null, arm.preemptiveShare));
  for (const [k, d] of Object.entries(arm.distributions)) {
    rows.push(row(`${k}_mean`, null, null, d.mean));
    rows.push(row(`${k}_p50`, null, null, d.p50, d.p05, d.p95));
  }
  for (const [k, v] of Object.entries(arm.levers)) rows.push(row('lever', k, null, v));
  return rows;
}

/** The one CSV writer lives in src/io/csv.ts. */
export { toCsv } from '../io/csv.js';
