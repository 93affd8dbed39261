/**
 * Build the normalised model from a resolved scenario: actions, states,
 * arsenals, proxies, then the agreement and the dyads' misalignment
 * (docs/model/run.md). Pure; the inputs are not mutated.
 */
import type { DefenseProfile } from '../../engagement/schema.js';
import { misalignmentIndex } from '../../model/redlines.js';
import { DOMAINS, type CeasefireScenario, type MediatorSpec } from '../../scenario/ceasefire-schema.js';
import type { Model } from '../model.js';
import { buildActions } from './actions.js';
import { buildArsenals } from './arsenals.js';
import { buildProxies } from './proxies.js';
import { buildStates } from './states.js';

export function buildModel(s: CeasefireScenario, profiles: Record<string, DefenseProfile>): Model {
  const actions = buildActions(s);
  const actionIndex = new Map(actions.map((a) => [a.id, a.index]));
  const states = buildStates(s, actions, actionIndex, profiles);
  buildArsenals(states, profiles);
  const proxies = buildProxies(s, states, actionIndex, profiles);
  const coverage = Float64Array.from(DOMAINS, (d) => s.agreement.verification.coverage[d] ?? 0);
  const dyads: [Float64Array, Float64Array][] = [];
  for (const st of states)
    for (const adv of st.adversaries) if (adv > st.index) dyads.push([st.redline, states[adv].redline]);
  return {
    horizonDays: s.horizonDays,
    collapseRung: s.collapseRung,
    pdrWindowDays: s.pdrWindowDays,
    dynamics: { ...s.dynamics },
    actions,
    actionIndex,
    states,
    proxies,
    mediator: { id: s.agreement.mediator, spec: s.actors[s.agreement.mediator] as MediatorSpec },
    guarantors: s.agreement.guarantors,
    agreement: {
      verification: s.agreement.verification.capability,
      coverage,
      specificity: s.agreement.specificity,
      faceSaving: s.agreement.faceSaving,
      sanctionsRelief: s.agreement.sanctionsRelief,
      reliefWindowDays: s.agreement.reliefWindowDays,
      reliefRearmamentLimit: s.agreement.reliefRearmamentLimit,
      termsUnagreed: s.agreement.termsUnagreed,
      warRungRestart: s.agreement.warRungRestart,
      guarantee: s.agreement.guarantee,
    },
    misalignment: dyads.length ? dyads.reduce((t, [a, b]) => t + misalignmentIndex(a, b), 0) / dyads.length : 0,
  };
}
