/**
 * Causal attribution of a collapse (docs/model/attribution.md).
 *
 * The run is replayed with a set of pillars' terms frozen at their day-0
 * values, for every state, on the same random streams, up to the day it
 * collapsed. v(S) = 1 if the run with only the pillars in S live still
 * collapses by that day. v(all) = 1 (the run itself). A pillar's causal share
 * is its Shapley value in this game, estimated on one random order of the
 * pillars (unbiased; the ensemble mean over many collapses is what is
 * reported): walking the order from "all frozen", each pillar's share is
 * the change in v when it is unfrozen. Shares sum to 1 - v(none): 0 when
 * the run collapses even with every pillar frozen (spoilers, noise and the
 * standing terms alone), which is counted as unexplained.
 */
import { N_TERMS, PILLAR_INDEX_OF_TERM, PILLARS, type Pillar } from '../model/escalation-utility.js';
import { Stream } from '../rng/stream.js';
import type { Model } from './model.js';
import { runCeasefire } from './run.js';

export interface CausalShares {
  shares: Record<Pillar, number>;
  /** False when the run collapses by its day even with every pillar frozen. */
  explained: boolean;
  /** Replays run. */
  replays: number;
}

function maskFor(frozenPillars: ReadonlySet<number>): Uint8Array {
  const mask = new Uint8Array(N_TERMS);
  for (let k = 0; k < N_TERMS; k++)
    if (PILLAR_INDEX_OF_TERM[k] >= 0 && frozenPillars.has(PILLAR_INDEX_OF_TERM[k])) mask[k] = 1;
  return mask;
}

/** Shapley shares of the pillars in the collapse of replicate `replicate` on `collapseDay`. */
export function causalAttribution(m: Model, seed: number, replicate: number, collapseDay: number): CausalShares {
  const shares = Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>;
  const collapsesWith = (frozen: Set<number>) =>
    runCeasefire(m, { seed, replicate, days: collapseDay, freezeTerms: maskFor(frozen) }).outcome.collapsed;
  const frozen = new Set(PILLARS.map((_, i) => i));
  let replays = 1;
  let prev = collapsesWith(frozen) ? 1 : 0;
  if (prev === 1) return { shares, explained: false, replays };
  // One random order of the pillars, from its own stream (the run's streams are untouched).
  const order = PILLARS.map((_, i) => i);
  const rng = Stream.derive(seed, replicate, 'causal-order');
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  for (let n = 0; n < order.length; n++) {
    frozen.delete(order[n]);
    let cur: number;
    if (n === order.length - 1) cur = 1;
    else {
      cur = collapsesWith(frozen) ? 1 : 0;
      replays++;
    }
    shares[PILLARS[order[n]]] = cur - prev;
    prev = cur;
  }
  return { shares, explained: true, replays };
}

/**
 * Exact Shapley shares of the pillars in one run's collapse: v(S) for every
 * subset S of live pillars (2^7 = 128 replays at most, each up to the
 * collapse day), for one run's story (`truce run`). The ensemble uses the
 * one-order estimate above, whose mean over collapses is the same quantity.
 */
export function exactCausalAttribution(m: Model, seed: number, replicate: number, collapseDay: number): CausalShares {
  const P = PILLARS.length;
  const full = (1 << P) - 1;
  // value[mask of live pillars]
  const value = new Uint8Array(1 << P);
  let replays = 0;
  for (let live = 0; live <= full; live++) {
    if (live === full) {
      value[live] = 1;
      continue;
    }
    const frozen = new Set<number>();
    for (let i = 0; i < P; i++) if (!(live & (1 << i))) frozen.add(i);
    value[live] = runCeasefire(m, { seed, replicate, days: collapseDay, freezeTerms: maskFor(frozen) }).outcome
      .collapsed
      ? 1
      : 0;
    replays++;
  }
  const shares = Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>;
  if (value[0] === 1) return { shares, explained: false, replays };
  const fact = [1];
  for (let k = 1; k <= P; k++) fact.push(fact[k - 1] * k);
  for (let i = 0; i < P; i++) {
    let phi = 0;
    for (let s = 0; s <= full; s++) {
      if (s & (1 << i)) continue;
      let size = 0;
      for (let j = 0; j < P; j++) if (s & (1 << j)) size++;
      phi += ((fact[size] * fact[P - size - 1]) / fact[P]) * (value[s | (1 << i)] - value[s]);
    }
    shares[PILLARS[i]] = phi;
  }
  return { shares, explained: true, replays };
}
