/**
 * `truce calibrate`: fit the global parameters to the case library by
 * population Monte Carlo on a simulated likelihood of censored durations
 * (docs/calibration-record.md, "Method"). Returns the posterior sample, the
 * fitted values with intervals, convergence diagnostics and the fit table
 * (simulated survival against the record's Kaplan-Meier band).
 */
import type { CaseRow } from '../core/calibration/cases.js';
import { fitTable, type FitRow } from '../core/calibration/fit.js';
import { ADMIN_HORIZON } from '../core/calibration/likelihood.js';
import { fromUnit, valuesOf, type Parameter, type Priors } from '../core/calibration/parameters.js';
import {
  priorDraws,
  propose,
  proposalFrom,
  resample,
  weigh,
  weightedQuantile,
  type Particle,
} from '../core/calibration/posterior.js';
import { Stream } from '../core/rng/stream.js';
import type { PosteriorDoc } from './posterior.js';
import { caseScenario } from '../core/calibration/coding.js';
import { checkPaths, parameterList, priorsSchema } from '../core/calibration/parameters.js';
import { readChecked } from '../io/documents.js';
import { InputError } from '../io/errors.js';
import { VERSION } from '../io/version.js';
import { saveCalibration } from '../store/posteriors.js';
import { loadCases } from './case-library.js';
import { wallClock, type UseCaseContext } from './context.js';
import type { Runner } from './runner.js';
import { calibrationData, simulateCases } from './simulate-cases.js';
import { casesWork, CASES_BUDGET, enforceBudget } from './budget.js';

export interface CalibrationSettings {
  /** Parameter vectors per round. */
  particles: number;
  rounds: number;
  /** Runs per case per likelihood evaluation. */
  runsPerCase: number;
  /** Runs per case for the fit report (draws from the posterior). */
  fitRuns: number;
  /** Size of the stored equal-weight posterior sample. */
  posteriorSize: number;
}

/** Minutes on this 2-core machine (docs/calibration-record.md gives the measured times). */
export const QUICK: CalibrationSettings = {
  particles: 40,
  rounds: 3,
  runsPerCase: 12,
  fitRuns: 60,
  posteriorSize: 100,
};
export const FULL: CalibrationSettings = {
  particles: 160,
  rounds: 5,
  runsPerCase: 40,
  fitRuns: 400,
  posteriorSize: 400,
};

export interface ParameterFit {
  name: string;
  description: string;
  prior: string;
  median: number;
  lo: number;
  hi: number;
  /** Posterior sd over prior sd on the unit scale: well below 1 means the record informs the parameter. */
  shrinkage: number;
}

export interface RoundDiagnostics {
  round: number;
  ess: number;
  particles: number;
  maxLogLik: number;
  /** Largest change of any parameter's posterior mean from the previous round, in posterior sds (unit scale). */
  maxMeanShift: number | null;
}

export interface CalibrationResult {
  settings: CalibrationSettings;
  seed: number;
  cases: number;
  parameters: ParameterFit[];
  rounds: RoundDiagnostics[];
  /** Standard deviation of the total log-likelihood estimate at the posterior median, over independent replicate sets. */
  logLikNoiseSd: number;
  /** The posterior sample: every round after the first, pooled, with its effective sample size. */
  pooled: { fromRound: number; particles: number; ess: number };
  fit: FitRow[];
  posterior: PosteriorDoc;
  /** The pooled population, for cheap refits (validate): unit coordinates, log(prior/proposal), per-case log-likelihoods. */
  population: { u: number[]; logCorrection: number; caseLogLik: number[] }[];
  /** Ids of the scored cases, in the order of caseLogLik. */
  caseIds: string[];
  timings: { likelihoodEvaluations: number; msPerEvaluation: number; totalMs: number };
}

export interface CalibrateOptions {
  settings: CalibrationSettings;
  seed: number;
  /** Where the simulations run: the thread pool, or the queue (`--queue`); the answer is the same. */
  runner: Runner;
  label: string;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  now?: () => number;
}

function unitMoments(particles: Particle[], weights: number[], d: number): { mean: number[]; sd: number[] } {
  const mean = new Array(d).fill(0);
  const sq = new Array(d).fill(0);
  particles.forEach((p, i) => p.u.forEach((u, k) => ((mean[k] += weights[i] * u), (sq[k] += weights[i] * u * u))));
  return { mean, sd: mean.map((m, k) => Math.sqrt(Math.max(0, sq[k] - m * m))) };
}

export async function calibrate(
  cases: readonly CaseRow[],
  priors: Priors,
  params: Parameter[],
  opts: CalibrateOptions,
): Promise<CalibrationResult> {
  const now = opts.now ?? (() => Date.now());
  const t0 = now();
  const s = opts.settings;
  const d = params.length;
  const scored = cases.filter((c) => c.outcome);
  // Each likelihood evaluation holds runs per case for every case: bounded before anything runs (docs/limits.md).
  for (const runs of [s.runsPerCase, s.fitRuns])
    enforceBudget(casesWork(scored.length, runs, ADMIN_HORIZON + 1), CASES_BUDGET, 'runs per case');
  const sim = await opts.runner.cases(calibrationData(scored, params), opts.signal);
  const rng = Stream.derive(opts.seed, 'calibrate');
  const totalRuns =
    s.rounds * s.particles * scored.length * s.runsPerCase +
    4 * scored.length * s.runsPerCase +
    scored.length * s.fitRuns;
  let runsDone = 0;
  const tick = (n: number) => {
    runsDone += n;
    opts.onProgress?.(runsDone, totalRuns);
  };
  const evaluate = async (u: number[], seed: number): Promise<Float64Array> => {
    const ll = await sim.run({ kind: 'loglik', values: valuesOf(params, u), runs: s.runsPerCase, seed });
    tick(scored.length * s.runsPerCase);
    return ll;
  };
  try {
    const rounds: RoundDiagnostics[] = [];
    let population: (Particle & { caseLogLik: Float64Array })[] = [];
    // Every round after the first (prior) one, pooled: each particle's weight is prior x likelihood / its round's
    // proposal, so all of them target the posterior and the pool is one importance sample (Cappé et al. 2004).
    const pool: (Particle & { caseLogLik: Float64Array })[] = [];
    let prevMean: number[] | null = null;
    let evaluations = 0;
    const tEval = now();
    for (let round = 0; round < s.rounds; round++) {
      const draws =
        round === 0
          ? priorDraws(s.particles, d, rng).map((u) => ({ u, logCorrection: 0 }))
          : propose(proposalFrom(weigh(population), s.particles, rng), s.particles, rng);
      // Every vector uses the same replicate streams (common random numbers): a smoother surface.
      const lls = await Promise.all(draws.map((p) => evaluate(p.u, opts.seed)));
      evaluations += draws.length;
      population = draws.map((p, i) => ({ ...p, logLik: lls[i].reduce((a, b) => a + b, 0), caseLogLik: lls[i] }));
      if (round > 0 || s.rounds === 1) pool.push(...population);
      const w = weigh(population);
      const { mean, sd } = unitMoments(population, w.weights, d);
      const shift = prevMean
        ? Math.max(...mean.map((m, k) => Math.abs(m - prevMean![k]) / Math.max(sd[k], 1e-6)))
        : null;
      prevMean = mean;
      rounds.push({
        round,
        ess: w.ess,
        particles: draws.length,
        maxLogLik: Math.max(...population.map((p) => p.logLik)),
        maxMeanShift: shift,
      });
    }
    const msPerEvaluation = (now() - tEval) / Math.max(1, evaluations);
    // The proposals adapt round by round; the posterior is the pool (docs/calibration-record.md, "The search").
    population = pool;
    const final = weigh(population);
    const { sd } = unitMoments(population, final.weights, d);
    const parameters: ParameterFit[] = params.map((p, k) => {
      const vals = population.map((q) => fromUnit(p, q.u[k]));
      return {
        name: p.name,
        description: p.description,
        prior: `${p.prior} [${p.min}, ${p.max}]`,
        median: weightedQuantile(vals, final.weights, 0.5),
        lo: weightedQuantile(vals, final.weights, 0.05),
        hi: weightedQuantile(vals, final.weights, 0.95),
        // The uniform prior on the unit scale has sd 1/sqrt(12).
        shrinkage: sd[k] * Math.sqrt(12),
      };
    });
    const idx = resample(final.weights, s.posteriorSize, rng.uniform());
    const draws = idx.map((i) => valuesOf(params, population[i].u));
    // Monte Carlo noise of the likelihood at the posterior median: independent replicate sets.
    const medianU = params.map((_, k) =>
      weightedQuantile(
        population.map((q) => q.u[k]),
        final.weights,
        0.5,
      ),
    );
    const noise = await Promise.all(
      [1, 2, 3, 4].map((j) => evaluate(medianU, opts.seed + 7919 * j).then((ll) => ll.reduce((a, b) => a + b, 0))),
    );
    const m = noise.reduce((a, b) => a + b, 0) / noise.length;
    const logLikNoiseSd = Math.sqrt(noise.reduce((a, b) => a + (b - m) ** 2, 0) / (noise.length - 1));
    let fitDone = 0;
    const durations = await simulateCases(
      sim,
      scored.length,
      draws,
      s.fitRuns,
      opts.seed + 1,
      ADMIN_HORIZON + 1,
      (done) => {
        tick(done - fitDone);
        fitDone = done;
      },
    );
    const fit = fitTable(scored, durations);
    return {
      settings: s,
      seed: opts.seed,
      cases: scored.length,
      parameters,
      rounds,
      logLikNoiseSd,
      pooled: { fromRound: s.rounds === 1 ? 0 : 1, particles: population.length, ess: final.ess },
      fit,
      posterior: {
        label: opts.label,
        priors,
        draws,
        fittedTo: `${scored.length} ceasefire spells of the case library, simulated likelihood of censored durations, seed ${opts.seed}`,
      },
      caseIds: scored.map((c) => c.covariates.id),
      population: population.map((p) => ({
        u: p.u,
        logCorrection: p.logCorrection,
        caseLogLik: Array.from(p.caseLogLik),
      })),
      timings: { likelihoodEvaluations: evaluations, msPerEvaluation, totalMs: now() - t0 },
    };
  } finally {
    await sim.close();
  }
}

/** `truce calibrate` as a request: files, setting and overrides, seed. */
export interface CalibrationRequest {
  /** Case library (CSV in the format of data/ceasefires.csv). */
  cases: string;
  /** Priors of the global parameters (YAML in the format of data/priors.yaml). */
  priors: string;
  quick?: boolean;
  particles?: number;
  rounds?: number;
  runsPerCase?: number;
  fitRuns?: number;
  seed: number;
  label?: string;
}

export interface CalibrationRun {
  result: CalibrationResult;
  /** The stored experiment (truce runs show ID; --posterior ID), when a store was given. */
  experimentId?: number;
  /** "quick", "full", with " (overridden)" when a setting was overridden. */
  setting: string;
}

/** The settings of a request: the quick or full setting with its overrides. */
export function settingsOf(req: CalibrationRequest): { settings: CalibrationSettings; setting: string } {
  const base = req.quick ? QUICK : FULL;
  const settings = {
    ...base,
    particles: req.particles ?? base.particles,
    rounds: req.rounds ?? base.rounds,
    runsPerCase: req.runsPerCase ?? base.runsPerCase,
    fitRuns: req.fitRuns ?? base.fitRuns,
  };
  const custom = (['particles', 'rounds', 'runsPerCase', 'fitRuns'] as const).some((k) => settings[k] !== base[k]);
  return { settings, setting: `${req.quick ? 'quick' : 'full'}${custom ? ' (overridden)' : ''}` };
}

/**
 * Load and check the case library and priors, calibrate, store the posterior
 * (its draws in their own table, usable as --posterior ID). Input problems are InputErrors before any simulation starts.
 */
export async function runCalibration(req: CalibrationRequest, ctx: UseCaseContext): Promise<CalibrationRun> {
  const now = ctx.now ?? wallClock;
  const cases = loadCases(req.cases, { requireOutcome: true });
  const priors = readChecked(req.priors, priorsSchema);
  const params = parameterList(priors);
  const bad = checkPaths(params, caseScenario(cases[0].covariates));
  if (bad.length)
    throw new InputError(
      bad
        .map(
          (b) =>
            `${req.priors}: parameters.${b.parameter}.paths: expected a path to a number of the case archetype (docs/calibration-record.md), found ${JSON.stringify(b.path)}`,
        )
        .join('\n'),
    );
  const { settings, setting } = settingsOf(req);
  const label = req.label ?? `${setting} calibration, seed ${req.seed}, ${now().slice(0, 10)}`;
  const result = await calibrate(cases, priors, params, {
    settings,
    seed: req.seed,
    runner: ctx.runner,
    label,
    onProgress: ctx.onProgress,
    signal: ctx.signal,
  });
  result.posterior.createdAt = now();
  let experimentId: number | undefined;
  if (ctx.db) {
    // The draws go to their own table; the summary keeps everything else.
    const { draws, ...posteriorHead } = result.posterior;
    experimentId = saveCalibration(
      ctx.db,
      {
        kind: 'calibration',
        truceVersion: VERSION,
        scenarioName: 'case library',
        seed: req.seed,
        runs: settings.runsPerCase,
        params: { cases: req.cases, priors: req.priors, setting, ...settings },
        timings: result.timings,
        summary: { ...result, posterior: posteriorHead },
        createdAt: now(),
      },
      draws,
    );
  }
  return { result, experimentId, setting };
}

/** The posterior as a file (the format of data/posterior.json, usable as --posterior FILE and by validate). */
export function posteriorFile(r: CalibrationResult): PosteriorDoc & Pick<CalibrationResult, 'population' | 'caseIds'> {
  const s = r.settings;
  return {
    ...r.posterior,
    fittedWith: {
      truceVersion: VERSION,
      settings: `--particles ${s.particles} --rounds ${s.rounds} --runs-per-case ${s.runsPerCase} --fit-runs ${s.fitRuns} --seed ${r.seed}`,
    },
    population: r.population,
    caseIds: r.caseIds,
  };
}
