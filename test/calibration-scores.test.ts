/** Scoring rules of truce validate, against their definitions. */
import { describe, expect, it } from 'vitest';
import { baseRate, brier, logScore, outcomeAt, P_FLOOR, reliability } from '../src/core/calibration/scores.js';

describe('forecast scores', () => {
  it('scores a collapse as 1 from its day on, a censored spell as 0 only at horizons it reached', () => {
    expect(outcomeAt({ days: 20, collapsed: true }, 30)).toBe(1);
    expect(outcomeAt({ days: 30, collapsed: true }, 30)).toBe(1);
    expect(outcomeAt({ days: 31, collapsed: true }, 30)).toBe(0);
    expect(outcomeAt({ days: 100, collapsed: false }, 90)).toBe(0);
    expect(outcomeAt({ days: 80, collapsed: false }, 90)).toBeNull();
  });
  it('Brier and log score follow their definitions; log score floors p at 0.001', () => {
    expect(brier([0.2, 0.9], [0, 1])).toBeCloseTo((0.04 + 0.01) / 2, 12);
    expect(logScore([0.2, 0.9], [0, 1])).toBeCloseTo((Math.log(0.8) + Math.log(0.9)) / 2, 12);
    expect(logScore([0], [1])).toBeCloseTo(Math.log(P_FLOOR), 12);
  });
  it('the base rate is 1 - KM at the horizon (no censoring: the empirical share)', () => {
    const t = [1, 2, 3, 10, 40].map((d) => ({ days: d, collapsed: true }));
    expect(baseRate(t, 5)).toBeCloseTo(0.6, 12);
    expect(baseRate(t, 0)).toBe(0);
  });
  it('reliability bins hold every forecast once', () => {
    const p = [0.05, 0.1, 0.5, 0.55, 1];
    const bins = reliability(p, [0, 0, 1, 0, 1]);
    expect(bins.reduce((t, b) => t + b.n, 0)).toBe(5);
    expect(bins.find((b) => b.lo === 0.4)!.observed).toBeCloseTo(0.5, 12);
  });
});
