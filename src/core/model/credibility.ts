/**
 * Mediator credibility and the stress test (docs/model/credibility.md).
 *
 * The three properties of the mediator have distinct roles:
 * - true commitment k sets the probability that an attributed violation is
 *   enforced, with a multilateral guarantee g and the current distraction
 *   chi(t):  p_enforce(t) = g + (1 - g) * k * (1 - chi(t));
 * - competing theaters set how often attention shocks arrive (a Poisson rate
 *   per unit of competing theaters); each raises chi by a size (times a
 *   scale: larger when credibility is tied to one administration) for a
 *   number of days;
 * - domestic aversion delta delays the answer:
 *   delay = responseDays * (1 + aversionDelay * delta).
 * The prior perceived credibility is c0 = p_enforce with no shock active.
 * An enforcement restores every observer's credibility by a share of the gap
 * to 1, discounted by its lateness, gain * exp(-delay / timelinessDays); a
 * violation or public threat left unanswered past the parties' patience
 * lowers it by a share. Observers also learn: perceived credibility is pulled
 * a little each day toward the current p_enforce.
 */

export function enforcementProbability(guarantee: number, commitment: number, distraction: number): number {
  const chi = Math.min(1, Math.max(0, distraction));
  return guarantee + (1 - guarantee) * commitment * (1 - chi);
}

/** Days from the violation to the mediator's answer. */
export function responseDelay(responseDays: number, domesticAversion: number, aversionDelay: number): number {
  return responseDays * (1 + aversionDelay * domesticAversion);
}

/** Credibility gain of an answer that comes `delay` days late. */
export function timelyGain(gain: number, delay: number, timelinessDays: number): number {
  return gain * Math.exp(-delay / timelinessDays);
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
