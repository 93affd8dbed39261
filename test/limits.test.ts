/** Document bounds, prototype keys and the work estimator (src/core/limits, docs/limits.md). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocument, DOCUMENT_LIMITS, withoutPrototypes } from '../src/core/limits/document.js';
import { campaignWork, DEFAULT_MAX_WORK, engagementWork, ensembleWork, overBudget } from '../src/core/limits/work.js';
import { getPath, parentExists, setPath, withPath } from '../src/core/scenario/paths.js';
import { InputError } from '../src/io/errors.js';
import { documentValue, parseText, parseTextDocument } from '../src/io/documents.js';
import { loadScenarioText } from '../src/app/scenario.js';
import { loadCampaignText } from '../src/app/engagement.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/** The message parseText throws for `text`, or null when it parses. */
function refusal(text: string, file = 'f.yaml'): string | null {
  try {
    parseText(text, file);
    return null;
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
}

describe('document bounds', () => {
  it('a prototype key anywhere is a problem at its exact path', () => {
    const doc = JSON.parse('{"actors": {"us": {"levers": [{"__proto__": {"polluted": 1}}]}}, "constructor": 1}');
    const problems = checkDocument(doc);
    expect(problems.map((p) => p.path)).toEqual(['actors.us.levers[0].__proto__', 'constructor']);
    expect(problems[0].expected).toMatch(/other than __proto__, constructor or prototype/);
  });
  it('lists, maps, strings, depth and non-finite numbers are bounded, with the path', () => {
    expect(
      checkDocument({ a: { b: Array.from({ length: DOCUMENT_LIMITS.maxListItems + 1 }, () => 1) } })[0],
    ).toMatchObject({ path: 'a.b', found: `${DOCUMENT_LIMITS.maxListItems + 1} items` });
    expect(
      checkDocument({
        m: Object.fromEntries(Array.from({ length: DOCUMENT_LIMITS.maxMapKeys + 1 }, (_, i) => [`k${i}`, 1])),
      })[0].path,
    ).toBe('m');
    expect(checkDocument({ s: 'x'.repeat(DOCUMENT_LIMITS.maxStringChars + 1) })[0].path).toBe('s');
    let deep: unknown = 1;
    for (let i = 0; i < DOCUMENT_LIMITS.maxDepth + 2; i++) deep = { a: deep };
    expect(checkDocument(deep)[0].expected).toMatch(/nesting at most/);
    expect(checkDocument({ x: [1, Infinity, NaN] }).map((p) => p.path)).toEqual(['x[1]', 'x[2]']);
  });
  it('documents within the bounds pass, and the copy has no prototypes but the same content', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (v) => {
        const clean = JSON.parse(
          JSON.stringify(v, (_k, x) => (typeof x === 'number' && !Number.isFinite(x) ? 0 : x)).replace(
            /"(__proto__|constructor|prototype)":/g,
            '"k":',
          ),
        );
        expect(checkDocument(clean)).toEqual([]);
        const copy = withoutPrototypes(clean);
        expect(JSON.stringify(copy)).toBe(JSON.stringify(clean));
        if (copy !== null && typeof copy === 'object' && !Array.isArray(copy))
          expect(Object.getPrototypeOf(copy)).toBeNull();
      }),
      { numRuns: 200 },
    );
  });
});

describe('parsing text: nesting and duplicate keys are checked before the document is built', () => {
  it('deep nesting in any form is refused at its line and column, never a stack overflow', { timeout: 60_000 }, () => {
    const max = DOCUMENT_LIMITS.maxDepth;
    for (const n of [max + 1, 3000, 20000]) {
      for (const text of [
        '['.repeat(n) + ']'.repeat(n),
        '{a: '.repeat(n) + '1' + '}'.repeat(n),
        '- '.repeat(n) + '1',
        '{"a":'.repeat(n) + '1' + '}'.repeat(n),
      ])
        expect(refusal(text)).toMatch(new RegExp(`^f\\.yaml:1:\\d+: expected nesting at most ${max} levels deep`));
    }
    expect(refusal('['.repeat(max) + ']'.repeat(max))).toBeNull();
    // Block nesting by indentation counts the same way.
    const block = (n: number) => Array.from({ length: n }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n') + ' 1';
    expect(refusal(block(max))).toBeNull();
    expect(refusal(block(max + 1))).toMatch(new RegExp(`^f\\.yaml:${max + 1}:\\d+: expected nesting`));
  });
  it('a repeated key is refused at its line, in maps of any size (the check is linear)', { timeout: 60_000 }, () => {
    expect(refusal('a: 1\nb:\n  c: 1\n  c: 2\n')).toBe('f.yaml:4:3: malformed YAML: Map keys must be unique');
    expect(refusal('{"a": 1, "a": 2}', 'f.json')).toBe('f.json:1:10: malformed JSON: Map keys must be unique');
    const keys = (n: number) => Array.from({ length: n }, (_, i) => `  k${i}: 1`).join('\n');
    const max = DOCUMENT_LIMITS.maxMapKeys;
    expect(refusal(`m:\n${keys(max - 1)}\n  k7: 2\n`)).toBe(
      `f.yaml:${max + 1}:3: malformed YAML: Map keys must be unique`,
    );
    // 50 maps at the bound, the repeat in the last: the yaml library's quadratic check makes 2.5e7 comparisons.
    const many = Array.from({ length: 50 }, () => `- ${keys(max - 1).trimStart()}`).join('\n');
    expect(refusal(`${many}\n  k3: 2\n`)).toMatch(/^f\.yaml:\d+:3: malformed YAML: Map keys must be unique$/);
  });
  it(
    'a list or map above its bound is refused from the syntax tree, with its path and line',
    { timeout: 60_000 },
    () => {
      const keys = Array.from({ length: 100_000 }, (_, i) => `    k${i}: 1`).join('\n');
      expect(refusal(`a:\n  m:\n${keys}\n`)).toBe(
        'f.yaml:3:5: a.m: expected a map of at most 1000 keys, got 100000 keys',
      );
      expect(refusal(`{"a": [{"b": [${Array(1001).fill(0).join(',')}]}]}`, 'f.json')).toBe(
        'f.json:1:14: a[0].b: expected a list of at most 1000 items, got 1001 items',
      );
    },
  );
  it('two documents in one file are refused', () => {
    expect(refusal('a: 1\n---\nb: 2\n')).toBe('f.yaml:2:1: malformed YAML: Source contains multiple documents');
  });
});

describe('numbers that would make a run unbounded are refused with their path', () => {
  it('an activity rate of 0xFFFFFFFF or 1e308 a day (each occurrence is drawn one by one)', () => {
    const text = readFileSync(resolve(import.meta.dirname, '..', 'scenarios', 'iran-israel.yaml'), 'utf8');
    for (const form of ['0xFFFFFFFF', '1e308', '101']) {
      const hostile = text.replace(/isr-sortie: 3\b/, `isr-sortie: ${form}`);
      expect(hostile).not.toBe(text);
      expect(() => loadScenarioText(hostile, 'f.yaml', { kind: 'shipped' })).toThrow(
        /actors\.israel\.activities\.isr-sortie: expected a rate per day from 0 to 100/,
      );
    }
  });
});

describe('a campaign launcher count of 0xFFFFFFFF', () => {
  it('is refused with its path (it stopped the gamma sampler: found by the fresh fuzz run)', () => {
    const text = readFileSync(
      resolve(import.meta.dirname, '..', 'scenarios', 'campaign', 'twelve-day-war.yaml'),
      'utf8',
    );
    const hostile = text.replace(/^ {2}launchers: 360/m, '  launchers: 0xFFFFFFFF');
    expect(hostile).not.toBe(text);
    expect(() => loadCampaignText(hostile, 'f.yaml', { kind: 'shipped' })).toThrow(
      /attacker\.launchers: expected a launcher count from 0 to 1000000/,
    );
  });
});

describe('paths never reach Object.prototype', () => {
  it('getPath follows own properties only; setPath refuses prototype keys', () => {
    const s = { actors: { us: { commitment: 0.5 } } };
    expect(getPath(s, 'actors.us.commitment')).toBe(0.5);
    expect(getPath(s, '__proto__')).toBeUndefined();
    expect(getPath(s, 'actors.constructor')).toBeUndefined();
    expect(getPath(s, 'actors.toString')).toBeUndefined();
    expect(parentExists(s, '__proto__.polluted')).toBe(false);
    expect(() => setPath(s, '__proto__.polluted', 1)).toThrow(RangeError);
    expect(() => setPath(s, 'constructor.prototype.polluted', 1)).toThrow(RangeError);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('work estimates', () => {
  it('an ensemble is the product of its sizes, and the default command is well inside the budget', () => {
    expect(ensembleWork({ points: 2, runs: 2000, days: 365, actors: 7 }).units).toBe(2 * 2000 * 365 * 7);
    expect(overBudget(ensembleWork({ points: 2, runs: 2000, days: 365, actors: 7 }), DEFAULT_MAX_WORK)).toBeNull();
  });
  it('a refusal names the estimate, the budget and the flag that raises it', () => {
    const msg = overBudget(ensembleWork({ points: 2, runs: 1e12, days: 365, actors: 7 }), DEFAULT_MAX_WORK);
    expect(msg).toMatch(
      /about 5\.1e15 work units \(2 arms x 1000000000000 runs x 365 days x 7 actors; about \d+ days on one core\), above the budget of 2\.0e9: ask for less, or raise the budget with --max-work 5\.\de15/,
    );
  });
  it('estimates grow with every size (monotone), and never return NaN', () => {
    fc.assert(
      fc.property(fc.nat(1e6), fc.nat(1e6), fc.nat(100), fc.nat(1000), (a, b, l, t) => {
        const e1 = engagementWork({ launched: [a, t], layers: l, samples: b });
        const e2 = engagementWork({ launched: [a + 1, t], layers: l, samples: b });
        expect(e2.units).toBeGreaterThanOrEqual(e1.units);
        const c1 = campaignWork({ replicates: b, days: a, layers: l, types: 2, maxDailySalvo: t });
        const c2 = campaignWork({ replicates: b, days: a + 1, layers: l, types: 2, maxDailySalvo: t });
        expect(c2.units).toBeGreaterThanOrEqual(c1.units);
        expect(Number.isNaN(c1.units) || Number.isNaN(e1.units)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
  it("a campaign's memory counts: days 1e9 is refused even with one replicate", () => {
    expect(
      overBudget(campaignWork({ replicates: 1, days: 1e9, layers: 5, types: 2, maxDailySalvo: 0 }), DEFAULT_MAX_WORK),
    ).not.toBeNull();
  });
});

describe('JSON text is read by JSON.parse, with the value and the refusals of the YAML reader', () => {
  const yamlReader = (text: string, file: string) => documentValue(parseTextDocument(text, file), file);
  it('any JSON value, compact or indented: the same value as the YAML reader gives', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 4 })), fc.array(fc.jsonValue({ maxDepth: 4 }))),
        fc.constantFrom(undefined, 2, '\t'),
        (value, indent) => {
          const text = JSON.stringify(value, null, indent);
          let expected: unknown;
          try {
            expected = yamlReader(text, 'f.json');
          } catch (err) {
            // Whatever the YAML reader refuses (a prototype key, say), parseText refuses with its words.
            expect(refusal(text, 'f.json')).toBe((err as Error).message);
            return;
          }
          expect(parseText(text, 'f.json')).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
  it('a repeated key, even inside strings full of quotes and colons, is still refused at its line', () => {
    expect(refusal('{"a\\":": "\\":", "b": {"x": 1, "x": 2}}', 'f.json')).toMatch(
      /^f\.json:1:\d+: malformed JSON: Map keys must be unique$/,
    );
    expect(parseText('{"a\\":": "\\":", "b": {"x": 1, "y": 2}}', 'f.json')).toEqual({ 'a":': '":', b: { x: 1, y: 2 } });
  });
  it('the shipped posterior reads to the same value both ways', () => {
    const text = readFileSync(resolve('data/posterior.json'), 'utf8');
    expect(parseText(text, 'data/posterior.json')).toEqual(yamlReader(text, 'data/posterior.json'));
  });
});

describe('withPath: a copy with one path set, sharing the rest', () => {
  it('equals a deep copy set in place, leaves the original as it was, and copies only the path', () => {
    const builtIn = loadScenarioText(readFileSync(resolve('scenarios/iran-israel.yaml'), 'utf8'), 'x.yaml', {
      kind: 'shipped',
    }).scenario;
    const numeric: string[] = [];
    const walk = (v: unknown, p: string[]) => {
      if (typeof v === 'number') numeric.push(p.join('.'));
      else if (v && typeof v === 'object')
        for (const [k, c] of Object.entries(v)) if (!k.includes('.')) walk(c, [...p, k]);
    };
    walk(builtIn, []);
    const before = structuredClone(builtIn);
    fc.assert(
      fc.property(fc.constantFrom(...numeric), fc.double({ noNaN: true }), (path, value) => {
        const expected = structuredClone(builtIn);
        setPath(expected, path, value);
        const got = withPath(builtIn, path, value);
        expect(got).toEqual(expected);
        expect(builtIn).toEqual(before);
        // The first key's other siblings are the original objects, not copies.
        const [first] = path.split('.');
        for (const k of Object.keys(builtIn))
          if (k !== first) expect(got[k as keyof typeof got]).toBe(builtIn[k as keyof typeof builtIn]);
      }),
      { numRuns: 200 },
    );
  });
  it('refuses what setPath refuses', () => {
    expect(() => withPath({ a: {} }, '__proto__.x', 1)).toThrow(/prototype key/);
    expect(() => withPath({ a: 1 }, 'a.b', 1)).toThrow(/no such object/);
  });
});
