/**
 * Attribution of a collapse to the pillars (docs/model/attribution.md).
 *
 * What moved the first crosser's EU from its starting equilibrium to the
 * collapse threshold: for each term the change since day 0,
 * delta_k = term_k(collapse) - term_k(0). Rising pressure and eroded
 * restraint both give positive deltas. Each pillar's share is the sum of its
 * positive deltas over the sum of all positive deltas; the primary pillar is
 * the largest. Refinement of the reference design's "the term that contributed most":
 * a level would credit terms that were already there in equilibrium.
 */
import { N_TERMS, PILLAR_INDEX_OF_TERM, PILLARS, type Pillar } from './escalation-utility.js';

export function attributeCollapse(
  termsAtCollapse: ArrayLike<number>,
  termsAtStart: ArrayLike<number>,
): { shares: Record<Pillar, number>; primary: Pillar | null } {
  const raw = Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>;
  let total = 0;
  for (let k = 0; k < N_TERMS; k++) {
    const pi = PILLAR_INDEX_OF_TERM[k];
    const pillar = PILLARS[pi];
    const delta = termsAtCollapse[k] - termsAtStart[k];
    if (pi >= 0 && delta > 0) {
      raw[pillar] += delta;
      total += delta;
    }
  }
  let primary: Pillar | null = null;
  for (const p of PILLARS) {
    raw[p] = total > 0 ? raw[p] / total : 0;
    if (raw[p] > 0 && (primary === null || raw[p] > raw[primary])) primary = p;
  }
  return { shares: raw, primary };
}
