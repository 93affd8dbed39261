/**
 * The defender's planning estimate of a salvo: expected counts passed
 * through the layers (a fluid, mean-field pass of the same process as the
 * sampler). Without limits it equals the exact expected leakers (the mean of
 * a binomial thinning is exact); with limits it is an approximation, which is
 * what a planner's estimate is. Cheap enough to evaluate every day of a run.
 */
import type { Engagement } from './types.js';

export interface FluidOutcome {
  leakers: number;
  /** P(at least one leaker) under a Poisson approximation. */
  pAnyLeaker: number;
}

/**
 * @param launched per threat type, in the engagement's order
 * @param inventory per layer (current stocks)
 * @param trackingScale multiplies every layer's tracking (air-defence readiness)
 */
export function fluidSalvo(e: Engagement, launched: ArrayLike<number>, inventory: ArrayLike<number>, trackingScale = 1, scratch?: Float64Array): FluidOutcome {
  const T = e.threats.length;
  const counts = scratch && scratch.length >= 2 * T ? scratch : new Float64Array(2 * T);
  let wave = -1;
  let tracks = 0;
  for (let t = 0; t < T; t++) {
    const th = e.threats[t];
    if (th.wave !== wave) {
      wave = th.wave;
      tracks = e.trackCapacity;
    }
    const flying = launched[t] * th.reliability;
    const good = Math.min(flying, tracks);
    tracks -= good;
    counts[2 * t] = good;
    counts[2 * t + 1] = flying - good;
  }
  for (let l = 0; l < e.layers.length; l++) {
    const layer = e.layers[l];
    const sls = layer.doctrine === 'shoot-look-shoot';
    let channels = layer.channels;
    let inv = inventory[l];
    const tracking = Math.min(1, layer.tracking * trackingScale);
    for (let c = 0; c < 2 * T; c++) {
      const p0 = layer.pKill[e.threats[c >> 1].type];
      if (p0 === undefined || counts[c] <= 0) continue;
      const p = c & 1 ? p0 * e.saturationPKillFactor : p0;
      const perThreat = sls ? (p > 0 ? (1 - Math.pow(1 - p, layer.shots)) / p : layer.shots) : layer.shots;
      const kill = 1 - Math.pow(1 - p, layer.shots);
      const engaged = Math.max(0, Math.min(counts[c] * tracking, channels, inv / perThreat));
      counts[c] -= engaged * kill;
      channels -= engaged;
      inv -= engaged * perThreat;
    }
  }
  let leakers = 0;
  for (let c = 0; c < 2 * T; c++) leakers += Math.max(0, counts[c]);
  return { leakers, pAnyLeaker: 1 - Math.exp(-leakers) };
}
