/**
 * The discover use case (docs/analysis.md, "Scenario discovery"): a stored
 * sweep's points into PRIM (src/core/analysis/discover.ts), its trajectory as
 * a tidy table, and the trajectory chart as one self-contained SVG.
 */
import { parseHTML } from 'linkedom';
import { primTrajectoryPlot, primTrajectorySvg } from '../charts/prim.js';
import { discover, type DiscoverResult, type SweepPointRuns } from '../core/analysis/discover.js';
import { InputError } from '../io/errors.js';
import { VERSION } from '../io/version.js';
import type { DB } from '../store/db.js';
import { getExperiment, getSweepPoints, type ExperimentRecord } from '../store/experiments.js';

export interface DiscoverParams {
  day?: number;
  threshold: number;
  minDensity: number;
  alpha: number;
  minMass: number;
}

/** A sweep's stored points as runs per point; sweeps stored before collapse days were kept answer for their horizon only. */
export function sweepPointRuns(
  rows: { point: number; levers: Record<string, number>; outcomes: Record<string, unknown> }[],
  horizon: number,
  day: number | undefined,
  where: string,
): SweepPointRuns[] {
  return rows.map((r) => {
    const o = r.outcomes;
    if (Array.isArray(o.collapseDays))
      return {
        point: r.point,
        levers: r.levers,
        runs: o.runs as number,
        horizon: (o.horizon as number) ?? horizon,
        collapseDays: o.collapseDays as [number, number][],
      };
    if (day !== undefined && day !== horizon)
      throw new InputError(
        `${where}: --day ${day}: this sweep was stored without collapse days; only its horizon (${horizon}) can be used`,
      );
    return {
      point: r.point,
      levers: r.levers,
      runs: o.runs as number,
      horizon,
      collapseDays: [[horizon, o.collapsed as number]],
    };
  });
}

export function discoverInSweep(
  db: DB,
  id: number,
  where: string,
  p: DiscoverParams,
): { experiment: ExperimentRecord; result: DiscoverResult } {
  const e = getExperiment(db, id);
  if (!e || e.kind !== 'sweep')
    throw new InputError(
      `${where}: expected the id of a sweep (truce runs list), found ${e ? `a ${e.kind}` : `no experiment ${id}`}`,
      { kind: e ? 'invalid' : 'not-found' },
    );
  const rows = getSweepPoints(db, id);
  if (rows.length === 0) throw new InputError(`${where}: sweep ${id} has no stored points yet`);
  const params = e.params as { days?: number | null };
  const horizon = (rows[0].outcomes.horizon as number | undefined) ?? params.days ?? 365;
  const points = sweepPointRuns(rows, horizon, p.day, where);
  try {
    const result = discover(points, {
      day: p.day ?? Math.min(...points.map((q) => q.horizon)),
      threshold: p.threshold,
      minDensity: p.minDensity,
      alpha: p.alpha,
      minMass: p.minMass,
    });
    return { experiment: e, result };
  } catch (err) {
    if (err instanceof RangeError) throw new InputError(`--${err.message}`);
    throw err;
  }
}

/** The trajectory, one row per box, with each lever's limits. */
export function trajectoryRows(id: number, r: DiscoverResult): Record<string, string | number | null>[] {
  return r.trajectory.map((b) => ({
    experiment: id,
    step: b.step,
    coverage: b.coverage,
    density: b.density,
    mass: b.mass,
    points: b.cases,
    points_of_interest: b.casesOfInterest,
    p_collapse: b.pCollapse.estimate,
    p_collapse_lo: b.pCollapse.lo,
    p_collapse_hi: b.pCollapse.hi,
    chosen: r.chosen?.step === b.step ? 1 : 0,
    ...Object.fromEntries(
      r.levers.flatMap((l) => [
        [`${l}_lo`, b.limits[l][0]],
        [`${l}_hi`, b.limits[l][1]],
      ]),
    ),
  }));
}

/** The peeling trajectory as a standalone SVG with title, key and source line. */
export function trajectorySvg(e: ExperimentRecord, r: DiscoverResult): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const plot = primTrajectoryPlot(r, document as unknown as Document);
  const source = `truce ${VERSION} discover ${e.id}: scenario ${e.scenarioName ?? '-'}, seed ${e.seed ?? '-'}, ${r.points} points x ${e.runs ?? '-'} runs`;
  return primTrajectorySvg(r, plot.outerHTML, source);
}
