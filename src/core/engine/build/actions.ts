/** The action catalogue, normalised: classification, agreed reading and effects as numbers (docs/model/redlines.md). */
import { DOMAINS, type CeasefireScenario } from '../../scenario/ceasefire-schema.js';
import { CLASS_AMBIGUOUS, CLASS_PERMITTED, CLASS_PROHIBITED, type ActionDef } from '../model.js';

export function buildActions(s: CeasefireScenario): ActionDef[] {
  return Object.keys(s.actions).map((id, index) => {
    const a = s.actions[id];
    const term = s.agreement.terms[id] ?? 'ambiguous';
    const classification =
      term === 'prohibited' ? CLASS_PROHIBITED : term === 'permitted' ? CLASS_PERMITTED : CLASS_AMBIGUOUS;
    const agreedReading =
      s.agreement.agreedReadings[id] ?? (term === 'prohibited' ? 1 : term === 'permitted' ? 0 : 0.5);
    const e = a.effects ?? {};
    return {
      id,
      index,
      rung: a.rung,
      domain: DOMAINS.indexOf(a.domain),
      visibility: a.visibility,
      classification,
      agreedReading,
      interceptors: e.interceptors ?? 0,
      readiness: e.readiness ?? 0,
      intelligence: e.intelligence ?? 0,
      proxyStrength: e.proxyStrength ?? 0,
      supplyIntegrity: e.supplyIntegrity ?? 0,
      proxyTransfer: e.proxyTransfer ?? 0,
      rearmament: e.rearmament ?? 0,
      salvoShare: a.salvoShare ?? 0,
      isThreat: a.domain === 'rhetoric',
    };
  });
}
