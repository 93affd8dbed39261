/**
 * Kinetic exchanges inside a run, through the engagement engine: proxy
 * attacks and limited strikes before collapse, and the opening exchange at
 * collapse (a saturation strike, or a pre-emptive strike on launchers
 * followed by the retaliation it leaves possible); docs/model/preemption.md.
 */
import { SalvoSampler } from '../engagement/salvo-sampler.js';
import type { Engagement } from '../engagement/types.js';
import type { Stream } from '../rng/stream.js';
import type { Model, StateDef } from './model.js';
import type { StateRuntime, World } from './state.js';

export interface SalvoOutcome {
  launched: number;
  leakers: number;
  interceptorsUsed: number;
  /** Interceptors drawn from finite stocks (layers with an inventory). */
  fromStock: number;
  attackerCostUsd: number;
  defenderCostUsd: number;
}

/** Per engagement: its sampler and buffers for the whole-number inventories and launches it is given. */
interface Firing {
  sampler: SalvoSampler;
  whole: Float64Array;
  counts: Float64Array;
}

const firings = new WeakMap<Engagement, Firing>();

function firingOf(e: Engagement): Firing {
  let f = firings.get(e);
  if (!f) {
    f = {
      sampler: new SalvoSampler(e),
      whole: new Float64Array(e.layers.length),
      counts: new Float64Array(e.threats.length),
    };
    firings.set(e, f);
  }
  return f;
}

/** The inventories of a state without an air defence: no layers, so every threat that flies lands. */
export const NO_DEFENCE = new Float64Array(0);

/** Sample one salvo against current inventories; inventories are drawn down in place. */
export function fireSalvo(
  e: Engagement,
  launched: ArrayLike<number>,
  inventory: Float64Array,
  readiness: number,
  rng: Stream,
): SalvoOutcome {
  const { sampler, whole, counts } = firingOf(e);
  for (let l = 0; l < whole.length; l++) {
    const x = inventory[l];
    whole[l] = Number.isFinite(x) ? Math.floor(x) : x;
  }
  for (let t = 0; t < counts.length; t++) counts[t] = Math.max(0, Math.floor(launched[t]));
  sampler.sample(rng, whole, counts, readiness);
  let leakers = 0;
  let attackerCostUsd = 0;
  let total = 0;
  for (let t = 0; t < e.threats.length; t++) {
    leakers += sampler.leaked[t];
    attackerCostUsd += counts[t] * e.threats[t].unitCostUsd;
    total += counts[t];
  }
  let used = 0;
  let fromStock = 0;
  let defenderCostUsd = 0;
  for (let l = 0; l < e.layers.length; l++) {
    used += sampler.used[l];
    defenderCostUsd += sampler.used[l] * e.layers[l].unitCostUsd;
    if (Number.isFinite(inventory[l])) fromStock += sampler.used[l];
    inventory[l] -= sampler.used[l];
  }
  return { launched: total, leakers, interceptorsUsed: used, fromStock, attackerCostUsd, defenderCostUsd };
}

/** A share of the saturation salvo, capped by stocks and by launcher capacity for launcher-bound types. */
export function saturationSalvo(st: StateDef, rt: StateRuntime, share: number, into?: Float64Array): Float64Array {
  const ars = st.arsenal;
  if (!ars || !rt.stocks) return new Float64Array(0);
  const out = into && into.length === ars.types.length ? into : new Float64Array(ars.types.length);
  let bound = 0;
  for (let t = 0; t < out.length; t++) {
    out[t] = Math.min(Math.round(ars.saturationSalvo[t] * share), Math.floor(rt.stocks[t]));
    if (ars.launcherBound[t]) bound += out[t];
  }
  if (bound > rt.launchers && bound > 0) {
    const scale = rt.launchers / bound;
    for (let t = 0; t < out.length; t++) if (ars.launcherBound[t]) out[t] = Math.floor(out[t] * scale);
  }
  return out;
}

/**
 * A salvo into the run's accounts (docs/model/preemption.md, "Kinetic exchanges"): on the account of the side it is
 * fired at, the role of the state it targets, whoever fires it. A salvo at a defender counts in the run's totals: the
 * interceptors fired at it, their cost, the threats that land, and the munitions fired (a state's; a proxy's are not
 * costed). A salvo at a revisionist goes to the strike account (`defenderStrikes`) instead, so the totals never mix
 * the two sides. The one rule for every kinetic act (proxy attacks, limited strikes, the opening exchange): a proxy
 * has no role of its own, and two adversaries may share a role, so the firer's role cannot decide; every salvo has
 * one target, so it is accounted exactly once.
 */
export function accountSalvo(w: World, out: SalvoOutcome, target: StateDef, proxy = false): void {
  if (target.role === 'revisionist') {
    const s = w.defenderStrikes;
    s.launched += out.launched;
    s.leakers += out.leakers;
    s.interceptorsUsed += out.interceptorsUsed;
    if (!proxy) s.munitionsCostUsd += out.attackerCostUsd;
    s.interceptorCostUsd += out.defenderCostUsd;
    return;
  }
  w.interceptorsUsed += out.interceptorsUsed;
  w.leakers += out.leakers;
  w.defenderCostUsd += out.defenderCostUsd;
  if (!proxy) w.attackerCostUsd += out.attackerCostUsd;
}

/**
 * Whether a run of this model keeps a strike account: some salvo can be fired at a revisionist (a state with an
 * arsenal that has a revisionist adversary, or a proxy that can attack a revisionist); accountSalvo.
 */
export function keepsStrikeAccount(m: Model): boolean {
  const atRevisionist = (i: number) => m.states[i].role === 'revisionist';
  return (
    m.states.some((st) => st.arsenal !== undefined && st.adversaries.some(atRevisionist)) ||
    m.proxies.some((p) => p.attack !== undefined && atRevisionist(p.target))
  );
}
