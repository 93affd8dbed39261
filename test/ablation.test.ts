/** `truce ablate`: the variants, the verdict against the essay, and the JSON contract (reduced size). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import {
  ablationEffect,
  ablationVariants,
  holmResolved,
  pairedDaysSurvived,
  pairedP,
  pairedDifference,
  variantScenario,
} from '../src/core/analysis/ablation.js';
import type { AblationEffect, PairedDifference } from '../src/core/analysis/ablation.js';
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import { getPath } from '../src/core/scenario/paths.js';
import { resolveScenario } from '../src/core/scenario/levers.js';
import { truce } from './helpers/cli.js';
import { builtIn } from './helpers/scenario.js';

describe('ablation variants', () => {
  it('moves every lever and every documented parameter to both ends of its range, one at a time', () => {
    const s = builtIn().scenario;
    const vs = ablationVariants(s, 'transactional-freeze');
    expect(vs.length).toBe(2 * (Object.keys(s.levers).length + Object.keys(s.parameters).length));
    const base = resolveScenario(s, 'transactional-freeze', {}).scenario;
    for (const v of vs.filter((x) => x.kind === 'parameter')) {
      const r = variantScenario(s, 'transactional-freeze', v).scenario;
      expect(getPath(r, v.parameter)).toBe(v.value);
      // Nothing else moves: the variant equals the baseline once the parameter is put back.
      const back = structuredClone(r);
      const parts = v.parameter.split('.');
      let o = back as unknown as Record<string, unknown>;
      for (const k of parts.slice(0, -1)) o = o[k] as Record<string, unknown>;
      o[parts[parts.length - 1]] = getPath(base, v.parameter);
      expect(back).toEqual(base);
    }
  });
  it('an effect counts only when its interval excludes zero, and is judged against the essay', () => {
    const p = (estimate: number) => ({ estimate, lo: estimate, hi: estimate });
    expect(ablationEffect('x', '365', p(0.5), p(0.52), 400, 'raises').verdict).toBe('none');
    expect(ablationEffect('x', '365', p(0.3), p(0.6), 400, 'raises').verdict).toBe('with');
    expect(ablationEffect('x', '365', p(0.3), p(0.6), 400, 'lowers').verdict).toBe('against');
    expect(ablationEffect('x', '365', p(0.6), p(0.3), 400).verdict).toBe('unsigned');
  });
});

describe('paired effect under common random numbers', () => {
  const days = fc.array(fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }), { minLength: 2, maxLength: 60 });
  it('its mean is the difference of the two proportions, its SE the sample SD of the per-replicate differences over sqrt(n)', () => {
    fc.assert(
      fc.property(days, days, fc.integer({ min: 0, max: 100 }), (a0, b0, day) => {
        const n = Math.min(a0.length, b0.length);
        const a = a0.slice(0, n);
        const b = b0.slice(0, n);
        const ind = (x: number | null) => (x !== null && x <= day ? 1 : 0);
        const diffs = a.map((x, r) => ind(b[r]) - ind(x));
        const mean = diffs.reduce((t, x) => t + x, 0) / n;
        const sd = Math.sqrt(diffs.reduce((t, x) => t + (x - mean) ** 2, 0) / (n - 1));
        const p = pairedDifference(a, b, day);
        const pa = a.filter((x) => ind(x)).length / n;
        const pb = b.filter((x) => ind(x)).length / n;
        expect(p.effect).toBeCloseTo(pb - pa, 12);
        expect(p.se).toBeCloseTo(sd / Math.sqrt(n), 12);
        expect(p.up - p.down).toBe(Math.round((pb - pa) * n));
        expect(p.lo).toBeLessThanOrEqual(p.effect);
        expect(p.hi).toBeGreaterThanOrEqual(p.effect);
      }),
    );
  });
  it('identical variants give an interval of exactly zero and the verdict dormant; a shift of every run is resolved', () => {
    const a = [3, null, 50, 10, null, 7];
    const same = pairedDifference(a, a, 30);
    expect([same.effect, same.lo, same.hi]).toEqual([0, 0, 0]);
    const p = (estimate: number) => ({ estimate, lo: estimate, hi: estimate });
    const e = ablationEffect('x', '30', p(0.5), p(0.5), 6, 'raises', {
      difference: same,
      daysSurvived: pairedDaysSurvived(a, a, 100),
    });
    expect(e.verdict).toBe('dormant');
    // Every replicate that survived at the minimum collapses on day 1 at the maximum: P(by 30) 0.5 -> 1, paired.
    const b = a.map(() => 1);
    const d = pairedDifference(a, b, 30);
    expect(d.up).toBe(3);
    expect(d.down).toBe(0);
    expect(d.effect).toBeCloseTo(0.5, 12);
    // Days survived: mean of (1 - min's day, censored at 100).
    expect(pairedDaysSurvived(a, b, 100).effect).toBeCloseTo((2 + 99 + 49 + 9 + 99 + 6) / -6, 12);
  });
  it('a paired interval is tighter than the unpaired one when the variants move together', () => {
    // 400 replicates; the maximum collapses in 20 more of them, nothing else differs.
    const a = Array.from({ length: 400 }, (_, r) => (r % 2 ? 10 : null));
    const b = a.map((x, r) => (x === null && r < 40 ? 20 : x));
    const d = pairedDifference(a, b, 30);
    const p = (estimate: number) => ({ estimate, lo: estimate, hi: estimate });
    const e = ablationEffect('x', '30', p(0.5), p(0.55), 400, 'raises', {
      difference: d,
      daysSurvived: pairedDaysSurvived(a, b, 100),
    });
    expect(e.verdict).toBe('with');
    expect(e.unpaired.lo).toBeLessThan(0);
    expect(e.hi - e.lo).toBeLessThan((e.unpaired.hi - e.unpaired.lo) / 2);
  });
});

describe('the verdict reads every horizon (90, 365, 730)', () => {
  const p = (estimate: number) => ({ estimate, lo: estimate, hi: estimate });
  // 400 replicates at the minimum: half collapse on day 200, half hold.
  const atMin = Array.from({ length: 400 }, (_, r) => (r % 2 ? 200 : null));
  const verdictOf = (atMax: (number | null)[], essay?: 'raises' | 'lowers') =>
    ablationEffect('x', '365', p(0.5), p(0.5), 400, essay, {
      difference: pairedDifference(atMin, atMax, 365),
      daysSurvived: pairedDaysSurvived(atMin, atMax, 730),
      byDay: Object.fromEntries([90, 365, 730].map((d) => [String(d), pairedDifference(atMin, atMax, d)])),
    });
  it('a parameter that only brings collapses forward (same P by 365) is live, resolved at day 90 only', () => {
    // Every collapse moves from day 200 to day 60: P(by 365) and P(by 730) are unchanged, P(by 90) rises 0 -> 0.5.
    const e = verdictOf(
      atMin.map((x) => (x === null ? null : 60)),
      'raises',
    );
    expect(e.effect).toBe(0);
    expect([e.lo, e.hi]).toEqual([0, 0]);
    expect(e.resolvedAt).toEqual(['90']);
    expect(e.verdict).toBe('with');
    expect(e.againstAt).toEqual([]);
  });
  it('a resolved effect against the essay at one horizon makes the verdict against, naming the horizon', () => {
    // Collapses come earlier (P by 90 up: the essay's sign for 'lowers' is broken there), and a quarter of the runs that
    // held now collapse after day 365 (P by 730 up too): against at 90 and 730 for an essay that says it lowers.
    const atMax = atMin.map((x, r) => (x === null ? (r % 4 === 0 ? 500 : null) : 60));
    const e = verdictOf(atMax, 'lowers');
    expect(e.resolvedAt).toEqual(['90', '730']);
    expect(e.verdict).toBe('against');
    expect(e.againstAt).toEqual(['90', '730']);
    // The same runs, judged against an essay that says it raises: with the essay at both.
    expect(verdictOf(atMax, 'raises').verdict).toBe('with');
  });
  it('mixed signs: with at one horizon, against at another, is against', () => {
    // Collapses move earlier (P by 90 up) but half of them no longer happen by 730 (P by 365 and 730 down).
    const atMax = atMin.map((x, r) => (x === null ? null : r % 4 === 1 ? 60 : null));
    const e = verdictOf(atMax, 'raises');
    expect(e.resolvedAt).toEqual(['90', '365', '730']);
    expect(e.againstAt).toEqual(['365', '730']);
    expect(e.verdict).toBe('against');
  });
  it('no horizon resolved: none; unsigned when the essay says nothing', () => {
    const same = verdictOf([...atMin.slice(0, 399), 100], 'raises');
    expect(same.verdict).toBe('none');
    expect(verdictOf(atMin.map((x) => (x === null ? null : 60))).verdict).toBe('unsigned');
  });
});

describe('multiplicity: Holm over every parameter-day test', () => {
  // An effect whose paired test at each day has the given two-sided p-value (se 1, effect the z).
  const withP = (parameter: string, ps: Record<string, number>): AblationEffect => {
    const byDay: Record<string, PairedDifference> = {};
    for (const [day, p] of Object.entries(ps)) {
      const z = normalQuantile(1 - p / 2, 0, 1);
      byDay[day] = { effect: z, se: 1, lo: z - 1.96, hi: z + 1.96, up: 0, down: 0, n: 100 };
    }
    return { parameter, day: '365', effect: 0, lo: 0, hi: 0, unpaired: { lo: 0, hi: 0 }, byDay, verdict: 'none' };
  };
  it("Holm's textbook example: p = 0.005, 0.01, 0.03, 0.04 over m = 4 rejects the first two (0.03 > 0.05 / 2)", () => {
    const es = [withP('a', { '90': 0.01, '365': 0.04 }), withP('b', { '90': 0.03, '365': 0.005 })];
    const h = holmResolved(es);
    expect(h).toEqual({ tests: 4, level: 0.05, resolved: 2 });
    expect(es[0].resolvedAtHolm).toEqual(['90']);
    expect(es[1].resolvedAtHolm).toEqual(['365']);
  });
  it('matches the adjusted-p definition: day j rejected iff max over i <= j of (m - i + 1) p(i) <= 0.05', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 1e-6, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), {
          minLength: 1,
          maxLength: 30,
        }),
        (rows) => {
          const es = rows.map((ps, i) => withP(`p${i}`, { '90': ps[0], '365': ps[1], '730': ps[2] }));
          const h = holmResolved(es);
          // The p-values as the tests see them (through the z round trip), sorted, with adjusted values.
          const all = es.flatMap((e) => Object.entries(e.byDay!).map(([day, d]) => ({ e, day, p: pairedP(d) })));
          all.sort((a, b) => a.p - b.p);
          const m = all.length;
          let running = 0;
          const expected = new Map<AblationEffect, string[]>(es.map((e) => [e, []]));
          all.forEach((t, i) => {
            running = Math.max(running, Math.min(1, (m - i) * t.p));
            if (running <= 0.05) expected.get(t.e)!.push(t.day);
          });
          for (const e of es) expect(e.resolvedAtHolm).toEqual(expected.get(e)!.sort((a, b) => Number(a) - Number(b)));
          // Never more than the uncorrected count (each day at 5%).
          const uncorrected = es.filter((e) => Object.values(e.byDay!).some((d) => pairedP(d) <= 0.05)).length;
          expect(h.resolved).toBeLessThanOrEqual(uncorrected);
          expect(h.tests).toBe(3 * rows.length);
        },
      ),
    );
  });
  it('the p-value is the one behind the 95% interval: p < 0.05 exactly when the interval excludes zero', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 60 }), (up, down) => {
        const atMin: (number | null)[] = [];
        const atMax: (number | null)[] = [];
        for (let r = 0; r < 200; r++) {
          atMin.push(r < up ? null : r < up + down ? 10 : r % 2 ? 10 : null);
          atMax.push(r < up ? 10 : r < up + down ? null : atMin[r]);
        }
        const d = pairedDifference(atMin, atMax, 365);
        if (d.se > 0) expect(pairedP(d) < 0.05).toBe(d.lo > 0 || d.hi < 0);
        else expect(pairedP(d)).toBe(up + down === 0 ? 1 : 0);
      }),
    );
  });
});

describe('truce ablate --json (reduced size)', () => {
  it('answers the contract: framework, runs, seed, baseline, variants with pCollapseBy, medianDay, firstCrosser, causalAttribution', () => {
    const r = truce([
      'ablate',
      '--runs',
      '12',
      '--seed',
      '3',
      '--days',
      '100',
      '--json',
      '--workers',
      '1',
      '--no-store',
    ]);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.framework).toBe('transactional-freeze');
    expect(o.runs).toBe(12);
    expect(o.seed).toBe(3);
    expect(Object.keys(o.baseline)).toEqual(expect.arrayContaining(['pCollapseBy', 'medianDay']));
    const s = builtIn().scenario;
    expect(o.variants).toHaveLength(2 * (Object.keys(s.levers).length + Object.keys(s.parameters).length));
    for (const v of o.variants) {
      expect(Object.keys(v)).toEqual(
        expect.arrayContaining(['parameter', 'value', 'pCollapseBy', 'medianDay', 'firstCrosser', 'causalAttribution']),
      );
      // The causal shares come with the collapses they rest on: every 4th run's collapse is replayed.
      expect(v.causalSample.collapses).toBeLessThanOrEqual(3);
      expect(v.causalSample.unexplained).toBeLessThanOrEqual(v.causalSample.collapses);
      // The days within --days 100, and the horizon itself.
      expect(Object.keys(v.pCollapseBy)).toEqual(['7', '30', '90', '100']);
      expect(Object.keys(v.pCollapseBy['90']).sort()).toEqual(['estimate', 'hi', 'lo']);
    }
    // Each effect is paired: its mean is the difference of the two variants' proportions.
    expect(o.effects).toHaveLength(o.variants.length / 2);
    o.effects.forEach(
      (e: { effect: number; paired: { effect: number; n: number }; lo: number; hi: number }, i: number) => {
        const d = o.effectDay;
        expect(e.paired.n).toBe(12);
        expect(e.paired.effect).toBeCloseTo(
          o.variants[2 * i + 1].pCollapseBy[d].estimate - o.variants[2 * i].pCollapseBy[d].estimate,
          12,
        );
        expect(e.lo).toBeLessThanOrEqual(e.effect);
        expect(e.hi).toBeGreaterThanOrEqual(e.effect);
      },
    );
    // The verdict's days within --days 100: day 90, and the horizon.
    expect(o.effectDay).toBe('100');
    for (const e of o.effects) expect(Object.keys(e.byDay)).toEqual(['90', '100']);
    // Beside the uncorrected count, Holm's: one test per parameter and verdict day; never more resolved.
    expect(o.holm.tests).toBe(2 * o.effects.length);
    expect(o.holm.resolved).toBe(o.effects.filter((e: { resolvedAtHolm: string[] }) => e.resolvedAtHolm.length).length);
    expect(o.holm.resolved).toBeLessThanOrEqual(
      o.effects.filter((e: { resolvedAt: string[] }) => e.resolvedAt.length).length,
    );
    // Same seed, two workers: the same answer, per-replicate pairing included.
    const r2 = truce([
      'ablate',
      '--runs',
      '12',
      '--seed',
      '3',
      '--days',
      '100',
      '--json',
      '--workers',
      '2',
      '--no-store',
    ]);
    expect(JSON.parse(r2.stdout).effects).toEqual(o.effects);
  });
  it('an unknown framework is an input error naming it, exit 2', () => {
    const r = truce(['ablate', '--framework', 'nope', '--runs', '5', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope/);
  });
});

describe('a stored ablation: runs list, and the report table', () => {
  it('ablate stores an experiment of kind ablation; report --ablation ID adds its table; a non-ablation id is refused', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-ablate-'));
    try {
      const db = join(dir, 'r.db');
      const a = truce(['ablate', '--runs', '6', '--seed', '2', '--days', '60', '--workers', '1', '--json', '--db', db]);
      expect(a.code, a.stderr).toBe(0);
      const id = JSON.parse(a.stdout).experimentId;
      expect(id).toBe(1);
      const list = truce(['runs', 'list', '--db', db]);
      expect(list.stdout).toMatch(/ablation/);
      const out = join(dir, 'r.html');
      const r = truce([
        'report',
        '--runs',
        '20',
        '--seed',
        '2',
        '--workers',
        '1',
        '--ablation',
        String(id),
        '--db',
        db,
        '--out',
        out,
      ]);
      expect(r.code, r.stderr).toBe(0);
      const html = readFileSync(out, 'utf8');
      expect(html).toMatch(/Every mechanism, one at a time/);
      expect(html).toMatch(/stored as experiment 1\)/);
      expect(html).toContain('actors.iran.arsenal.stocks.ballistic');
      // --ablation-runs runs one for the report, at the report's seed and days.
      const out2 = join(dir, 'r2.html');
      const r2 = truce([
        'report',
        '--runs',
        '20',
        '--seed',
        '2',
        '--days',
        '60',
        '--workers',
        '1',
        '--ablation-runs',
        '4',
        '--no-store',
        '--out',
        out2,
      ]);
      expect(r2.code, r2.stderr).toBe(0);
      expect(readFileSync(out2, 'utf8')).toMatch(/4 runs per end, seed 2, horizon 60 days/);
      // Experiment 2 is the report's comparison, not an ablation: refused before anything runs, exit 2.
      const bad = truce(['report', '--runs', '20', '--ablation', '2', '--db', db, '--out', join(dir, 'bad.html')]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/expected an ablation/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
