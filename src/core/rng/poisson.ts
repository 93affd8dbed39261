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
 * Poisson draws for one call site of a hot loop, whose mean is often the same
 * from one draw to the next (a constant rate, or one that changes only with a
 * slow state): exp(-lambda) is computed when lambda changes, not per draw.
 * Every draw is the one poisson(rng, lambda) would make, bit for bit, from the
 * same uniforms.
 */
export class PoissonSite {
  private lambda = Number.NaN;
  private limit = 1;

  draw(rng: Stream, lambda: number): number {
    if (!(lambda > 0)) return 0;
    if (lambda >= INVERSION_LIMIT) return poisson(rng, lambda);
    if (lambda !== this.lambda) {
      this.lambda = lambda;
      this.limit = Math.exp(-lambda);
    }
    return poissonInversion(rng, this.limit);
  }
}
