/** The results store, given back: list, show, export as a tidy table. */
import type { ArmSummary, Comparison } from '../core/ensemble/summarize.js';
import type { DB } from '../store/db.js';
import {
  countRunRows,
  getArms,
  getExperiment,
  getNumberedRunPoints,
  getRunPoints,
  getScenarioJson,
  getSweepPoints,
  iterateRunRows,
  listExperiments,
  type ExperimentRecord,
} from '../store/experiments.js';
import type { PerRunRow, RunContext } from '../core/ensemble/per-run.js';
import { armRows, comparisonRows, type TidyRow } from '../store/export.js';
import { InputError } from '../io/errors.js';
import { SCENARIO_WARNINGS_HEADING, storedScenarioWarnings, type StoredDesign, type SweepResume } from './contract.js';
import { designSize } from './sensitivity.js';
import { runContexts } from './run-rows.js';
import {
  designPointCount,
  fixedLevers,
  MAX_SWEEP_RUN_ROWS,
  sweepFramework,
  sweepResume,
  sweepRows,
  type SweepOutput,
  type SweepParams,
} from './sweep.js';

/** A stored experiment as listed: a sweep says whether this build can resume it, a design-based one its design. */
export type ListedRun = ExperimentRecord & { design?: StoredDesign; resume?: SweepResume };

/** Every stored experiment, with its design (sensitivity analyses, sweeps) and, for a sweep, whether it resumes. */
export function listRuns(db: DB): ListedRun[] {
  return listExperiments(db).map((e) => withDesign(db, e));
}

function withDesign<T extends ExperimentRecord>(db: DB, e: T): T & { design?: StoredDesign; resume?: SweepResume } {
  const design = storedDesign(e);
  return {
    ...e,
    ...(design ? { design } : {}),
    ...(e.kind === 'sweep' ? { resume: sweepResume(db, e) } : {}),
  };
}

/**
 * A sensitivity analysis's or sweep's design from its stored settings: the method, its size as asked and the
 * design points it gives (Morris r (k + 1), Sobol N (k + 2), a sweep's points or grid levels^k); undefined for
 * other kinds, or settings this version does not read.
 */
export function storedDesign(e: Pick<ExperimentRecord, 'kind' | 'params' | 'runs'>): StoredDesign | undefined {
  const p = e.params;
  const runsPerPoint = e.runs ?? null;
  if (e.kind === 'sensitivity') {
    const samples = Number(p.samples);
    const k = Array.isArray(p.levers) ? p.levers.length : NaN;
    if (!Number.isInteger(samples) || !Number.isInteger(k)) return undefined;
    if (p.method === 'morris') {
      const points = designSize({ method: 'morris', samples }, k);
      return { method: 'morris', trajectories: samples, levels: Number(p.levels), points, runsPerPoint };
    }
    if (p.method === 'sobol')
      return {
        method: 'sobol',
        baseSamples: samples,
        points: designSize({ method: 'sobol', samples }, k),
        runsPerPoint,
      };
    return undefined;
  }
  if (e.kind === 'sweep') {
    const s = p as unknown as SweepParams;
    if (!['grid', 'lhs', 'sobol'].includes(s.design) || typeof s.ranges !== 'object' || !Number.isInteger(s.points))
      return undefined;
    return { method: s.design, points: designPointCount(s), runsPerPoint };
  }
  return undefined;
}

export function experimentOrError(db: DB, id: number, where: string): ExperimentRecord {
  const e = getExperiment(db, id);
  if (!e)
    throw new InputError(`${where}: expected an experiment id (see truce runs list), found no experiment ${id}`, {
      kind: 'not-found',
    });
  return e;
}

export type ShownRun = ListedRun & {
  arms?: ReturnType<typeof getArms>;
  points?: ReturnType<typeof getSweepPoints>;
  /** Per-run rows stored (`truce runs export ID --per-run` reads them), and for sweeps the runs stored in all. */
  runRows: { stored: number; runs?: number };
};

/** One experiment with its arms (comparisons) or points (sweeps), and how many per-run rows it keeps. */
export function showRun(db: DB, id: number, where: string): ShownRun {
  const e = withDesign(db, experimentOrError(db, id, where));
  if (e.kind === 'sweep') {
    const points = getSweepPoints(db, id);
    return { ...e, points, runRows: runRowsOf(db, e, points) };
  }
  const arms = getArms(db, id);
  return arms.length ? { ...e, arms, runRows: runRowsOf(db, e) } : { ...e, runRows: runRowsOf(db, e) };
}

/** How many per-run rows an experiment keeps, and for a sweep how many runs its points hold (perRunExportable). */
export function runRowsOf(
  db: DB,
  e: ExperimentRecord,
  points: { outcomes: Record<string, unknown> }[] = e.kind === 'sweep' ? getSweepPoints(db, e.id) : [],
): ShownRun['runRows'] {
  const stored = countRunRows(db, e.id);
  if (e.kind !== 'sweep') return { stored };
  return { stored, runs: points.reduce((t, p) => t + Number(p.outcomes.runs), 0) };
}

/**
 * A stored sweep as `truce sweep` reported it: its summary and the rows of its points. A sweep not complete
 * (interrupted, or still running) has no summary yet: its parameters and the points stored so far stand in.
 */
export function storedSweepOutput(db: DB, e: ExperimentRecord): SweepOutput {
  const rows = sweepRows(db, e.id);
  const summary = e.summary as Omit<SweepOutput, 'experimentId' | 'rows'> | null;
  if (summary) return { experimentId: e.id, ...summary, rows };
  const params = e.params as unknown as SweepParams;
  const stored = getScenarioJson(db, e.id) as { scenario?: { horizonDays?: number } } | null;
  return {
    experimentId: e.id,
    points: rows.length,
    design: params.design,
    ranges: params.ranges,
    posterior: params.posterior ?? 'none',
    posteriorDraws: 0,
    horizonDays: params.days ?? stored?.scenario?.horizonDays ?? NaN,
    rows,
  };
}

/** One line for `truce runs show`: whether `runs export ID --per-run` has rows to give. */
export function describeRunRows(e: ShownRun): string {
  const { stored, runs } = e.runRows;
  if (stored === 0) return 'per-run rows: none stored';
  if (runs !== undefined && stored !== runs)
    return `per-run rows: ${stored} of ${runs} runs (points run through the queue or by an earlier version keep none; not exportable)`;
  return `per-run rows: ${stored} (truce runs export ${e.id} --per-run)`;
}

/** One or more lines for `truce runs show`: the scenario's warnings, or none; nothing when not stored. */
export function describeScenarioWarnings(e: Pick<ExperimentRecord, 'params' | 'summary'>): string {
  const w = storedScenarioWarnings(e);
  if (w === undefined) return '';
  if (w.length === 0) return 'scenario warnings: none\n';
  return `${SCENARIO_WARNINGS_HEADING}\n${w.map((x) => `  warning: ${x}\n`).join('')}`;
}

/** An experiment as tidy long-form rows (one observation per row) for pandas or R. */
export function tidyRows(db: DB, e: ExperimentRecord): TidyRow[] {
  if (e.kind === 'sweep') return sweepRows(db, e.id);
  if (e.kind === 'sensitivity') {
    const s = e.summary as { method: string; indices: Record<string, Record<string, number>> };
    const rows: TidyRow[] = [];
    for (const [factor, idx] of Object.entries(s.indices)) {
      if (s.method === 'sobol') {
        rows.push({
          experiment: e.id,
          method: 'sobol',
          factor,
          index: 'S1',
          value: idx.S1,
          lo: idx.S1Lo,
          hi: idx.S1Hi,
        });
        rows.push({
          experiment: e.id,
          method: 'sobol',
          factor,
          index: 'ST',
          value: idx.ST,
          lo: idx.STLo,
          hi: idx.STHi,
        });
      } else {
        rows.push({
          experiment: e.id,
          method: 'morris',
          factor,
          index: 'mu_star',
          value: idx.muStar,
          lo: idx.muStarLo,
          hi: idx.muStarHi,
        });
        rows.push({ experiment: e.id, method: 'morris', factor, index: 'mu', value: idx.mu, lo: null, hi: null });
        rows.push({ experiment: e.id, method: 'morris', factor, index: 'sigma', value: idx.sigma, lo: null, hi: null });
        // Over the factor's whole range (mu* x (max - min)), when stored: the index the text ranks by.
        if (idx.muStarScaled !== undefined) {
          rows.push({
            experiment: e.id,
            method: 'morris',
            factor,
            index: 'mu_star_scaled',
            value: idx.muStarScaled,
            lo: idx.muStarScaledLo,
            hi: idx.muStarScaledHi,
          });
          rows.push({
            experiment: e.id,
            method: 'morris',
            factor,
            index: 'mu_scaled',
            value: idx.muScaled,
            lo: null,
            hi: null,
          });
          rows.push({
            experiment: e.id,
            method: 'morris',
            factor,
            index: 'sigma_scaled',
            value: idx.sigmaScaled,
            lo: null,
            hi: null,
          });
        }
      }
    }
    return rows;
  }
  const arms = getArms(db, e.id);
  const comparisons = (e.summary as { comparisons?: Comparison[] } | null)?.comparisons ?? [];
  return [
    ...arms.flatMap((a) => armRows(e.id, e.kind, a.summary as ArmSummary)),
    ...comparisonRows(e.id, e.kind, comparisons, Object.fromEntries(arms.map((a) => [a.label, a.framework]))),
  ];
}

export function exportRun(db: DB, id: number, where: string): TidyRow[] {
  return tidyRows(db, experimentOrError(db, id, where));
}

/**
 * A stored comparison's or sweep's per-run rows, read one at a time, and where each run sits (its arm or design
 * point, and posterior draw).
 */
export function perRunRows(
  db: DB,
  id: number,
  where: string,
): { contexts: RunContext[]; rows: Iterable<{ point: number; row: PerRunRow }> } {
  const e = experimentOrError(db, id, where);
  const stored = countRunRows(db, id);
  if (stored === 0) {
    throw new InputError(
      `${where}: experiment ${id} (${e.kind}) has no per-run rows: they are stored for comparisons (truce compare) and for sweeps of at most ${MAX_SWEEP_RUN_ROWS.toLocaleString('en-US')} runs (truce sweep) run by this version of truce, and written directly with --runs-csv FILE`,
      { kind: 'conflict' },
    );
  }
  const contexts =
    e.kind === 'sweep' ? sweepContexts(db, e, stored, where) : runContexts(id, getArms(db, id), getRunPoints(db, id));
  return { contexts, rows: mapIter(iterateRunRows(db, id), (r) => ({ point: r.point, row: r.row as PerRunRow })) };
}

/**
 * Where each run of a sweep sits: its design point (arm "point i", the point's lever values, the fixed levers) and
 * posterior draw. Rows are exported only when every stored point has them: a sweep resumed from an earlier version,
 * or run through the Redis queue, has points without rows, and a partial table would mislead.
 */
function sweepContexts(db: DB, e: ExperimentRecord, stored: number, where: string): RunContext[] {
  const points = getSweepPoints(db, e.id);
  const runs = points.reduce((t, p) => t + Number(p.outcomes.runs), 0);
  if (stored !== runs)
    throw new InputError(
      `${where}: sweep ${e.id} has per-run rows for ${stored} of its ${runs} stored runs (points run through the Redis queue, or by an earlier version of truce, keep none); run the sweep again to have them all`,
      { kind: 'conflict' },
    );
  const params = e.params as unknown as SweepParams;
  const fixed = fixedLevers(params.set ?? []);
  const byPoint = new Map(points.map((p) => [p.point, p.levers]));
  const framework = sweepFramework(db, e.id, params);
  const contexts: RunContext[] = [];
  for (const rp of getNumberedRunPoints(db, e.id))
    contexts[rp.point] = {
      experiment: e.id,
      arm: `point ${rp.arm}`,
      point: rp.arm,
      framework,
      levers: { ...(byPoint.get(rp.arm) ?? {}), ...fixed },
      draw: rp.draw,
      parameters: rp.parameters,
    };
  return contexts;
}

function* mapIter<T, U>(it: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of it) yield f(x);
}
