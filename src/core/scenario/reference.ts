/**
 * JSON Schemas and the parameter reference, generated from the zod schemas:
 * one source for types, validation, editor schemas and documentation tables.
 * A test fails when the committed files drift from what this produces.
 */
import { z } from 'zod';
import { campaignSpecSchema } from '../engagement/campaign-schema.js';
import { defenseProfileSchema, engagementSpecSchema } from '../engagement/schema.js';
import { ceasefireScenarioSchema } from './ceasefire-schema.js';
import { MEANINGS } from './meanings.js';
import { AUTHOR_NOTES } from './reference-notes.js';

export const SCHEMAS = {
  ceasefire: ceasefireScenarioSchema,
  engagement: engagementSpecSchema,
  campaign: campaignSpecSchema,
  'defense-profile': defenseProfileSchema,
} as const;

export type SchemaName = keyof typeof SCHEMAS;

export function jsonSchema(name: SchemaName): Record<string, unknown> {
  return z.toJSONSchema(SCHEMAS[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
}

interface Node {
  type?: string | string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Node>;
  additionalProperties?: Node | boolean;
  items?: Node;
  oneOf?: Node[];
  anyOf?: Node[];
  required?: string[];
}

function typeOf(n: Node): string {
  if (n.enum) return n.enum.map((e) => JSON.stringify(e)).join(' \\| ');
  if (n.const !== undefined) return JSON.stringify(n.const);
  if (n.anyOf || n.oneOf) return (n.anyOf ?? n.oneOf)!.map(typeOf).join(' \\| ');
  if (n.type === 'array') return `list of ${n.items ? typeOf(n.items) : 'values'}`;
  if (n.type === 'object' && n.additionalProperties && typeof n.additionalProperties === 'object' && !n.properties)
    return `map of ${typeOf(n.additionalProperties)}`;
  return Array.isArray(n.type) ? n.type.join(' \\| ') : (n.type ?? 'any');
}

/** Bounds as a reader writes them: `[0, 1]`, `>= 1`, `> 0`; JavaScript's safe-integer limits are no bound. */
function bounds(n: Node): string {
  const finite = (x: number | undefined) => (x !== undefined && Math.abs(x) < Number.MAX_SAFE_INTEGER ? x : undefined);
  const min = finite(n.minimum);
  const exMin = finite(n.exclusiveMinimum);
  const max = finite(n.maximum);
  if (min !== undefined && max !== undefined) return `[${min}, ${max}]`;
  if (exMin !== undefined && max !== undefined) return `(${exMin}, ${max}]`;
  if (min !== undefined) return `>= ${min}`;
  if (exMin !== undefined) return `> ${exMin}`;
  if (max !== undefined) return `<= ${max}`;
  return '';
}

const isMapNode = (n: Node): boolean =>
  n.type === 'object' && !n.properties && typeof n.additionalProperties === 'object';

/** One row per field: every property of every object, map entries that are objects, list items that are objects. */
function rows(name: SchemaName, n: Node, path: string, out: string[][], required: boolean): void {
  if (path) {
    const meaning = MEANINGS[name][path] ?? n.description ?? '';
    out.push([
      `\`${path}\``,
      typeOf(n),
      n.default !== undefined ? `\`${JSON.stringify(n.default)}\`` : required ? 'required' : '',
      bounds(n),
      meaning.replace(/\|/g, '\\|'),
    ]);
  }
  if (n.properties)
    for (const [k, v] of Object.entries(n.properties))
      rows(name, v, path ? `${path}.${k}` : k, out, (n.required ?? []).includes(k));
  if (isMapNode(n)) {
    const inner = n.additionalProperties as Node;
    if (inner.oneOf) {
      for (const variant of inner.oneOf) {
        const kind = variant.properties?.kind?.const;
        for (const [k, v] of Object.entries(variant.properties ?? {}))
          rows(name, v, `${path}.<id> (kind ${JSON.stringify(kind)}).${k}`, out, (variant.required ?? []).includes(k));
      }
    } else if (inner.properties)
      for (const [k, v] of Object.entries(inner.properties))
        rows(name, v, `${path}.<key>.${k}`, out, (inner.required ?? []).includes(k));
  }
  if (n.type === 'array' && n.items?.properties)
    for (const [k, v] of Object.entries(n.items.properties))
      rows(name, v, `${path}[].${k}`, out, (n.items.required ?? []).includes(k));
}

/** The Markdown reference of one file format. */
export function renderReference(name: SchemaName): string {
  const out: string[][] = [];
  rows(name, jsonSchema(name) as Node, '', out, true);
  const lines = [
    '| path | type | default | bounds | meaning |',
    '|---|---|---|---|---|',
    ...out.map((r) => `| ${r.join(' | ')} |`),
  ];
  return lines.join('\n');
}

export function renderAllReferences(): string {
  const titles: Record<SchemaName, string> = {
    ceasefire: 'Ceasefire scenario',
    engagement: 'Engagement file',
    campaign: 'Campaign file',
    'defense-profile': 'Defence profile',
  };
  const parts = [
    '# File format reference',
    '',
    'Generated from the schemas in `src/core` by `npm run schema`; a test fails if this file drifts, and another if a field of a schema is missing here or has no meaning. JSON Schemas for editors are in `schema/`.',
    '',
    'Columns: the path in the file (`<id>` and `<key>` stand for names you choose, `[]` for each item of a list); the type; the default filled in when the field is left out (`required` when it must be given; some fields say in their meaning what leaving them out does); the bounds the file is checked against (`[a, b]` inclusive, `>= a`, `> a`); the meaning, with units. `truce scenario validate FILE` checks a file of any of the four kinds; `truce scenario show FILE` prints a scenario with every default filled.',
    '',
  ];
  for (const name of Object.keys(SCHEMAS) as SchemaName[])
    parts.push(`## ${titles[name]}`, '', ...(name === 'ceasefire' ? [AUTHOR_NOTES] : []), renderReference(name), '');
  return parts.join('\n');
}
