/**
 * `truce forecast`: for each case of a file in the case format, the
 * probability of collapse by day 7, 30, 90, 180 and 365 with Wilson
 * intervals, and the median duration, from runs whose global parameters are
 * drawn from a posterior. Outcome columns are ignored.
 */
import type { CaseRow } from '../core/calibration/cases.js';
import { wilson, type Proportion } from '../core/analysis/wilson.js';
import { ADMIN_HORIZON } from '../core/calibration/likelihood.js';
import { storePath } from '../io/paths.js';
import { loadCases } from './case-library.js';
import type { UseCaseContext } from './context.js';
import { loadPosterior, type Posterior } from './posterior.js';
import { calibrationData, simulateCases } from './simulate-cases.js';

export const FORECAST_DAYS = [7, 30, 90, 180, 365] as const;

export interface CaseForecast {
  id: string;
  pCollapseBy: Record<string, Proportion>;
  /** Median days to collapse; null when more than half the runs last the horizon (five years). */
  medianDay: number | null;
}

export interface ForecastResult {
  posterior: string;
  runs: number;
  seed: number;
  horizonDays: number;
  cases: CaseForecast[];
}

export function summarizeDurations(id: string, d: ArrayLike<number>): CaseForecast {
  const n = d.length;
  const pCollapseBy: Record<string, Proportion> = {};
  for (const day of FORECAST_DAYS) {
    let k = 0;
    for (let r = 0; r < n; r++) if (d[r] >= 0 && d[r] <= day) k++;
    pCollapseBy[String(day)] = wilson(k, n);
  }
  const sorted = Array.from(d, (x) => (x < 0 ? Infinity : x)).sort((a, b) => a - b);
  const mid = sorted[Math.floor((n - 1) / 2)];
  return { id, pCollapseBy, medianDay: Number.isFinite(mid) ? mid : null };
}

/** Where forecasts and validations run, and how they report and stop (they store nothing). */
export type SimulationContext = Pick<UseCaseContext, 'runner' | 'onProgress' | 'signal'>;

export async function forecast(
  cases: readonly CaseRow[],
  posterior: Posterior,
  opts: { runs: number; seed: number },
  ctx: SimulationContext,
): Promise<ForecastResult> {
  const sim = await ctx.runner.cases(calibrationData(cases, posterior.params), ctx.signal);
  try {
    const horizon = ADMIN_HORIZON + 1;
    const durations = await simulateCases(
      sim,
      cases.length,
      posterior.draws,
      opts.runs,
      opts.seed,
      horizon,
      ctx.onProgress,
    );
    return {
      posterior: posterior.label,
      runs: opts.runs,
      seed: opts.seed,
      horizonDays: ADMIN_HORIZON,
      cases: cases.map((c, i) => summarizeDurations(c.covariates.id, durations[i])),
    };
  } finally {
    await sim.close();
  }
}

/** `truce forecast` as a request: a case file, a posterior (stored id, "default", "none" or a file), runs, seed. */
export interface ForecastRequest {
  cases: string;
  posterior: string;
  /** Results database holding a stored posterior (default: $TRUCE_DB or ./truce.db). */
  db?: string;
  runs: number;
  seed: number;
}

export async function runForecast(req: ForecastRequest, ctx: SimulationContext): Promise<ForecastResult> {
  const cases = loadCases(req.cases);
  const posterior = loadPosterior(req.posterior, storePath(req.db));
  return forecast(cases, posterior, { runs: req.runs, seed: req.seed }, ctx);
}
