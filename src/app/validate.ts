/**
 * `truce validate`: leave-one-out (or k-fold) cross-validation of the fitted
 * model's forecasts of "collapsed by day 30 / 90 / 365", against the base
 * rate (the training spells' Kaplan-Meier curve) and a ridge-penalised Cox
 * model on the same covariates (docs/calibration-record.md, "Validation").
 *
 * The refit is cheap: the calibration's pooled population is reweighted by the
 * likelihood of the training cases only (importance reweighting; no new
 * likelihood evaluations), and the held-out cases are forecast from draws
 * resampled with those weights. Each fold reports its effective sample size.
 *
 * Below IN_SAMPLE_ESS a fold's refit rests on the few vectors that already
 * dominate the full fit, so its forecasts are the full fit's: the scores are
 * then labelled in-sample and ranked against the Cox model fitted in-sample
 * too (like for like; docs/calibration-record.md, "Cross-validated scores").
 */
import type { ValidationReport } from './contract.js';
import { coxProbabilityBy, coxRegression } from '../core/analysis/survival/cox-regression.js';
import type { CaseRow } from '../core/calibration/cases.js';
import { valuesOf } from '../core/calibration/parameters.js';
import { resample, weigh, type Particle } from '../core/calibration/posterior.js';
import {
  baseRate,
  brier,
  pairedDifference,
  covariateVector,
  logScore,
  outcomeAt,
  reliability,
  SCORE_HORIZONS,
  type ReliabilityBin,
} from '../core/calibration/scores.js';
import { Stream } from '../core/rng/stream.js';
import { InputError as UserError } from '../io/errors.js';
import { storePath } from '../io/paths.js';
import { DEFAULT_CASES, loadCases } from './case-library.js';
import type { SimulationContext } from './forecast.js';
import { loadPosterior, type Posterior } from './posterior.js';
import { calibrationData, simulateCases } from './simulate-cases.js';

/** As many folds as cases (the fold count is clamped to the cases scored): leave-one-out. */
export const LEAVE_ONE_OUT = Number.MAX_SAFE_INTEGER;

/** [J] Ridge penalty of the Cox benchmark: 46 spells cannot support 9 unpenalised coefficients (some provisions separate the early failures). */
export const COX_RIDGE = 1;

/**
 * [J] Effective sample size per fold below which the importance-reweighted
 * refit is labelled in-sample: with fewer than about 10 effective vectors the
 * reweighting cannot move away from the full fit's dominant vectors, and the
 * held-out forecasts are the in-sample ones within Monte Carlo noise (the
 * shipped posterior: ESS 1.1-2.5 per fold, Brier 0.056 / 0.059 / 0.122
 * leave-one-out against 0.058 / 0.057 / 0.120 in-sample).
 */
export const IN_SAMPLE_ESS = 10;

/** The model against the Cox model of the same kind at one horizon: mean paired difference of the cases' scores, 95% interval. */
export type ScoreComparison = ValidationReport['comparison'][number];

/** The scores at one horizon: spells scored, collapses among them, and each forecaster's Brier and log score. */
export type ScoreRow = ValidationReport['scores'][number];

export interface ValidationResult {
  posterior: string;
  folds: number;
  runs: number;
  seed: number;
  refit: string;
  foldEss: number[];
  /** The ESS threshold (IN_SAMPLE_ESS) and how many folds fell below it. */
  essThreshold: number;
  foldsBelowThreshold: number;
  /** True when any fold's ESS is below the threshold: the model's scores are then effectively in-sample. */
  inSample: boolean;
  /** 'held-out' or 'in-sample': what the model's scores are, and so which Cox fit they are ranked against. */
  scoresAre: 'held-out' | 'in-sample';
  scores: ScoreRow[];
  /** The model against the Cox model of the same kind (held-out or in-sample), per horizon. */
  comparison: ScoreComparison[];
  reliability: { model: ReliabilityBin[]; baseRate: ReliabilityBin[]; cox: ReliabilityBin[] };
  forecasts: {
    id: string;
    horizon: number;
    y: number;
    model: number;
    baseRate: number;
    cox: number;
    baseRateInSample: number;
    coxInSample: number;
  }[];
}

export async function validate(
  cases: readonly CaseRow[],
  posterior: Posterior,
  opts: { folds: number; runs: number; seed: number },
  ctx: SimulationContext,
): Promise<ValidationResult> {
  const pop = posterior.population;
  const ids = posterior.caseIds;
  if (!pop || !ids)
    throw new UserError(
      `--posterior: ${posterior.label} has no stored population to refit from (use a posterior made by truce calibrate)`,
    );
  const scored = cases.filter((c) => c.outcome);
  const col = scored.map((c) => ids.indexOf(c.covariates.id));
  const missing = scored.filter((_, i) => col[i] < 0).map((c) => c.covariates.id);
  if (missing.length)
    throw new UserError(
      `--cases: the posterior was not fitted to ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', ...' : ''}: validate refits by reweighting the calibration's own cases; use the case file of the calibration`,
    );
  const K = Math.min(opts.folds, scored.length);
  // Folds from a seeded shuffle; with K = n, leave-one-out.
  const rng = Stream.derive(opts.seed, 'validate');
  const order = scored.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const fold = new Array(scored.length).fill(0);
  order.forEach((i, k) => (fold[i] = k % K));
  const D = Math.max(20, Math.min(200, opts.runs));
  const drawsFor: Record<string, number>[][] = [];
  const foldEss: number[] = [];
  for (let f = 0; f < K; f++) {
    const particles: Particle[] = pop.map((p) => ({
      u: p.u,
      logCorrection: p.logCorrection,
      logLik: scored.reduce((t, _, i) => (fold[i] === f ? t : t + p.caseLogLik[col[i]]), 0),
    }));
    const w = weigh(particles);
    foldEss.push(w.ess);
    drawsFor.push(resample(w.weights, D, rng.uniform()).map((i) => valuesOf(posterior.params, pop[i].u)));
  }
  // Each held-out case is simulated once, under its own fold's draws.
  const sim = await ctx.runner.cases(calibrationData(scored, posterior.params), ctx.signal);
  let p: number[][];
  try {
    const durations = await simulateCases(
      sim,
      scored.length,
      (i) => drawsFor[fold[i]],
      opts.runs,
      opts.seed,
      Math.max(...SCORE_HORIZONS) + 1,
      ctx.onProgress,
    );
    p = durations.map((d) =>
      SCORE_HORIZONS.map((h) => {
        let k = 0;
        for (const x of d) if (x >= 0 && x <= h) k++;
        return k / d.length;
      }),
    );
  } finally {
    await sim.close();
  }
  const forecasts: ValidationResult['forecasts'] = [];
  // In-sample benchmarks: the Cox model and the Kaplan-Meier curve of every scored case.
  const coxAll = coxRegression(
    scored.map((c) => c.outcome!.days),
    scored.map((c) => c.outcome!.collapsed),
    scored.map((c) => covariateVector(c.covariates)),
    { ridge: COX_RIDGE },
  );
  const baseAll = SCORE_HORIZONS.map((h) =>
    baseRate(
      scored.map((c) => c.outcome!),
      h,
    ),
  );
  for (let f = 0; f < K; f++) {
    const train = scored.filter((_, i) => fold[i] !== f);
    const test = scored.map((c, i) => [c, i] as const).filter(([, i]) => fold[i] === f);
    const cox = coxRegression(
      train.map((c) => c.outcome!.days),
      train.map((c) => c.outcome!.collapsed),
      train.map((c) => covariateVector(c.covariates)),
      { ridge: COX_RIDGE },
    );
    for (const [c, i] of test) {
      SCORE_HORIZONS.forEach((h, k) => {
        const y = outcomeAt(c.outcome!, h);
        if (y === null) return;
        forecasts.push({
          id: c.covariates.id,
          horizon: h,
          y,
          model: p[i][k],
          baseRate: baseRate(
            train.map((t) => t.outcome!),
            h,
          ),
          cox: coxProbabilityBy(cox, covariateVector(c.covariates), h),
          baseRateInSample: baseAll[k],
          coxInSample: coxProbabilityBy(coxAll, covariateVector(c.covariates), h),
        });
      });
    }
  }
  const scores: ScoreRow[] = SCORE_HORIZONS.map((h) => {
    const rows = forecasts.filter((r) => r.horizon === h);
    const y = rows.map((r) => r.y);
    const s = (key: 'model' | 'baseRate' | 'cox' | 'baseRateInSample' | 'coxInSample') => ({
      brier: brier(
        rows.map((r) => r[key]),
        y,
      ),
      log: logScore(
        rows.map((r) => r[key]),
        y,
      ),
    });
    return {
      horizon: h,
      n: rows.length,
      events: y.filter((v) => v === 1).length,
      model: s('model'),
      baseRate: s('baseRate'),
      cox: s('cox'),
      baseRateInSample: s('baseRateInSample'),
      coxInSample: s('coxInSample'),
    };
  });
  const foldsBelowThreshold = foldEss.filter((e) => e < IN_SAMPLE_ESS).length;
  const inSample = foldsBelowThreshold > 0;
  const coxKey = inSample ? 'coxInSample' : 'cox';
  const comparison: ScoreComparison[] = SCORE_HORIZONS.map((h) => {
    const rows = forecasts.filter((r) => r.horizon === h);
    const perCase = (key: 'model' | 'coxInSample' | 'cox', score: typeof brier) =>
      rows.map((r) => score([r[key]], [r.y]));
    const brierDifference = pairedDifference(perCase('model', brier), perCase(coxKey, brier));
    const logDifference = pairedDifference(perCase('model', logScore), perCase(coxKey, logScore));
    const better = (d: { lo: number; hi: number }, lowerIsBetter: boolean) =>
      d.hi < 0 ? (lowerIsBetter ? 'model' : 'Cox') : d.lo > 0 ? (lowerIsBetter ? 'Cox' : 'model') : 'level';
    return {
      horizon: h,
      cox: inSample ? 'in-sample' : 'held-out',
      brierDifference,
      logDifference,
      brierBetter: better(brierDifference, true),
      logBetter: better(logDifference, false),
    };
  });
  const rel = (key: 'model' | 'baseRate' | 'cox') =>
    reliability(
      forecasts.map((r) => r[key]),
      forecasts.map((r) => r.y),
    );
  return {
    posterior: posterior.label,
    folds: K,
    runs: opts.runs,
    seed: opts.seed,
    refit:
      "importance reweighting of the calibration's pooled population by the training cases' likelihood (no new likelihood evaluations)",
    foldEss,
    essThreshold: IN_SAMPLE_ESS,
    foldsBelowThreshold,
    inSample,
    scoresAre: inSample ? 'in-sample' : 'held-out',
    scores,
    comparison,
    reliability: { model: rel('model'), baseRate: rel('baseRate'), cox: rel('cox') },
    forecasts,
  };
}

/** `truce validate` as a request. */
export interface ValidationRequest {
  /** The case library the posterior was fitted to (default: the shipped one). */
  cases?: string;
  /** A stored calibration's id, "default" (shipped) or a posterior file. */
  posterior: string;
  /** Results database holding a stored posterior (default: $TRUCE_DB or ./truce.db). */
  db?: string;
  folds: number;
  runs: number;
  seed: number;
}

export async function runValidation(req: ValidationRequest, ctx: SimulationContext): Promise<ValidationResult> {
  const cases = loadCases(req.cases ?? DEFAULT_CASES, { requireOutcome: true });
  const posterior = loadPosterior(req.posterior, storePath(req.db));
  return validate(cases, posterior, { folds: req.folds, runs: req.runs, seed: req.seed }, ctx);
}

/** The reliability plot of a validation (forecast against observed frequency, per forecaster) as SVG text. */
export async function reliabilityPlot(r: ValidationResult): Promise<string> {
  const [{ parseHTML }, { reliabilityChart }] = await Promise.all([
    import('linkedom'),
    import('../charts/calibration-charts.js'),
  ]);
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  return reliabilityChart(reliabilityRows(r), document as unknown as Document).outerHTML + '\n';
}

/** The reliability bins of every forecaster, as the reliability chart takes them. */
export function reliabilityRows(r: Pick<ValidationResult, 'reliability'>): ValidationReport['reliability'] {
  return (['model', 'baseRate', 'cox'] as const).flatMap((k) =>
    r.reliability[k].map((b) => ({
      forecaster: k === 'baseRate' ? 'base rate' : k === 'cox' ? 'Cox' : 'truce',
      meanForecast: b.meanForecast,
      observed: b.observed,
      n: b.n,
    })),
  );
}

/** What the report shows of a validation (src/report/validation-section.ts). */
export function validationForReport(r: ValidationResult): ValidationReport {
  return {
    posterior: r.posterior,
    folds: r.folds,
    cases: new Set(r.forecasts.map((f) => f.id)).size,
    runs: r.runs,
    seed: r.seed,
    refit: r.refit,
    essRange: [Math.min(...r.foldEss), Math.max(...r.foldEss)],
    essThreshold: r.essThreshold,
    inSample: r.inSample,
    scores: r.scores,
    comparison: r.comparison,
    reliability: reliabilityRows(r),
  };
}
