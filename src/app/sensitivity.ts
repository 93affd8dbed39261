/**
 * Sensitivity: which levers matter. A SALib-style `problem` {names, bounds}
 * travels through sample -> evaluate -> analyse: Morris elementary effects
 * or Sobol indices (Saltelli sampling, Jansen estimator, bootstrap
 * intervals), for one output of an ensemble or for a test function that
 * checks the method. Runs at every design point share replicate streams
 * (common random numbers), so differences between points are not sampling
 * noise. See docs/analysis.md.
 */
import { morrisAnalyze, morrisSample, rangeScaled, type MorrisDesign } from '../core/analysis/sensitivity/morris.js';
import { scalePoints } from '../core/analysis/sensitivity/scale.js';
import { saltelliSample, sobolAnalyze, type SaltelliDesign } from '../core/analysis/sensitivity/sobol-indices.js';
import {
  meanVariance,
  pairedMeanVariance,
  pairedNoiseShares,
  proportionVariance,
  sobolNoise,
} from '../core/analysis/sensitivity/sobol-noise.js';
import type { PerRunRow } from '../core/ensemble/per-run.js';
import { ishigami } from '../core/analysis/sensitivity/test-functions.js';
import type { ArmAccumulator } from '../core/ensemble/accumulator.js';
import { summarizeArm } from '../core/ensemble/summarize.js';
import { Stream } from '../core/rng/stream.js';
import { saveExperiment } from '../store/experiments.js';
import type { SobolNoiseFloor } from '../charts/sobol-table.js';
import { InputError } from '../io/errors.js';
import { VERSION } from '../io/version.js';
import { enforceBudget, scenarioWork, type Budget } from './budget.js';
import type { WorkEstimate } from '../core/limits/work.js';
import { wallClock, type UseCaseContext } from './context.js';
import {
  FLAG_NAMES,
  refuseAnalysedLeverOverlaps,
  resolveArm,
  scenarioHash,
  scenarioWarningsOf,
  type InputNames,
  type LoadedScenario,
} from './scenario.js';
import {
  refuseSetPathsTheDrawsOverride,
  streamUnderPosterior,
  uncarriedWarning,
  type ArmCarried,
} from './posterior-ensemble.js';
import { isParameterSetting } from '../core/scenario/levers.js';
import { NO_POSTERIOR, type Posterior } from './posterior.js';

export const OUTPUTS = {
  pCollapse: 'P(collapse by the horizon)',
  medianDay: 'median survival in days, Kaplan-Meier (the horizon when more than half the runs outlast it)',
  meanSurvivalDays:
    'restricted mean survival to the horizon, days (area under Kaplan-Meier: a collapse on day d counts d days)',
  meanDefenderCost: 'mean defender cost over the run, USD',
  meanInterceptors: 'mean interceptors used over the run',
} as const;
export type OutputName = keyof typeof OUTPUTS;
export type Method = 'morris' | 'sobol';

/** The factors and their ranges, as SALib names them. */
export interface SensitivityProblem {
  names: string[];
  bounds: [number, number][];
  /** Each factor's unit, when it has one (a lever's `unit`). */
  units?: (string | undefined)[];
}

export interface Sample {
  method: Method;
  design: MorrisDesign | SaltelliDesign;
  /** The design points in factor units, one row per model evaluation. */
  x: number[][];
}

export function outputOf(acc: ArmAccumulator, output: OutputName): number {
  const s = summarizeArm(acc, { label: '', framework: null, levers: {} });
  switch (output) {
    case 'pCollapse':
      return s.pCollapse.estimate;
    case 'medianDay':
      return s.medianDay ?? s.horizonDays;
    case 'meanSurvivalDays':
      return s.meanSurvivalDays!;
    case 'meanDefenderCost':
      return s.distributions.defenderCostUsd.mean ?? 0;
    case 'meanInterceptors':
      return s.distributions.interceptorsUsed.mean ?? 0;
  }
}

/**
 * The Monte Carlo variance of an output at one design point, from that point's runs: a proportion's
 * p (1 - p) / (R - 1); a mean's sample variance / R (restricted mean survival is the mean of min(T, horizon):
 * runs are censored only at the horizon). null for the median day, whose variance needs the density at the
 * median (docs/analysis.md, "Sobol").
 */
export function noiseOf(acc: ArmAccumulator, output: OutputName): number | null {
  switch (output) {
    case 'pCollapse': {
      const collapsed = acc.eventsByDay.reduce((a, b) => a + b, 0);
      return proportionVariance(acc.runs ? collapsed / acc.runs : 0, acc.runs);
    }
    case 'meanSurvivalDays': {
      let sum = 0;
      let sumSq = 0;
      let collapsed = 0;
      acc.eventsByDay.forEach((c, d) => {
        collapsed += c;
        sum += c * d;
        sumSq += c * d * d;
      });
      const held = acc.runs - collapsed;
      return meanVariance(sum + held * acc.horizon, sumSq + held * acc.horizon ** 2, acc.runs);
    }
    case 'meanDefenderCost': {
      const h = acc.metrics.defenderCostUsd;
      return meanVariance(h.sum, h.sumSq, h.n);
    }
    case 'meanInterceptors': {
      const h = acc.metrics.interceptorsUsed;
      return meanVariance(h.sum, h.sumSq, h.n);
    }
    case 'medianDay':
      return null;
  }
}

/** One run's contribution to an output that is a mean over runs (null: the output is not such a mean). */
export function runValueOf(row: PerRunRow, output: OutputName): number | null {
  switch (output) {
    case 'pCollapse':
      return row.collapsed ? 1 : 0;
    case 'meanSurvivalDays':
      return row.time;
    case 'meanDefenderCost':
      return row.defenderCostUsd;
    case 'meanInterceptors':
      return row.interceptorsUsed;
    case 'medianDay':
      return null;
  }
}

/** How each output's per-point noise is estimated, for the outputs that say it. */
export const NOISE_METHODS: Record<OutputName, string> = {
  pCollapse: "a proportion's p (1 - p) / (R - 1) at each point",
  meanSurvivalDays: 'the sample variance of min(collapse day, horizon) / R at each point',
  meanDefenderCost: 'the sample variance of the runs / R at each point',
  meanInterceptors: 'the sample variance of the runs / R at each point',
  medianDay: "not estimated: a median's Monte Carlo variance needs the density at the median",
};

/** The problem of a scenario's levers over their full ranges. */
export function leverProblem(
  loaded: LoadedScenario,
  levers: string[],
  names: InputNames = FLAG_NAMES,
): SensitivityProblem {
  if (levers.length === 0)
    throw new InputError(
      `${names.levers.trim()}: expected the levers to analyse, e.g. verification,specificity,faceSaving`,
    );
  for (const n of levers) {
    if (!Object.hasOwn(loaded.scenario.levers, n))
      throw new InputError(
        `${loaded.file}: ${names.levers}${n}: expected a lever of this scenario (${Object.keys(loaded.scenario.levers).join(', ')}), got ${JSON.stringify(n)}`,
      );
  }
  return {
    names: [...levers],
    bounds: levers.map((n) => [loaded.scenario.levers[n].min, loaded.scenario.levers[n].max]),
    units: levers.map((n) => loaded.scenario.levers[n].unit),
  };
}

export interface SampleOptions {
  method: Method;
  /** Sobol: base sample N (N (k + 2) points); Morris: trajectories. */
  samples: number;
  /** Morris grid levels (even). */
  levels: number;
  seed: number;
}

/** Design points of a method: Sobol N (k + 2), Morris r (k + 1). */
export function designSize(o: Pick<SampleOptions, 'method' | 'samples'>, k: number): number {
  return o.method === 'sobol' ? o.samples * (k + 2) : o.samples * (k + 1);
}

export function sample(
  problem: SensitivityProblem,
  o: SampleOptions & { budget?: Budget },
  perPoint?: (points: number) => WorkEstimate,
): Sample {
  if (o.method === 'morris' && o.levels % 2 !== 0)
    throw new InputError(`levels: expected an even number of Morris grid levels, got ${o.levels}`);
  // The budget is checked before the design is drawn: a design of 1e9 points is refused, not built.
  const points = designSize(o, problem.names.length);
  enforceBudget(
    perPoint ? perPoint(points) : { units: points * 100, detail: `${points} design points of the test function` },
    o.budget,
    'sensitivity',
  );
  const rng = Stream.derive(o.seed, 'sensitivity', 'design');
  const k = problem.names.length;
  const design = o.method === 'sobol' ? saltelliSample(k, o.samples, rng) : morrisSample(k, o.samples, o.levels, rng);
  return { method: o.method, design, x: scalePoints(design.unit, problem.bounds) };
}

export type Indices = Record<string, Record<string, number>>;

export function analyse(problem: SensitivityProblem, s: Sample, y: readonly number[], seed: number): Indices {
  const rng = Stream.derive(seed, 'sensitivity', 'bootstrap');
  if (s.method === 'sobol') {
    const idx = sobolAnalyze(s.design as SaltelliDesign, y, rng);
    return Object.fromEntries(problem.names.map((n, i) => [n, { ...idx[i] }]));
  }
  // Morris: in the levers' own units (muStar, the contract) and over each lever's range (muStarScaled, the ranking).
  const idx = morrisAnalyze(s.design as MorrisDesign, s.x, y, rng);
  return Object.fromEntries(
    problem.names.map((n, i) => [
      n,
      { ...idx[i], ...rangeScaled(idx[i], problem.bounds[i][1] - problem.bounds[i][0]) },
    ]),
  );
}

/** Each factor's range and unit, as the output reports them. */
export interface SensitivityFactor {
  min: number;
  max: number;
  unit?: string;
}

export function factorsOf(problem: SensitivityProblem): Record<string, SensitivityFactor> {
  return Object.fromEntries(
    problem.names.map((n, i) => [
      n,
      {
        min: problem.bounds[i][0],
        max: problem.bounds[i][1],
        ...(problem.units?.[i] ? { unit: problem.units[i] } : {}),
      },
    ]),
  );
}

/** What a Morris table is ranked by: mu* over each factor's whole range, so levers in different units compare. */
export const MORRIS_RANKED_BY = 'muStarScaled';

export interface EnsembleEvaluation {
  framework?: string | null;
  set?: Record<string, number>;
  output: OutputName;
  runsPerPoint: number;
  seed: number;
  days?: number;
  /**
   * Draw each run's global parameters from this posterior (default: none, the
   * scenario as written). Each design point's runs are then split over the
   * draws, so the output at a point is its posterior expectation.
   */
  posterior?: Posterior;
  /**
   * Each design point's per-run values of the output (`runValueOf`), indexed by replicate, once all its runs
   * are in: the Sobol noise floor pairs them point against point (common random numbers).
   */
  onPointRuns?: (point: number, values: Float64Array) => void;
}

export interface Evaluation {
  /** The output at each design point. */
  y: number[];
  /** Its Monte Carlo variance at each point (`noiseOf`), null when the output has no estimate. */
  noise: (number | null)[];
  /** Posterior draws per point (1 without a posterior) and runs per draw. */
  draws: number;
  runsPerDraw: number;
  /** The base framework the levers move from (resolved: the scenario's default when none was named). */
  framework: string | null;
  /** What the posterior carries to the design's points. */
  carried: ArmCarried;
}

/** Evaluate the scenario at each design point: an ensemble per point, reduced to one output. */
export async function evaluateScenario(
  loaded: LoadedScenario,
  problem: SensitivityProblem,
  x: number[][],
  e: EnsembleEvaluation,
  ctx: Omit<UseCaseContext, 'db'>,
  names: InputNames = FLAG_NAMES,
): Promise<Evaluation> {
  const fixed = e.set ?? {};
  // Points are resolved as the ensemble reaches them and only the output is kept, so memory
  // does not grow with the design (all twelve levers at N = 1,024 is 14,336 points).
  const points = {
    count: x.length,
    get: (k: number) => ({
      scenario: resolveArm(
        loaded,
        e.framework,
        { ...fixed, ...Object.fromEntries(problem.names.map((n, i) => [n, x[k][i]])) },
        names,
      ).scenario,
      profiles: loaded.profiles,
    }),
  };
  const y = new Array<number>(x.length);
  const noise = new Array<number | null>(x.length);
  // Posterior parameters that hold only under one framework are keyed by its resolved name.
  const framework = resolveArm(loaded, e.framework, fixed, names).framework;
  refuseSetPathsTheDrawsOverride(
    e.posterior ?? NO_POSTERIOR,
    loaded.scenario.name,
    [framework],
    Object.keys(fixed).filter((n) => isParameterSetting(loaded.scenario, n)),
    names.set,
  );
  const plan = streamUnderPosterior(points, e.posterior ?? NO_POSTERIOR, e.runsPerPoint, framework);
  // Per-run values by design point (a point's draws are consecutive runner points), handed on once complete.
  const perPoint = plan.draws * plan.runsPerDraw;
  const pending = new Map<number, { values: Float64Array; seen: number }>();
  const onRuns = e.onPointRuns
    ? (index: number, rows: PerRunRow[]) => {
        const k = Math.floor(index / plan.draws);
        let buf = pending.get(k);
        if (!buf) pending.set(k, (buf = { values: new Float64Array(perPoint), seen: 0 }));
        for (const r of rows) {
          buf.values[r.replicate] = runValueOf(r, e.output) ?? NaN;
          buf.seen++;
        }
        if (buf.seen === perPoint) {
          pending.delete(k);
          e.onPointRuns!(k, buf.values);
        }
      }
    : undefined;
  await ctx.runner.stream({
    onRuns,
    points: plan.source,
    runs: plan.runsPerDraw,
    seed: e.seed,
    days: e.days,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    onPointDone: plan.fold((k, acc) => {
      y[k] = outputOf(acc, e.output);
      noise[k] = noiseOf(acc, e.output);
    }),
  });
  return { y, noise, draws: plan.draws, runsPerDraw: plan.runsPerDraw, framework, carried: plan.carried };
}

export interface SensitivityRequest extends SampleOptions, EnsembleEvaluation {
  levers: string[];
  source?: string;
  budget?: Budget;
}

export interface SensitivityOutput {
  method: Method;
  target: string;
  output: string;
  samples: number;
  seed: number;
  indices: Indices;
  /** Each factor's range (min, max) and unit: Morris's muStar is per unit of these; muStarScaled is over the range. */
  factors?: Record<string, SensitivityFactor>;
  /** Morris: the index the factors are ranked by (muStarScaled); absent in Sobol, whose indices have no unit. */
  rankedBy?: typeof MORRIS_RANKED_BY;
  /** Which posterior each run's global parameters were drawn from, and draws per design point (scenario targets only). */
  posterior?: string;
  posteriorDraws?: number;
  /** The scenario and the base framework the levers move from (scenario targets only). */
  scenario?: string;
  /**
   * The scenario's warnings (values outside their documented ranges), as printed on stderr before the run; an
   * empty list when none (scenario targets only). Absent from sensitivity analyses stored before it was added.
   */
  scenarioWarnings?: string[];
  framework?: string | null;
  /** What the posterior carries to the design's points, and a warning when it carries nothing. */
  posteriorCarried?: ArmCarried;
  posteriorWarning?: string | null;
  /** What makes the indices unreliable (a Sobol design too small for its intervals); empty when nothing. */
  warnings?: string[];
  /**
   * Sobol on an ensemble output: the Monte Carlo noise floor (docs/analysis.md, "Sobol"). `share` is the
   * per-point noise variance as a share of Var(Y), about what ST shows for a factor with no effect;
   * `belowNoise` the factors whose ST interval reaches down to its noise part. null when the output has no noise estimate.
   */
  noise?: SobolNoiseFloor | null;
  experimentId?: number;
}

/**
 * Sobol indices lie in [0, 1]; a 95% interval wider than that whole range says the base sample N is too
 * small for the indices to mean anything. The width shrinks about as 1 / sqrt(N), so the N that would
 * bring the widest interval to 0.2 (+-0.1) is about N (width / 0.2)^2.
 */
export function sobolPrecisionWarnings(indices: Indices, samples: number): string[] {
  let widest = { factor: '', index: '', width: 0 };
  for (const [factor, v] of Object.entries(indices))
    for (const index of ['S1', 'ST'])
      if (v[`${index}Hi`] - v[`${index}Lo`] > widest.width)
        widest = { factor, index, width: v[`${index}Hi`] - v[`${index}Lo`] };
  if (widest.width <= 1) return [];
  const needed = Math.ceil(samples * (widest.width / 0.2) ** 2);
  return [
    `--samples ${samples} is too small: the 95% interval of ${widest.index}(${widest.factor}) is ${widest.width.toFixed(2)} wide, more than the whole range of an index [0, 1], so these indices say nothing yet: raise --samples (the width falls about as 1 / sqrt(N): roughly --samples ${needed} for +-0.1) or --runs-per-point`,
  ];
}

const NOISE_PAIRABLE = new Set<OutputName>(['pCollapse', 'meanSurvivalDays', 'meanDefenderCost', 'meanInterceptors']);

/**
 * Pairs the runs of A_r and AB_i,r (Saltelli's layout: A rows, B rows, then AB_1 .. AB_k), in whatever order the
 * runner hands the points back: A's per-run values are kept (N x R numbers); an AB point is reduced to one
 * variance and dropped as soon as its A point is there, and kept until then (a runner that finishes AB_i,r
 * before A_r is paired all the same; in order, no AB point waits).
 */
export function sobolPairing(design: Pick<SaltelliDesign, 'n' | 'k'>): {
  onPointRuns: (k: number, values: Float64Array) => void;
  rowVariance: number[][];
  /** Every AB point was paired (a runner that hands no per-run rows back leaves none). */
  complete: () => boolean;
} {
  const { n, k: factors } = design;
  const a: Float64Array[] = new Array<Float64Array>(n);
  // AB points handed back before their A point, by row: [point, values].
  const waiting = new Map<number, [number, Float64Array][]>();
  const rowVariance = Array.from({ length: factors }, () => new Array<number>(n).fill(0));
  let paired = 0;
  const pair = (k: number, values: Float64Array) => {
    rowVariance[Math.floor(k / n) - 2][k % n] = pairedMeanVariance(a[k % n], values);
    paired++;
  };
  return {
    rowVariance,
    complete: () => paired === factors * n,
    onPointRuns(k, values) {
      if (k < n) {
        a[k] = values;
        const ab = waiting.get(k);
        if (ab) {
          waiting.delete(k);
          for (const [j, v] of ab) pair(j, v);
        }
      } else if (k >= 2 * n) {
        if (a[k % n]) pair(k, values);
        else {
          let ab = waiting.get(k % n);
          if (!ab) waiting.set(k % n, (ab = []));
          ab.push([k, values]);
        }
      }
    },
  };
}

/** The noise floor of a Sobol analysis of an ensemble output, and the factors whose ST it does not clear. */
function noiseFloor(
  s: Sample,
  y: readonly number[],
  pointNoise: readonly (number | null)[],
  indices: Indices,
  req: SensitivityRequest,
  rowVariance?: number[][],
): SensitivityOutput['noise'] {
  if (pointNoise.some((v) => v === null)) return null;
  const floor = sobolNoise(s.design as SaltelliDesign, y, pointNoise as number[]);
  const names = Object.keys(indices);
  // Without the paired runs (a runner that hands no per-run rows back), the independent-noise share bounds each gain.
  const shares = rowVariance ? pairedNoiseShares(rowVariance, floor.outputVariance) : null;
  const paired = shares ? Object.fromEntries(names.map((f, i) => [f, shares[i]])) : null;
  return {
    ...floor,
    method: NOISE_METHODS[req.output],
    runsPerPoint: req.runsPerPoint,
    paired,
    // Not distinguishable from no effect: ST's 95% interval reaches down to the part the noise adds.
    belowNoise: names.filter((f) => indices[f].STLo <= (paired ? paired[f] : floor.share)),
  };
}

/** The warning when some factor's ST interval does not clear the part the noise adds to it. */
export function noiseWarnings(noise: SensitivityOutput['noise']): string[] {
  if (!noise || noise.belowNoise.length === 0) return [];
  return [
    `ST of ${noise.belowNoise.map((f) => `${f} (${(noise.paired?.[f] ?? noise.share).toFixed(3)} of it is noise${noise.paired ? '' : ' at most'})`).join(', ')} is not distinguishable from no effect: its 95% interval reaches down to the part Monte Carlo noise adds to it (each point's output is an estimate from ${noise.runsPerPoint} runs${noise.paired ? '; measured on the paired runs' : ''}): raise --runs-per-point (the noise falls about as 1 / runs) before reading it`,
  ];
}

/** Check a request before anything runs: the problem, the framework and fixed levers, the design. */
export function planSensitivity(
  loaded: LoadedScenario,
  req: SensitivityRequest,
  names: InputNames = FLAG_NAMES,
): { problem: SensitivityProblem; sample: Sample; totalRuns: number } {
  const problem = leverProblem(loaded, req.levers, names);
  // A lever analysed and fixed, or one that writes a path a --set parameter sets, would fail at the first design
  // point blaming --set (or run with the fixed value ignored): refuse it here, naming --levers.
  refuseAnalysedLeverOverlaps(loaded, 'levers', problem.names, req.set ?? {}, names);
  resolveArm(loaded, req.framework, req.set ?? {}, names);
  const s = sample(problem, req, (points) =>
    scenarioWork(loaded.scenario, points, req.runsPerPoint, req.days, 'design points'),
  );
  return { problem, sample: s, totalRuns: s.x.length * req.runsPerPoint };
}

/** Sensitivity of a scenario output to its levers: sample, evaluate, analyse, store. */
export async function sensitivity(
  loaded: LoadedScenario,
  req: SensitivityRequest,
  ctx: UseCaseContext,
  names: InputNames = FLAG_NAMES,
): Promise<SensitivityOutput> {
  const { problem, sample: s } = planSensitivity(loaded, req, names);
  const started = Date.now();
  // Sobol: each AB_i point's runs are paired with its A point's (the same replicates), row by row.
  const pairing =
    req.method === 'sobol' && NOISE_PAIRABLE.has(req.output) ? sobolPairing(s.design as SaltelliDesign) : null;
  const {
    y,
    noise: pointNoise,
    draws,
    framework,
    carried,
  } = await evaluateScenario(
    loaded,
    problem,
    s.x,
    { ...req, ...(pairing ? { onPointRuns: pairing.onPointRuns } : {}) },
    ctx,
    names,
  );
  const posterior = req.posterior ?? NO_POSTERIOR;
  const indices = analyse(problem, s, y, req.seed);
  const noise =
    req.method === 'sobol'
      ? noiseFloor(s, y, pointNoise, indices, req, pairing?.complete() ? pairing.rowVariance : undefined)
      : undefined;
  const output: SensitivityOutput = {
    method: req.method,
    target: 'scenario',
    output: req.output,
    samples: req.samples,
    seed: req.seed,
    indices,
    factors: factorsOf(problem),
    ...(req.method === 'morris' ? { rankedBy: MORRIS_RANKED_BY } : {}),
    posterior: posterior.label,
    posteriorDraws: draws,
    scenario: loaded.scenario.name,
    scenarioWarnings: scenarioWarningsOf(loaded),
    framework,
    posteriorCarried: carried,
    posteriorWarning: uncarriedWarning(posterior, loaded.scenario.name, [carried]),
    warnings: req.method === 'sobol' ? [...sobolPrecisionWarnings(indices, req.samples), ...noiseWarnings(noise)] : [],
    ...(noise !== undefined ? { noise } : {}),
  };
  if (ctx.db) {
    output.experimentId = saveExperiment(ctx.db, {
      kind: 'sensitivity',
      truceVersion: VERSION,
      scenarioName: loaded.scenario.name,
      scenarioHash: scenarioHash(loaded),
      scenario: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles },
      seed: req.seed,
      runs: req.runsPerPoint,
      params: {
        method: req.method,
        levers: problem.names,
        output: req.output,
        samples: req.samples,
        levels: req.levels,
        // Resolved: the name the levers moved from, or null for none (the request's
        // undefined, "the scenario's default", would otherwise be stored as none).
        framework,
        set: req.set ?? {},
        days: req.days ?? null,
        source: req.source ?? 'cli',
        posterior: output.posterior,
        scenarioWarnings: scenarioWarningsOf(loaded),
      },
      timings: { seconds: (Date.now() - started) / 1000 },
      summary: output,
      createdAt: (ctx.now ?? wallClock)(),
    });
  }
  return output;
}

/** The method checked on the Ishigami function (a = 7, b = 0.1), whose indices are known in closed form. */
export function sensitivityOfTestFunction(o: SampleOptions & { budget?: Budget }): SensitivityOutput {
  const problem: SensitivityProblem = { names: ishigami.factors, bounds: ishigami.bounds };
  const s = sample(problem, o);
  const y = s.x.map((p) => ishigami.evaluate(p));
  const indices = analyse(problem, s, y, o.seed);
  return {
    method: o.method,
    target: 'ishigami',
    output: 'f(x)',
    samples: o.samples,
    seed: o.seed,
    indices,
    factors: factorsOf(problem),
    ...(o.method === 'morris' ? { rankedBy: MORRIS_RANKED_BY } : {}),
    warnings: o.method === 'sobol' ? sobolPrecisionWarnings(indices, o.samples) : [],
  };
}
