/** Sensitivity analysis on analytic test functions with known indices (SALib's practice). */
import { describe, expect, it } from 'vitest';
import { grid, gridLevelsFor } from '../src/core/analysis/design/grid.js';
import { latinHypercube } from '../src/core/analysis/design/latin-hypercube.js';
import { primitivePolynomials, SobolSequence } from '../src/core/analysis/design/sobol-sequence.js';
import { morrisAnalyze, morrisSample } from '../src/core/analysis/sensitivity/morris.js';
import { scalePoints } from '../src/core/analysis/sensitivity/scale.js';
import { saltelliSample, sobolAnalyze } from '../src/core/analysis/sensitivity/sobol-indices.js';
import { ishigami, linear } from '../src/core/analysis/sensitivity/test-functions.js';
import { Stream } from '../src/core/rng/stream.js';
import { analyse, sample } from '../src/app/sensitivity.js';

describe('designs', () => {
  it('primitive polynomials over GF(2) in order of degree: x+1, x^2+x+1, x^3+x+1, x^3+x^2+1, x^4+x+1, x^4+x^3+1, then 6 of degree 5', () => {
    const p = primitivePolynomials(12);
    expect(p.slice(0, 6)).toEqual([0b11, 0b111, 0b1011, 0b1101, 0b10011, 0b11001]);
    expect(p.slice(6).every((x) => x >= 32 && x < 64)).toBe(true);
  });
  it("Sobol' points: the first 2^m points of every coordinate fill each interval [i/2^m, (i+1)/2^m) once", () => {
    const seq = new SobolSequence(12, Stream.derive(3, 'sobol'));
    const m = 8;
    const pts = Array.from({ length: 2 ** m }, () => seq.next());
    for (let d = 0; d < 12; d++) {
      const bins = new Set(pts.map((p) => Math.floor(p[d] * 2 ** m)));
      expect(bins.size).toBe(2 ** m);
    }
    // Dimensions 1 and 2 form a (0, m, 2)-net: every 2^a x 2^(m-a) box holds one point.
    for (let a = 0; a <= m; a++) {
      const boxes = new Set(pts.map((p) => `${Math.floor(p[0] * 2 ** a)},${Math.floor(p[1] * 2 ** (m - a))}`));
      expect(boxes.size).toBe(2 ** m);
    }
  });
  it('a Latin hypercube has one point per stratum in every dimension', () => {
    const pts = latinHypercube(50, 4, Stream.derive(1, 'lhs'));
    for (let d = 0; d < 4; d++) expect(new Set(pts.map((p) => Math.floor(p[d] * 50))).size).toBe(50);
  });
  it('a grid has levels^k points covering the corners', () => {
    const g = grid(3, 2);
    expect(g).toHaveLength(9);
    expect(g[0]).toEqual([0, 0]);
    expect(g[8]).toEqual([1, 1]);
    expect(gridLevelsFor(100, 2)).toBe(10);
  });
});

describe('Morris', () => {
  it('on a linear function every elementary effect is the coefficient: mu* = |b_i|, sigma = 0', () => {
    const f = linear([3, -2, 0.5, 0]);
    const bounds: [number, number][] = [
      [0, 1],
      [10, 20],
      [-1, 1],
      [0, 5],
    ];
    const d = morrisSample(4, 20, 4, Stream.derive(1, 'morris'));
    const x = scalePoints(d.unit, bounds);
    const y = x.map((p) => f.evaluate(p));
    const idx = morrisAnalyze(d, x, y, Stream.derive(2, 'boot'));
    expect(idx.map((i) => i.muStar)).toEqual([3, 2, 0.5, 0].map((b) => expect.closeTo(b, 10)));
    expect(idx.map((i) => i.mu)).toEqual([3, -2, 0.5, 0].map((b) => expect.closeTo(b, 10)));
    for (const i of idx) expect(i.sigma).toBeCloseTo(0, 10);
  });
  it('over each range, a linear function gives |b_i| (max_i - min_i): the ranking by muStarScaled is not the ranking by mu*', () => {
    // b = 3 over [0, 1], -2 over [10, 20] (a lever in days, say), 0.5 over [-1, 1], 0 over [0, 5].
    const f = linear([3, -2, 0.5, 0]);
    const problem = {
      names: ['a', 'b', 'c', 'd'],
      bounds: [
        [0, 1],
        [10, 20],
        [-1, 1],
        [0, 5],
      ] as [number, number][],
    };
    const s = sample(problem, { method: 'morris', samples: 20, levels: 4, seed: 1 });
    const idx = analyse(
      problem,
      s,
      s.x.map((p) => f.evaluate(p)),
      2,
    );
    expect(['a', 'b', 'c', 'd'].map((n) => idx[n].muStarScaled)).toEqual(
      [3, 20, 1, 0].map((b) => expect.closeTo(b, 10)),
    );
    expect(['a', 'b', 'c', 'd'].map((n) => idx[n].muScaled)).toEqual([3, -20, 1, 0].map((b) => expect.closeTo(b, 10)));
    for (const n of ['a', 'b', 'c', 'd']) {
      expect(idx[n].sigmaScaled).toBeCloseTo(0, 10);
      expect(idx[n].muStarScaledLo).toBeLessThanOrEqual(idx[n].muStarScaled + 1e-12);
      expect(idx[n].muStarScaledHi).toBeGreaterThanOrEqual(idx[n].muStarScaled - 1e-12);
    }
    // Per unit, a (3) outranks b (2); over their ranges b (20) outranks a (3).
    expect(idx.a.muStar).toBeGreaterThan(idx.b.muStar);
    expect(idx.b.muStarScaled).toBeGreaterThan(idx.a.muStarScaled);
  });
  it('ranks the Ishigami factors x1, x3 above zero and finds x3 interacting (sigma > 0)', () => {
    const d = morrisSample(3, 60, 4, Stream.derive(5, 'morris'));
    const x = scalePoints(d.unit, ishigami.bounds);
    const idx = morrisAnalyze(
      d,
      x,
      x.map((p) => ishigami.evaluate(p)),
      Stream.derive(6, 'boot'),
    );
    expect(idx[0].muStar).toBeGreaterThan(0);
    expect(idx[2].sigma).toBeGreaterThan(0);
  });
});

describe('Sobol indices (Saltelli sampling, Jansen estimator)', () => {
  const exact = ishigami.exact();
  it('the closed form of Ishigami gives the printed values', () => {
    expect(exact.S1.map((v) => +v.toFixed(4))).toEqual([0.3139, 0.4424, 0]);
    expect(exact.ST.map((v) => +v.toFixed(4))).toEqual([0.5576, 0.4424, 0.2437]);
  });
  it('recovers the Ishigami indices within 0.03, each inside its bootstrap interval widened by 0.01', () => {
    const design = saltelliSample(3, 8192, Stream.derive(7, 'saltelli'));
    const y = scalePoints(design.unit, ishigami.bounds).map((p) => ishigami.evaluate(p));
    const idx = sobolAnalyze(design, y, Stream.derive(8, 'boot'), 300);
    idx.forEach((ix, i) => {
      expect(Math.abs(ix.S1 - exact.S1[i])).toBeLessThan(0.03);
      expect(Math.abs(ix.ST - exact.ST[i])).toBeLessThan(0.03);
      expect(exact.S1[i]).toBeGreaterThanOrEqual(ix.S1Lo - 0.01);
      expect(exact.S1[i]).toBeLessThanOrEqual(ix.S1Hi + 0.01);
      expect(exact.ST[i]).toBeGreaterThanOrEqual(ix.STLo - 0.01);
      expect(exact.ST[i]).toBeLessThanOrEqual(ix.STHi + 0.01);
    });
  });
});
