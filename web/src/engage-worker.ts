/**
 * The engagement explorer's computation, off the main thread: the exact
 * engine where it applies, Monte Carlo otherwise (the same core code as
 * `truce engage`). Only the latest request is answered, so a moving slider
 * never queues stale work.
 */
import { analyzeEngagement } from '../../src/core/engagement/engage.js';
import { normalizeEngagement } from '../../src/core/engagement/normalize.js';
import type { DefenseProfile, EngagementSpec } from '../../src/core/engagement/schema.js';

export interface EngageRequest {
  id: number;
  /**
   * The explorer's choices as an engagement file (core/engagement/explorer-file.ts): the one the page offers
   * to download, so `truce engage` on it computes what the page shows.
   */
  spec: EngagementSpec;
  /** The profile `spec.defense` names, whose layers and sensors apply when the spec gives no layers. */
  profile: DefenseProfile;
  samples: number;
}

let latest = 0;
self.onmessage = (ev: MessageEvent<EngageRequest>) => {
  latest = ev.data.id;
  // Yield once so a burst of slider events collapses to the last one.
  setTimeout(() => {
    if (ev.data.id !== latest) return;
    const r = ev.data;
    const t0 = performance.now();
    const e = normalizeEngagement(r.spec, r.spec.layers ? undefined : r.profile);
    const report = analyzeEngagement(e, { method: 'auto', samples: r.samples, seed: 1 });
    (self as unknown as Worker).postMessage({ id: r.id, report, ms: performance.now() - t0 });
  }, 0);
};
