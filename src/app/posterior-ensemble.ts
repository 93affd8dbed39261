/**
 * Ensembles under a posterior: each arm is run once per posterior draw
 * (runs / D runs each) and the draws' accumulators are merged, so an arm's
 * estimate is averaged over the draws of the parameters the posterior carries
 * to it (none, for an arm it carries nothing to); its interval is Monte Carlo
 * noise only (the draws move the average, not the width): `carried` says which, how far they spread and over how
 * many distinct draws (docs/calibration-record.md). Draw d takes replicates
 * [d R, (d + 1) R), so the D x R runs are independent; draw d of every arm takes
 * the same ones (common random numbers across arms, as without a posterior).
 * With the `none` posterior the points pass through unchanged.
 */
import { quantileSorted } from '../core/analysis/quantile.js';
import { checkScenarioPaths } from '../core/calibration/parameters.js';
import { emptyAccumulator, mergeAccumulator, type ArmAccumulator } from '../core/ensemble/accumulator.js';
import type { DesignPoint } from '../core/ensemble/chunk.js';
import { getPath, withPath } from '../core/scenario/paths.js';
import { InputError as UserError } from '../io/errors.js';
import { drawKeyer, rememberKey } from '../shell/scenario-key.js';
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
  /** What the posterior carries to each arm, in arm order (no parameters: the arm runs as written). */
  carried: ArmCarried[];
}

/** One posterior parameter as an arm receives it: where it goes and how it spreads over the draws used. */
export interface CarriedParameter {
  name: string;
  /** The scenario paths it sets in this arm. */
  paths: string[];
  /** The value at the first path as the arm's scenario writes it (null when the scenario leaves it unset). */
  asWritten: number | null;
  median: number;
  min: number;
  max: number;
  /** Distinct values among the draws used. */
  distinct: number;
}

export interface ArmCarried {
  /** Posterior draws this arm's runs are split over (1 without a posterior). */
  draws: number;
  /** Distinct vectors of the carried parameters among those draws (1 when nothing is carried). */
  distinctDraws: number;
  parameters: CarriedParameter[];
}

/** An arm's `ArmCarried` with its label, as outputs give it. */
export interface ArmPosterior extends ArmCarried {
  arm: string;
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

/**
 * A documented parameter set by path (`--set PATH=V`) that the posterior draws in some arm would be
 * overwritten by the draws: refused, naming the path, the posterior parameter and the way out.
 */
export function refuseSetPathsTheDrawsOverride(
  posterior: Posterior,
  scenarioName: string,
  frameworks: readonly (string | null)[],
  paths: readonly string[],
  setPrefix = '--set ',
): void {
  for (const path of paths)
    for (const fw of frameworks)
      for (const p of posterior.params) {
        const keys = fw ? [scenarioName, `${scenarioName}/${fw}`] : [scenarioName];
        if (keys.some((k) => (p.scenarioPaths[k] ?? []).includes(path)))
          throw new UserError(
            `${setPrefix}${path}: the posterior ${posterior.label} draws this path${fw ? ` under ${fw}` : ''} (parameter ${p.name}), so the value set would be overwritten by its draws; use --posterior none to set it`,
          );
      }
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
      carried: arms.map(() => ({ draws: 1, distinctDraws: 1, parameters: [] })),
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
  // Each draw's scenario shares all but the drawn paths with the arm's (withPath): memory grows with the draws by
  // a few small objects each, not a scenario each (facts holds a dozen arms of up to a thousand draws).
  // Each draw is keyed from its arm's text, written once (src/shell/scenario-key.ts).
  const points = arms.flatMap((a, i) => {
    const sets = keysOf(i).flatMap((k) =>
      posterior.params.flatMap((p) => (p.scenarioPaths[k] ?? []).map((path) => ({ path, name: p.name }))),
    );
    const paths = sets.map((x) => x.path);
    const keyOf = drawKeyer(a, paths);
    return posterior.draws.slice(0, D).map((draw, d) => {
      let s = a.scenario;
      for (const { path, name } of sets) s = withPath(s, path, draw[name]);
      const point = { ...a, scenario: s, replicateOffset: d * runsPerDraw };
      const values = sets.map((x) => draw[x.name]);
      rememberKey(point, keyOf(values, point.replicateOffset));
      return point;
    });
  });
  const origins = arms.flatMap((_, i) => {
    const own = carried.filter((p) => keysOf(i).some((k) => (p.scenarioPaths[k] ?? []).length > 0));
    return posterior.draws.slice(0, D).map((draw, d) => ({
      arm: i,
      draw: d,
      parameters: Object.fromEntries(own.map((p) => [p.name, draw[p.name]])),
    }));
  });
  const used = posterior.draws.slice(0, D);
  const carriedByArm = arms.map((a, i): ArmCarried => {
    const parameters = carried.flatMap((p): CarriedParameter[] => {
      const paths = keysOf(i).flatMap((k) => p.scenarioPaths[k] ?? []);
      if (paths.length === 0) return [];
      const values = used.map((d) => d[p.name]).sort((x, y) => x - y);
      const written = getPath(a.scenario, paths[0]);
      return [
        {
          name: p.name,
          paths,
          asWritten: typeof written === 'number' ? written : null,
          median: quantileSorted(values, 0.5),
          min: values[0],
          max: values[values.length - 1],
          distinct: new Set(values).size,
        },
      ];
    });
    const distinctDraws = new Set(used.map((d) => JSON.stringify(parameters.map((p) => d[p.name])))).size;
    return { draws: D, distinctDraws, parameters };
  });
  return { points, draws: D, runsPerDraw, origins, carried: carriedByArm };
}

/** The q-quantile of sorted values (linear between order statistics). */
/**
 * Why a posterior other than `none` changes nothing here, or null when it carries something to some arm:
 * its `scenarioPaths` are keyed by scenario name (and name/framework), so a renamed copy of the built-in
 * scenario receives none of it and runs as written (docs/calibration-record.md, "Carrying the posterior").
 */
export function uncarriedWarning(
  posterior: Posterior,
  scenarioName: string,
  carried: readonly ArmCarried[],
): string | null {
  if (posterior.params.length === 0 || carried.some((c) => c.parameters.length > 0)) return null;
  const keys = [...new Set(posterior.params.flatMap((p) => Object.keys(p.scenarioPaths)))];
  const names = [...new Set(keys.map((k) => k.split('/')[0]))];
  const where = keys.length ? ` (it carries only to ${keys.join(', ')}: scenario name, or name/framework)` : '';
  // The right name under a framework the posterior does not reach (the architecture alone): by design, not a slip.
  if (names.includes(scenarioName)) return null;
  return (
    `posterior ${posterior.label} carries no parameter to scenario ${scenarioName}${where}: every run uses the values as written, as with --posterior none` +
    (names.length
      ? `. To carry it, keep the name ${names.map((n) => `"${n}"`).join(' or ')}; to compare an edited copy like for like, run both with --posterior none`
      : '')
  );
}

/**
 * Each arm's accumulator, its draws merged in point order as the runner streams them (`Runner.stream`), so only
 * one accumulator per arm is held, not one per draw (facts at 3,651 runs has a dozen arms of 1,217 draws). With
 * one draw an arm's accumulator is its point's own.
 */
export function drawMerger(
  plan: PosteriorPlan,
  arms: number,
): { onPointDone: (point: number, acc: ArmAccumulator) => void; merged(): ArmAccumulator[] } {
  const out: (ArmAccumulator | undefined)[] = new Array(arms).fill(undefined);
  return {
    onPointDone(point, acc) {
      const a = Math.floor(point / plan.draws);
      if (plan.draws === 1) out[a] = acc;
      else mergeAccumulator((out[a] ??= emptyAccumulator(acc.horizon)), acc);
    },
    merged() {
      return out.map((acc, a) => {
        if (!acc) throw new Error(`arm ${a} has no accumulator: the runner did not finish its points`);
        return acc;
      });
    },
  };
}

/**
 * The streaming form of `planUnderPosterior` + `drawMerger`, for designs too
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
  /** What the posterior carries to the design's points (read at the first point; the paths do not move). */
  carried: ArmCarried;
  fold(onPointDone: (point: number, acc: ArmAccumulator) => void): (index: number, acc: ArmAccumulator) => void;
} {
  const asWritten = [{ draw: null, parameters: {} }];
  const none: ArmCarried = { draws: 1, distinctDraws: 1, parameters: [] };
  if (source.count === 0)
    return { source, draws: 1, runsPerDraw: runs, drawOrigins: asWritten, carried: none, fold: (f) => f };
  const point0 = source.get(0);
  const first = planUnderPosterior([point0], posterior, runs, [framework]);
  // No parameter of the posterior applies to this scenario: it runs as written.
  if (first.points[0] === point0)
    return { source, draws: 1, runsPerDraw: runs, drawOrigins: asWritten, carried: first.carried[0], fold: (f) => f };
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
    carried: first.carried[0],
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
