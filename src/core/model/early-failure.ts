/**
 * Early failure (docs/model/early-failure.md): what makes a ceasefire fail in
 * its first days, before any slow degradation.
 *
 * - Spoilers: proxies and armed factions act on their own, most of all right
 *   after signing: a proxy's attacks gain an autonomous rate
 *   base * strength * surge * exp(-day / surgeDays), outside its patron's
 *   restraint and its probing envelope (a spoiler is not probing the terms).
 * - Rung jumps under compressed decision cycles: on a day a state perceives
 *   a kinetic violation it takes `incidentCycles` extra decisions, so one
 *   incident can carry it up several rungs in a day.
 * - Terms never agreed at signing: with probability termsUnagreed the
 *   parties start contested (at unagreedRung, envelopes open); with
 *   probability warRungRestart such a truce restarts where the fighting it
 *   halted was, one rung below the collapse rung.
 */

/** The spoiler's own attack rate at `day`, in units of its base rate at full strength. */
export function spoilerAutonomy(day: number, surge: number, surgeDays: number): number {
  // Exactly 0 once the surge is below 1e-13 of itself, so the activity rate
  // stops changing and the Poisson draw can reuse exp(-rate) (rng/poisson.ts).
  const x = day / surgeDays;
  return x > 30 ? 0 : surge * Math.exp(-x);
}

/** A proxy attack's rate: the patron-restrained, envelope-bound rate plus the spoiler's own. */
export function spoilerAttackRate(restrained: number, base: number, strength: number, autonomy: number): number {
  return restrained + base * strength * autonomy;
}

export function incidentDecisions(baseCycles: number, incidentToday: boolean, incidentCycles: number): number {
  return baseCycles + (incidentToday ? incidentCycles : 0);
}

/**
 * The rung at which parties whose terms were never agreed start: unagreedRung,
 * or, with probability warRungRestart, one rung below the collapse rung (a halt
 * imposed on a war still being fought, where the first kinetic incident can
 * resume major operations). `uniform` is called only when warRungRestart > 0.
 */
export function unagreedStartRung(
  unagreedRung: number,
  collapseRung: number,
  warRungRestart: number,
  uniform: () => number,
): number {
  const warRung = Math.max(unagreedRung, collapseRung - 1);
  return warRungRestart > 0 && uniform() < warRungRestart ? warRung : unagreedRung;
}
