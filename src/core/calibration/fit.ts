/**
 * The fit report: the record's Kaplan-Meier curve with its 95% band (Greenwood,
 * log scale, as R's survfit) against the fitted model's survival curve for the
 * same cases, overall, by arena and by provision group, at the check days.
 * The model's curve for a group is the mean over its cases of each case's
 * simulated survival (runs drawing their global parameters from the
 * posterior): the survival of a spell drawn at random from the group.
 */
import { kaplanMeier, survivalAt } from '../analysis/survival/kaplan-meier.js';
import { lifeTableFromObservations } from '../analysis/survival/life-table.js';
import type { CaseRow } from './cases.js';
import { isShortPause } from './coding.js';

export const CHECK_DAYS = [7, 30, 90, 365, 1825] as const;

export interface Group {
  name: string;
  member: (c: CaseRow) => boolean;
}

export const GROUPS: Group[] = [
  { name: 'all', member: () => true },
  { name: 'arena=interstate', member: (c) => c.covariates.arena === 'interstate' },
  { name: 'arena=state-nonstate', member: (c) => c.covariates.arena === 'state-nonstate' },
  { name: 'monitoring=yes', member: (c) => c.covariates.monitoring === 'yes' },
  { name: 'monitoring=partial/no', member: (c) => c.covariates.monitoring !== 'yes' },
  { name: 'written=yes', member: (c) => c.covariates.writtenAgreement === 'yes' },
  { name: 'written=partial/no', member: (c) => c.covariates.writtenAgreement !== 'yes' },
  { name: 'buffer=yes/partial', member: (c) => c.covariates.buffer !== 'no' },
  { name: 'buffer=no', member: (c) => c.covariates.buffer === 'no' },
  { name: 'short-or-humanitarian-pause', member: (c) => isShortPause(c.covariates) },
];

/** Survival of the data (KM with band) at a day. */
export function kmAt(
  cases: readonly CaseRow[],
  day: number,
): { survival: number; lower: number; upper: number; atRisk: number } {
  const obs = cases.filter((c) => c.outcome);
  const table = lifeTableFromObservations(
    obs.map((c) => c.outcome!.days),
    obs.map((c) => c.outcome!.collapsed),
  );
  const rows = kaplanMeier(table);
  const r = survivalAt(rows, day);
  const atRisk = obs.filter((c) => c.outcome!.days > day || (c.outcome!.days === day && !c.outcome!.collapsed)).length;
  if (!r) return { survival: 1, lower: 1, upper: 1, atRisk };
  return { survival: r.survival, lower: r.lower, upper: r.upper, atRisk };
}

/** Simulated survival at a day from durations (-1 = never collapsed in the horizon). */
export function simulatedSurvival(durations: ArrayLike<number>, day: number): number {
  let alive = 0;
  for (let r = 0; r < durations.length; r++) if (durations[r] < 0 || durations[r] > day) alive++;
  return durations.length ? alive / durations.length : NaN;
}

export interface FitRow {
  group: string;
  cases: number;
  day: number;
  km: number;
  lower: number;
  upper: number;
  atRisk: number;
  model: number;
  inside: boolean;
  /**
   * Whether a covariate-free model, every case given the pooled Kaplan-Meier curve of all the cases, is
   * inside this band too: a check it passes cannot tell a model from no model (docs/calibration-record.md).
   * Absent in fits stored before it.
   */
  insideWithoutCovariates?: boolean;
}

/** One row per group and check day; `durations[i]` are case i's simulated durations. */
export function fitTable(
  cases: readonly CaseRow[],
  durations: readonly ArrayLike<number>[],
  groups: readonly Group[] = GROUPS,
  days: readonly number[] = CHECK_DAYS,
): FitRow[] {
  const out: FitRow[] = [];
  const pooled = new Map(days.map((day) => [day, kmAt(cases, day).survival]));
  for (const g of groups) {
    const idx = cases.map((c, i) => (g.member(c) ? i : -1)).filter((i) => i >= 0);
    if (!idx.length) continue;
    const members = idx.map((i) => cases[i]);
    for (const day of days) {
      const km = kmAt(members, day);
      const model = idx.reduce((t, i) => t + simulatedSurvival(durations[i], day), 0) / idx.length;
      out.push({
        group: g.name,
        cases: idx.length,
        day,
        km: km.survival,
        lower: km.lower,
        upper: km.upper,
        atRisk: km.atRisk,
        model,
        inside: model >= km.lower - 1e-9 && model <= km.upper + 1e-9,
        insideWithoutCovariates: pooled.get(day)! >= km.lower - 1e-9 && pooled.get(day)! <= km.upper + 1e-9,
      });
    }
  }
  return out;
}
