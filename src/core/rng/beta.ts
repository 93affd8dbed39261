import { gamma } from './gamma.js';
import type { Stream } from './stream.js';

/** A Beta(a, b) draw as G_a / (G_a + G_b) with independent gamma draws. */
export function beta(rng: Stream, a: number, b: number): number {
  const x = gamma(rng, a);
  const y = gamma(rng, b);
  return x / (x + y);
}
