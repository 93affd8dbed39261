/**
 * docs/scenario-reference.md holds every field of every file format, each with
 * a meaning, and prints bounds as a reader writes them. The fields are found
 * by walking the JSON Schemas (schema/*.schema.json, generated from the zod
 * schemas), independently of the generator's own walk.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { jsonSchema, SCHEMAS, type SchemaName } from '../src/core/scenario/reference.js';

interface Node {
  type?: string;
  properties?: Record<string, Node>;
  required?: string[];
  additionalProperties?: Node | boolean;
  items?: Node;
  oneOf?: Node[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
}

/** Every field path, in the reference's notation. */
function fields(n: Node, path: string, out: string[]): string[] {
  const sub = (k: string) => (path ? `${path}.${k}` : k);
  for (const [k, v] of Object.entries(n.properties ?? {})) {
    out.push(sub(k));
    fields(v, sub(k), out);
  }
  const ap = n.additionalProperties;
  if (ap && typeof ap === 'object') {
    for (const variant of ap.oneOf ?? []) {
      const kind = JSON.stringify(variant.properties?.kind?.const);
      for (const [k, v] of Object.entries(variant.properties ?? {})) {
        out.push(`${path}.<id> (kind ${kind}).${k}`);
        fields(v, `${path}.<id> (kind ${kind}).${k}`, out);
      }
    }
    for (const [k, v] of Object.entries(ap.properties ?? {})) {
      out.push(`${path}.<key>.${k}`);
      fields(v, `${path}.<key>.${k}`, out);
    }
  }
  for (const [k, v] of Object.entries(n.items?.properties ?? {})) {
    out.push(`${path}[].${k}`);
    fields(v, `${path}[].${k}`, out);
  }
  return out;
}

const TITLES: Record<SchemaName, string> = {
  ceasefire: 'Ceasefire scenario',
  engagement: 'Engagement file',
  campaign: 'Campaign file',
  'defense-profile': 'Defence profile',
};

const doc = readFileSync('docs/scenario-reference.md', 'utf8');

/** The reference's rows of one section: path -> [type, default, bounds, meaning]. */
function section(name: SchemaName): Map<string, string[]> {
  const start = doc.indexOf(`## ${TITLES[name]}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf('\n## ', start + 1);
  const rows = new Map<string, string[]>();
  for (const line of doc.slice(start, end < 0 ? undefined : end).split('\n')) {
    const m = /^\| `([^`]+)` \| (.*) \|$/.exec(line);
    if (m) rows.set(m[1], m[2].split(/ (?<!\\)\| /));
  }
  return rows;
}

describe('docs/scenario-reference.md', () => {
  for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
    it(`has every field of the ${name} schema, each with a meaning`, () => {
      const schema = JSON.parse(readFileSync(`schema/${name}.schema.json`, 'utf8')) as Node;
      const all = fields(schema, '', []);
      expect(all.length).toBeGreaterThan(10);
      const rows = section(name);
      const missing = all.filter((f) => !rows.has(f));
      expect(missing, 'fields missing from the reference').toEqual([]);
      const noMeaning = all.filter((f) => (rows.get(f)?.[3] ?? '').trim().length < 8);
      expect(noMeaning, 'fields without a meaning').toEqual([]);
      // The committed schema is the one the code checks files against.
      expect(schema).toEqual(jsonSchema(name));
    });
  }

  it('names the fields the issue found missing', () => {
    for (const [name, field] of [
      ['engagement', 'salvo'],
      ['engagement', 'layers[].engages'],
      ['campaign', 'plan[].salvo'],
      ['campaign', 'attacker.stocks'],
      ['campaign', 'defender.production'],
      ['defense-profile', 'layers[].engages'],
      ['ceasefire', 'frameworks.<key>.levers'],
    ] as [SchemaName, string][])
      expect(section(name).has(field), `${name}: ${field}`).toBe(true);
  });

  it('prints bounds as a reader writes them: no safe-integer limits', () => {
    expect(doc).not.toMatch(/9007199254740991/);
    for (const name of Object.keys(SCHEMAS) as SchemaName[])
      for (const [path, [, , b]] of section(name))
        expect(b, `${name}: ${path}`).toMatch(
          /^(|\[-?[\d.e+-]+, -?[\d.e+-]+\]|\(-?[\d.]+, -?[\d.]+\]|[<>]=? -?[\d.e+-]+)$/,
        );
    const launchers = section('ceasefire').get('actors.<id> (kind "state").arsenal.launchers')!;
    expect(launchers[2]).toBe('>= 0');
  });

  it("gives each of a state's escalation-utility weights its term, its default when left out and its range", () => {
    const rows = section('ceasefire');
    const weights = [...rows.keys()].filter((p) => /^actors\.<id> \(kind "state"\)\.weights\.\w+$/.test(p));
    expect(weights.length).toBe(12);
    for (const w of weights) {
      const meaning = rows.get(w)![3];
      expect(meaning, w).toMatch(/^weight of the \w+ term, (pressure|restraint): /);
      expect(meaning, w).toMatch(/Unset: [\d.]+\./);
      expect(meaning, w).toMatch(/Range: >= 0; built-in scenario: /);
    }
  });

  it("quotes the built-in scenario's weights and documented ranges as the file has them", () => {
    const scenario = parse(readFileSync('scenarios/iran-israel.yaml', 'utf8')) as {
      actors: Record<string, { weights?: Record<string, number> }>;
      parameters: Record<string, { min: number; max: number; source: string }>;
    };
    const rows = section('ceasefire');
    let quoted = 0;
    for (const [path, cols] of rows) {
      const w = /^actors\.<id> \(kind "state"\)\.weights\.(\w+)$/.exec(path)?.[1];
      if (!w) continue;
      const builtIn = cols[3].split('built-in scenario: ')[1];
      for (const part of builtIn.split('; ')) {
        const m = /^(Israel|Iran|both) ([\d.]+)(?:, (fitted in|judged) ([\d.]+)-([\d.]+))?$/.exec(part);
        expect(m, `${w}: ${part}`).not.toBeNull();
        for (const id of m![1] === 'both' ? ['israel', 'iran'] : [m![1].toLowerCase()]) {
          expect(scenario.actors[id].weights?.[w], `${id} ${w}`).toBe(Number(m![2]));
          if (m![3]) {
            const range = scenario.parameters[`actors.${id}.weights.${w}`];
            expect(range, `${id} ${w} range`).toMatchObject({
              min: Number(m![4]),
              max: Number(m![5]),
              source: m![3] === 'judged' ? 'judged' : 'fitted',
            });
          }
          quoted++;
        }
      }
    }
    expect(quoted).toBeGreaterThanOrEqual(12);
  });
});
