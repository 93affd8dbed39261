/**
 * States: effective redlines (docs/model/redlines.md), factions and their
 * term weights (docs/model/factions.md, escalation-utility.md), air defence.
 */
import { normalizeEngagement } from '../../engagement/normalize.js';
import type { DefenseProfile } from '../../engagement/schema.js';
import { N_TERMS, TERMS } from '../../model/escalation-utility.js';
import { effectiveRedline } from '../../model/redlines.js';
import type { CeasefireScenario, StateSpec } from '../../scenario/ceasefire-schema.js';
import type { ActionDef, Activity, FactionDef, StateDef, TermWeights } from '../model.js';

/** Defaults of the state weights (docs/model/escalation-utility.md); a scenario overrides them. */
/** Weights a state leaves out (docs/scenario-reference.md prints them). */
export const DEFAULT_WEIGHTS: TermWeights = {
  pdr: 1,
  rlp: 1,
  pv: 0.05,
  rearmament: 0.5,
  preemption: 1,
  burden: 0,
  window: 0,
  credibility: 0.5,
  retaliation: 0.3,
  economic: 0.3,
  readiness: 0.5,
  baseline: 0.3,
};
const ONE_WEIGHTS: TermWeights = {
  pdr: 1,
  rlp: 1,
  pv: 1,
  rearmament: 1,
  preemption: 1,
  burden: 1,
  window: 1,
  credibility: 1,
  retaliation: 1,
  economic: 1,
  readiness: 1,
  baseline: 1,
};

export function activitiesOf(rates: Record<string, number>, actionIndex: Map<string, number>): Activity[] {
  return Object.entries(rates)
    .filter(([, r]) => r > 0)
    .map(([a, r]) => ({ action: actionIndex.get(a)!, ratePerDay: r }));
}

export function buildStates(
  s: CeasefireScenario,
  actions: ActionDef[],
  actionIndex: Map<string, number>,
  profiles: Record<string, DefenseProfile>,
): StateDef[] {
  const stateIds = Object.keys(s.actors).filter((id) => s.actors[id].kind === 'state');
  const stateIndex = new Map(stateIds.map((id, i) => [id, i]));
  return stateIds.map((id, index) => {
    const spec = s.actors[id] as StateSpec;
    const weights = { ...DEFAULT_WEIGHTS, ...stripUndefined(spec.weights) };
    const redline = new Float64Array(actions.length);
    for (const a of actions)
      redline[a.index] = effectiveRedline(
        s.agreement.specificity,
        a.agreedReading,
        spec.redlines[a.id] ?? a.agreedReading,
      );
    const factions = buildFactions(spec);
    const termWeights = new Float64Array(factions.length * N_TERMS);
    factions.forEach((f, k) =>
      TERMS.forEach((t, j) => (termWeights[k * N_TERMS + j] = weights[t.weight] * f.weights[t.weight])),
    );
    const def: StateDef = {
      id,
      index,
      role: spec.role,
      spec,
      // In the order of the states in \`actors\`, not of the list: the list's order means nothing to the
      // model, and iterating it as written made results (and random draws) depend on it
      // (docs/scenario-reference.md, \`adversaries\`).
      adversaries: spec.adversaries.map((a) => stateIndex.get(a)!).sort((a, b) => a - b),
      proxies: [],
      activities: activitiesOf(spec.activities, actionIndex),
      redline,
      weights,
      factions,
      factionPower0: Float64Array.from(factions, (f) => f.power0),
      factionHardliner: factions.map((f) => f.hardliner),
      termWeights,
      preemption: { ...spec.preemption },
    };
    if (spec.defense) {
      const profile = profiles[spec.defense.profile];
      const engagement = normalizeEngagement({
        salvo: {},
        layers: profile.layers,
        trackCapacity: profile.trackCapacity,
        saturationPKillFactor: profile.saturationPKillFactor,
      });
      const baseInventory = Float64Array.from(engagement.layers, (l) =>
        Number.isFinite(l.inventory) ? l.inventory * spec.defense!.inventoryScale : Infinity,
      );
      def.defense = {
        engagement,
        baseInventory,
        replenishPerDay: spec.defense.replenishPerDay,
        stocksAtSigning: spec.defense.stocksAtSigning,
      };
    }
    return def;
  });
}

function buildFactions(spec: StateSpec): FactionDef[] {
  const entries = Object.entries(spec.factions ?? {});
  if (!entries.length) return [{ id: 'government', power0: 1, hardliner: false, weights: { ...ONE_WEIGHTS } }];
  const total = entries.reduce((t, [, f]) => t + f.power, 0);
  return entries.map(([fid, f]) => ({
    id: fid,
    power0: f.power / total,
    hardliner: f.hardliner ?? false,
    weights: { ...ONE_WEIGHTS, ...stripUndefined(f.weights ?? {}) },
  }));
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
