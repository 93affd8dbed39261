/** `truce facts` reports what it cannot resolve as such (issue 11): not estimable, or too small at this size. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysSurvived, measureStatus, pMeanOverT, withStatus, type FactMeasure } from '../src/core/analysis/facts.js';

const m = (o: Partial<FactMeasure>): FactMeasure => ({
  name: 'P(collapse by T)',
  a: 0,
  b: 0,
  effect: 0,
  lo: 0,
  hi: 0,
  expected: 'increase',
  holds: false,
  ...o,
});

describe('fact status', () => {
  it('an effect of 0.000 [0.000, 0.000] is unresolved, not ok', () => expect(measureStatus(m({}))).toBe('unresolved'));
  it('an effect that is not estimable is unresolved', () =>
    expect(measureStatus(m({ effect: null, lo: null, hi: null }))).toBe('unresolved'));
  it('an interval that excludes zero decides: the expected side holds, the other fails', () => {
    expect(measureStatus(m({ effect: 0.1, lo: 0.05, hi: 0.15 }))).toBe('holds');
    expect(measureStatus(m({ effect: -0.1, lo: -0.15, hi: -0.05 }))).toBe('fails');
    expect(measureStatus(m({ effect: 0.01, lo: -0.02, hi: 0.04 }))).toBe('unresolved');
    expect(
      measureStatus(m({ name: 'hazard ratio (b vs a)', expected: 'decrease', effect: 0.5, lo: 0.4, hi: 0.6 })),
    ).toBe('holds');
    expect(
      measureStatus(m({ name: 'hazard ratio (b vs a)', expected: 'decrease', effect: 0.9, lo: 0.7, hi: 1.2 })),
    ).toBe('unresolved');
  });
  it('a measure true by construction is reported but not counted', () => {
    const r = withStatus({
      id: 1,
      statement: 's',
      holds: true,
      measures: [m({ byConstruction: true, effect: -1, holds: true }), m({ effect: 0.01, lo: -0.02, hi: 0.04 })],
    });
    expect(r.status).toBe('unresolved');
    expect(r.holds).toBe(false);
  });
});

describe('an informational measure is printed, not counted', () => {
  it('P(collapse by the horizon) unresolved (saturated) does not make a fact unresolved', () => {
    const r = withStatus({
      id: 1,
      statement: 's',
      holds: false,
      measures: [
        m({ effect: 0.1, lo: 0.05, hi: 0.15 }),
        m({ informational: true, effect: 0.001, lo: -0.01, hi: 0.01 }),
      ],
    });
    expect(r.status).toBe('holds');
    expect(r.measures[1].status).toBe('unresolved');
  });
});

describe('paired measures under common random numbers', () => {
  const day = fc.option(fc.integer({ min: 1, max: 40 }), { nil: null });
  const pair = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 30 }))
    .chain(([k, blocks]) =>
      fc.tuple(
        fc.constant(k),
        fc.array(day, { minLength: k * blocks, maxLength: k * blocks }),
        fc.array(day, { minLength: k * blocks, maxLength: k * blocks }),
      ),
    );
  it("P(collapse by T) averaged over T = 1..H is the mean over T of the two arms' difference of P(collapse by T)", () => {
    fc.assert(
      fc.property(pair, ([k, a, b]) => {
        const H = 30;
        const measure = pMeanOverT(
          { days: a, cluster: k, horizon: H },
          { days: b, cluster: k, horizon: H },
          'increase',
        );
        const n = a.length;
        const by = (xs: (number | null)[], T: number) => xs.filter((x) => x !== null && x <= T).length / n;
        let mean = 0;
        for (let T = 1; T <= H; T++) mean += (by(b, T) - by(a, T)) / H;
        expect(measure.effect).toBeCloseTo(mean, 12);
        expect(measure.b! - measure.a!).toBeCloseTo(mean, 12);
        expect(measure.lo!).toBeLessThanOrEqual(measure.effect! + 1e-12);
        expect(measure.hi!).toBeGreaterThanOrEqual(measure.effect! - 1e-12);
      }),
    );
  });
  it('identical arms give exactly zero and are unresolved; the interval is that of the per-draw block means', () => {
    const a = [3, null, 20, 10, null, 7, 1, 2];
    const same = pMeanOverT({ days: a, cluster: 2, horizon: 30 }, { days: a, cluster: 2, horizon: 30 }, 'increase');
    expect([same.effect, same.lo, same.hi]).toEqual([0, 0, 0]);
    expect(measureStatus(same)).toBe('unresolved');
    // Every run of b collapses 5 days before a's (a run that held collapses on day 26): days survived drop.
    const b = a.map((x) => (x === null ? 26 : Math.max(1, x - 5)));
    const d = daysSurvived({ days: a, cluster: 2, horizon: 30 }, { days: b, cluster: 2, horizon: 30 }, 'decrease');
    const diffs = a.map((x, r) => Math.min(b[r]!, 30) - (x ?? 30));
    const blocks = [0, 1, 2, 3].map((c) => (diffs[2 * c] + diffs[2 * c + 1]) / 2);
    const mean = blocks.reduce((t, x) => t + x, 0) / 4;
    const sd = Math.sqrt(blocks.reduce((t, x) => t + (x - mean) ** 2, 0) / 3);
    expect(d.effect).toBeCloseTo(mean, 12);
    expect(d.hi! - d.effect!).toBeCloseTo(1.959964 * (sd / 2), 5);
    expect(measureStatus(d)).toBe('holds');
  });
});
