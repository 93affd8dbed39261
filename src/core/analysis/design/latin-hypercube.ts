/**
 * Latin hypercube sample of n points in [0, 1)^k (McKay, Beckman and Conover
 * 1979): in every dimension each of the n strata [i/n, (i+1)/n) holds exactly
 * one point, placed uniformly within it; strata are paired across dimensions
 * by independent random permutations (Fisher-Yates on the given stream).
 */
import type { Stream } from '../../rng/stream.js';

export function latinHypercube(n: number, k: number, rng: Stream): number[][] {
  const points = Array.from({ length: n }, () => new Array<number>(k));
  for (let d = 0; d < k; d++) {
    const perm = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = rng.integerBelow(i + 1);
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    for (let i = 0; i < n; i++) points[i][d] = (perm[i] + rng.uniform()) / n;
  }
  return points;
}
