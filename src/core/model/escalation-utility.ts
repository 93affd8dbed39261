/**
 * Escalation utility, the unifying quantity (docs/model/reference.md 3.1):
 *   EU_i(t) = Pressure_i(t) - Restraint_i(t).
 * The ceasefire is in equilibrium while EU_i < 0 for every state.
 *
 * Every term is a named, signed contribution, so EU is exactly the sum of
 * the logged terms. Pressure (>= 0):
 *   pdr             w_pdr * PDR                      revisionist: its proxy network degraded
 *   rlp             w_rlp * RLP                      regime legitimacy pressure
 *   pvAsymmetric    w_pv * PV of prohibited acts      the other side used the pause as it was not allowed to
 *   pvRedlines      w_pv * PV of ambiguous/permitted  acts read as violations only because redlines differ
 *   pvSpurious      w_pv * PV of spurious reports     worst-case readings without verification
 *   rearmament      w_rearm * seen adversary rearmament (defender)
 *   rearmamentDrift w_rearm * worst-case drift of that estimate (defender)
 *   preemption      w_pre * belief * max(0, P(>=1 leaker) - tolerance) / (1 - tolerance) (defender)
 * Restraint (<= 0):
 *   credibility     -w_cred * perceived mediator credibility * enforcement severity
 *   retaliation     -w_ret * expected cost of the opponent's retaliation
 *   economic        -w_econ * marginal economic punishment
 *   readiness       -w_ready * (1 - own military readiness) (revisionist: not yet able to strike)
 *   baseline        -w_base, the standing cost of war
 *
 * Change from the reference design (docs/model/reference.md): the revisionist's readiness term is added. Without it
 * sanctions could only hasten collapse (lower marginal punishment, slower
 * reconstitution, hence faster net degradation); with it, sanctions slow
 * rearmament and so delay the day the revisionist can act, which is how
 * sanctions "delay but cannot prevent" (stylized fact 5).
 */

export const TERM_NAMES = ['pdr', 'rlp', 'pvAsymmetric', 'pvRedlines', 'pvSpurious', 'rearmament', 'rearmamentDrift', 'preemption', 'credibility', 'retaliation', 'economic', 'readiness', 'baseline'] as const;
export type TermName = (typeof TERM_NAMES)[number];
export const N_TERMS = TERM_NAMES.length;
export const TERM = Object.fromEntries(TERM_NAMES.map((t, i) => [t, i])) as Record<TermName, number>;

export const PILLARS = ['asymmetric-objectives', 'verification', 'redlines', 'proxy-degradation', 'legitimacy', 'external-retaliation', 'pre-emption'] as const;
export type Pillar = (typeof PILLARS)[number];

/** The pillar each term belongs to (baseline belongs to none: it never moves). */
export const PILLAR_OF_TERM: Record<TermName, Pillar | null> = {
  pdr: 'proxy-degradation',
  rlp: 'legitimacy',
  pvAsymmetric: 'asymmetric-objectives',
  pvRedlines: 'redlines',
  pvSpurious: 'verification',
  rearmament: 'asymmetric-objectives',
  rearmamentDrift: 'verification',
  preemption: 'pre-emption',
  credibility: 'external-retaliation',
  retaliation: 'external-retaliation',
  economic: 'external-retaliation',
  readiness: 'asymmetric-objectives',
  baseline: null,
};

export function sumTerms(terms: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < N_TERMS; k++) s += terms[k];
  return s;
}

export function termsRecord(terms: ArrayLike<number>): Record<TermName, number> {
  const out = {} as Record<TermName, number>;
  TERM_NAMES.forEach((t, k) => (out[t] = terms[k]));
  return out;
}
