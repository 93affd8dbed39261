/** `truce facts` reports what it cannot resolve as such (issue 11): not estimable, or too small at this size. */
import { describe, expect, it } from 'vitest';
import { measureStatus, withStatus, type FactMeasure } from '../src/core/analysis/facts.js';

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
