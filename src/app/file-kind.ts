/**
 * The four file formats truce reads, told apart by top-level fields only one
 * of them has (schema/*.schema.json, docs/scenario-reference.md). `truce
 * scenario validate` uses this to pick the schema; every loader uses it to
 * refuse a file of another kind in one sentence, instead of listing the other
 * kind's fields as unknown.
 */
import { campaignSpecSchema } from '../core/engagement/campaign-schema.js';
import { defenseProfileSchema, engagementSpecSchema } from '../core/engagement/schema.js';
import { ceasefireScenarioSchema } from '../core/scenario/ceasefire-schema.js';
import type { Problem } from '../core/scenario/problems.js';

export type FileKind = 'ceasefire' | 'engagement' | 'campaign' | 'defense-profile';

export const KIND_NAMES: Record<FileKind, string> = {
  ceasefire: 'a ceasefire scenario',
  engagement: 'an engagement file',
  campaign: 'a campaign file',
  'defense-profile': 'a defence profile',
};

/** The top-level fields that mark each kind, in the order they are tried. */
export const KIND_MARKS: [FileKind, string[]][] = [
  ['ceasefire', ['actors', 'agreement', 'actions', 'frameworks']],
  ['campaign', ['attacker', 'plan', 'days']],
  ['engagement', ['salvo']],
  ['defense-profile', ['layers']],
];

/** Every top-level field each kind may have (its schema's). */
const KIND_FIELDS: Record<FileKind, readonly string[]> = {
  ceasefire: Object.keys(ceasefireScenarioSchema.shape),
  engagement: Object.keys(engagementSpecSchema.shape),
  campaign: Object.keys(campaignSpecSchema.shape),
  'defense-profile': Object.keys(defenseProfileSchema.shape),
};

/** Where a file of each kind goes. */
const KIND_USE: Record<FileKind, string> = {
  ceasefire: 'give it to truce run, compare, report, sensitivity, sweep, ablate, facts or levers',
  engagement: 'give it to truce engage',
  campaign: 'give it to truce campaign',
  'defense-profile':
    'name it from a ceasefire scenario (actors.ID.defense.profile) or an engagement or campaign file (defense)',
};

/**
 * The kind of a parsed document, from the top-level fields only it has, with
 * the fields that decided it; null when it has none of them.
 */
export function detectKind(doc: unknown): { kind: FileKind; because: string[] } | null {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  for (const [kind, marks] of KIND_MARKS) {
    const because = marks.filter((m) => Object.hasOwn(doc, m));
    if (because.length) return { kind, because };
  }
  return null;
}

/**
 * The one problem of a document read as `expected` that is plainly of another kind: it has none of the
 * expected kind's marks, some of another's, and no field that other kind does not know. Null otherwise: a
 * misspelt field (an engagement whose `salvo` is spelt `salvos` still has `layers`, a defence profile's mark)
 * is left to the schema, which names it.
 */
export function otherKindProblem(doc: unknown, expected: FileKind): Problem | null {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  const marks = KIND_MARKS.find(([k]) => k === expected)![1];
  if (marks.some((m) => Object.hasOwn(doc, m))) return null;
  const found = detectKind(doc);
  if (!found || found.kind === expected) return null;
  if (Object.keys(doc).some((k) => !KIND_FIELDS[found.kind].includes(k))) return null;
  return {
    path: '',
    expected: `${KIND_NAMES[expected]} (top-level ${marks.join(', ')})`,
    found: `${KIND_NAMES[found.kind]} (it has ${found.because.join(', ')}); ${KIND_USE[found.kind]}`,
  };
}
