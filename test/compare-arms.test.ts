/**
 * compareArms (src/core/ensemble/summarize.ts) on any pair of arms: the
 * hazard ratio and its interval are finite, positive and ordered, or all
 * null with a note. The fuzzer found an upper bound of Infinity when one arm
 * had a handful of collapses against thousands in the other (exp of a Wald
 * bound past what a double holds).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyAccumulator } from '../src/core/ensemble/accumulator.js';
import { compareArms } from '../src/core/ensemble/summarize.js';

const HORIZON = 30;
const arm = (events: number[], censored: number[]) => {
  const acc = emptyAccumulator(HORIZON);
  events.forEach((n, d) => (acc.eventsByDay[d] = n));
  censored.forEach((n, d) => (acc.censoredByDay[d] = n));
  acc.runs = [...events, ...censored].reduce((s, x) => s + x, 0);
  return acc;
};
const counts = (max: number) => fc.array(fc.nat(max), { minLength: HORIZON + 1, maxLength: HORIZON + 1 });

describe('compareArms', () => {
  it('gives a finite, ordered hazard ratio interval or none, never Infinity or NaN', () => {
    fc.assert(
      fc.property(counts(3), counts(2000), counts(2000), counts(3), (ea, ca, eb, cb) => {
        const c = compareArms(arm(ea, ca), arm(eb, cb), ['a', 'b']);
        if (c.hazardRatio === null) {
          expect(c.hrLo).toBeNull();
          expect(c.hrHi).toBeNull();
          expect(c.note).toMatch(/not estimable/);
        } else {
          for (const x of [c.hazardRatio, c.hrLo!, c.hrHi!]) expect(Number.isFinite(x) && x > 0).toBe(true);
          expect(c.hrLo!).toBeLessThanOrEqual(c.hazardRatio);
          expect(c.hazardRatio).toBeLessThanOrEqual(c.hrHi!);
        }
      }),
      { numRuns: 100 },
    );
  });

  it('one collapse against a hundred thousand on day 0: not estimable, not infinite', () => {
    const a = arm([0, 1], [...new Array(HORIZON).fill(0), 100_000]);
    const b = arm([100_000], []);
    const c = compareArms(a, b, ['a', 'b']);
    expect(c.hrHi === null || Number.isFinite(c.hrHi)).toBe(true);
  });

  it("a window's note names the arms by their labels", () => {
    // Arm "freeze" collapses on day 1 only; "architecture" never: no ratio in the window, and the note says which arm.
    const a = arm([0, 5], [...new Array(HORIZON).fill(0), 95]);
    const b = arm([], [...new Array(HORIZON).fill(0), 100]);
    const c = compareArms(a, b, ['freeze', 'architecture']);
    const notes = (c.hazardRatioWindows ?? []).map((w) => w.note ?? '').join(' ');
    expect(notes).toMatch(/architecture/);
    expect(notes).not.toMatch(/arm [ab]\b/);
  });
});
