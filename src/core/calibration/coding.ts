/**
 * The coding: a case's covariates -> a runnable ceasefire scenario
 * (docs/calibration-record.md, "The coding"). One archetype per arena, the
 * provisions mapped to the agreement and the actors. A function of the
 * covariates only (the type cannot see the outcome), deterministic, and
 * defined for any row of the case format.
 *
 * Actor ids are the same in both archetypes, so a global parameter names one
 * path for every case: `side-a` holds the line (defender), `side-b` is the
 * party that accepted the halt under pressure (revisionist; in a
 * state-nonstate case, the armed group), `spoilers` are armed factions outside
 * the agreement that it sponsors or tolerates (a proxy of side-b), `broker` the
 * mediator. Levels marked [J] are judgements (docs/calibration-record.md says
 * why); the behavioural constants that are not covariates are the global
 * parameters fitted by `truce calibrate` (data/priors.yaml).
 */
import { ceasefireScenarioSchema, type CeasefireScenario } from '../scenario/ceasefire-schema.js';
import type { CaseCovariates, Provision, Specificity } from './cases.js';

/** [J] Monitor capability v by third_party_monitoring: as the frameworks' levels (structural 0.8, transactional 0.05). */
export const MONITORING_LEVEL: Record<Provision, number> = { yes: 0.8, partial: 0.4, no: 0.05 };
/** [J] Agreement specificity s by the specificity column. */
export const SPECIFICITY_LEVEL: Record<Specificity, number> = { high: 0.9, medium: 0.5, low: 0.2 };
/** [J] Guarantee g by third_party_guarantee (no case in the library earned a clean "yes"). */
export const GUARANTEE_LEVEL: Record<Provision, number> = { yes: 0.6, partial: 0.3, no: 0 };
/** [J] Face-saving f by face_saving. */
export const FACE_SAVING_LEVEL: Record<Provision, number> = { yes: 0.8, partial: 0.4, no: 0 };
/** [J] Contact incidents on the line, multiplier by dmz_or_buffer: a separation zone removes most points of contact. */
export const BUFFER_CONTACT: Record<Provision, number> = { yes: 0.2, partial: 0.5, no: 1 };
/** [J] The broker's true commitment k: a named broker, or none (the parties police themselves). */
export const COMMITMENT = { mediated: 0.5, unmediated: 0.05 };
/** [J] A pause of at most this many days (or a humanitarian one) is a pause inside a war still being fought. */
export const SHORT_PAUSE_DAYS = 30;

const ACTIONS = {
  patrol: {
    rung: 1,
    domain: 'surveillance',
    visibility: 0.5,
    effects: { intelligence: 0.05 },
    description: 'Reconnaissance along the line',
  },
  fortify: {
    rung: 1,
    domain: 'rearmament',
    visibility: 0.3,
    effects: { rearmament: 0.03, readiness: 0.02 },
    description: 'Rearming, digging in, reorganising forces',
  },
  'buffer-incursion': {
    rung: 2,
    domain: 'buffer-zone',
    visibility: 0.8,
    description: 'Moving forces into the separation zone or across the line',
  },
  'cross-line-fire': {
    rung: 2,
    domain: 'kinetic',
    visibility: 0.9,
    description: 'Small-arms, mortar or artillery fire across the line',
  },
  'targeted-operation': {
    rung: 2,
    domain: 'kinetic',
    visibility: 0.9,
    effects: { proxyStrength: 0.05 },
    description: 'Raid or strike on the spoilers',
  },
  'spoiler-attack': {
    rung: 3,
    domain: 'kinetic',
    visibility: 1,
    description: 'Attack by armed factions outside the agreement',
  },
  'rhetorical-threat': { rung: 1, domain: 'rhetoric', visibility: 1 },
  'limited-strike': { rung: 3, domain: 'kinetic', visibility: 1, description: 'A limited state strike' },
  offensive: { rung: 4, domain: 'kinetic', visibility: 1, description: 'Resumption of major operations' },
} as const;

/** A pause of at most SHORT_PAUSE_DAYS, or a humanitarian one. */
export function isShortPause(c: CaseCovariates): boolean {
  return c.humanitarian || (c.termDays !== null && c.termDays <= SHORT_PAUSE_DAYS);
}

type Terms = Record<string, 'prohibited' | 'permitted' | 'ambiguous'>;

/** written_agreement: what the text prohibits; without a text both sides read every act by their own redlines. */
function termsFor(c: CaseCovariates): Terms {
  const kinetic: Terms = { 'spoiler-attack': 'prohibited', 'limited-strike': 'prohibited', offensive: 'prohibited' };
  if (c.writtenAgreement === 'no') return { offensive: 'prohibited' };
  if (c.writtenAgreement === 'partial')
    return { ...kinetic, 'cross-line-fire': 'ambiguous', 'buffer-incursion': 'ambiguous' };
  return {
    ...kinetic,
    'cross-line-fire': 'prohibited',
    'buffer-incursion': c.buffer === 'no' ? 'ambiguous' : 'prohibited',
    'rhetorical-threat': 'permitted',
    patrol: 'ambiguous',
  };
}

/**
 * The scenario for one case, before the global parameters: a plain document
 * in the scenario format (checked by the schema, defaults filled).
 */
export function caseDocument(c: CaseCovariates): Record<string, unknown> {
  const interstate = c.arena === 'interstate';
  const contact = BUFFER_CONTACT[c.buffer];
  const shortPause = isShortPause(c);
  // [J] In a short or humanitarian pause both sides keep operating at full envelope.
  const envelope = shortPause ? 1 : 0.5;
  const state = (
    role: 'defender' | 'revisionist',
    adversary: string,
    ownActivities: Record<string, number>,
    extra: Record<string, unknown>,
  ) => ({
    kind: 'state',
    role,
    adversaries: [adversary],
    envelope,
    activities: {
      patrol: 1,
      fortify: 0.3,
      'buffer-incursion': 0.2 * contact,
      'cross-line-fire': 0.2 * contact,
      'rhetorical-threat': 0.3,
      'limited-strike': 0.2,
      offensive: 0.5,
      ...ownActivities,
    },
    redlines: {
      'buffer-incursion': 0.5,
      'cross-line-fire': 0.6,
      fortify: 0.3,
      patrol: 0.1,
      'targeted-operation': 0.7,
      'spoiler-attack': 1,
      'limited-strike': 1,
      offensive: 1,
    },
    // [J] No sanctions regime is coded for cases: the marginal-punishment term would be a constant
    // restraint, indistinguishable from the fitted `restraint` (docs/calibration-record.md).
    weights: { economic: 0 },
    ...extra,
  });
  return {
    name: `case ${c.id}`,
    description: `Coded from the case library row ${c.id} (${c.arena}).`,
    horizonDays: 365,
    collapseRung: 4,
    actors: {
      // side-a also raids the spoilers (what degrades them, and side-b's proxy degradation rate).
      'side-a': state('defender', 'side-b', { 'targeted-operation': 0.1 }, { intelligence: 0.6 }),
      'side-b': state('revisionist', 'side-a', {}, { intelligence: interstate ? 0.6 : 0.4 }),
      spoilers: {
        kind: 'proxy',
        patron: 'side-b',
        target: 'side-a',
        strength: interstate ? 0.2 : 0.5,
        value: 0.3,
        supplyIntegrity: 0.5,
        envelope,
        activities: { 'spoiler-attack': 0.1 },
      },
      broker: {
        kind: 'mediator',
        commitment: c.mediated ? COMMITMENT.mediated : COMMITMENT.unmediated,
        domesticAversion: 0.3,
        competingTheaters: 0.2,
      },
    },
    agreement: {
      mediator: 'broker',
      guarantee: GUARANTEE_LEVEL[c.guarantee],
      specificity: SPECIFICITY_LEVEL[c.specificity],
      faceSaving: FACE_SAVING_LEVEL[c.faceSaving],
      verification: {
        capability: MONITORING_LEVEL[c.monitoring],
        coverage: {
          'buffer-zone': 0.9,
          kinetic: 1,
          'supply-route': 0.3,
          rearmament: 0.3,
          surveillance: 0.5,
          rhetoric: 1,
        },
      },
      terms: termsFor(c),
    },
    actions: ACTIONS,
  };
}

/** The case's scenario with schema defaults filled. Throws only on a bug (the document is built here). */
export function caseScenario(c: CaseCovariates): CeasefireScenario {
  return ceasefireScenarioSchema.parse(caseDocument(c));
}
