/**
 * Arsenals: each state's saturation salvo against each adversary's defence, or
 * against no defence at all for an adversary without one
 * (docs/model/preemption.md, engagement.md). Built after all states, since
 * they need the adversaries' defences.
 */
import { normalizeEngagement } from '../../engagement/normalize.js';
import type { DefenseProfile } from '../../engagement/schema.js';
import type { Engagement } from '../../engagement/types.js';
import type { StateDef } from '../model.js';

export function buildArsenals(states: StateDef[], profiles: Record<string, DefenseProfile>): void {
  for (const st of states) {
    const spec = st.spec;
    if (!spec.arsenal) continue;
    const types = Object.keys({ ...spec.arsenal.stocks, ...spec.arsenal.saturationSalvo });
    const launcherTypes = new Set(spec.arsenal.launcherTypes ?? ['ballistic', 'cruise']);
    const against = new Map<number, Engagement>();
    for (const adv of st.adversaries) {
      const d = states[adv].spec.defense;
      const salvo: Record<string, number> = {};
      for (const t of types) salvo[t] = Math.max(1, spec.arsenal.saturationSalvo[t] ?? 0);
      // An adversary without an air defence: an engagement with no layers, so every threat that flies
      // lands (its launch reliability only); the model invents no defence for it (docs/model/preemption.md).
      const profile = d ? profiles[d.profile] : undefined;
      against.set(
        adv,
        normalizeEngagement({
          salvo,
          threats: spec.arsenal.threats,
          layers: profile ? profile.layers : [],
          trackCapacity: profile?.trackCapacity,
          saturationPKillFactor: profile?.saturationPKillFactor,
        }),
      );
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
      campaignWaves: spec.arsenal.campaignWaves,
      against,
    };
  }
}
