/**
 * Exact engagement: the probability distribution of leakers, computed by
 * dynamic programming over threat counts, layer by layer, honouring each
 * layer's channel and inventory limits. No sampling.
 *
 * Scope. Each threat type is carried as a distribution over how many of it
 * remain. Types evolve independently, and the leaker distribution is the
 * convolution of their per-type distributions, whenever nothing couples them:
 *  - a layer whose limits can bind (channels, or inventory / shots, below the
 *    most threats that can reach it) engages one threat type only;
 *  - the sensor track capacity cannot be exceeded in any wave (saturation
 *    splits a type by arrival position, coupling types in a wave);
 *  - the inventory of a layer whose doctrine fires a random number of
 *    interceptors per threat (shoot-look-shoot) cannot bind: that would need
 *    the joint law of kills and interceptors (doctrine/rule.ts, fixedShots).
 * Anything else is reported by `exactBeyondScope` and left to Monte Carlo.
 *
 * Layer transition for N threats of one type arriving at a layer with
 * tracking t, capacity c and per-engagement kill probability K:
 *   T ~ Binomial(N, t) tracked; E = min(T, c) engaged; kills ~ Binomial(E, K);
 *   survivors = N - kills.
 * Without limits and with t = 1 this reduces to survivors ~ Binomial(N, 1 - K),
 * hence the closed forms (closed-form.ts).
 */
import { binomialPmf, binomialPmfDense, convolve, pmfMean, pmfVariance, type Pmf } from './binomial-pmf.js';
import { doctrineOf } from './doctrine/index.js';
import type { Engagement, Layer } from './types.js';

export interface ExactResult {
  method: 'exact';
  /** P(total leakers = k), index k. */
  distribution: Float64Array;
  /** Per type: P(leakers of the type = k). */
  distributionByType: Record<string, Float64Array>;
  leakersMean: number;
  leakersSd: number;
  pZero: number;
  leakersByType: Record<string, number>;
  /** Expected launch failures per type. */
  failedByType: Record<string, number>;
  /** Expected kills per layer and type (the funnel). */
  killedByLayer: Record<string, Record<string, number>>;
  /** Expected interceptors fired per layer. */
  interceptorsUsed: Record<string, number>;
  /** Expected threats engaged per layer. */
  engagedByLayer: Record<string, number>;
}

/** Why the exact method cannot solve this engagement, or null if it can. */
export function exactBeyondScope(e: Engagement): string | null {
  const launchedByWave = new Map<number, number>();
  for (const t of e.threats) launchedByWave.set(t.wave, (launchedByWave.get(t.wave) ?? 0) + t.launched);
  for (const [wave, n] of launchedByWave) {
    if (n > e.trackCapacity) {
      return `wave ${wave} can exceed the sensor track capacity (${n} threats, ${e.trackCapacity} tracks): saturation couples threats by arrival position`;
    }
  }
  for (const layer of e.layers) {
    const engaged = e.threats.filter((t) => layer.pKill[t.type] !== undefined);
    const maxIn = engaged.reduce((s, t) => s + t.launched, 0);
    const channelsBind = layer.channels < maxIn;
    // Every doctrine fires at most `shots` per engaged threat.
    const inventoryBinds = layer.inventory < layer.shots * Math.min(maxIn, layer.channels);
    if (!doctrineOf(layer).fixedShots && inventoryBinds) {
      return `layer "${layer.name}": ${layer.doctrine} with an inventory that can run out mid-salvo`;
    }
    if ((channelsBind || inventoryBinds) && engaged.length > 1) {
      return `layer "${layer.name}" has limits that can bind and engages ${engaged.length} threat types (${engaged.map((t) => t.type).join(', ')}) that compete for them`;
    }
  }
  return null;
}

/** Per-engagement kill probability and expected interceptors per engaged threat. */
export function engagementKill(layer: Layer, pKill: number): { kill: number; shotsPerEngaged: number } {
  const rule = doctrineOf(layer);
  return { kill: rule.kill(pKill, layer.shots), shotsPerEngaged: rule.expectedShots(pKill, layer.shots) };
}

/** Threats one layer can engage in this salvo from its channels and (fixed-shot doctrines) inventory. */
function layerCapacity(layer: Layer): number {
  return Math.min(layer.channels, doctrineOf(layer).engageableFrom(layer.inventory, layer.shots));
}

/**
 * One layer acting on a distribution of threat counts.
 * Returns the survivors' distribution and the expected number engaged.
 */
export function layerTransition(
  dist: Float64Array,
  tracking: number,
  capacity: number,
  kill: number,
): { survivors: Float64Array; meanEngaged: number } {
  const out = new Float64Array(dist.length);
  const killPmfs = new Map<number, Pmf>();
  const killPmf = (e: number): Pmf => {
    let pmf = killPmfs.get(e);
    if (!pmf) killPmfs.set(e, (pmf = binomialPmf(e, kill)));
    return pmf;
  };
  let meanEngaged = 0;
  const addEngaged = (n: number, e: number, w: number) => {
    meanEngaged += w * e;
    const { lo, mass } = killPmf(e);
    // survivors = n - kills
    for (let i = 0; i < mass.length; i++) out[n - (lo + i)] += w * mass[i];
  };
  for (let n = 0; n < dist.length; n++) {
    const w = dist[n];
    if (w === 0) continue;
    if (tracking >= 1) {
      addEngaged(n, Math.min(n, capacity), w);
      continue;
    }
    const tracked = binomialPmf(n, tracking);
    for (let i = 0; i < tracked.mass.length; i++) {
      addEngaged(n, Math.min(tracked.lo + i, capacity), w * tracked.mass[i]);
    }
  }
  return { survivors: out, meanEngaged };
}

export function solveExact(e: Engagement): ExactResult {
  const reason = exactBeyondScope(e);
  if (reason) throw new ExactScopeError(reason);
  const distributionByType: Record<string, Float64Array> = {};
  const leakersByType: Record<string, number> = {};
  const failedByType: Record<string, number> = {};
  const killedByLayer: Record<string, Record<string, number>> = {};
  const interceptorsUsed: Record<string, number> = {};
  const engagedByLayer: Record<string, number> = {};
  for (const layer of e.layers) {
    killedByLayer[layer.name] = {};
    interceptorsUsed[layer.name] = 0;
    engagedByLayer[layer.name] = 0;
  }
  let total: Float64Array = Float64Array.of(1);
  for (const threat of e.threats) {
    let dist = binomialPmfDense(threat.launched, threat.reliability);
    failedByType[threat.type] = threat.launched * (1 - threat.reliability);
    for (const layer of e.layers) {
      const p = layer.pKill[threat.type];
      if (p === undefined) continue;
      const { kill, shotsPerEngaged } = engagementKill(layer, p);
      const before = pmfMean(dist);
      const step = layerTransition(dist, layer.tracking, layerCapacity(layer), kill);
      dist = step.survivors;
      killedByLayer[layer.name][threat.type] = before - pmfMean(dist);
      interceptorsUsed[layer.name] += step.meanEngaged * shotsPerEngaged;
      engagedByLayer[layer.name] += step.meanEngaged;
    }
    distributionByType[threat.type] = dist;
    leakersByType[threat.type] = pmfMean(dist);
    total = convolve(total, dist);
  }
  return {
    method: 'exact',
    distribution: total,
    distributionByType,
    leakersMean: pmfMean(total),
    leakersSd: Math.sqrt(Math.max(0, pmfVariance(total))),
    pZero: total[0],
    leakersByType,
    failedByType,
    killedByLayer,
    interceptorsUsed,
    engagedByLayer,
  };
}

/** The engagement is outside what the exact method solves; the message says why. */
export class ExactScopeError extends Error {
  constructor(reason: string) {
    super(`the exact method cannot solve this engagement: ${reason}; use --method monte-carlo (or auto)`);
    this.name = 'ExactScopeError';
  }
}
