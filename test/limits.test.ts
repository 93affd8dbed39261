/** Document bounds, prototype keys and the work estimator (src/core/limits, docs/limits.md). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDocument, DOCUMENT_LIMITS, withoutPrototypes } from '../src/core/limits/document.js';
import { campaignWork, DEFAULT_MAX_WORK, engagementWork, ensembleWork, overBudget } from '../src/core/limits/work.js';
import { getPath, parentExists, setPath } from '../src/core/scenario/paths.js';

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
