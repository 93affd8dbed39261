/**
 * One day of the ceasefire (docs/model/run.md). The order is part of the model:
 *
 *   1. attention   the mediator's competing theaters flare or calm; p_enforce(t)
 *   2. activities  every state and proxy runs its pause activities; effects
 *                  apply at once; observers may detect each occurrence (after
 *                  a lag); the monitor may attribute it (stress test)
 *   3. spurious    false reports from ambiguous intelligence reach observers
 *   4. perception  detections whose lag has run out are read against redlines
 *   5. unanswered  violations the mediator left unanswered for R days
 *   6. slow        beliefs, credibility learning, proxies, economy, readiness,
 *                  production, legitimacy and faction power
 *   7. utility     every state's EU terms
 *   8. decisions   ordered-logit rung steps, then the de-escalation window
 *   9. collapse    the first state at the collapse rung ends the ceasefire
 *
 * Each mechanism draws from its own stream, so a draw added in one does not
 * reshuffle another.
 */
import type { Stream } from '../rng/stream.js';
import type { Model } from './model.js';
import { activities } from './phases/activities.js';
import { attention } from './phases/attention.js';
import { decisions, type CollapseInfo } from './phases/decisions.js';
import { processPending, spurious } from './phases/perception.js';
import { slowDynamics } from './phases/slow.js';
import { computeTerms } from './phases/utility.js';
import type { World } from './state.js';

export type { CollapseInfo } from './phases/decisions.js';
export { computeTerms, proxyDegradationRate } from './phases/utility.js';

/** One stream per mechanism (docs/model/run.md). */
export interface Streams {
  attention: Stream;
  activity: Stream;
  perception: Stream;
  decision: Stream;
  kinetic: Stream;
  /** The mediator's enforcement draw on an attributed violation. */
  enforcement: Stream;
  /** The monitor's determination that an occurrence violates the terms. */
  attribution: Stream;
  /** Which adversary proxy a targeted operation or interdiction hits. */
  targeting: Stream;
  /** Whether the terms were agreed at signing (docs/model/early-failure.md). */
  signing: Stream;
  /** Whether a rearmament act is forgone under a relief track's verified limit (docs/model/economy.md). */
  relief: Stream;
}

export const STREAM_KEYS = [
  'attention',
  'activity',
  'perception',
  'decision',
  'kinetic',
  'enforcement',
  'attribution',
  'targeting',
  'signing',
  'relief',
] as const satisfies readonly (keyof Streams)[];

export function stepDay(m: Model, w: World, rng: Streams): CollapseInfo | null {
  w.day++;
  for (const s of w.states) {
    s.retreatToday = 0;
    s.reliefToday = 0;
    s.incidentToday = false;
    s.spendToday = 0;
  }
  attention(m, w, rng.attention);
  activities(m, w, rng);
  spurious(m, w, rng.perception);
  processPending(m, w, rng.perception);
  slowDynamics(m, w);
  for (let i = 0; i < m.states.length; i++) computeTerms(m, w, i);
  return decisions(m, w, rng.decision);
}
