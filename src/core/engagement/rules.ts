/**
 * Cross-field rules for engagement files, each named for what it asserts,
 * run after the shape check and before normalisation.
 */
import type { Problem } from '../scenario/problems.js';
import { BUILT_IN_THREAT_TYPES, type DefenseProfile, type EngagementSpec, type LayerSpec } from './schema.js';

export function knownThreatTypes(spec: Pick<EngagementSpec, 'threats'>): Set<string> {
  return new Set<string>([...BUILT_IN_THREAT_TYPES, ...Object.keys(spec.threats ?? {})]);
}

export function salvoUsesKnownThreatTypes(spec: EngagementSpec, prefix = ''): Problem[] {
  const known = knownThreatTypes(spec);
  return Object.keys(spec.salvo)
    .filter((t) => !known.has(t))
    .map((t) => ({
      path: `${prefix}salvo.${t}`,
      expected: `a known threat type (${[...known].join(', ')}), or declare it under threats`,
      found: JSON.stringify(t),
    }));
}

export function layersReferToKnownThreatTypes(
  layers: readonly LayerSpec[],
  known: Set<string>,
  prefix = 'layers',
): Problem[] {
  const problems: Problem[] = [];
  layers.forEach((layer, i) => {
    for (const t of Object.keys(layer.engages)) {
      if (!known.has(t)) {
        problems.push({
          path: `${prefix}[${i}].engages.${t}`,
          expected: `a known threat type (${[...known].join(', ')})`,
          found: JSON.stringify(t),
        });
      }
    }
  });
  return problems;
}

export function layerNamesAreUnique(layers: readonly LayerSpec[], prefix = 'layers'): Problem[] {
  const seen = new Map<string, number>();
  const problems: Problem[] = [];
  layers.forEach((layer, i) => {
    const first = seen.get(layer.name);
    if (first !== undefined)
      problems.push({
        path: `${prefix}[${i}].name`,
        expected: `a name not used by ${prefix}[${first}]`,
        found: JSON.stringify(layer.name),
      });
    else seen.set(layer.name, i);
  });
  return problems;
}

export function arrivalOrderNamesKnownTypes(spec: EngagementSpec): Problem[] {
  const known = knownThreatTypes(spec);
  const problems: Problem[] = [];
  (spec.arrivalOrder ?? []).forEach((t, i) => {
    if (!known.has(t))
      problems.push({ path: `arrivalOrder[${i}]`, expected: 'a known threat type', found: JSON.stringify(t) });
  });
  return problems;
}

export function defenseIsGivenOnce(spec: EngagementSpec): Problem[] {
  if (spec.defense !== undefined && spec.layers !== undefined)
    return [{ path: 'layers', expected: 'either defense: NAME or layers, not both', found: 'both' }];
  if (spec.defense === undefined && spec.layers === undefined)
    return [
      {
        path: 'layers',
        expected: 'a list of layers, or defense: NAME naming a profile in scenarios/defense/',
        found: 'neither',
      },
    ];
  return [];
}

/** All cross-field rules of an engagement file whose defence is resolved to `profile` (if named). */
export function checkEngagementRules(spec: EngagementSpec, profile?: DefenseProfile): Problem[] {
  const known = knownThreatTypes(spec);
  const layers = spec.layers ?? profile?.layers ?? [];
  return [
    ...defenseIsGivenOnce(spec),
    ...salvoUsesKnownThreatTypes(spec),
    ...arrivalOrderNamesKnownTypes(spec),
    ...(spec.layers ? layersReferToKnownThreatTypes(layers, known) : []),
    ...(spec.layers ? layerNamesAreUnique(layers) : []),
  ];
}
