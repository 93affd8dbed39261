/**
 * Redline misalignment (docs/model/redlines.md).
 *
 * Each observer j reads action a as casus belli with a private probability
 * pi_j(a). Agreement specificity s merges private readings into the agreed one:
 *   pi_j_eff(a) = s * pi_agreed(a) + (1 - s) * pi_j(a).
 * Misalignment index of a dyad: mean over actions of |pi_A_eff(a) - pi_B_eff(a)|,
 * which equals (1 - s) times the private misalignment: specificity shrinks it
 * linearly.
 * Creeping escalation: an operational envelope e in [0, 1] scales ambiguous
 * activity; a probe left unanswered widens it, e += eta_up (1 - e); a punished
 * one narrows it, e *= 1 - eta_down.
 * The mediator's de-escalation window narrows with the rung:
 *   p_deesc(r) = p0 * credibility * exp(-gamma * r).
 */

export function effectiveRedline(specificity: number, agreed: number, own: number): number {
  return specificity * agreed + (1 - specificity) * own;
}

export function misalignmentIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length === 0) return 0;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** eta_up and eta_down are scenario parameters (dynamics.envelopeWiden, dynamics.envelopeNarrow). */
export function widenEnvelope(e: number, etaUp: number): number {
  return e + etaUp * (1 - e);
}

export function narrowEnvelope(e: number, etaDown: number): number {
  return e * (1 - etaDown);
}

export function deescalationProbability(p0: number, credibility: number, gamma: number, rung: number): number {
  return p0 * credibility * Math.exp(-gamma * rung);
}
