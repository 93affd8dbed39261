/**
 * `truce discover`: scenario discovery over a sweep (docs/analysis.md,
 * "Scenario discovery"). Each design point of a sweep holds R runs at one
 * setting of the levers; its collapse days give P(collapse by day d) for any
 * d up to the horizon. A point is a case of interest when that probability
 * is below the threshold, and PRIM (./prim.ts) finds boxes of lever space
 * that hold such points. Per box the pooled runs give P(collapse by d) inside
 * the box with a Wilson interval, so a box's promise is stated in the unit
 * the analyst asked about, not only as a share of points.
 */
import { chooseBox, prim, type PrimBox, type PrimOptions } from './prim.js';
import { wilson, type Proportion } from './wilson.js';

export interface SweepPointRuns {
  point: number;
  levers: Record<string, number>;
  runs: number;
  horizon: number;
  /** [day, collapses that day]. */
  collapseDays: [number, number][];
}

export interface DiscoverOptions extends PrimOptions {
  day: number;
  /** A point is of interest when its P(collapse by day) is below this. */
  threshold: number;
  /** The reported box: the highest coverage with at least this density. */
  minDensity: number;
}

export interface DiscoverBox extends PrimBox {
  step: number;
  /** P(collapse by day) over all runs of the box's points. */
  pCollapse: Proportion;
}

export interface DiscoverResult {
  day: number;
  threshold: number;
  minDensity: number;
  levers: string[];
  points: number;
  pointsOfInterest: number;
  trajectory: DiscoverBox[];
  /**
   * The reported box: the highest coverage with density >= minDensity. When the whole swept space (step 0)
   * already reaches that density it would be the whole space, which says nothing about where: then it is the
   * highest coverage among the boxes that restrict a lever (step 0 only when none reaches the density).
   */
  chosen: DiscoverBox | null;
  /** Step 0, the whole swept space, already has density >= minDensity. */
  wholeSpaceMeetsDensity: boolean;
}

export function collapsedBy(p: SweepPointRuns, day: number): number {
  return p.collapseDays.reduce((s, [d, c]) => (d <= day ? s + c : s), 0);
}

export function discover(points: readonly SweepPointRuns[], opts: DiscoverOptions): DiscoverResult {
  if (points.length === 0) throw new RangeError('no design points to discover in');
  const horizon = Math.min(...points.map((p) => p.horizon));
  if (!Number.isInteger(opts.day) || opts.day < 1 || opts.day > horizon)
    throw new RangeError(`day: expected a whole day in [1, ${horizon}] (the sweep's horizon), got ${opts.day}`);
  if (!(opts.threshold > 0 && opts.threshold <= 1))
    throw new RangeError(`threshold: expected a probability in (0, 1], got ${opts.threshold}`);
  if (!(opts.minDensity > 0 && opts.minDensity <= 1))
    throw new RangeError(`min density: expected a share in (0, 1], got ${opts.minDensity}`);
  const levers = Object.keys(points[0].levers);
  const x = points.map((p) => levers.map((l) => p.levers[l]));
  const k = points.map((p) => collapsedBy(p, opts.day));
  const y = points.map((p, i) => (k[i] / p.runs < opts.threshold ? 1 : 0) as 0 | 1);
  const r = prim(levers, x, y, opts);
  const inside = (b: PrimBox, i: number) =>
    levers.every((l, j) => x[i][j] >= b.limits[l][0] && x[i][j] <= b.limits[l][1]);
  const trajectory = r.trajectory.map((b, step) => {
    let n = 0;
    let c = 0;
    points.forEach((p, i) => {
      if (inside(b, i)) {
        n += p.runs;
        c += k[i];
      }
    });
    return { ...b, step, pCollapse: wilson(c, n) };
  });
  const wholeSpaceMeetsDensity = r.trajectory[0].density + 1e-12 >= opts.minDensity;
  const restricting = { ...r, trajectory: r.trajectory.slice(1) };
  const best =
    (wholeSpaceMeetsDensity ? chooseBox(restricting, opts.minDensity) : null) ?? chooseBox(r, opts.minDensity);
  return {
    day: opts.day,
    threshold: opts.threshold,
    minDensity: opts.minDensity,
    levers,
    points: points.length,
    pointsOfInterest: r.totalOfInterest,
    trajectory,
    chosen: best ? trajectory[r.trajectory.indexOf(best)] : null,
    wholeSpaceMeetsDensity,
  };
}
