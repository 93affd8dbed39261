/**
 * Proxy networks and their attack salvos against their target's defence, or against no defence at all for a
 * target without one (docs/model/proxies.md).
 */
import { normalizeEngagement } from '../../engagement/normalize.js';
import type { DefenseProfile } from '../../engagement/schema.js';
import type { CeasefireScenario, ProxySpec } from '../../scenario/ceasefire-schema.js';
import type { ProxyDef, StateDef } from '../model.js';
import { activitiesOf } from './states.js';

export function buildProxies(
  s: CeasefireScenario,
  states: StateDef[],
  actionIndex: Map<string, number>,
  profiles: Record<string, DefenseProfile>,
): ProxyDef[] {
  const stateIndex = new Map(states.map((st) => [st.id, st.index]));
  const proxyIds = Object.keys(s.actors).filter((id) => s.actors[id].kind === 'proxy');
  return proxyIds.map((id, index) => {
    const spec = s.actors[id] as ProxySpec;
    const patron = stateIndex.get(spec.patron)!;
    const target = stateIndex.get(spec.target)!;
    states[patron].proxies.push(index);
    const def: ProxyDef = { id, index, patron, target, spec, activities: activitiesOf(spec.activities, actionIndex) };
    const d = states[target].spec.defense;
    const types = Object.keys(spec.attackSalvo).filter((t) => spec.attackSalvo[t] > 0);
    if (types.length) {
      // A target without an air defence (a revisionist a defender's proxy attacks need not have one): an engagement
      // with no layers, so every threat that flies lands, as for a state's salvo; the model invents no defence.
      const profile = d ? profiles[d.profile] : undefined;
      const e = normalizeEngagement({
        salvo: spec.attackSalvo,
        layers: profile ? profile.layers : [],
        trackCapacity: profile?.trackCapacity,
        saturationPKillFactor: profile?.saturationPKillFactor,
        threats: Object.fromEntries(types.map((t) => [t, { unitCostUsd: 0 }])),
      });
      def.attack = { engagement: e, salvo: Float64Array.from(e.threats, (t) => t.launched) };
    }
    return def;
  });
}
