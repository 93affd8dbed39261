/**
 * The defender's planning estimate of a salvo: expected counts passed
 * through the layers (a fluid, mean-field pass of the same process as the
 * sampler). Without limits it equals the exact expected leakers (the mean of
 * a binomial thinning is exact); with limits it is an approximation, which is
 * what a planner's estimate is. Cheap enough to evaluate every day of a run
 * (docs/model/preemption.md): the per-layer, per-class kill probabilities and
 * interceptor costs are computed once per engagement and kept in arrays.
 */
import { doctrineOf } from './doctrine/index.js';
import type { Engagement } from './types.js';

export interface FluidOutcome {
  leakers: number;
  /** P(at least one leaker) under a Poisson approximation. */
  pAnyLeaker: number;
}

/** What the fluid pass needs of an engagement, as numbers in arrays, and the last pass's results. */
export interface FluidTables {
  readonly trackCapacity: number;
  /** [layer * 2T + class]: per-engagement kill probability; -1 if the layer does not engage the class. */
  kill: Float64Array;
  /** [layer * 2T + class]: expected interceptors per engaged threat (the doctrine's). */
  perThreat: Float64Array;
  reliability: Float64Array;
  wave: Float64Array;
  tracking: Float64Array;
  channels: Float64Array;
  counts: Float64Array;
  /** Results of the last pass: threats that fly (launched x reliability), expected leakers. */
  flying: number;
  leakers: number;
}

/**
 * Tables per engagement. Engagements are immutable once normalised (the run
 * builds them with its model), so the tables stay valid for the engagement's
 * life.
 */
const tables = new WeakMap<Engagement, FluidTables>();

export function fluidTables(e: Engagement): FluidTables {
  let t = tables.get(e);
  if (t) return t;
  const T = e.threats.length;
  const C = 2 * T;
  const L = e.layers.length;
  const kill = new Float64Array(L * C);
  const perThreat = new Float64Array(L * C);
  for (let l = 0; l < L; l++) {
    const layer = e.layers[l];
    const rule = doctrineOf(layer);
    for (let c = 0; c < C; c++) {
      const p0 = layer.pKill[e.threats[c >> 1].type];
      if (p0 === undefined) {
        kill[l * C + c] = -1;
        continue;
      }
      const p = c & 1 ? p0 * e.saturationPKillFactor : p0;
      kill[l * C + c] = rule.kill(p, layer.shots);
      perThreat[l * C + c] = rule.expectedShots(p, layer.shots);
    }
  }
  t = {
    trackCapacity: e.trackCapacity,
    kill,
    perThreat,
    reliability: Float64Array.from(e.threats, (th) => th.reliability),
    wave: Float64Array.from(e.threats, (th) => th.wave),
    tracking: Float64Array.from(e.layers, (l) => l.tracking),
    channels: Float64Array.from(e.layers, (l) => l.channels),
    counts: new Float64Array(C),
    flying: 0,
    leakers: 0,
  };
  tables.set(e, t);
  return t;
}

/**
 * @param launched per threat type, in the engagement's order
 * @param inventory per layer (current stocks)
 * @param trackingScale multiplies every layer's tracking (air-defence readiness)
 * @param _scratch unused (the engagement's tables carry their own buffer); kept for callers that pass one
 */
export function fluidSalvo(
  e: Engagement,
  launched: ArrayLike<number>,
  inventory: ArrayLike<number>,
  trackingScale = 1,
  _scratch?: Float64Array,
): FluidOutcome {
  const leakers = fluidLeakers(e, launched, inventory, trackingScale);
  return { leakers, pAnyLeaker: 1 - Math.exp(-leakers) };
}

/** Expected leakers of the fluid pass (fluidSalvo without the result object). */
export function fluidLeakers(
  e: Engagement,
  launched: ArrayLike<number>,
  inventory: ArrayLike<number>,
  trackingScale = 1,
): number {
  const tb = fluidTables(e);
  fluidPass(tb, launched, inventory, trackingScale);
  return tb.leakers;
}

/**
 * The fluid pass on an engagement's tables (fluidTables(e), which a caller
 * that passes every day keeps): the expected leakers and the threats that fly
 * are left in tb.leakers and tb.flying (numbers in a table, not a result
 * object: nothing is allocated).
 */
export function fluidPass(
  tb: FluidTables,
  launched: ArrayLike<number>,
  inventory: ArrayLike<number>,
  trackingScale: number,
): void {
  const T = tb.reliability.length;
  const C = 2 * T;
  const L = tb.tracking.length;
  const counts = tb.counts;
  let wave = -1;
  let tracks = 0;
  let flyingTotal = 0;
  for (let t = 0; t < T; t++) {
    if (tb.wave[t] !== wave) {
      wave = tb.wave[t];
      tracks = tb.trackCapacity;
    }
    const flying = launched[t] * tb.reliability[t];
    flyingTotal += flying;
    const good = Math.min(flying, tracks);
    tracks -= good;
    counts[2 * t] = good;
    counts[2 * t + 1] = flying - good;
  }
  for (let l = 0; l < L; l++) {
    let channels = tb.channels[l];
    let inv = inventory[l];
    const tracking = Math.min(1, tb.tracking[l] * trackingScale);
    for (let c = 0; c < C; c++) {
      const kill = tb.kill[l * C + c];
      if (kill < 0 || counts[c] <= 0) continue;
      const perThreat = tb.perThreat[l * C + c];
      const engaged = Math.max(0, Math.min(counts[c] * tracking, channels, inv / perThreat));
      counts[c] -= engaged * kill;
      channels -= engaged;
      inv -= engaged * perThreat;
    }
  }
  let leakers = 0;
  for (let c = 0; c < C; c++) leakers += Math.max(0, counts[c]);
  tb.flying = flyingTotal;
  tb.leakers = leakers;
}
