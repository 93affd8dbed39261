/**
 * fast-check arbitraries for the documents truce reads: scenario, engagement,
 * campaign and defence profile files, valid and broken. Each case is YAML (or
 * JSON) text, built from a real file of `scenarios/` and one or more
 * mutations: numbers moved in and out of range, hostile values, YAML number
 * forms (0x, .inf, .nan, 1_000, 1e308), prototype keys, unknown references,
 * huge lists, maps, strings and nesting, aliases (billion laughs, unresolved),
 * duplicate keys, missing fields and plain garbage. See docs/limits.md.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';

export type FileKind = 'scenario' | 'engagement' | 'campaign' | 'profile';

export interface FuzzCase {
  kind: FileKind;
  /** The mutations applied, for the report of a failing case. */
  how: string[];
  text: string;
}

const ROOT = resolve(import.meta.dirname, '..');
const BASES: Record<FileKind, string[]> = {
  scenario: ['scenarios/iran-israel.yaml'],
  engagement: ['scenarios/history/2024-04-13.yaml', 'scenarios/history/2024-10-01.yaml'],
  campaign: ['scenarios/campaign/twelve-day-war.yaml'],
  profile: ['scenarios/defense/israel-2024.yaml'],
};
const docs = new Map<string, unknown>();
function base(path: string): unknown {
  if (!docs.has(path)) docs.set(path, parse(readFileSync(resolve(ROOT, path), 'utf8')));
  return structuredClone(docs.get(path));
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a leaf or container, in a stable order. */
function paths(v: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...prefix, i], out));
  else if (v !== null && typeof v === 'object') for (const k of Object.keys(v)) paths(v[k], [...prefix, k], out);
  return out;
}
function get(v: Json, p: (string | number)[]): Json {
  return p.reduce<Json>((c, k) => (c as Record<string | number, Json>)[k], v);
}
function set(v: Json, p: (string | number)[], value: Json): Json {
  if (p.length === 0) return value;
  const parent = get(v, p.slice(0, -1)) as Record<string | number, Json>;
  parent[p[p.length - 1]] = value;
  return v;
}
function del(v: Json, p: (string | number)[]): Json {
  if (p.length === 0) return v;
  const parent = get(v, p.slice(0, -1));
  if (Array.isArray(parent)) parent.splice(p[p.length - 1] as number, 1);
  else if (parent && typeof parent === 'object') delete parent[p[p.length - 1] as string];
  return v;
}

const hostileNumbers = [
  -1,
  0,
  1,
  0.5,
  1.5,
  2,
  7,
  1e-300,
  1e9,
  2 ** 31,
  2 ** 31 - 1,
  2 ** 32,
  2 ** 53,
  1e15,
  1e308,
  -1e308,
  -0.000001,
  3650,
  3651,
  100000,
];
const hostileValues: Json[] = [...hostileNumbers, null, true, false, '', 'x', '__proto__', [], {}, [1, 2, 3], { a: 1 }];
const PROTO = ['__proto__', 'constructor', 'prototype'];
/** Text forms of numbers YAML 1.1/1.2 and JSON disagree on. */
const numberForms = [
  '0x1F',
  '0xFFFFFFFF',
  '.inf',
  '-.inf',
  '.nan',
  '.NaN',
  '1_000',
  '1e308',
  '1e309',
  '-1e309',
  '0o17',
  '+12',
  '1e-400',
  '012',
  '1.',
  '.5',
  '0b101',
  '9007199254740993',
  '1e+9',
];

type Mutation = (doc: Json) => { doc: Json; how: string };

/** Choose among a document's paths by an index drawn from [0, 1). */
const pick = <T>(xs: T[], u: number): T => xs[Math.min(xs.length - 1, Math.floor(u * xs.length))];

function numericPaths(doc: Json): (string | number)[][] {
  return paths(doc).filter((p) => typeof get(doc, p) === 'number');
}
function mapPaths(doc: Json): (string | number)[][] {
  return paths(doc).filter((p) => {
    const v = get(doc, p);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  });
}
function listPaths(doc: Json): (string | number)[][] {
  return paths(doc).filter((p) => Array.isArray(get(doc, p)));
}

/** A uniform position in [0, 1) (fast-check's doubles favour the ends). */
const unit = fc.nat(1_000_002).map((n) => n / 1_000_003);

/** The mutations; `huge` are the sizes of the huge lists, maps and strings (the last, 10^5 by default, is the slow one). */
const mutationArbitrary = (huge: number[]): fc.Arbitrary<Mutation> =>
  fc.oneof(
    // A number moved within a plausible range (often still valid).
    fc
      .tuple(
        unit,
        fc.nat(2000).map((n) => n / 1000),
      )
      .map(([u, f]): Mutation => (doc) => {
        const ps = numericPaths(doc);
        if (!ps.length) return { doc, how: 'scale: no number' };
        const p = pick(ps, u);
        const v = get(doc, p) as number;
        const moved = Number.isInteger(v) ? Math.round(v * f) : v * f;
        return { doc: set(doc, p, moved), how: `scale ${p.join('.')} x${f.toFixed(2)}` };
      }),
    // A hostile value at any path.
    fc.tuple(unit, fc.constantFrom(...hostileValues)).map(([u, value]): Mutation => (doc) => {
      const p = pick(paths(doc).slice(1), u);
      return { doc: set(doc, p ?? [], structuredClone(value)), how: `set ${p?.join('.')} = ${JSON.stringify(value)}` };
    }),
    // A prototype key inserted into a map (as a key, so also as an actor, action, lever, threat or layer name).
    fc
      .tuple(unit, fc.constantFrom(...PROTO), fc.constantFrom<Json>(1, 0.5, { polluted: 1 }, 'x', []))
      .map(([u, key, value]): Mutation => (doc) => {
        const p = pick(mapPaths(doc), u);
        const parent = get(doc, p) as Record<string, Json>;
        Object.defineProperty(parent, key, {
          value: structuredClone(value),
          enumerable: true,
          configurable: true,
          writable: true,
        });
        return { doc, how: `prototype key ${[...p, key].join('.')}` };
      }),
    // A prototype key in a path string (lever paths, framework set paths) or a name that is referred to.
    fc
      .tuple(
        unit,
        fc.constantFrom(
          '__proto__.polluted',
          'constructor.prototype.polluted',
          'actors.__proto__.x',
          'prototype',
          '__proto__',
        ),
      )
      .map(([u, s]): Mutation => (doc) => {
        const ps = paths(doc).filter((p) => typeof get(doc, p) === 'string');
        if (!ps.length) return { doc, how: 'proto string: none' };
        const p = pick(ps, u);
        return { doc: set(doc, p, s), how: `string ${p.join('.')} = ${s}` };
      }),
    // A key renamed (an unknown reference, or a required key lost).
    fc
      .tuple(unit, fc.constantFrom('ghost', 'Ballistic', 'x-1', 'us', 'iran', 'ballistic', 'drone', 'arrow-3'))
      .map(([u, name]): Mutation => (doc) => {
        const ps = mapPaths(doc).filter((p) => Object.keys(get(doc, p) as object).length > 0);
        const p = pick(ps, u);
        const m = get(doc, p) as Record<string, Json>;
        const keys = Object.keys(m);
        const old = keys[Math.floor(u * 997) % keys.length];
        const v = m[old];
        delete m[old];
        m[name] = v;
        return { doc, how: `rename ${[...p, old].join('.')} -> ${name}` };
      }),
    // A field deleted.
    unit.map((u): Mutation => (doc) => {
      const p = pick(paths(doc).slice(1), u);
      return { doc: del(doc, p ?? []), how: `delete ${p?.join('.')}` };
    }),
    // Huge containers and strings.
    fc
      .tuple(unit, fc.constantFrom(...huge), fc.constantFrom('list', 'map', 'string', 'deep', 'count'))
      .map(([u, n, what]): Mutation => (doc) => {
        if (what === 'list') {
          const ps = listPaths(doc);
          if (!ps.length) return { doc, how: 'huge list: none' };
          const p = pick(ps, u);
          const l = get(doc, p) as Json[];
          const item = l[0] ?? 1;
          return {
            doc: set(
              doc,
              p,
              Array.from({ length: n }, () => (n <= 5000 ? structuredClone(item) : 1)),
            ),
            how: `list ${p.join('.')} x${n}`,
          };
        }
        if (what === 'map') {
          const p = pick(mapPaths(doc), u);
          const m = get(doc, p) as Record<string, Json>;
          const first = Object.values(m)[0] ?? 1;
          for (let i = 0; i < n; i++) m[`k${i}`] = n <= 5000 ? structuredClone(first) : i;
          return { doc, how: `map ${p.join('.')} +${n} keys` };
        }
        if (what === 'string') {
          const ps = paths(doc).filter((p) => typeof get(doc, p) === 'string');
          const p = pick(ps, u);
          return { doc: set(doc, p ?? [], 'x'.repeat(n * 10)), how: `string ${p?.join('.')} of ${n * 10}` };
        }
        if (what === 'deep') {
          let v: Json = 1;
          for (let i = 0; i < Math.min(n, 300); i++) v = { a: v };
          const p = pick(mapPaths(doc), u);
          (get(doc, p) as Record<string, Json>).nest = v;
          return { doc, how: `nesting ${Math.min(n, 300)} under ${p.join('.')}` };
        }
        const ps = numericPaths(doc);
        const p = pick(ps, u);
        return {
          doc: set(doc, p ?? [], n >= 100_000 ? 1e9 : n * 1000),
          how: `count ${p?.join('.')} = ${n >= 100_000 ? 1e9 : n * 1000}`,
        };
      }),
  );

/** Text-level mutations: number forms, aliases, duplicate keys, truncation, garbage. */
type TextMutation = (text: string) => { text: string; how: string };
const textMutation: fc.Arbitrary<TextMutation> = fc.oneof(
  fc.tuple(fc.nat(), fc.constantFrom(...numberForms)).map(([i, form]): TextMutation => (text) => {
    const nums = [...text.matchAll(/(?<=:\s*)-?\d+(\.\d+)?(?=\s*($|[,}#\n]))/gm)];
    if (!nums.length) return { text, how: 'number form: none' };
    const m = nums[i % nums.length];
    return {
      text: text.slice(0, m.index) + form + text.slice(m.index! + m[0].length),
      how: `number ${m[0]} -> ${form}`,
    };
  }),
  fc.constantFrom<TextMutation>(
    (text) => ({
      text: `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n${text}`,
      how: 'billion laughs',
    }),
    (text) => ({ text: text.replace(/^(\w+):/m, '$1: *nowhere\nignored:'), how: 'unresolved alias' }),
    (text) => ({ text: `base: &base { x: 1 }\n${text}\nother: *base\n`, how: 'anchor and alias' }),
    (text) => {
      const m = /^(\w+):.*$/m.exec(text);
      return { text: m ? `${text}\n${m[0]}\n` : text, how: 'duplicate key' };
    },
    (text) => ({ text: text.slice(0, Math.floor(text.length / 2)), how: 'truncated' }),
    (text) => ({ text: `__proto__: { polluted: 1 }\n${text}`, how: 'top-level __proto__' }),
    (text) => ({ text: `<<: { polluted: 1 }\n${text}`, how: 'merge key' }),
    () => ({ text: '', how: 'empty' }),
    () => ({ text: '[1, 2, 3]', how: 'a list' }),
    () => ({ text: '42', how: 'a number' }),
    () => ({ text: '{"name": "x", "salvo": {"ballistic": 1e999}}', how: 'JSON with 1e999' }),
    () => ({ text: '\u0000\u0001binary\uFFFF', how: 'binary garbage' }),
    () => ({ text: '- '.repeat(20000), how: 'deep sequence text' }),
    () => ({ text: '['.repeat(10000), how: 'unclosed brackets' }),
  ),
);

/** One document of a kind: a real file, zero to three mutations, maybe a text-level mutation. */
export function documentArbitrary(kind?: FileKind, huge: number[] = [1_000, 5_000, 100_000]): fc.Arbitrary<FuzzCase> {
  const kinds: FileKind[] = kind ? [kind] : ['scenario', 'engagement', 'campaign', 'profile'];
  const mutation = mutationArbitrary(huge);
  return fc
    .tuple(
      fc.constantFrom(...kinds),
      fc.nat(),
      fc.array(mutation, { maxLength: 3 }),
      fc.option(textMutation, { freq: 3 }),
      fc.boolean(),
    )
    .map(([k, i, muts, tm, asJson]) => {
      const files = BASES[k];
      let doc = base(files[i % files.length]) as Json;
      const how: string[] = [files[i % files.length]];
      for (const m of muts) {
        const r = m(doc);
        doc = r.doc;
        how.push(r.how);
      }
      let text = asJson ? JSON.stringify(doc) : stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
      if (tm) {
        const r = tm(text);
        text = r.text;
        how.push(r.how);
      }
      return { kind: k, how, text };
    });
}
