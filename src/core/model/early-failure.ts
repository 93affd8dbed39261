/**
 * Early failure (docs/model/early-failure.md): what makes a ceasefire fail in
 * its first days, before any slow degradation.
 *
 * - Spoilers: proxies and armed factions act on their own, most of all right
 *   after signing; their activity is multiplied by
 *   1 + surge * exp(-day / surgeDays).
 * - Rung jumps under compressed decision cycles: on a day a state perceives
 *   a kinetic violation it takes `incidentCycles` extra decisions, so one
 *   incident can carry it up several rungs in a day.
 * - Terms never agreed at signing: with probability termsUnagreed the
 *   parties start contested (at unagreedRung, envelopes open).
 */

export function spoilerFactor(day: number, surge: number, surgeDays: number): number {
  // Exactly 1 once the surge is below 1e-13 of itself, so the activity rate
  // stops changing and the Poisson draw can reuse exp(-rate) (rng/poisson.ts).
  const x = day / surgeDays;
  return x > 30 ? 1 : 1 + surge * Math.exp(-x);
}

export function incidentDecisions(baseCycles: number, incidentToday: boolean, incidentCycles: number): number {
  return baseCycles + (incidentToday ? incidentCycles : 0);
}
