import type { Stream } from './stream.js';

/**
 * A standard normal draw by the Box-Muller transform (one of the pair is
 * used, so a draw always consumes exactly two uniforms: streams stay aligned).
 */
export function normal(rng: Stream): number {
  const u1 = 1 - rng.uniform(); // (0, 1]: log is finite
  const u2 = rng.uniform();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
