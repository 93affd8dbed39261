/** quantileSorted against R's quantile(type = 7) on small vectors, and the unlimited-stock case. */
import { describe, expect, it } from 'vitest';
import { quantileSorted } from '../src/core/analysis/quantile.js';

describe('quantileSorted', () => {
  it("matches R's type 7", () => {
    // R: quantile(c(1, 2, 3, 4), c(0.05, 0.5, 0.95)) = 1.15 2.50 3.85; quantile(c(1, 2, 3, 4, 10), 0.9) = 7.6
    expect(quantileSorted([1, 2, 3, 4], 0.05)).toBeCloseTo(1.15, 12);
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0.95)).toBeCloseTo(3.85, 12);
    expect(quantileSorted([1, 2, 3, 4, 10], 0.9)).toBeCloseTo(7.6, 12);
    expect(quantileSorted([7], 0.3)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNaN();
  });
  it('an unlimited stock stays Infinity (no Infinity - Infinity)', () => {
    expect(quantileSorted(Float64Array.from([Infinity, Infinity, Infinity]), 0.05)).toBe(Infinity);
  });
});
