/**
 * The engagement explorer's computation, off the main thread: the exact
 * engine where it applies, Monte Carlo otherwise (the same core code as
 * `truce engage`). Only the latest request is answered, so a moving slider
 * never queues stale work.
 */
import { analyzeEngagement } from '../../src/core/engagement/engage.js';
import { normalizeEngagement } from '../../src/core/engagement/normalize.js';
import type { DefenseProfile, ThreatSpec } from '../../src/core/engagement/schema.js';

export interface EngageRequest {
  id: number;
  profile: DefenseProfile;
  salvo: Record<string, number>;
  threats: Record<string, ThreatSpec>;
  /** The engagement file's arrival order, when it gives one (the order layers take threats in; docs/model/engagement.md). */
  arrivalOrder?: string[];
  /** The engagement file's warning time, when it gives one (a layer with more minWarningMinutes engages in proportion). */
  warningMinutes?: number;
  inventoryScale: number;
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
    const layers = r.profile.layers.map((l) => ({
      ...l,
      ...(l.inventory !== undefined ? { inventory: Math.round(l.inventory * r.inventoryScale) } : {}),
    }));
    const e = normalizeEngagement({
      salvo: r.salvo,
      threats: r.threats,
      ...(r.arrivalOrder ? { arrivalOrder: r.arrivalOrder } : {}),
      ...(r.warningMinutes !== undefined ? { warningMinutes: r.warningMinutes } : {}),
      layers,
      trackCapacity: r.profile.trackCapacity,
      saturationPKillFactor: r.profile.saturationPKillFactor,
    });
    const report = analyzeEngagement(e, { method: 'auto', samples: r.samples, seed: 1 });
    (self as unknown as Worker).postMessage({ id: r.id, report, ms: performance.now() - t0 });
  }, 0);
};
