/**
 * Pre-emption pressure (docs/model/preemption.md).
 *
 * The defender's pressure to strike first grows when its estimate of the
 * adversary's next wave exceeds its zero-penetration tolerance, in
 * proportion to its belief that the adversary prepares to strike:
 *   preemption = P(prepares) * max(0, leakFraction - tolerance) / (1 - tolerance).
 * The estimate is the expected leak fraction of the wave (expected leakers
 * over threats that fly), not P(at least one leaker): for a salvo of more
 * than a few dozen ballistic missiles the latter is 1 whatever the stocks.
 */

export function preemptionPressure(threatProbability: number, leakFraction: number, tolerance: number): number {
  return (threatProbability * Math.max(0, leakFraction - tolerance)) / Math.max(1e-9, 1 - tolerance);
}
