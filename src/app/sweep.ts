/**
 * Sweep: a design over lever ranges (grid, Latin hypercube or Sobol'), R
 * runs per point, stored point by point. Each point is written in its own
 * transaction as soon as it is complete, so an interrupted sweep keeps every
 * finished point and resuming runs only the missing ones: nothing is lost and
 * nothing is repeated. The design is a function of the seed, so a resumed
 * sweep regenerates exactly the same points.
 */
import { isParameterSetting } from '../core/scenario/levers.js';
import {
  planUnderPosterior,
  refuseSetPathsTheDrawsOverride,
  streamUnderPosterior,
  uncarriedWarning,
} from './posterior-ensemble.js';
import type { ArmCarried } from './posterior-ensemble.js';
import { NO_POSTERIOR, type Posterior } from './posterior.js';
import { grid, gridLevelsFor } from '../core/analysis/design/grid.js';
import { latinHypercube } from '../core/analysis/design/latin-hypercube.js';
import { SobolSequence } from '../core/analysis/design/sobol-sequence.js';
import type { DefenseProfile } from '../core/engagement/schema.js';
import type { ArmAccumulator } from '../core/ensemble/accumulator.js';
import type { PerRunRow } from '../core/ensemble/per-run.js';
import { RunRowSpool } from './run-rows.js';
import { summarizeArm } from '../core/ensemble/summarize.js';
import { Stream } from '../core/rng/stream.js';
import type { CeasefireScenario } from '../core/scenario/ceasefire-schema.js';
import type { DB } from '../store/db.js';
import {
  addSweepPoint,
  claimExperiment,
  countSweepPoints,
  finishExperiment,
  getExperiment,
  getScenarioFile,
  getScenarioJson,
  getSweepPoints,
  releaseExperiment,
  stampEngine,
  startExperiment,
  type ExperimentRecord,
} from '../store/experiments.js';
import { enforceBudget, scenarioWork, type Budget } from './budget.js';
import { otherEngineClause, rerunText, storedScenarioWarnings, type SweepResume } from './contract.js';
import type { WorkEstimate } from '../core/limits/work.js';
import { InputError } from '../io/errors.js';
import { runningEngine } from '../io/engine.js';
import { VERSION } from '../io/version.js';
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

export type Design = 'grid' | 'lhs' | 'sobol';
export const DESIGNS: readonly Design[] = ['grid', 'lhs', 'sobol'];

/** What is stored with a sweep and is enough to regenerate its points. */
export interface SweepParams {
  design: Design;
  ranges: Record<string, [number, number]>;
  points: number;
  runsPerPoint: number;
  seed: number;
  framework: string | null;
  /** Fixed levers as `LEVER=VALUE` (the stored form since the first release). */
  set: string[];
  days: number | null;
  /**
   * Which global parameters each run draws: "none", "default" or a stored calibration's id
   * (docs/calibration-record.md). Stored so that a resumed sweep draws the same; absent in
   * sweeps stored before it existed, which ran the scenario as written.
   */
  posterior?: string;
}

/** Check each range against its lever: known, LO < HI, within the lever's bounds. */
export function checkRanges(
  loaded: LoadedScenario,
  ranges: Record<string, [number, number]>,
  names: InputNames = FLAG_NAMES,
): Record<string, [number, number]> {
  for (const [name, [lo, hi]] of Object.entries(ranges)) {
    const part = `${names.ranges}${name}=${lo}:${hi}`;
    const lever = loaded.scenario.levers[name];
    if (!lever)
      throw new InputError(
        `${loaded.file}: ${names.ranges}${name}: expected a lever of this scenario (${Object.keys(loaded.scenario.levers).join(', ')}), got ${JSON.stringify(name)}`,
      );
    if (!(Number.isFinite(lo) && Number.isFinite(hi)) || !(lo < hi))
      throw new InputError(`${part}: expected a non-empty range LO < HI, got ${lo}:${hi}`);
    if (lo < lever.min || hi > lever.max)
      throw new InputError(`${part}: expected a range within [${lever.min}, ${lever.max}], got [${lo}, ${hi}]`);
  }
  if (Object.keys(ranges).length === 0)
    throw new InputError(`${names.ranges.trim()}: expected at least one LEVER=LO:HI`);
  return ranges;
}

/** Fixed levers from their stored form. */
export function fixedLevers(set: readonly string[] | Record<string, number>): Record<string, number> {
  if (!Array.isArray(set)) return { ...(set as Record<string, number>) };
  return Object.fromEntries(
    set.map((f) => {
      const m = /^([A-Za-z][\w.-]*)=(.+)$/.exec(f);
      const v = m ? Number(m[2]) : NaN;
      if (!m || !Number.isFinite(v))
        throw new InputError(
          `--set ${f}: expected LEVER=NUMBER or PATH=NUMBER (a documented parameter), e.g. --set verification=0.5`,
        );
      return [m[1], v];
    }),
  );
}

/** The design's points in lever units; deterministic in (design, ranges, points, seed). */
export function designPoints(p: Pick<SweepParams, 'design' | 'ranges' | 'points' | 'seed'>): Record<string, number>[] {
  const names = Object.keys(p.ranges);
  const k = names.length;
  const rng = Stream.derive(p.seed, 'sweep-design');
  let unit: number[][];
  if (p.design === 'grid') unit = grid(gridLevelsFor(p.points, k), k);
  else if (p.design === 'lhs') unit = latinHypercube(p.points, k, rng);
  else {
    const seq = new SobolSequence(k, rng);
    unit = Array.from({ length: p.points }, () => seq.next());
  }
  return unit.map((u) =>
    Object.fromEntries(names.map((n, i) => [n, p.ranges[n][0] + u[i] * (p.ranges[n][1] - p.ranges[n][0])])),
  );
}

export function pointOutcomes(acc: ArmAccumulator) {
  const s = summarizeArm(acc, { label: '', framework: null, levers: {} });
  return {
    runs: s.runs,
    collapsed: s.collapsed,
    pCollapse: s.pCollapse,
    medianDay: s.medianDay,
    meanSurvivalDays: s.meanSurvivalDays,
    firstCrosser: s.firstCrosser,
    attribution: s.attribution,
    meanInterceptorsUsed: s.distributions.interceptorsUsed.mean,
    meanDefenderCostUsd: s.distributions.defenderCostUsd.mean,
    // Collapses per day as [day, count] pairs: P(collapse by any day d) for `truce discover`.
    horizon: acc.horizon,
    collapseDays: acc.eventsByDay.flatMap((c, d) => (c > 0 ? [[d, c]] : [])),
  };
}

/** One sweep point's outcomes as flat columns (the tidy table, CSV). */
export function flatOutcomes(o: Record<string, unknown>): Record<string, number | null> {
  const p = o.pCollapse as { estimate: number; lo: number; hi: number };
  const out: Record<string, number | null> = {
    runs: o.runs as number,
    collapsed: o.collapsed as number,
    p_collapse: p.estimate,
    p_collapse_lo: p.lo,
    p_collapse_hi: p.hi,
    median_day: o.medianDay as number | null,
    mean_survival_days: o.meanSurvivalDays as number,
    mean_interceptors_used: o.meanInterceptorsUsed as number | null,
    mean_defender_cost_usd: o.meanDefenderCostUsd as number | null,
  };
  for (const [k, v] of Object.entries(o.firstCrosser as Record<string, number>)) out[`first_crosser_${k}`] = v;
  for (const [k, v] of Object.entries(o.attribution as Record<string, number>))
    out[`attribution_${k.replace(/-/g, '_')}`] = v;
  return out;
}

export type SweepRow = Record<string, string | number | null>;

/** The stored points of a sweep as one flat row each. */
export function sweepRows(db: DB, id: number): SweepRow[] {
  return getSweepPoints(db, id).map((r) => ({
    experiment: id,
    point: r.point,
    ...Object.fromEntries(Object.entries(r.levers).map(([k, v]) => [`lever_${k}`, v])),
    ...flatOutcomes(r.outcomes),
  }));
}

/** The number of design points (a grid has levels^k, about the points asked for). */
export function designPointCount(params: Pick<SweepParams, 'design' | 'ranges' | 'points'>): number {
  const k = Object.keys(params.ranges).length;
  return params.design === 'grid' ? gridLevelsFor(params.points, k) ** k : params.points;
}

/** The sweep's work: design points x runs per point x days x actors. */
export function sweepWork(loaded: LoadedScenario, params: SweepParams): WorkEstimate {
  return scenarioWork(
    loaded.scenario,
    designPointCount(params),
    params.runsPerPoint,
    params.days ?? undefined,
    'design points',
  );
}

/**
 * The most per-run rows a sweep stores: about 570 bytes each in the store, so
 * at most about 0.57 GB (docs/analysis.md, "Per-run rows"). A larger sweep
 * stores its points without them.
 */
export const MAX_SWEEP_RUN_ROWS = 1_000_000;

/** The runs of a sweep (points x runs per point), which bound the per-run rows it stores. */
export function sweepRunCount(params: Pick<SweepParams, 'design' | 'ranges' | 'points' | 'runsPerPoint'>): number {
  return designPointCount(params) * params.runsPerPoint;
}

/** Check a new sweep and store it as running; nothing is stored when the input is wrong. */

export function startSweep(
  db: DB,
  loaded: LoadedScenario,
  params: SweepParams,
  names: InputNames = FLAG_NAMES,
  now: () => string = wallClock,
  budget?: Budget,
): number {
  checkRanges(loaded, params.ranges, names);
  if (!DESIGNS.includes(params.design))
    throw new InputError(`design: expected grid, lhs or sobol, got ${JSON.stringify(params.design)}`);
  enforceBudget(sweepWork(loaded, params), budget, 'sweep');
  // Check the framework and fixed levers before anything is stored.
  const fixed = fixedLevers(params.set);
  // A lever both swept and fixed, or a parameter set by path that a swept lever also writes, would be refused at
  // the first point, after the sweep is stored (and on every --resume): refuse it here, naming --ranges.
  refuseAnalysedLeverOverlaps(loaded, 'ranges', Object.keys(params.ranges), fixed, names);
  resolveArm(loaded, params.framework ?? undefined, fixed, names);
  return startExperiment(db, {
    kind: 'sweep',
    truceVersion: VERSION,
    scenarioName: loaded.scenario.name,
    scenarioHash: scenarioHash(loaded),
    scenario: { file: loaded.file, scenario: loaded.scenario, profiles: loaded.profiles, document: loaded.raw },
    seed: params.seed,
    runs: params.runsPerPoint,
    params: { ...(params as unknown as Record<string, unknown>), scenarioWarnings: scenarioWarningsOf(loaded) },
    createdAt: now(),
  });
}

/** The framework a stored sweep ran under, by name (the scenario's default when none was given). */
export function sweepFramework(db: DB, id: number, params: SweepParams): string | null {
  const stored = getScenarioJson(db, id) as {
    file: string;
    scenario: CeasefireScenario;
    profiles: Record<string, DefenseProfile>;
    document: unknown;
  };
  const loaded = { file: stored.file, scenario: stored.scenario, profiles: stored.profiles, raw: stored.document };
  return resolveArm(loaded, params.framework ?? undefined, fixedLevers(params.set ?? [])).framework;
}

export interface StoredSweep {
  id: number;
  params: SweepParams;
  loaded: LoadedScenario;
}

/** A word of a shell command, quoted when the shell would split or expand it. */
function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command that runs a stored sweep's design again from scratch, as a new sweep: its stored arguments, the
 * scenario file it was read from (SCENARIO.yaml when the dashboard sent it) and the store (`--db`, which also
 * holds a stored calibration named by `--posterior`).
 */
export function rerunCommand(params: SweepParams, scenarioFile: string | null, store: string | null): string {
  const set = Array.isArray(params.set)
    ? params.set
    : Object.entries((params.set ?? {}) as Record<string, number>).map(([k, v]) => `${k}=${v}`);
  const words = [
    'truce',
    'sweep',
    scenarioFile ?? 'SCENARIO.yaml',
    '--design',
    params.design,
    '--ranges',
    Object.entries(params.ranges)
      .map(([k, [lo, hi]]) => `${k}=${lo}:${hi}`)
      .join(','),
    '--points',
    String(params.points),
    '--runs-per-point',
    String(params.runsPerPoint),
    '--seed',
    String(params.seed),
    ...(params.framework ? ['--framework', params.framework] : []),
    ...set.flatMap((f) => ['--set', f]),
    ...(params.days !== null && params.days !== undefined ? ['--days', String(params.days)] : []),
    ...(params.posterior && params.posterior !== 'none' ? ['--posterior', params.posterior] : []),
    ...(store ? ['--db', store] : []),
  ];
  return words.map(shellWord).join(' ');
}

/**
 * Whether this build accepts `truce sweep --resume` for a stored sweep: not when it is complete, nor when points
 * are stored that another build of the model computed, or an unknown one (docs/analysis.md, "The results store").
 * The one decision behind the command's refusal (storedSweep), `truce runs show` and the dashboard.
 */
export function sweepResume(db: DB, e: ExperimentRecord, engine: string = runningEngine()): SweepResume {
  const storedPoints = countSweepPoints(db, e.id);
  const reason = e.status === 'complete' ? 'complete' : e.engine !== engine && storedPoints > 0 ? 'engine' : null;
  const file = getScenarioFile(db, e.id);
  // The dashboard's scenario is text, not a file a command can name.
  const scenarioFile = file === null || file === 'dashboard' ? null : file;
  const store = db.memory ? null : db.name;
  return {
    resumable: reason === null,
    reason,
    storedEngine: e.engine,
    engine,
    storedPoints,
    rerun: rerunCommand(e.params as unknown as SweepParams, scenarioFile, store),
    scenarioFile,
  };
}

/**
 * A stored, unfinished sweep, claimed by this process so that a second
 * writer is refused while this one runs (`storeName` names the store in that
 * message), ready to continue.
 */
export function storedSweep(db: DB, id: number, label = `sweep ${id}`, storeName = 'the results store'): StoredSweep {
  const e = getExperiment(db, id);
  if (!e || e.kind !== 'sweep')
    throw new InputError(`${label}: expected the id of a sweep, found ${e ? `a ${e.kind}` : 'nothing'}`, {
      kind: 'not-found',
    });
  // Points computed by another build of the model must not share a table with this build's (the
  // accounting or the mechanisms may differ): refuse, before anything in the record changes.
  const resume = sweepResume(db, e);
  if (resume.reason === 'complete')
    throw new InputError(`${label}: that sweep is already complete`, { kind: 'conflict' });
  if (resume.reason === 'engine')
    throw new InputError(
      `${label}: sweep ${id} cannot be resumed: ${otherEngineClause(resume)}, and adding this build's points would mix two models in one table; start a new sweep with the same settings: ${rerunText(resume)}`,
      { kind: 'conflict' },
    );
  claimExperiment(db, id, storeName);
  // Nothing stored yet: the points to come are all this build's.
  if (e.engine !== resume.engine) stampEngine(db, id, resume.engine);
  const stored = getScenarioJson(db, id) as {
    file: string;
    scenario: CeasefireScenario;
    profiles: Record<string, DefenseProfile>;
    document: unknown;
  };
  return {
    id,
    params: e.params as unknown as SweepParams,
    loaded: { file: stored.file, scenario: stored.scenario, profiles: stored.profiles, raw: stored.document },
  };
}

export interface SweepOutput {
  experimentId: number;
  /** Which posterior each run's global parameters were drawn from, and draws per design point. */
  posterior: string;
  posteriorDraws: number;
  /** The scenario and the base framework the ranges move from (resolved: the scenario's default when none was named). */
  scenario?: string;
  framework?: string | null;
  /** What the posterior carries to the design's points, and a warning when it carries nothing. */
  posteriorCarried?: ArmCarried;
  posteriorWarning?: string | null;
  /**
   * The scenario's warnings (values outside their documented ranges), as stored with the sweep's settings;
   * absent for a sweep stored before they were kept (as in `truce runs show`).
   */
  scenarioWarnings?: string[];
  points: number;
  design: Design;
  ranges: Record<string, [number, number]>;
  /** The horizon in days: `median_day` is null when more than half the runs outlast it. */
  horizonDays: number;
  rows: SweepRow[];
}

/** A spool's rows as the store keeps them, read one at a time. */
function* storedRows(spool: RunRowSpool): Generator<{ point: number; replicate: number; json: string }> {
  for (const { point, row } of spool.entries()) yield { point, replicate: row.replicate, json: JSON.stringify(row) };
}

/** Run the points of a stored sweep that are not stored yet, then mark it complete. */
export async function runSweep(
  db: DB,
  sweep: StoredSweep,
  ctx: Omit<UseCaseContext, 'db'> & {
    onStart?: (todo: number, total: number) => void;
    budget?: Budget;
    /** The posterior `params.posterior` names, loaded by the caller (it knows where the store is). */
    posterior?: Posterior;
    /**
     * Store each run's row with its point (default: when the sweep has at most MAX_SWEEP_RUN_ROWS runs).
     * A runner that does not hand rows back (the Redis queue) leaves a point without rows, never with some.
     */
    perRun?: boolean;
  },
): Promise<SweepOutput> {
  const { id, params, loaded } = sweep;
  enforceBudget(sweepWork(loaded, params), ctx.budget, `sweep ${id}`);
  const points = designPoints(params);
  const done = new Set(getSweepPoints(db, id).map((p) => p.point));
  const todo = points.map((levers, i) => ({ i, levers })).filter((p) => !done.has(p.i));
  const fixed = fixedLevers(params.set);
  // A sweep stored before startSweep refused these would fail at its first point, blaming --set: name --ranges.
  refuseAnalysedLeverOverlaps(loaded, 'ranges', Object.keys(params.ranges), fixed, FLAG_NAMES, `sweep ${id}`);
  // Resolved as the ensemble reaches them, so memory does not grow with the design.
  const design = {
    count: todo.length,
    get: (k: number) => ({
      scenario: resolveArm(loaded, params.framework ?? undefined, { ...fixed, ...todo[k].levers }).scenario,
      profiles: loaded.profiles,
    }),
  };
  const posterior = ctx.posterior ?? NO_POSTERIOR;
  // Posterior parameters that hold only under one framework are keyed by its resolved name.
  const framework = resolveArm(loaded, params.framework ?? undefined, fixed).framework;
  refuseSetPathsTheDrawsOverride(
    posterior,
    loaded.scenario.name,
    [framework],
    Object.keys(fixed).filter((n) => isParameterSetting(loaded.scenario, n)),
  );
  const plan = streamUnderPosterior(design, posterior, params.runsPerPoint, framework);
  const perRun = ctx.perRun ?? sweepRunCount(params) <= MAX_SWEEP_RUN_ROWS;
  // One point's rows (all its draws) wait in a spool on disk until the point is stored with them, in one
  // transaction: memory stays flat however many runs a point has.
  const pending: { spool: RunRowSpool | null } = { spool: null };
  const D = plan.draws;
  // Run point of draw d at design point i: i D + d, the same on a resumed sweep (same posterior, same runs).
  const onRuns = (index: number, rows: PerRunRow[]) => {
    pending.spool ??= new RunRowSpool();
    pending.spool.add(todo[Math.floor(index / D)].i * D + (index % D), rows);
  };
  const store = (k: number, acc: ArmAccumulator) => {
    const i = todo[k].i;
    const spool = pending.spool;
    pending.spool = null;
    try {
      const runs =
        perRun && spool !== null && spool.count === acc.runs
          ? {
              points: plan.drawOrigins.map((o, d) => ({
                point: i * D + d,
                arm: i,
                draw: o.draw,
                parameters: o.parameters,
              })),
              rows: storedRows(spool),
            }
          : undefined;
      addSweepPoint(db, id, i, todo[k].levers, pointOutcomes(acc), runs);
    } finally {
      spool?.dispose();
    }
  };
  ctx.onStart?.(todo.length, points.length);
  const started = Date.now();
  try {
    await ctx.runner.stream({
      points: plan.source,
      runs: plan.runsPerDraw,
      seed: params.seed,
      days: params.days ?? undefined,
      signal: ctx.signal,
      onProgress: ctx.onProgress,
      ...(perRun ? { onRuns } : {}),
      onPointDone: plan.fold(store),
    });
  } catch (err) {
    // Interrupted or failed: the stored points stay, and the sweep shows as 'interrupted' until resumed.
    releaseExperiment(db, id);
    throw err;
  } finally {
    pending.spool?.dispose();
  }
  const rows = sweepRows(db, id);
  // Read at the first design point, not from the plan: a resumed sweep with nothing left to run has no plan points.
  const carried = points.length
    ? planUnderPosterior(
        [
          {
            scenario: resolveArm(loaded, params.framework ?? undefined, { ...fixed, ...points[0] }).scenario,
            profiles: loaded.profiles,
          },
        ],
        posterior,
        params.runsPerPoint,
        [framework],
      ).carried[0]
    : plan.carried;
  const summary = {
    points: rows.length,
    design: params.design,
    ranges: params.ranges,
    posterior: posterior.label,
    posteriorDraws: plan.draws,
    scenario: loaded.scenario.name,
    framework,
    posteriorCarried: carried,
    posteriorWarning: uncarriedWarning(posterior, loaded.scenario.name, [carried]),
    horizonDays: params.days ?? loaded.scenario.horizonDays,
  };
  finishExperiment(db, id, (ctx.now ?? wallClock)(), summary, {
    seconds: (Date.now() - started) / 1000,
    workers: ctx.runner.workers,
  });
  // Read back from the stored settings (storedScenarioWarnings), so a resumed sweep reports its own too.
  const stored = getExperiment(db, id);
  const warned = stored ? storedScenarioWarnings(stored) : undefined;
  return { experimentId: id, ...summary, ...(warned ? { scenarioWarnings: warned } : {}), rows };
}
