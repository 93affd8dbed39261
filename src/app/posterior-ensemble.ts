/**
 * Ensembles under parameter uncertainty: each arm is run once per posterior
 * draw (runs / D runs each) and the draws' accumulators are merged, so every
 * interval includes what the record leaves unknown about the global
 * parameters, not only Monte Carlo noise. Draw d takes replicates
 * [d R, (d + 1) R), so the D x R runs are independent; draw d of every arm takes
 * the same ones (common random numbers across arms, as without a posterior).
 * With the `none` posterior the points pass through unchanged.
 */
import { applyToScenario, checkScenarioPaths } from '../core/calibration/parameters.js';
import { emptyAccumulator, mergeAccumulator, type ArmAccumulator } from '../core/ensemble/accumulator.js';
import type { DesignPoint } from '../core/ensemble/chunk.js';
import { InputError as UserError } from '../io/errors.js';
import type { Posterior } from './posterior.js';

export interface PosteriorPlan {
  points: DesignPoint[];
  /** Draws used per arm (1 without a posterior). */
  draws: number;
  /** Runs per (arm, draw). */
  runsPerDraw: number;
  /**
   * Where each point of `points` comes from: its arm, its draw (null without a
   * posterior) and the values drawn for the parameters that arm carries, so
   * per-run rows can say which parameters each run ran under.
   */
  origins: PointOrigin[];
}

export interface PointOrigin {
  arm: number;
  draw: number | null;
  parameters: Record<string, number>;
}

/**
 * The keys of `scenarioPaths` a point answers to: its scenario's name, and
 * `name/framework` for paths that carry only under one framework (the
 * transactional freeze has no text both sides accepted; the structural
 * architecture has one).
 */
export function scenarioKeys(point: DesignPoint, framework: string | null): string[] {
  return framework ? [point.scenario.name, `${point.scenario.name}/${framework}`] : [point.scenario.name];
}

/** Expand arms into (arm, draw) points: arm a, draw d is point a * draws + d. */
export function planUnderPosterior(
  arms: readonly DesignPoint[],
  posterior: Posterior,
  runs: number,
  frameworks: readonly (string | null)[] = [],
): PosteriorPlan {
  const keysOf = (i: number) => scenarioKeys(arms[i], frameworks[i] ?? null);
  const carried = posterior.params.filter((p) =>
    arms.some((_, i) => keysOf(i).some((k) => (p.scenarioPaths[k] ?? []).length > 0)),
  );
  if (carried.length === 0)
    return {
      points: [...arms],
      draws: 1,
      runsPerDraw: runs,
      origins: arms.map((_, i) => ({ arm: i, draw: null, parameters: {} })),
    };
  arms.forEach((a, i) => {
    for (const k of keysOf(i)) {
      const bad = checkScenarioPaths(posterior.params, k, a.scenario);
      if (bad.length)
        throw new UserError(
          `--posterior: ${posterior.label}: parameter ${bad[0].parameter} names ${bad[0].path}, which is not a number of scenario ${a.scenario.name}`,
        );
    }
  });
  // R whole runs per draw, and as few draws as that needs: D R is runs rounded up to a multiple of R
  // (600 runs from 400 draws are 300 draws x 2, not 400 x 2).
  const runsPerDraw = Math.ceil(runs / Math.max(1, Math.min(posterior.draws.length, runs)));
  const D = Math.max(1, Math.ceil(runs / runsPerDraw));
  const points = arms.flatMap((a, i) =>
    posterior.draws.slice(0, D).map((draw, d) => {
      const s = structuredClone(a.scenario);
      for (const k of keysOf(i)) applyToScenario(s, k, posterior.params, draw);
      return { ...a, scenario: s, replicateOffset: d * runsPerDraw };
    }),
  );
  const origins = arms.flatMap((_, i) => {
    const own = carried.filter((p) => keysOf(i).some((k) => (p.scenarioPaths[k] ?? []).length > 0));
    return posterior.draws.slice(0, D).map((draw, d) => ({
      arm: i,
      draw: d,
      parameters: Object.fromEntries(own.map((p) => [p.name, draw[p.name]])),
    }));
  });
  return { points, draws: D, runsPerDraw, origins };
}

/** Merge the (arm, draw) accumulators back into one per arm, in draw order. */
export function mergeDraws(accs: readonly ArmAccumulator[], plan: PosteriorPlan, arms: number): ArmAccumulator[] {
  if (plan.draws === 1) return [...accs];
  return Array.from({ length: arms }, (_, a) => {
    const acc = emptyAccumulator(accs[a * plan.draws].horizon);
    for (let d = 0; d < plan.draws; d++) mergeAccumulator(acc, accs[a * plan.draws + d]);
    return acc;
  });
}

/**
 * The streaming form of `planUnderPosterior` + `mergeDraws`, for designs too
 * large to expand whole (sensitivity, sweeps): point k of `source` becomes the
 * D points k D .. k D + D - 1 (draw d takes replicates [d R, (d + 1) R), as in
 * an arm), made only when the runner reaches them; `fold` merges each point's
 * D accumulators and hands the result on once, in point order. Without a
 * posterior that applies, source and callback pass through unchanged.
 */
export function streamUnderPosterior(
  source: { count: number; get(index: number): DesignPoint },
  posterior: Posterior,
  runs: number,
  framework: string | null = null,
): {
  source: { count: number; get(index: number): DesignPoint };
  draws: number;
  runsPerDraw: number;
  /** Draw d of every point: its draw (null without a posterior) and the values drawn (the same at every point). */
  drawOrigins: { draw: number | null; parameters: Record<string, number> }[];
  fold(onPointDone: (point: number, acc: ArmAccumulator) => void): (index: number, acc: ArmAccumulator) => void;
} {
  const asWritten = [{ draw: null, parameters: {} }];
  if (source.count === 0) return { source, draws: 1, runsPerDraw: runs, drawOrigins: asWritten, fold: (f) => f };
  const point0 = source.get(0);
  const first = planUnderPosterior([point0], posterior, runs, [framework]);
  // No parameter of the posterior applies to this scenario: it runs as written.
  if (first.points[0] === point0)
    return { source, draws: 1, runsPerDraw: runs, drawOrigins: asWritten, fold: (f) => f };
  const D = first.draws;
  // The runner asks for points in increasing order, so one point's draws are cached at a time.
  let cached = { k: 0, points: first.points };
  return {
    source: {
      count: source.count * D,
      get(index) {
        const k = Math.floor(index / D);
        if (cached.k !== k)
          cached = { k, points: planUnderPosterior([source.get(k)], posterior, runs, [framework]).points };
        return cached.points[index % D];
      },
    },
    draws: D,
    runsPerDraw: first.runsPerDraw,
    drawOrigins: first.origins.map((o) => ({ draw: o.draw, parameters: o.parameters })),
    fold(onPointDone) {
      let acc: ArmAccumulator | null = null;
      return (index, drawAcc) => {
        acc ??= emptyAccumulator(drawAcc.horizon);
        mergeAccumulator(acc, drawAcc);
        if (index % D === D - 1) {
          onPointDone(Math.floor(index / D), acc);
          acc = null;
        }
      };
    },
  };
}
