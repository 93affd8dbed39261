/**
 * Closed forms of the layered-defence literature (no inventory or channel
 * limits, independent shots). The exact engine must reduce to these.
 * See docs/test-vectors.md for published values.
 */

/**
 * Probability that a layer kills a threat: K = t * (1 - (1 - p)^n), for n
 * independent shots of single-shot kill probability p and tracking t.
 * Example: killProbability(0.5, 4) = 0.9375 (UCS: "94%").
 */
export function killProbability(pKill: number, shots: number, tracking = 1): number {
  return tracking * (1 - Math.pow(1 - pKill, shots));
}

/** Probability a threat leaks through independent layers: L = prod_k (1 - K_k). */
export function leakProbability(killProbabilities: readonly number[]): number {
  let leak = 1;
  for (const k of killProbabilities) leak *= 1 - k;
  return leak;
}

/** P(zero leakers) from W threats that each leak independently with probability L: (1 - L)^W. */
export function pZeroLeakers(threats: number, leak: number): number {
  return Math.pow(1 - leak, threats);
}

/**
 * Shoot-look-shoot with k opportunities and perfect kill assessment:
 * kill probability 1 - (1 - p)^k and expected interceptors per threat
 * sum_{j=1..k} (1 - p)^(j-1) = (1 - (1 - p)^k) / p.
 */
export function shootLookShoot(pKill: number, opportunities: number): { kill: number; expectedShots: number } {
  const miss = Math.pow(1 - pKill, opportunities);
  return { kill: 1 - miss, expectedShots: pKill > 0 ? (1 - miss) / pKill : opportunities };
}

/**
 * Barrage size per threat for one layer to reach P(zero leakers) >= targetPZero
 * against W threats: K_req = P0^(1/W), n = ceil(ln(1 - K_req / t) / ln(1 - p)).
 * Infinity when K_req >= t: no number of interceptors beats the tracking ceiling.
 * Example: P0 0.9, W 10, t 1, p 0.8 gives 3.
 */
export function shotsForTarget(targetPZero: number, threats: number, pKill: number, tracking = 1): number {
  const kRequired = Math.pow(targetPZero, 1 / threats);
  if (kRequired >= tracking) return Infinity;
  return Math.ceil(Math.log(1 - kRequired / tracking) / Math.log(1 - pKill) - 1e-12);
}
