import { normal } from './normal.js';
import type { Stream } from './stream.js';

/**
 * A Gamma(shape, 1) draw. Marsaglia and Tsang, "A simple method for
 * generating gamma variables", ACM TOMS 26(3), 2000; shapes below 1 use their
 * boost Gamma(a) = Gamma(a + 1) * U^(1/a).
 */
export function gamma(rng: Stream, shape: number): number {
  if (!(shape > 0)) throw new RangeError(`gamma: expected shape > 0, got ${shape}`);
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng.uniform(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    if (u < 1 - 0.0331 * x * x * x * x) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
