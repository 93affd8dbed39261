/**
 * Escalation utility, the unifying quantity (docs/model/escalation-utility.md):
 *   EU_i(t) = Pressure_i(t) - Restraint_i(t).
 * The ceasefire is in equilibrium while EU_i < 0 for every state.
 *
 * Every term is a named, signed contribution, so EU is exactly the sum of
 * the logged terms. `TERMS` is the one table of terms: its pillar (for
 * attribution), the scenario weight that scales it, and its chart group.
 * Adding a term is one row here plus its value in engine/phases/utility.ts.
 */
import type { Weights } from '../scenario/ceasefire-schema.js';

export const PILLARS = [
  'asymmetric-objectives',
  'verification',
  'redlines',
  'proxy-degradation',
  'legitimacy',
  'external-retaliation',
  'pre-emption',
] as const;
export type Pillar = (typeof PILLARS)[number];

/** Chart groups, in stacking order: pressure by pillar, then restraint. */
export const TERM_GROUPS = [
  'proxy degradation',
  'legitimacy',
  'asymmetric objectives',
  'redline misalignment',
  'verification',
  'pre-emption',
  'restraint: mediator credibility',
  'restraint: retaliation and economy',
  'restraint: not yet ready',
  'restraint: standing cost of war',
] as const;
export type TermGroup = (typeof TERM_GROUPS)[number];

export interface TermDef {
  name: string;
  /** The pillar the term belongs to (null: it never moves, e.g. the standing cost of war). */
  pillar: Pillar | null;
  /** The scenario weight (actors.<id>.weights.<key>) that scales the term. */
  weight: keyof Weights;
  group: TermGroup;
  description: string;
}

export const TERMS = [
  {
    name: 'pdr',
    pillar: 'proxy-degradation',
    weight: 'pdr',
    group: 'proxy degradation',
    description: 'revisionist: its proxy network degraded (PDR)',
  },
  {
    name: 'rlp',
    pillar: 'legitimacy',
    weight: 'rlp',
    group: 'legitimacy',
    description: 'regime legitimacy pressure (RLP)',
  },
  {
    name: 'pvAsymmetric',
    pillar: 'asymmetric-objectives',
    weight: 'pv',
    group: 'asymmetric objectives',
    description: 'perceived violations of prohibited acts: the other side used the pause as it was not allowed to',
  },
  {
    name: 'pvRedlines',
    pillar: 'redlines',
    weight: 'pv',
    group: 'redline misalignment',
    description: 'perceived violations read so only because private redlines differ from the agreed ones',
  },
  {
    name: 'pvSpurious',
    pillar: 'verification',
    weight: 'pv',
    group: 'verification',
    description: 'worst-case readings of ambiguous intelligence (no monitor to confirm)',
  },
  {
    name: 'rearmament',
    pillar: 'asymmetric-objectives',
    weight: 'rearmament',
    group: 'asymmetric objectives',
    description: 'defender: adversary rearmament it has seen',
  },
  {
    name: 'rearmamentDrift',
    pillar: 'verification',
    weight: 'rearmament',
    group: 'verification',
    description: 'defender: worst-case drift of that estimate where nothing is verified',
  },
  {
    name: 'preemption',
    pillar: 'pre-emption',
    weight: 'preemption',
    group: 'pre-emption',
    description:
      "defender: what it fears from the adversary's next wave (damage, depletion); revisionist: what it would lose if struck first",
  },
  {
    name: 'defenceBurden',
    pillar: 'pre-emption',
    weight: 'burden',
    group: 'pre-emption',
    description: 'defender: interception spending against its sustainable budget (the cost exchange)',
  },
  {
    name: 'window',
    pillar: 'pre-emption',
    weight: 'window',
    group: 'pre-emption',
    description: "defender: the window of opportunity, its restored stocks x the adversary's rebuilt readiness",
  },
  {
    name: 'credibility',
    pillar: 'external-retaliation',
    weight: 'credibility',
    group: 'restraint: mediator credibility',
    description: 'restraint: perceived mediator credibility x enforcement severity',
  },
  {
    name: 'retaliation',
    pillar: 'external-retaliation',
    weight: 'retaliation',
    group: 'restraint: retaliation and economy',
    description: "restraint: expected cost of the opponent's retaliation",
  },
  {
    name: 'economic',
    pillar: 'external-retaliation',
    weight: 'economic',
    group: 'restraint: retaliation and economy',
    description: 'restraint: marginal economic punishment',
  },
  {
    name: 'readiness',
    pillar: 'asymmetric-objectives',
    weight: 'readiness',
    group: 'restraint: not yet ready',
    description: 'restraint (revisionist): not yet able to strike',
  },
  {
    name: 'baseline',
    pillar: null,
    weight: 'baseline',
    group: 'restraint: standing cost of war',
    description: 'restraint: the standing cost of war',
  },
] as const satisfies readonly TermDef[];

export type TermName = (typeof TERMS)[number]['name'];
export const TERM_NAMES: readonly TermName[] = TERMS.map((t) => t.name);
export const N_TERMS = TERMS.length;
/** Index of each term in a state's term array. */
export const TERM = Object.fromEntries(TERMS.map((t, i) => [t.name, i])) as Record<TermName, number>;
/** Pillar index of each term (-1: none), for loops on the hot path. */
export const PILLAR_INDEX_OF_TERM: Int8Array = Int8Array.from(TERMS, (t) =>
  t.pillar === null ? -1 : PILLARS.indexOf(t.pillar),
);
export const PILLAR_OF_TERM = Object.fromEntries(TERMS.map((t) => [t.name, t.pillar])) as Record<
  TermName,
  Pillar | null
>;
export const GROUP_OF_TERM = Object.fromEntries(TERMS.map((t) => [t.name, t.group])) as Record<TermName, TermGroup>;

export function termsRecord(terms: ArrayLike<number>): Record<TermName, number> {
  const out = {} as Record<TermName, number>;
  TERMS.forEach((t, k) => (out[t.name] = terms[k]));
  return out;
}
