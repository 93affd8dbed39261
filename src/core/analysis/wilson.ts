/**
 * Wilson score interval for a binomial proportion (Wilson 1927): for k
 * successes in n trials and z for the level,
 *   centre = (p + z^2 / 2n) / (1 + z^2 / n)
 *   half   = z sqrt(p (1 - p) / n + z^2 / 4n^2) / (1 + z^2 / n).
 * Unlike the Wald interval it stays inside [0, 1] and behaves at k = 0 or n.
 */
import { zForLevel } from './normal.js';

export interface Proportion {
  estimate: number;
  lo: number;
  hi: number;
}

export function wilson(k: number, n: number, level = 0.95): Proportion {
  if (n <= 0) return { estimate: NaN, lo: NaN, hi: NaN };
  const z = zForLevel(level);
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  // At k = 0 and k = n the bound is exactly 0 or 1; avoid round-off there.
  return { estimate: p, lo: k === 0 ? 0 : Math.max(0, centre - half), hi: k === n ? 1 : Math.min(1, centre + half) };
}

/**
 * The complement of a proportion with its interval turned over: P(the truce
 * holds through day d) from P(collapse by day d). Wilson's interval is
 * symmetric under the complement, so this is the interval of n - k.
 */
export function complement(p: Proportion): Proportion {
  return { estimate: 1 - p.estimate, lo: 1 - p.hi, hi: 1 - p.lo };
}
