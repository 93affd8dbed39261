/** The results store, given back: list, show, export as a tidy table. */
import type { ArmSummary, Comparison } from '../core/ensemble/summarize.js';
import type { DB } from '../store/db.js';
import {
  countRunRows,
  getArms,
  getExperiment,
  getRunPoints,
  getSweepPoints,
  iterateRunRows,
  listExperiments,
  type ExperimentRecord,
} from '../store/experiments.js';
import type { PerRunRow, RunContext } from '../core/ensemble/per-run.js';
import { armRows, comparisonRows, type TidyRow } from '../store/export.js';
import { InputError } from '../io/errors.js';
import { runContexts } from './run-rows.js';
import { sweepRows } from './sweep.js';

export function listRuns(db: DB): ExperimentRecord[] {
  return listExperiments(db);
}

export function experimentOrError(db: DB, id: number, where: string): ExperimentRecord {
  const e = getExperiment(db, id);
  if (!e)
    throw new InputError(`${where}: expected an experiment id (see truce runs list), found no experiment ${id}`, {
      kind: 'not-found',
    });
  return e;
}

export type ShownRun = ExperimentRecord & {
  arms?: ReturnType<typeof getArms>;
  points?: ReturnType<typeof getSweepPoints>;
};

/** One experiment with its arms (comparisons) or points (sweeps). */
export function showRun(db: DB, id: number, where: string): ShownRun {
  const e = experimentOrError(db, id, where);
  if (e.kind === 'sweep') return { ...e, points: getSweepPoints(db, id) };
  const arms = getArms(db, id);
  return arms.length ? { ...e, arms } : e;
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

/** A stored comparison's per-run rows, read one at a time, and where each run sits (its arm and posterior draw). */
export function perRunRows(
  db: DB,
  id: number,
  where: string,
): { contexts: RunContext[]; rows: Iterable<{ point: number; row: PerRunRow }> } {
  const e = experimentOrError(db, id, where);
  if (countRunRows(db, id) === 0) {
    throw new InputError(
      `${where}: experiment ${id} (${e.kind}) has no per-run rows: they are stored for comparisons run by this version of truce (truce compare), or written directly with compare --runs-csv FILE`,
    );
  }
  const contexts = runContexts(id, getArms(db, id), getRunPoints(db, id));
  return { contexts, rows: mapIter(iterateRunRows(db, id), (r) => ({ point: r.point, row: r.row as PerRunRow })) };
}

function* mapIter<T, U>(it: Iterable<T>, f: (x: T) => U): Generator<U> {
  for (const x of it) yield f(x);
}
