/**
 * The normalised ceasefire model: every default resolved, every reference
 * turned into an index, so the step loop touches only numbers and arrays.
 * Built by `buildModel` from a resolved scenario and the defence profiles it
 * names (the shell reads those files).
 */
import { normalizeEngagement } from '../engagement/normalize.js';
import type { DefenseProfile } from '../engagement/schema.js';
import type { Engagement } from '../engagement/types.js';
import { DOMAINS, type CeasefireScenario, type MediatorSpec, type ProxySpec, type StateSpec, type Weights } from '../scenario/ceasefire-schema.js';
import { effectiveRedline, misalignmentIndex } from '../model/redlines.js';
import { N_TERMS, TERM_NAMES, type TermName } from '../model/escalation-utility.js';

/** Which scenario weight scales each EU term. */
const WEIGHT_OF_TERM: Record<TermName, keyof Weights> = {
  pdr: 'pdr',
  rlp: 'rlp',
  pvAsymmetric: 'pv',
  pvRedlines: 'pv',
  pvSpurious: 'pv',
  rearmament: 'rearmament',
  rearmamentDrift: 'rearmament',
  preemption: 'preemption',
  credibility: 'credibility',
  retaliation: 'retaliation',
  economic: 'economic',
  readiness: 'readiness',
  baseline: 'baseline',
};

export const CLASS_PROHIBITED = 0;
export const CLASS_PERMITTED = 1;
export const CLASS_AMBIGUOUS = 2;

export interface ActionDef {
  id: string;
  index: number;
  rung: number;
  domain: number;
  visibility: number;
  classification: number;
  /** The agreement's reading: probability the action is a violation of the terms. */
  agreedReading: number;
  interceptors: number;
  readiness: number;
  intelligence: number;
  proxyStrength: number;
  supplyIntegrity: number;
  proxyTransfer: number;
  rearmament: number;
  salvoShare: number;
}

export interface Activity {
  action: number;
  ratePerDay: number;
}

export type TermWeights = Required<Weights>;

export interface FactionDef {
  id: string;
  power0: number;
  hardliner: boolean;
  weights: TermWeights;
}

export interface StateDef {
  id: string;
  index: number;
  role: 'defender' | 'revisionist';
  spec: StateSpec;
  adversaries: number[];
  /** Proxies (indices into model.proxies) whose patron this state is. */
  proxies: number[];
  activities: Activity[];
  /** Effective casus-belli probability by action, merged by specificity. */
  redline: Float64Array;
  weights: TermWeights;
  factions: FactionDef[];
  factionPower0: Float64Array;
  factionHardliner: boolean[];
  /** [faction * N_TERMS + term]: the state's weight on the term times the faction's multiplier. */
  termWeights: Float64Array;
  /** For a defender: its air defence. */
  defense?: { engagement: Engagement; baseInventory: Float64Array; replenishPerDay: number };
  /** For a state with an arsenal: its saturation salvo against each adversary's defence. */
  arsenal?: {
    types: string[];
    stocks: Float64Array;
    launchers: number;
    launcherBound: boolean[];
    productionPerDay: Float64Array;
    saturationSalvo: Float64Array;
    /** Engagement of this state's threats against the adversary's defence (by adversary state index). */
    against: Map<number, Engagement>;
  };
}

export interface ProxyDef {
  id: string;
  index: number;
  patron: number;
  target: number;
  spec: ProxySpec;
  activities: Activity[];
  attack?: { engagement: Engagement; salvo: Float64Array };
}

export interface Model {
  horizonDays: number;
  collapseRung: number;
  pdrWindowDays: number;
  actions: ActionDef[];
  actionIndex: Map<string, number>;
  states: StateDef[];
  proxies: ProxyDef[];
  mediator: { id: string; spec: MediatorSpec };
  guarantors: string[];
  agreement: { verification: number; coverage: Float64Array; specificity: number; faceSaving: number; sanctionsRelief: number; guarantee: number };
  misalignment: number;
}

const DEFAULT_WEIGHTS: TermWeights = { pdr: 1, rlp: 1, pv: 0.05, rearmament: 0.5, preemption: 1, credibility: 0.5, retaliation: 0.3, economic: 0.3, readiness: 0.5, baseline: 0.3 };
const ONE_WEIGHTS: TermWeights = { pdr: 1, rlp: 1, pv: 1, rearmament: 1, preemption: 1, credibility: 1, retaliation: 1, economic: 1, readiness: 1, baseline: 1 };

export function buildModel(s: CeasefireScenario, profiles: Record<string, DefenseProfile>): Model {
  const actionIds = Object.keys(s.actions);
  const actionIndex = new Map(actionIds.map((id, i) => [id, i]));
  const v = s.agreement.verification.capability;
  const coverage = new Float64Array(DOMAINS.length);
  DOMAINS.forEach((d, i) => (coverage[i] = s.agreement.verification.coverage[d] ?? 0));
  const actions: ActionDef[] = actionIds.map((id, index) => {
    const a = s.actions[id];
    const term = s.agreement.terms[id] ?? 'ambiguous';
    const classification = term === 'prohibited' ? CLASS_PROHIBITED : term === 'permitted' ? CLASS_PERMITTED : CLASS_AMBIGUOUS;
    const agreedReading = s.agreement.agreedReadings[id] ?? (term === 'prohibited' ? 1 : term === 'permitted' ? 0 : 0.5);
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
    };
  });
  const stateIds = Object.keys(s.actors).filter((id) => s.actors[id].kind === 'state');
  const proxyIds = Object.keys(s.actors).filter((id) => s.actors[id].kind === 'proxy');
  const stateIndex = new Map(stateIds.map((id, i) => [id, i]));
  const activitiesOf = (m: Record<string, number>): Activity[] =>
    Object.entries(m)
      .filter(([, r]) => r > 0)
      .map(([a, r]) => ({ action: actionIndex.get(a)!, ratePerDay: r }));

  const states: StateDef[] = stateIds.map((id, index) => {
    const spec = s.actors[id] as StateSpec;
    const weights = { ...DEFAULT_WEIGHTS, ...stripUndefined(spec.weights) };
    const redline = new Float64Array(actions.length);
    for (const a of actions) redline[a.index] = effectiveRedline(s.agreement.specificity, a.agreedReading, spec.redlines[a.id] ?? a.agreedReading);
    const factionEntries = Object.entries(spec.factions ?? {});
    const totalPower = factionEntries.reduce((t, [, f]) => t + f.power, 0);
    const factions: FactionDef[] = factionEntries.length
      ? factionEntries.map(([fid, f]) => ({ id: fid, power0: f.power / totalPower, hardliner: f.hardliner ?? false, weights: { ...ONE_WEIGHTS, ...stripUndefined(f.weights ?? {}) } }))
      : [{ id: 'government', power0: 1, hardliner: false, weights: { ...ONE_WEIGHTS } }];
    const termWeights = new Float64Array(factions.length * N_TERMS);
    factions.forEach((f, k) => TERM_NAMES.forEach((t, j) => (termWeights[k * N_TERMS + j] = weights[WEIGHT_OF_TERM[t]] * f.weights[WEIGHT_OF_TERM[t]])));
    const def: StateDef = {
      id,
      index,
      role: spec.role,
      spec,
      adversaries: spec.adversaries.map((a) => stateIndex.get(a)!),
      proxies: [],
      activities: activitiesOf(spec.activities),
      redline,
      weights,
      factions,
      factionPower0: Float64Array.from(factions, (f) => f.power0),
      factionHardliner: factions.map((f) => f.hardliner),
      termWeights,
    };
    if (spec.defense) {
      const profile = profiles[spec.defense.profile];
      const engagement = normalizeEngagement({ salvo: {}, layers: profile.layers, trackCapacity: profile.trackCapacity, saturationPKillFactor: profile.saturationPKillFactor });
      const baseInventory = Float64Array.from(engagement.layers, (l) => (Number.isFinite(l.inventory) ? l.inventory * spec.defense!.inventoryScale : Infinity));
      def.defense = { engagement, baseInventory, replenishPerDay: spec.defense.replenishPerDay };
    }
    return def;
  });

  // Arsenals need the adversaries' defences, so they are built after all states.
  for (const st of states) {
    const spec = st.spec;
    if (!spec.arsenal) continue;
    const types = Object.keys({ ...spec.arsenal.stocks, ...spec.arsenal.saturationSalvo });
    const launcherTypes = new Set(spec.arsenal.launcherTypes ?? ['ballistic', 'cruise']);
    const against = new Map<number, Engagement>();
    for (const adv of st.adversaries) {
      const d = states[adv].spec.defense;
      if (!d) continue;
      const profile = profiles[d.profile];
      const salvo: Record<string, number> = {};
      for (const t of types) salvo[t] = Math.max(1, spec.arsenal.saturationSalvo[t] ?? 0);
      const e = normalizeEngagement({ salvo, threats: spec.arsenal.threats, layers: profile.layers, trackCapacity: profile.trackCapacity, saturationPKillFactor: profile.saturationPKillFactor });
      against.set(adv, e);
    }
    // Types in the engagement's arrival order, so per-type arrays line up with it.
    const ordered = against.size ? [...against.values()][0].threats.map((t) => t.type) : types;
    st.arsenal = {
      types: ordered,
      stocks: Float64Array.from(ordered, (t) => spec.arsenal!.stocks[t] ?? 0),
      launchers: spec.arsenal.launchers,
      launcherBound: ordered.map((t) => launcherTypes.has(t)),
      productionPerDay: Float64Array.from(ordered, (t) => spec.arsenal!.productionPerDay[t] ?? 0),
      saturationSalvo: Float64Array.from(ordered, (t) => spec.arsenal!.saturationSalvo[t] ?? 0),
      against,
    };
  }

  const proxies: ProxyDef[] = proxyIds.map((id, index) => {
    const spec = s.actors[id] as ProxySpec;
    const patron = stateIndex.get(spec.patron)!;
    const target = stateIndex.get(spec.target)!;
    states[patron].proxies.push(index);
    const def: ProxyDef = { id, index, patron, target, spec, activities: activitiesOf(spec.activities) };
    const d = states[target].spec.defense;
    const types = Object.keys(spec.attackSalvo).filter((t) => spec.attackSalvo[t] > 0);
    if (d && types.length) {
      const profile = profiles[d.profile];
      const e = normalizeEngagement({ salvo: spec.attackSalvo, layers: profile.layers, trackCapacity: profile.trackCapacity, saturationPKillFactor: profile.saturationPKillFactor, threats: Object.fromEntries(types.map((t) => [t, { unitCostUsd: 0 }])) });
      def.attack = { engagement: e, salvo: Float64Array.from(e.threats, (t) => t.launched) };
    }
    return def;
  });

  const mediatorSpec = s.actors[s.agreement.mediator] as MediatorSpec;
  const dyads: [Float64Array, Float64Array][] = [];
  for (const st of states) for (const adv of st.adversaries) if (adv > st.index) dyads.push([st.redline, states[adv].redline]);
  return {
    horizonDays: s.horizonDays,
    collapseRung: s.collapseRung,
    pdrWindowDays: s.pdrWindowDays,
    actions,
    actionIndex,
    states,
    proxies,
    mediator: { id: s.agreement.mediator, spec: mediatorSpec },
    guarantors: s.agreement.guarantors,
    agreement: { verification: v, coverage, specificity: s.agreement.specificity, faceSaving: s.agreement.faceSaving, sanctionsRelief: s.agreement.sanctionsRelief, guarantee: s.agreement.guarantee },
    misalignment: dyads.length ? dyads.reduce((t, [a, b]) => t + misalignmentIndex(a, b), 0) / dyads.length : 0,
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
