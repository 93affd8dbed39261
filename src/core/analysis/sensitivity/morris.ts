/**
 * Morris elementary effects (Morris 1991) with mu* (Campolongo, Cariboni and
 * Saltelli 2007). Sample: r trajectories on a p-level grid in [0, 1]^k, each a
 * random base point and k one-at-a-time steps of +-Delta, Delta = p / (2(p - 1)),
 * in random factor order. Analyse: EE_i = (f(after) - f(before)) / (change in
 * factor i, in its own units); mu = mean EE, mu* = mean |EE|, sigma = sd EE.
 * For a linear function every EE_i equals its coefficient (mu* = |b_i|, sigma = 0).
 */
import type { Stream } from '../../rng/stream.js';

export interface MorrisDesign {
  /** Points in unit coordinates, trajectory after trajectory (k + 1 each). */
  unit: number[][];
  /** For each step: [trajectory, factor, from point index, to point index]. */
  steps: [number, number, number, number][];
  k: number;
  trajectories: number;
}

export function morrisSample(k: number, trajectories: number, levels: number, rng: Stream): MorrisDesign {
  const delta = levels / (2 * (levels - 1));
  const unit: number[][] = [];
  const steps: MorrisDesign['steps'] = [];
  for (let t = 0; t < trajectories; t++) {
    // Base point on the grid, from the lower half so that +Delta stays inside [0, 1].
    const base = Array.from({ length: k }, () => rng.integerBelow(levels / 2) / (levels - 1));
    const order = Array.from({ length: k }, (_, i) => i);
    for (let i = k - 1; i > 0; i--) {
      const j = rng.integerBelow(i + 1);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const up = Array.from({ length: k }, () => rng.bernoulli(0.5));
    // Start at base or base + Delta per factor, then move each factor once.
    let x = base.map((b, i) => (up[i] ? b : b + delta));
    const start = unit.length;
    unit.push(x.slice());
    order.forEach((f, s) => {
      x = x.slice();
      x[f] = up[f] ? x[f] + delta : x[f] - delta;
      unit.push(x);
      steps.push([t, f, start + s, start + s + 1]);
    });
  }
  return { unit, steps, k, trajectories };
}

export interface MorrisIndex {
  mu: number;
  muStar: number;
  sigma: number;
  /** Bootstrap interval of mu*. */
  muStarLo: number;
  muStarHi: number;
}

/**
 * @param scaled the design points in the factors' own units (same order as design.unit)
 * @param y model output at each point
 */
export function morrisAnalyze(
  design: MorrisDesign,
  scaled: readonly (readonly number[])[],
  y: readonly number[],
  rng: Stream,
  bootstrap = 500,
): MorrisIndex[] {
  const ee: number[][] = Array.from({ length: design.k }, () => []);
  for (const [, f, from, to] of design.steps) {
    const dx = scaled[to][f] - scaled[from][f];
    ee[f].push(dx !== 0 ? (y[to] - y[from]) / dx : 0);
  }
  return ee.map((e) => {
    const n = e.length;
    const mu = e.reduce((s, v) => s + v, 0) / n;
    const muStar = e.reduce((s, v) => s + Math.abs(v), 0) / n;
    const sigma = n > 1 ? Math.sqrt(e.reduce((s, v) => s + (v - mu) ** 2, 0) / (n - 1)) : 0;
    const boots: number[] = [];
    for (let b = 0; b < bootstrap; b++) {
      let s = 0;
      for (let i = 0; i < n; i++) s += Math.abs(e[rng.integerBelow(n)]);
      boots.push(s / n);
    }
    boots.sort((a, b) => a - b);
    return {
      mu,
      muStar,
      sigma,
      muStarLo: boots[Math.floor(0.025 * bootstrap)],
      muStarHi: boots[Math.min(bootstrap - 1, Math.floor(0.975 * bootstrap))],
    };
  });
}

/** A Morris index over the factor's whole range: the elementary effects on the unit cube. */
export interface MorrisRangeScaled {
  muScaled: number;
  muStarScaled: number;
  muStarScaledLo: number;
  muStarScaledHi: number;
  sigmaScaled: number;
}

/**
 * mu, mu*, its interval and sigma times the factor's range (max - min): the elementary effects of a step
 * measured on the unit cube, as SALib's morris.analyze gives them (its EE is the output change over the
 * unit-cube step Delta). Effects in a lever's own units are per day, per unit of a 0-1 share or per unit
 * of a multiplier, so they cannot be ranked against each other; these can: each says how far the output
 * moves when the lever crosses its whole range (for a linear function, |b_i| (max_i - min_i)).
 */
export function rangeScaled(index: MorrisIndex, range: number): MorrisRangeScaled {
  const w = Math.abs(range);
  return {
    muScaled: index.mu * range,
    muStarScaled: index.muStar * w,
    muStarScaledLo: index.muStarLo * w,
    muStarScaledHi: index.muStarHi * w,
    sigmaScaled: index.sigma * w,
  };
}
