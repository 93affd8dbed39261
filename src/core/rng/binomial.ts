import { beta } from './beta.js';
import type { Stream } from './stream.js';

/** Below this mean (on the rarer side) inversion is faster than splitting. */
const INVERSION_MEAN_LIMIT = 30;

/**
 * An exact Binomial(n, p) draw.
 *
 * Small means: sequential inversion (BINV, Kachitvichyanukul and Schmeiser,
 * CACM 31(2), 1988), one uniform per draw, cost proportional to the mean.
 * Large means: Knuth's order-statistic split (TAOCP vol. 2, 3.4.1): the a-th
 * smallest of n uniforms is Beta(a, n - a + 1); counting uniforms below p on
 * each side of it halves n per step, so the cost is O(log n) beta draws.
 * No approximation is made at any size.
 */
export function binomial(rng: Stream, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  if (n * p < INVERSION_MEAN_LIMIT) return binomialInversion(rng, n, p);
  const a = 1 + (n >> 1);
  const b = n + 1 - a;
  const x = beta(rng, a, b);
  if (x >= p) return binomial(rng, a - 1, p / x);
  return a + binomial(rng, b - 1, (p - x) / (1 - x));
}

/** BINV for p <= 0.5 and a small mean. */
function binomialInversion(rng: Stream, n: number, p: number): number {
  const q = 1 - p;
  const s = p / q;
  const a = (n + 1) * s;
  const r0 = Math.pow(q, n);
  for (;;) {
    let r = r0;
    let u = rng.uniform();
    let x = 0;
    while (u > r) {
      u -= r;
      x++;
      if (x > n) break; // round-off ran past the support: draw again
      r *= a / x - s;
    }
    if (x <= n) return x;
  }
}
