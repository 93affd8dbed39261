/**
 * The dashboard's engagement explorer as an engagement file: what its controls chose (salvo, reliabilities,
 * arrival order, the types each layer engages, stocks, track capacity), written so that
 * `truce engage FILE --samples 4000 --seed 1` computes what the explorer shows. The explorer's worker runs
 * this very spec, so the file and the page cannot disagree (docs/dashboard.md).
 */
import { arrivalOrderOf } from './normalize.js';
import type { DefenseProfile, EngagementSpec, LayerSpec, ThreatSpec } from './schema.js';

export interface ExplorerChoices {
  /**
   * The profile's name under scenarios/defense/, written as `defense:` while its layers are unchanged; with
   * `ownLayers`, the name of the engagement file whose layers `profile` holds.
   */
  profileName: string;
  profile: DefenseProfile;
  /** The layers came from an engagement file (its `layers:`), not a shipped profile: they are always written out. */
  ownLayers?: boolean;
  salvo: Record<string, number>;
  threats: Record<string, ThreatSpec>;
  /** The order the threat types reach the defence within a wave. */
  arrivalOrder: readonly string[];
  warningMinutes?: number;
  /** Per layer name, the threat types left out of its `engages`. */
  withheld: Readonly<Record<string, readonly string[]>>;
  /** Multiplies every layer's inventory (rounded to whole interceptors). */
  inventoryScale: number;
  /** The sensors' track capacity per wave, when it differs from the profile's. */
  trackCapacity?: number;
  /** The sensors' saturation factor, when the loaded file gives one (it overrides the profile's, as in the engine). */
  saturationPKillFactor?: number;
}

/** What the explorer's layers are, in words: `the israel-2024 profile`, or `the layers of FILE`. */
export function explorerProfileLabel(c: Pick<ExplorerChoices, 'profileName' | 'ownLayers'>): string {
  return c.ownLayers ? `the layers of ${c.profileName}` : `the ${c.profileName} profile`;
}

/** The threat types of the explorer's threats, in the order they reach the defence (the engine's order). */
export function explorerArrivalOrder(spec: Pick<EngagementSpec, 'arrivalOrder' | 'threats' | 'salvo'>): string[] {
  const present = new Set([...Object.keys(spec.salvo), ...Object.keys(spec.threats ?? {})]);
  return arrivalOrderOf(spec).filter((t) => present.has(t));
}

/** The engagement spec the explorer computes: the profile by name, or its layers copied with the changes. */
export function explorerEngagement(c: ExplorerChoices): EngagementSpec {
  const layersChanged =
    c.ownLayers === true ||
    c.inventoryScale !== 1 ||
    c.profile.layers.some((l) => (c.withheld[l.name] ?? []).some((t) => l.engages[t] !== undefined));
  const trackCapacity = c.trackCapacity ?? c.profile.trackCapacity;
  const base: EngagementSpec = {
    description: `The dashboard engagement explorer's choices against ${explorerProfileLabel(c)}`,
    salvo: { ...c.salvo },
    threats: structuredClone(c.threats),
    arrivalOrder: [...c.arrivalOrder],
    ...(c.warningMinutes !== undefined ? { warningMinutes: c.warningMinutes } : {}),
  };
  if (!layersChanged)
    return {
      ...base,
      defense: c.profileName,
      ...(trackCapacity !== c.profile.trackCapacity ? { trackCapacity } : {}),
      ...(c.saturationPKillFactor !== undefined && c.saturationPKillFactor !== c.profile.saturationPKillFactor
        ? { saturationPKillFactor: c.saturationPKillFactor }
        : {}),
    };
  // An engagement file gives either `defense:` or `layers:`, so a changed layer means writing all of them.
  return {
    ...base,
    ...(trackCapacity !== undefined ? { trackCapacity } : {}),
    ...((c.saturationPKillFactor ?? c.profile.saturationPKillFactor) !== undefined
      ? { saturationPKillFactor: c.saturationPKillFactor ?? c.profile.saturationPKillFactor }
      : {}),
    layers: c.profile.layers.map((l) => explorerLayer(l, c.withheld[l.name] ?? [], c.inventoryScale)),
  };
}

function explorerLayer(l: LayerSpec, withheld: readonly string[], scale: number): LayerSpec {
  const engages = Object.fromEntries(Object.entries(l.engages).filter(([t]) => !withheld.includes(t)));
  return {
    ...structuredClone(l),
    engages,
    ...(l.inventory !== undefined ? { inventory: Math.round(l.inventory * scale) } : {}),
  };
}

const PLAIN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const RESERVED = /^(true|false|null|yes|no|on|off|y|n|~)$/i;
const scalar = (v: unknown): string =>
  typeof v === 'string' && PLAIN.test(v) && !RESERVED.test(v) ? v : JSON.stringify(v);
const flow = (v: unknown): string =>
  Array.isArray(v)
    ? `[${v.map(flow).join(', ')}]`
    : v !== null && typeof v === 'object'
      ? Object.keys(v).length === 0
        ? '{}'
        : `{ ${Object.entries(v)
            .map(([k, x]) => `${scalar(k)}: ${flow(x)}`)
            .join(', ')} }`
      : scalar(v);

/**
 * The spec as YAML an analyst can read and edit: one line per top-level key, one line per threat type, one
 * line per layer field. Strings that YAML would read as something else are double-quoted (JSON's quoting is
 * valid YAML).
 */
export function engagementYaml(spec: EngagementSpec, header: readonly string[] = []): string {
  const out = header.map((h) => `# ${h}`);
  for (const [k, v] of Object.entries(spec)) {
    if (v === undefined) continue;
    if (k === 'threats') {
      out.push('threats:');
      for (const [t, ts] of Object.entries(v as Record<string, ThreatSpec>)) out.push(`  ${scalar(t)}: ${flow(ts)}`);
    } else if (k === 'layers') {
      out.push('layers:');
      for (const l of v as LayerSpec[])
        Object.entries(l).forEach(([f, x], i) => out.push(`${i === 0 ? '  - ' : '    '}${scalar(f)}: ${flow(x)}`));
    } else out.push(`${scalar(k)}: ${flow(v)}`);
  }
  return out.join('\n') + '\n';
}
