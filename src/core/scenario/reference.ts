/**
 * JSON Schemas and the parameter reference, generated from the zod schemas:
 * one source for types, validation, editor schemas and documentation tables.
 * A test fails when the committed files drift from what this produces.
 */
import { z } from 'zod';
import { campaignSpecSchema } from '../engagement/campaign-schema.js';
import { defenseProfileSchema, engagementSpecSchema } from '../engagement/schema.js';
import { ceasefireScenarioSchema } from './ceasefire-schema.js';

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

function bounds(n: Node): string {
  const lo = n.minimum ?? (n.exclusiveMinimum !== undefined ? `>${n.exclusiveMinimum}` : undefined);
  if (lo === undefined && n.maximum === undefined) return '';
  return `[${lo ?? ''}, ${n.maximum ?? ''}]`;
}

function rows(n: Node, path: string, out: string[][], required: boolean): void {
  const isLeaf = !(
    n.properties ||
    (n.type === 'object' && n.additionalProperties && typeof n.additionalProperties === 'object')
  );
  if (path && (isLeaf || n.description)) {
    out.push([
      `\`${path}\``,
      typeOf(n),
      n.default !== undefined ? `\`${JSON.stringify(n.default)}\`` : required ? 'required' : '',
      bounds(n),
      (n.description ?? '').replace(/\|/g, '\\|'),
    ]);
  }
  if (n.properties)
    for (const [k, v] of Object.entries(n.properties))
      rows(v, path ? `${path}.${k}` : k, out, (n.required ?? []).includes(k));
  if (n.type === 'object' && n.additionalProperties && typeof n.additionalProperties === 'object' && !n.properties) {
    const inner = n.additionalProperties;
    if (inner.oneOf) {
      for (const variant of inner.oneOf) {
        const kind = variant.properties?.kind?.const;
        rows({ ...variant, description: undefined }, `${path}.<id> (kind ${JSON.stringify(kind)})`, out, false);
      }
    } else if (inner.properties) rows(inner, `${path}.<key>`, out, false);
  }
  if (n.type === 'array' && n.items?.properties) rows(n.items, `${path}[]`, out, false);
}

/** The Markdown reference of one file format. */
export function renderReference(name: SchemaName): string {
  const out: string[][] = [];
  rows(jsonSchema(name) as Node, '', out, true);
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
    'Generated from the schemas in `src/core` by `npm run schema`; a test fails if this file drifts. JSON Schemas for editors are in `schema/`.',
    '',
  ];
  for (const name of Object.keys(SCHEMAS) as SchemaName[])
    parts.push(`## ${titles[name]}`, '', renderReference(name), '');
  return parts.join('\n');
}
