/**
 * Phase 1, attention: competing theaters flare (attention shocks at a rate
 * per unit of competing theaters) or calm; p_enforce(t) from commitment,
 * guarantee and the current distraction (docs/model/credibility.md).
 */
import { PoissonSites } from '../../rng/poisson.js';
import type { Stream } from '../../rng/stream.js';
import { enforcementProbability } from '../../model/credibility.js';
import type { Model } from '../model.js';
import type { World } from '../state.js';

/** The shock rate is a constant of the scenario: exp(-rate) is computed once, not daily. */
const shockSite = new PoissonSites(1);

export function attention(m: Model, w: World, rng: Stream): void {
  const med = m.mediator.spec;
  shockSite.rate[0] = med.attentionShockRate * med.competingTheaters;
  const n = shockSite.draw(rng, 0);
  for (let k = 0; k < n; k++) {
    w.shocks.push({ end: w.day + med.attentionShockDays, size: med.attentionShockSize * med.attentionShockScale });
    w.events?.push({
      day: w.day,
      kind: 'attention-shock',
      actor: m.mediator.id,
      action: 'attention-shock',
      perceivedAsViolationBy: [],
    });
  }
  // Shocks that have ended drop out, compacted in place (no array a day).
  const shocks = w.shocks;
  let kept = 0;
  let chi = 0;
  for (let k = 0; k < shocks.length; k++) {
    const s = shocks[k];
    if (s.end > w.day) {
      shocks[kept++] = s;
      chi += s.size;
    }
  }
  if (kept < shocks.length) shocks.length = kept;
  w.chi = Math.min(1, chi);
  w.pEnforce = enforcementProbability(m.agreement.guarantee, med.commitment, w.chi);
}
