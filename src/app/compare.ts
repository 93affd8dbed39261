/**
 * Compare: arms (frameworks times the values of one lever) run as one
 * ensemble with common random numbers, each summarised (survival, P(collapse
 * by day), who and why), every arm compared with the first (log-rank, Cox),
 * stored in one transaction. `truce compare`, `truce report` and the
 * dashboard's comparison jobs all come here.
 */
import { isParameterSetting } from '../core/scenario/levers.js';
import { enforceBudget, scenarioWork, type Budget } from './budget.js';
import {
  compareArms,
  REPORT_DAYS,
  summarizeArm,
  type ArmSummary,
  type Comparison,
} from '../core/ensemble/summarize.js';
import { saveExperiment } from '../store/experiments.js';
import { VERSION } from '../io/version.js';
import { InputError as UserError } from '../io/errors.js';
import type { PerRunRow } from '../core/ensemble/per-run.js';
import { RunRowSpool, runContexts, writePerRunCsv } from './run-rows.js';
import { buildArms, defaultFrameworks, type Arm, type Vary } from './arms.js';
import { wallClock, type UseCaseContext } from './context.js';
import {
  drawMerger,
  planUnderPosterior,
  refuseSetPathsTheDrawsOverride,
  uncarriedWarning,
  type ArmPosterior,
  type PosteriorPlan,
} from './posterior-ensemble.js';
import { loadPosterior, type Posterior } from './posterior.js';
import { FLAG_NAMES, scenarioHash, scenarioWarningsOf, type InputNames, type LoadedScenario } from './scenario.js';

export interface ComparisonOutput {
  scenario: string;
  scenarioHash: string;
  /**
   * The scenario's warnings (values outside their documented ranges, FILE:LINE: PATH: ...), as printed on stderr
   * before the run; an empty list when none. Absent from comparisons stored before it was added.
   */
  scenarioWarnings?: string[];
  truceVersion: string;
  seed: number;
  runs: number;
  horizonDays: number;
  arms: ArmSummary[];
  comparisons: Comparison[];
  experimentId?: number;
  /** Which posterior each run's global parameters were drawn from (docs/calibration-record.md). */
  posterior: string;
  /** Posterior draws per arm, and runs per draw (runs = draws x runsPerDraw). */
  posteriorDraws: number;
  /**
   * What the posterior carries to each arm: its parameters (paths, value as written, median and range
   * over the draws, distinct values) and the distinct draws among them. An arm with no parameters runs
   * the scenario as written, whatever `posteriorDraws` says. (Absent from comparisons stored before.)
   */
  posteriorCarried?: ArmPosterior[];
  /** Set when a posterior other than none carries nothing to any arm (e.g. a renamed copy of a scenario); else null. */
  posteriorWarning?: string | null;
}

export interface CompareRequest {
  /** Frameworks to compare (default: defaultFrameworks). */
  frameworks?: string[];
  /** Levers set in every arm. */
  set?: Record<string, number>;
  vary?: Vary | null;
  runs: number;
  seed: number;
  days?: number;
  /** Where the request came from, stored with the parameters (`cli`, `dashboard`). */
  source?: string;
  /** More parameters to store (e.g. the report file). */
  params?: Record<string, unknown>;
  /** Draw each run's global parameters from this posterior (default: the shipped one, as on the command line). */
  posterior?: Posterior;
  /** The work budget (default: the CLI's); checked before anything runs. */
  budget?: Budget;
  /** The days of P(collapse by day d) (default: 30, 90, 180, 365 and the horizon). */
  at?: number[];
  /** Also write every run's row as CSV to this file (docs/analysis.md, "Per-run rows"). */
  runsCsv?: string;
  /** Also write every run's row as Parquet to this file. */
  runsParquet?: string;
}

export interface CompareResult {
  output: ComparisonOutput;
  arms: Arm[];
  seconds: number;
  workers: number;
}

/** Check the request and build the arms: everything that can fail on input fails here, before anything runs. */
export function planComparison(
  loaded: LoadedScenario,
  req: CompareRequest,
  names: InputNames = FLAG_NAMES,
): { frameworks: string[]; arms: Arm[] } {
  const frameworks = req.frameworks ?? defaultFrameworks(Object.keys(loaded.scenario.frameworks));
  const arms = buildArms(loaded, frameworks, req.set ?? {}, req.vary ?? null, names);
  checkDaysWithinHorizon(req.at, req.days ?? Math.min(...arms.map((a) => a.point.scenario.horizonDays)), req.days);
  enforceBudget(scenarioWork(loaded.scenario, arms.length, req.runs, req.days), req.budget, 'compare');
  return { frameworks, arms };
}

/**
 * A day of P(collapse by day d) past the horizon has no answer (no run is followed that far): refused, never
 * dropped from the table in silence.
 */
function checkDaysWithinHorizon(at: number[] | undefined, horizon: number, days: number | undefined): void {
  const beyond = at?.find((d) => d > horizon);
  if (beyond !== undefined)
    throw new UserError(
      `--at ${beyond}: beyond the horizon (${horizon} days${days === undefined ? ", the scenario's horizonDays" : ', --days'}); expected days from 1 to ${horizon}`,
    );
}

export async function compare(
  loaded: LoadedScenario,
  req: CompareRequest,
  ctx: UseCaseContext,
  names: InputNames = FLAG_NAMES,
): Promise<CompareResult> {
  const { frameworks, arms } = planComparison(loaded, req, names);
  return runComparison(loaded, req, frameworks, arms, ctx);
}

export async function runComparison(
  loaded: LoadedScenario,
  req: CompareRequest,
  frameworks: string[],
  arms: Arm[],
  ctx: UseCaseContext,
): Promise<CompareResult> {
  const now = ctx.now ?? wallClock;
  const started = Date.now();
  // One default for every face: the dashboard and the CLI give the same answer for the same request.
  const posterior = req.posterior ?? loadPosterior('default', '');
  refuseSetPathsTheDrawsOverride(
    posterior,
    loaded.scenario.name,
    arms.map((a) => a.framework),
    [...Object.keys(req.set ?? {}), ...(req.vary ? [req.vary.lever] : [])].filter((n) =>
      isParameterSetting(loaded.scenario, n),
    ),
  );
  const plan = planUnderPosterior(
    arms.map((a) => a.point),
    posterior,
    req.runs,
    arms.map((a) => a.framework),
  );
  // Per-run rows go to a spool on disk, then into the store and/or a CSV file.
  const spool = ctx.db || req.runsCsv || req.runsParquet ? new RunRowSpool() : null;
  try {
    return await finishComparison(loaded, req, frameworks, arms, ctx, posterior, plan, spool, started, now);
  } finally {
    spool?.dispose();
  }
}

async function finishComparison(
  loaded: LoadedScenario,
  req: CompareRequest,
  frameworks: string[],
  arms: Arm[],
  ctx: UseCaseContext,
  posterior: Posterior,
  plan: PosteriorPlan,
  spool: RunRowSpool | null,
  started: number,
  now: () => string,
): Promise<CompareResult> {
  // Each arm's draws merged as they come (drawMerger): one accumulator per arm is held, not one per draw.
  const merger = drawMerger(plan, arms.length);
  await ctx.runner.stream({
    points: plan.points,
    runs: plan.runsPerDraw,
    seed: req.seed,
    days: req.days,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    onPointDone: merger.onPointDone,
    ...(spool ? { onRuns: (point: number, rows: PerRunRow[]) => spool.add(point, rows) } : {}),
  });
  const accs = merger.merged();
  const runs = plan.draws * plan.runsPerDraw;
  const seconds = (Date.now() - started) / 1000;
  // A runner that does not hand rows back (the Redis queue) leaves none stored rather than some.
  const rowsComplete = spool !== null && spool.count === runs * arms.length;
  const summaries = accs.map((acc, i) => summarizeArm(acc, arms[i], req.at ?? REPORT_DAYS));
  const comparisons = accs.slice(1).map((acc, i) => compareArms(accs[0], acc, [arms[0].label, arms[i + 1].label]));
  const hash = scenarioHash(loaded);
  const output: ComparisonOutput = {
    scenario: loaded.scenario.name,
    scenarioHash: hash,
    scenarioWarnings: scenarioWarningsOf(loaded),
    truceVersion: VERSION,
    seed: req.seed,
    runs,
    horizonDays: summaries[0].horizonDays,
    arms: summaries,
    comparisons,
    posterior: posterior.label,
    posteriorDraws: plan.draws,
    posteriorCarried: plan.carried.map((c, i) => ({ arm: arms[i].label, ...c })),
    posteriorWarning: uncarriedWarning(posterior, loaded.scenario.name, plan.carried),
  };
  if (ctx.db) {
    output.experimentId = saveExperiment(ctx.db, {
      kind: 'compare',
      truceVersion: VERSION,
      scenarioName: loaded.scenario.name,
      scenarioHash: hash,
      scenario: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles },
      seed: req.seed,
      runs,
      params: {
        frameworks,
        set: req.set ?? {},
        vary: req.vary ?? null,
        days: req.days ?? null,
        source: req.source ?? 'cli',
        posterior: posterior.label,
        scenarioWarnings: scenarioWarningsOf(loaded),
        ...req.params,
      },
      timings: { seconds, workers: ctx.runner.workers, runsPerSecond: (runs * arms.length) / seconds },
      summary: output,
      arms: summaries.map((s, i) => ({
        label: s.label,
        framework: arms[i].framework,
        levers: arms[i].levers,
        summary: s,
      })),
      ...(rowsComplete
        ? {
            runPoints: plan.origins,
            runRows: mapRows(spool.entries(), (e) => ({
              point: e.point,
              replicate: e.row.replicate,
              json: JSON.stringify(e.row),
            })),
          }
        : {}),
      createdAt: now(),
    });
  }
  const files = [req.runsCsv, req.runsParquet].filter((f) => f !== undefined);
  if (files.length && spool) {
    if (!rowsComplete)
      throw new UserError(
        `${files.join(', ')}: this runner did not hand back per-run rows (${spool.count} of ${runs * arms.length}); run without --queue`,
      );
    const armsMeta = arms.map((a) => ({ label: a.label, framework: a.framework, levers: a.levers }));
    const contexts = runContexts(output.experimentId ?? null, armsMeta, plan.origins);
    if (req.runsCsv) writePerRunCsv(req.runsCsv, contexts, spool.entries());
    if (req.runsParquet) {
      const { writePerRunParquet } = await import('./run-rows-parquet.js');
      writePerRunParquet(req.runsParquet, contexts, spool.entries());
    }
  }
  return { output, arms, seconds, workers: ctx.runner.workers };
}

function* mapRows<T, U>(it: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of it) yield f(x);
}
