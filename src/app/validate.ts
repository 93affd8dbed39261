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
 * dominate the full fit, so its forecasts are the full fit's: that fold's
 * spells are labelled in-sample and ranked against the benchmarks fitted
 * in-sample, the other folds' spells against the held-out ones (like for like,
 * chosen per spell by its fold; docs/calibration-record.md, "Validation").
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
import { kindLabel } from '../charts/validation-notes.js';
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

/** What the model's scores are: every fold below IN_SAMPLE_ESS, none, or some (each spell then by its own fold). */
export type ScoresKind = ValidationReport['scoresAre'];

/** The kind of a set of folds' scores from their in-sample flags. */
export function scoresKind(foldInSample: readonly boolean[]): ScoresKind {
  const below = foldInSample.filter(Boolean).length;
  return below === 0 ? 'held-out' : below === foldInSample.length ? 'in-sample' : 'mixed';
}

export interface ValidationResult {
  posterior: string;
  folds: number;
  runs: number;
  seed: number;
  refit: string;
  foldEss: number[];
  /** Per fold (as foldEss): true when its ESS is below the threshold, so its spells' forecasts are in-sample. */
  foldInSample: boolean[];
  /** The ESS threshold (IN_SAMPLE_ESS) and how many folds fell below it. */
  essThreshold: number;
  foldsBelowThreshold: number;
  /** True when any fold's ESS is below the threshold: some (scoresAre 'mixed') or all of the model's scores are then in-sample. */
  inSample: boolean;
  /**
   * What the model's scores are: 'in-sample' (every fold below the threshold), 'held-out' (none) or
   * 'mixed' (some; each spell is then ranked against the benchmarks of its own fold's kind).
   */
  scoresAre: ScoresKind;
  scores: ScoreRow[];
  /** The model against the Cox model of each spell's own kind (its fold's: held out or in-sample), per horizon. */
  comparison: ScoreComparison[];
  /** Reliability bins; baseRate and cox are held out, the *Matched ones each spell's benchmark of its fold's kind. */
  reliability: {
    model: ReliabilityBin[];
    baseRate: ReliabilityBin[];
    cox: ReliabilityBin[];
    baseRateMatched: ReliabilityBin[];
    coxMatched: ReliabilityBin[];
  };
  forecasts: {
    id: string;
    horizon: number;
    y: number;
    /** The spell's fold (an index into foldEss) and whether that fold is in-sample. */
    fold: number;
    inSample: boolean;
    model: number;
    baseRate: number;
    cox: number;
    baseRateInSample: number;
    coxInSample: number;
    /** The benchmarks of the spell's own kind: the in-sample ones if its fold is in-sample, else the held-out ones. */
    baseRateMatched: number;
    coxMatched: number;
  }[];
}

type ForecasterKey =
  'model' | 'baseRate' | 'cox' | 'baseRateInSample' | 'coxInSample' | 'baseRateMatched' | 'coxMatched';

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
  const foldInSample: boolean[] = [];
  for (let f = 0; f < K; f++) {
    const particles: Particle[] = pop.map((p) => ({
      u: p.u,
      logCorrection: p.logCorrection,
      logLik: scored.reduce((t, _, i) => (fold[i] === f ? t : t + p.caseLogLik[col[i]]), 0),
    }));
    const w = weigh(particles);
    foldEss.push(w.ess);
    foldInSample.push(w.ess < IN_SAMPLE_ESS);
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
        const heldOut = {
          baseRate: baseRate(
            train.map((t) => t.outcome!),
            h,
          ),
          cox: coxProbabilityBy(cox, covariateVector(c.covariates), h),
        };
        const inSample = { baseRate: baseAll[k], cox: coxProbabilityBy(coxAll, covariateVector(c.covariates), h) };
        // Like for like, per spell: its fold's kind picks the benchmarks it is ranked against.
        const matched = foldInSample[f] ? inSample : heldOut;
        forecasts.push({
          id: c.covariates.id,
          horizon: h,
          y,
          fold: f,
          inSample: foldInSample[f],
          model: p[i][k],
          baseRate: heldOut.baseRate,
          cox: heldOut.cox,
          baseRateInSample: inSample.baseRate,
          coxInSample: inSample.cox,
          baseRateMatched: matched.baseRate,
          coxMatched: matched.cox,
        });
      });
    }
  }
  const scores: ScoreRow[] = SCORE_HORIZONS.map((h) => {
    const rows = forecasts.filter((r) => r.horizon === h);
    const y = rows.map((r) => r.y);
    const s = (key: ForecasterKey) => ({
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
      baseRateMatched: s('baseRateMatched'),
      coxMatched: s('coxMatched'),
    };
  });
  const foldsBelowThreshold = foldInSample.filter(Boolean).length;
  const inSample = foldsBelowThreshold > 0;
  const scoresAre = scoresKind(foldInSample);
  const comparison: ScoreComparison[] = SCORE_HORIZONS.map((h) => {
    const rows = forecasts.filter((r) => r.horizon === h);
    const perCase = (key: 'model' | 'coxMatched', score: typeof brier) => rows.map((r) => score([r[key]], [r.y]));
    const brierDifference = pairedDifference(perCase('model', brier), perCase('coxMatched', brier));
    const logDifference = pairedDifference(perCase('model', logScore), perCase('coxMatched', logScore));
    const better = (d: { lo: number; hi: number }, lowerIsBetter: boolean) =>
      d.hi < 0 ? (lowerIsBetter ? 'model' : 'Cox') : d.lo > 0 ? (lowerIsBetter ? 'Cox' : 'model') : 'level';
    return {
      horizon: h,
      cox: scoresAre,
      casesInSample: rows.filter((r) => r.inSample).length,
      brierDifference,
      logDifference,
      brierBetter: better(brierDifference, true),
      logBetter: better(logDifference, false),
    };
  });
  const rel = (key: ForecasterKey) =>
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
    foldInSample,
    essThreshold: IN_SAMPLE_ESS,
    foldsBelowThreshold,
    inSample,
    scoresAre,
    scores,
    comparison,
    reliability: {
      model: rel('model'),
      baseRate: rel('baseRate'),
      cox: rel('cox'),
      baseRateMatched: rel('baseRateMatched'),
      coxMatched: rel('coxMatched'),
    },
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

/** The forecasters of the reliability diagram: the model and the benchmarks of its kind. */
export const RELIABILITY_FORECASTERS = ['model', 'baseRateMatched', 'coxMatched'] as const;

/**
 * The reliability bins of the model and of the benchmarks of its own kind (each spell's fold's: the
 * in-sample fits for in-sample folds, the held-out ones otherwise), each forecaster named with its kind,
 * as the reliability chart takes them.
 */
export function reliabilityRows(
  r: Pick<ValidationResult, 'reliability' | 'scoresAre'>,
): ValidationReport['reliability'] {
  const kind = kindLabel(r.scoresAre);
  const names = { model: 'truce', baseRateMatched: 'base rate', coxMatched: 'Cox' } as const;
  return RELIABILITY_FORECASTERS.flatMap((k) =>
    r.reliability[k].map((b) => ({
      forecaster: `${names[k]} (${kind})`,
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
    foldsBelowThreshold: r.foldsBelowThreshold,
    scoresAre: r.scoresAre,
    scores: r.scores,
    comparison: r.comparison,
    reliability: reliabilityRows(r),
  };
}
