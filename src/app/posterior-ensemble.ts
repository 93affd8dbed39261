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
  if (carried.length === 0) return { points: [...arms], draws: 1, runsPerDraw: runs };
  arms.forEach((a, i) => {
    for (const k of keysOf(i)) {
      const bad = checkScenarioPaths(posterior.params, k, a.scenario);
      if (bad.length)
        throw new UserError(
          `--posterior: ${posterior.label}: parameter ${bad[0].parameter} names ${bad[0].path}, which is not a number of scenario ${a.scenario.name}`,
        );
    }
  });
  const D = Math.max(1, Math.min(posterior.draws.length, runs));
  const runsPerDraw = Math.ceil(runs / D);
  const points = arms.flatMap((a, i) =>
    posterior.draws.slice(0, D).map((draw, d) => {
      const s = structuredClone(a.scenario);
      for (const k of keysOf(i)) applyToScenario(s, k, posterior.params, draw);
      return { ...a, scenario: s, replicateOffset: d * runsPerDraw };
    }),
  );
  return { points, draws: D, runsPerDraw };
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
