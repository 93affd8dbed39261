/**
 * PRIM (src/core/analysis/prim.ts) on synthetic cases with a known box:
 * cases of interest are exactly those with a < 0.4 and b > 0.6; c is noise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { discover, type SweepPointRuns } from '../src/core/analysis/discover.js';
import { chooseBox, prim } from '../src/core/analysis/prim.js';
import { renderDiscover } from '../src/cli/render/discover.js';
import { Stream } from '../src/core/rng/stream.js';

function cases(seed: number, n: number, noise = 0) {
  const rng = Stream.derive(seed, 'prim-test');
  const x = Array.from({ length: n }, () => [rng.uniform(), rng.uniform(), rng.uniform()]);
  const y = x.map(([a, b]) => ((a < 0.4 && b > 0.6) !== rng.bernoulli(noise) ? 1 : 0) as 0 | 1);
  return { x, y };
}

describe('prim', () => {
  it('recovers a known box: a < 0.4 and b > 0.6, c unrestricted', () => {
    for (const seed of [1, 2, 3]) {
      const { x, y } = cases(seed, 3000);
      const r = prim(['a', 'b', 'c'], x, y, { alpha: 0.05, minMass: 0.05 });
      // The pure box (its limits are those of the last peel on each lever) matches the true one and covers most of it.
      const pure = chooseBox(r, 1)!;
      expect(pure.restricted.sort()).toEqual(['a', 'b']);
      expect(pure.limits.a[1]).toBeLessThan(0.42);
      expect(pure.limits.b[0]).toBeGreaterThan(0.58);
      expect(pure.coverage).toBeGreaterThan(0.8);
      // Allowing 5% of other cases, the edges stay within 0.05 of the true ones.
      const box = chooseBox(r, 0.95)!;
      expect(box.restricted.sort()).toEqual(['a', 'b']);
      expect(Math.abs(box.limits.a[1] - 0.4)).toBeLessThan(0.05);
      expect(Math.abs(box.limits.b[0] - 0.6)).toBeLessThan(0.05);
      expect(box.coverage).toBeGreaterThan(0.9);
      // The box's share of all cases is close to the true box's 0.4 x 0.4.
      expect(Math.abs(box.mass - 0.16)).toBeLessThan(0.04);
    }
  });

  it('with label noise the chosen box still restricts the two levers that matter', () => {
    const { x, y } = cases(4, 4000, 0.05);
    const box = chooseBox(prim(['a', 'b', 'c'], x, y), 0.85)!;
    expect(box.restricted.sort()).toEqual(['a', 'b']);
    expect(box.limits.a[1]).toBeLessThan(0.45);
    expect(box.limits.b[0]).toBeGreaterThan(0.55);
  });

  it('peels a grid (ties) down to its cells', () => {
    const x: number[][] = [];
    const y: (0 | 1)[] = [];
    for (let a = 0; a < 5; a++)
      for (let b = 0; b < 5; b++)
        for (let r = 0; r < 4; r++) {
          x.push([a / 4, b / 4]);
          y.push(a <= 1 && b >= 3 ? 1 : 0);
        }
    const box = chooseBox(prim(['a', 'b'], x, y, { alpha: 0.1, minMass: 0.05 }), 1)!;
    expect(box.limits).toEqual({ a: [0, 0.25], b: [0.75, 1] });
    expect(box.coverage).toBe(1);
  });

  it('trajectory invariants: nested boxes, mass never below minMass, coverage never rises', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e6 }),
        fc.double({ min: 0.02, max: 0.3, noNaN: true }),
        fc.double({ min: 0.02, max: 0.5, noNaN: true }),
        (seed, alpha, minMass) => {
          const { x, y } = cases(seed, 300, 0.1);
          const r = prim(['a', 'b', 'c'], x, y, { alpha, minMass });
          expect(r.trajectory[0].mass).toBe(1);
          expect(r.trajectory[0].coverage).toBe(r.totalOfInterest > 0 ? 1 : 0);
          for (let i = 1; i < r.trajectory.length; i++) {
            const [p, q] = [r.trajectory[i - 1], r.trajectory[i]];
            expect(q.cases).toBeLessThan(p.cases);
            expect(q.mass).toBeGreaterThanOrEqual(minMass - 1e-12);
            expect(q.coverage).toBeLessThanOrEqual(p.coverage + 1e-12);
            for (const l of ['a', 'b', 'c']) {
              expect(q.limits[l][0]).toBeGreaterThanOrEqual(p.limits[l][0]);
              expect(q.limits[l][1]).toBeLessThanOrEqual(p.limits[l][1]);
            }
            // The count in the box matches the limits.
            const inside = x.filter((row) =>
              row.every((v, j) => v >= q.limits['abc'[j]][0] && v <= q.limits['abc'[j]][1]),
            ).length;
            expect(inside).toBe(q.cases);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('rejects bad options and shapes', () => {
    expect(() => prim(['a'], [[1]], [1], { alpha: 0.6 })).toThrow(/alpha/);
    expect(() => prim(['a'], [[1]], [1, 0])).toThrow(/cases/);
  });
});

describe('discover (PRIM over sweep points)', () => {
  // A 6 x 6 grid; 100 runs per point; below a = 0.5 10 runs collapse by day 30
  // and 50 more by day 300; elsewhere 80 by day 30.
  const points: SweepPointRuns[] = [];
  for (let i = 0; i < 6; i++)
    for (let j = 0; j < 6; j++) {
      const a = i / 5;
      const b = j / 5;
      points.push({
        point: points.length,
        levers: { a, b },
        runs: 100,
        horizon: 365,
        collapseDays:
          a < 0.5
            ? [
                [20, 10],
                [200, 50],
              ]
            : [[25, 80]],
      });
    }

  it('finds the lever region whose P(collapse by day d) is below the threshold, for the day asked', () => {
    const r = discover(points, { day: 30, threshold: 0.2, minDensity: 1 });
    expect(r.pointsOfInterest).toBe(18);
    expect(r.chosen!.restricted).toEqual(['a']);
    expect(r.chosen!.limits.a).toEqual([0, 0.4]);
    expect(r.chosen!.coverage).toBe(1);
    expect(r.chosen!.pCollapse.estimate).toBeCloseTo(0.1, 12);
    // By day 300 no point is below 0.2: nothing to find.
    const late = discover(points, { day: 300, threshold: 0.2, minDensity: 1 });
    expect(late.pointsOfInterest).toBe(0);
    expect(late.trajectory[0].pCollapse.estimate).toBeCloseTo((18 * 60 + 18 * 80) / 3600, 12);
  });

  // The same grid with only the column a = 0 bad: 30 of 36 points of interest, so the whole space (step 0)
  // already has density 0.833 >= 0.8.
  const mostly = points.map((p) => ({
    ...p,
    collapseDays: (p.levers.a === 0 ? [[25, 80]] : [[20, 10]]) as [number, number][],
  }));

  it('when the whole space already meets the density, the reported box restricts a lever (and says so)', () => {
    const r = discover(mostly, { day: 30, threshold: 0.2, minDensity: 0.8 });
    expect(r.pointsOfInterest).toBe(30);
    expect(r.trajectory[0].density).toBeCloseTo(30 / 36, 12);
    expect(r.wholeSpaceMeetsDensity).toBe(true);
    // The box that leaves out exactly the bad column: every point of interest, and nothing else.
    expect(r.chosen!.step).toBeGreaterThan(0);
    expect(r.chosen!.restricted).toEqual(['a']);
    expect(r.chosen!.limits.a).toEqual([0.2, 1]);
    expect(r.chosen!.coverage).toBe(1);
    expect(r.chosen!.density).toBe(1);
    const text = renderDiscover(1, r);
    expect(text).toMatch(
      /The whole swept space already has density 0\.833 >= 0\.8 \(30 of 36 points are of interest\)/,
    );
    expect(text).toMatch(
      /Reported box \(step \d+: highest coverage with density >= 0\.8 among the boxes that restrict a lever\): a in \[0\.200, 1\.000\]/,
    );
    expect(text).not.toMatch(/Reported box.*all of the swept space/);
    // Below the whole space's density nothing changes: the rule is the highest coverage at that density.
    const strict = discover(points, { day: 30, threshold: 0.2, minDensity: 0.8 });
    expect(strict.wholeSpaceMeetsDensity).toBe(false);
    expect(strict.chosen!.limits.a).toEqual([0, 0.4]);
  });

  it('when every point is of interest, the whole space is the answer and the output says why', () => {
    const all = points.map((p) => ({ ...p, collapseDays: [[20, 10]] as [number, number][] }));
    const r = discover(all, { day: 30, threshold: 0.2, minDensity: 0.8 });
    expect(r.trajectory).toHaveLength(1);
    expect(r.chosen!.step).toBe(0);
    expect(r.chosen!.restricted).toEqual([]);
    expect(renderDiscover(1, r)).toMatch(/Every point is of interest: .* no boundary to find\.\nReported box \(step 0/);
  });

  it('refuses a day beyond the horizon and a threshold outside (0, 1]', () => {
    expect(() => discover(points, { day: 400, threshold: 0.2, minDensity: 1 })).toThrow(/day/);
    expect(() => discover(points, { day: 30, threshold: 0, minDensity: 1 })).toThrow(/threshold/);
  });
});
