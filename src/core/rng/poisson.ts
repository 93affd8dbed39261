import { binomial } from './binomial.js';
import { gamma } from './gamma.js';
import type { Stream } from './stream.js';

/**
 * An exact Poisson(lambda) draw: inversion for small lambda; for large lambda
 * Knuth's gamma split (TAOCP vol. 2, 3.4.1): with m = floor(7/8 lambda) and
 * X ~ Gamma(m), the count is m + Poisson(lambda - X) if X < lambda, else
 * Binomial(m - 1, lambda / X).
 */
export function poisson(rng: Stream, lambda: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda < 30) {
    const limit = Math.exp(-lambda);
    let k = 0;
    let prod = rng.uniform();
    while (prod > limit) {
      k++;
      prod *= rng.uniform();
    }
    return k;
  }
  const m = Math.floor(0.875 * lambda);
  const x = gamma(rng, m);
  if (x < lambda) return m + poisson(rng, lambda - x);
  return binomial(rng, m - 1, lambda / x);
}
