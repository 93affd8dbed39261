/**
 * Proxy networks (docs/model/proxies.md).
 *
 * Strength S in [0, 1]. The defender's operations destroy a share x of it
 * (S *= 1 - x) and interdictions a share of supply-line integrity. The
 * patron reconstitutes it each day at
 *   dS = rate * supplyIntegrity * procurement * (1 - S),
 * and clandestine transfers restore a share of the gap times supply integrity.
 * Supply integrity recovers toward 1 at its own rate times procurement.
 * The proxy degradation rate over a window of W days, per 30 days:
 *   PDR = max(0, S(t - W) - S(t)) / W * 30,
 * and the patron's PDR is the value-weighted sum over its proxies.
 */

export function reconstitute(strength: number, rate: number, supplyIntegrity: number, procurement: number): number {
  return Math.min(1, strength + rate * supplyIntegrity * procurement * (1 - strength));
}

export function recoverSupply(supply: number, rate: number, procurement: number): number {
  return Math.min(1, supply + rate * Math.min(1, procurement) * (1 - supply));
}

export function degradationRate(strengthWindowAgo: number, strengthNow: number, windowDays: number): number {
  return (Math.max(0, strengthWindowAgo - strengthNow) / windowDays) * 30;
}
