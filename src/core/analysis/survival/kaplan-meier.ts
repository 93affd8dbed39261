/**
 * Kaplan-Meier survival with Greenwood standard errors and a confidence
 * interval on the log scale (R survfit's default conf.type = "log"):
 *   S(t) = prod_{t_i <= t} (1 - d_i / n_i)
 *   Var S(t) = S(t)^2 sum d_i / (n_i (n_i - d_i))               (Greenwood)
 *   CI = S(t) exp(+- z sqrt(sum d_i / (n_i (n_i - d_i)))), capped at 1.
 * Checked against R survfit on the Freireich 6-MP data (test-vectors.md).
 * Subjects censored at t are at risk at t (events before censoring at ties).
 */
import { zForLevel } from '../normal.js';
import type { LifeTable } from './life-table.js';
import { totalSubjects } from './life-table.js';

export interface KaplanMeierRow {
  time: number;
  atRisk: number;
  events: number;
  censored: number;
  survival: number;
  stdErr: number;
  lower: number;
  upper: number;
}

export function kaplanMeier(table: LifeTable, level = 0.95): KaplanMeierRow[] {
  const z = zForLevel(level);
  let atRisk = totalSubjects(table);
  let s = 1;
  let greenwood = 0;
  const rows: KaplanMeierRow[] = [];
  for (let i = 0; i < table.times.length; i++) {
    const d = table.events[i];
    const c = table.censored[i];
    if (d > 0) {
      s *= 1 - d / atRisk;
      greenwood += atRisk > d ? d / (atRisk * (atRisk - d)) : Infinity;
    }
    const se = Math.sqrt(greenwood);
    rows.push({
      time: table.times[i],
      atRisk,
      events: d,
      censored: c,
      survival: s,
      stdErr: s * se,
      lower: s > 0 && Number.isFinite(se) ? s * Math.exp(-z * se) : 0,
      upper: s > 0 && Number.isFinite(se) ? Math.min(1, s * Math.exp(z * se)) : 0,
    });
    atRisk -= d + c;
  }
  return rows;
}

/** Median survival: the first time S(t) <= 0.5 (R's convention); null if never reached. */
export function medianSurvival(rows: readonly KaplanMeierRow[]): number | null {
  for (const r of rows) if (r.events > 0 && r.survival <= 0.5) return r.time;
  return null;
}

/** S at any time t: the step function's value (1 before the first event). */
export function survivalAt(rows: readonly KaplanMeierRow[], t: number): KaplanMeierRow | null {
  let last: KaplanMeierRow | null = null;
  for (const r of rows) {
    if (r.time > t) break;
    last = r;
  }
  return last;
}

/**
 * Restricted mean survival time to tau: the area under the Kaplan-Meier curve
 * from 0 to tau (R: summary(survfit(...), rmean = tau)). With every run
 * observed to its collapse or the horizon it is the mean of min(time, tau):
 * a run that collapses on day d counts d days (docs/analysis.md).
 */
export function restrictedMeanSurvival(rows: readonly KaplanMeierRow[], tau: number): number {
  let area = 0;
  let s = 1;
  let from = 0;
  for (const r of rows) {
    if (r.time >= tau) break;
    area += s * (r.time - from);
    s = r.survival;
    from = r.time;
  }
  return area + s * (tau - from);
}
