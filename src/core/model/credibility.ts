/**
 * Mediator credibility and the stress test (docs/model/credibility.md).
 *
 * True commitment k, domestic aversion delta, competing theaters chi and a
 * multilateral guarantee g give the probability that an attributed violation
 * is enforced by someone:
 *   p_enforce(t) = g + (1 - g) * k * (1 - delta) * (1 - chi(t)),
 * and at t = 0 the prior perceived credibility c0 = p_enforce(0).
 * Each enforcement raises every observer's perceived credibility by a share
 * of the gap to 1; each violation left unanswered for R days lowers it by a
 * share. Observers also learn: perceived credibility is pulled a little each
 * day toward the current p_enforce, so a distracted mediator loses credibility
 * even before it is tested. Attention shocks (a competing theater flares)
 * arrive as a Poisson process and raise chi by a size (times a scale: larger
 * when credibility is tied to one administration) for a number of days.
 */

export function enforcementProbability(guarantee: number, commitment: number, domesticAversion: number, competingTheaters: number): number {
  const chi = Math.min(1, Math.max(0, competingTheaters));
  return guarantee + (1 - guarantee) * commitment * (1 - domesticAversion) * (1 - chi);
}

export function afterEnforcement(c: number, gain: number): number {
  return c + gain * (1 - c);
}

export function afterUnanswered(c: number, loss: number): number {
  return c * (1 - loss);
}

export function learnCredibility(c: number, pEnforce: number, rate: number): number {
  return c + rate * (pEnforce - c);
}
