import { binomial } from './binomial.js';
import { gamma } from './gamma.js';
import type { Stream } from './stream.js';

/** Below this mean, inversion; from it on, Knuth's gamma split. */
const INVERSION_LIMIT = 30;

/**
 * An exact Poisson(lambda) draw: inversion for small lambda; for large lambda
 * Knuth's gamma split (TAOCP vol. 2, 3.4.1): with m = floor(7/8 lambda) and
 * X ~ Gamma(m), the count is m + Poisson(lambda - X) if X < lambda, else
 * Binomial(m - 1, lambda / X).
 */
export function poisson(rng: Stream, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < INVERSION_LIMIT) return poissonInversion(rng, Math.exp(-lambda));
  const m = Math.floor(0.875 * lambda);
  const x = gamma(rng, m);
  if (x < lambda) return m + poisson(rng, lambda - x);
  return binomial(rng, m - 1, lambda / x);
}

/**
 * Inversion by products of uniforms, given limit = exp(-lambda): the count is
 * the number of uniforms multiplied before the product falls to the limit.
 */
function poissonInversion(rng: Stream, limit: number): number {
  let k = 0;
  let prod = rng.uniform();
  while (prod > limit) {
    k++;
    prod *= rng.uniform();
  }
  return k;
}

/**
 * Poisson draws for the call sites of a hot loop (one site per actor and
 * activity, say), whose means are often the same from one draw to the next (a
 * constant rate, or one that changes only with a slow state): exp(-mean) is
 * computed when a site's mean changes, not per draw. The caller writes the
 * mean into `rate[k]` and calls `draw(rng, k)`: no double crosses the call,
 * so a draw the compiler does not inline boxes nothing. Every draw is the one
 * poisson(rng, rate[k]) would make, bit for bit, from the same uniforms.
 */
export class PoissonSites {
  /** The mean of the next draw at each site, written by the caller. */
  readonly rate: Float64Array;
  /** The mean each site's limit was computed for (NaN: none yet). */
  private readonly lambda: Float64Array;
  private readonly limit: Float64Array;

  constructor(n: number) {
    this.rate = new Float64Array(n);
    this.lambda = new Float64Array(n).fill(Number.NaN);
    this.limit = new Float64Array(n).fill(1);
  }

  get size(): number {
    return this.rate.length;
  }

  draw(rng: Stream, k: number): number {
    const lambda = this.rate[k];
    if (!(lambda > 0)) return 0;
    if (lambda >= INVERSION_LIMIT) return poisson(rng, lambda);
    // poissonInversion, written out (a double passed to a call would be boxed).
    let prod = rng.uniform();
    // A count of 0 needs no exp when the first uniform is below 1 - lambda,
    // which is below exp(-lambda): the margin covers the rounding of both
    // (exp is within an ulp, 2^-52 here; the subtraction within 2^-53).
    if (prod < 1 - lambda - 1e-15) return 0;
    if (lambda !== this.lambda[k]) {
      this.lambda[k] = lambda;
      this.limit[k] = Math.exp(-lambda);
    }
    const limit = this.limit[k];
    let n = 0;
    while (prod > limit) {
      n++;
      prod *= rng.uniform();
    }
    return n;
  }
}
