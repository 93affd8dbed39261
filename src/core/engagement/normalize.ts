import { DEFAULT_ARRIVAL_ORDER, type DefenseProfile, type EngagementSpec, type LayerSpec } from './schema.js';
import type { Engagement, Layer, ThreatType } from './types.js';

/**
 * The order threat types reach the defence within a wave: the file's `arrivalOrder`, then the default order
 * (drone, cruise, rocket, ballistic) for the types it leaves out, then declared and launched types in file order.
 */
export function arrivalOrderOf(spec: Pick<EngagementSpec, 'arrivalOrder' | 'threats' | 'salvo'>): string[] {
  const order = [...(spec.arrivalOrder ?? [])];
  for (const t of DEFAULT_ARRIVAL_ORDER) if (!order.includes(t)) order.push(t);
  for (const t of Object.keys(spec.threats ?? {})) if (!order.includes(t)) order.push(t);
  for (const t of Object.keys(spec.salvo)) if (!order.includes(t)) order.push(t);
  return order;
}

/**
 * Fill defaults and order threat types by (wave, arrival order).
 * Assumes `checkEngagementRules` found no problems.
 *
 * Warning: a layer whose assets need more warning than the attack gives
 * (`minWarningMinutes`) has only the fraction warning / needed in position,
 * which scales its tracking probability (fighters scrambled late cover part of
 * the approach; an undeployed ship engages nothing).
 */
export function normalizeEngagement(spec: EngagementSpec, profile?: DefenseProfile): Engagement {
  const layerSpecs = spec.layers ?? profile?.layers ?? [];
  const warningMinutes = spec.warningMinutes ?? Infinity;
  const order = arrivalOrderOf(spec);

  const threats: ThreatType[] = order
    .filter((t) => (spec.salvo[t] ?? 0) > 0)
    .map((t) => {
      const ts = spec.threats?.[t] ?? {};
      return {
        type: t,
        launched: spec.salvo[t],
        reliability: ts.reliability ?? 1,
        unitCostUsd: ts.unitCostUsd ?? 0,
        wave: ts.wave ?? 1,
      };
    });
  // Stable sort: waves first, then arrival order within a wave.
  threats.sort((a, b) => a.wave - b.wave);

  return {
    threats,
    layers: layerSpecs.map((l) => normalizeLayer(l, warningMinutes)),
    trackCapacity: spec.trackCapacity ?? profile?.trackCapacity ?? Infinity,
    saturationPKillFactor: spec.saturationPKillFactor ?? profile?.saturationPKillFactor ?? 0.5,
    warningMinutes,
  };
}

export function normalizeLayer(l: LayerSpec, warningMinutes = Infinity): Layer {
  const readiness =
    l.minWarningMinutes && l.minWarningMinutes > 0 ? Math.min(1, warningMinutes / l.minWarningMinutes) : 1;
  return {
    name: l.name,
    operator: l.operator,
    pKill: { ...l.engages },
    tracking: (l.tracking ?? 1) * readiness,
    doctrine: l.doctrine ?? 'barrage',
    shots: l.shots ?? 1,
    inventory: l.inventory ?? Infinity,
    channels: l.channels ?? Infinity,
    unitCostUsd: l.unitCostUsd ?? 0,
  };
}
