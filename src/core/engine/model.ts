/**
 * The normalised ceasefire model: every default resolved, every reference
 * turned into an index, so the step loop touches only numbers and arrays.
 * Built by `buildModel` (engine/build/) from a resolved scenario and the
 * defence profiles it names (the shell reads those files).
 */
import type { Engagement } from '../engagement/types.js';
import type { Dynamics, MediatorSpec, ProxySpec, StateSpec, Weights } from '../scenario/ceasefire-schema.js';

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
  /** A threat (the rhetoric domain): a public one can be a test of the mediator. */
  isThreat: boolean;
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
  defense?: { engagement: Engagement; baseInventory: Float64Array; replenishPerDay: number; stocksAtSigning: number };
  /** Pre-emption parameters, defaults resolved (docs/model/preemption.md). */
  preemption: { leakerTolerance: number; depletionWeight: number; budgetUsdPerDay: number; effectiveness: number };
  /** For a state with an arsenal: its saturation salvo against each adversary's defence. */
  arsenal?: {
    types: string[];
    stocks: Float64Array;
    launchers: number;
    launcherBound: boolean[];
    productionPerDay: Float64Array;
    saturationSalvo: Float64Array;
    /** Saturation salvos a war takes (docs/model/escalation-utility.md). */
    campaignWaves: number;
    /**
     * Engagement of this state's threats against each adversary's defence (by adversary state index); for an
     * adversary without a defence, an engagement with no layers (every threat that flies lands).
     */
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
  /** Mechanism constants that hold for every actor. */
  dynamics: Dynamics;
  actions: ActionDef[];
  actionIndex: Map<string, number>;
  states: StateDef[];
  proxies: ProxyDef[];
  mediator: { id: string; spec: MediatorSpec };
  guarantors: string[];
  agreement: {
    verification: number;
    coverage: Float64Array;
    specificity: number;
    faceSaving: number;
    sanctionsRelief: number;
    reliefWindowDays: number;
    reliefRearmamentLimit: number;
    termsUnagreed: number;
    warRungRestart: number;
    guarantee: number;
  };
  misalignment: number;
}

export { buildModel } from './build/build-model.js';
