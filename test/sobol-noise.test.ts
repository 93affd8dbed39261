/**
 * The Monte Carlo noise floor of Sobol indices (docs/analysis.md, "Sobol"), against a closed form: an output
 * that is a proportion of R Bernoulli runs with p(x) = 0.2 + 0.6 x1 and a dummy factor x2 that does nothing.
 * Over x1 ~ U(0, 1): Var(p) = 0.36 / 12 = 0.03 and E[p (1 - p)] = 0.5 - (0.03 + 0.25) = 0.22, so each point's
 * noise variance averages 0.22 / R and Var(Y) = 0.03 + 0.22 / R. With noise independent between points the
 * dummy's Jansen ST is about 0.22 / R / Var(Y) (0.268 at R = 20); with common random numbers it is exactly 0.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sobolPairing } from '../src/app/sensitivity.js';
import { saltelliSample, sobolAnalyze } from '../src/core/analysis/sensitivity/sobol-indices.js';
import {
  pairedMeanVariance,
  pairedNoiseShares,
  proportionVariance,
  sobolNoise,
} from '../src/core/analysis/sensitivity/sobol-noise.js';
import { noiseLine } from '../src/charts/sobol-table.js';
import { Stream } from '../src/core/rng/stream.js';
import { truce } from './helpers/cli.js';

const R = 20;
const N = 2048;
const VAR_F = 0.03;
const NOISE = 0.22 / R;
const SHARE = NOISE / (VAR_F + NOISE);

/** Runs at each design point: R Bernoulli(p(x)) outcomes, on fresh draws per point or on shared ones (CRN). */
function simulate(seed: number, common: boolean) {
  const design = saltelliSample(2, N, Stream.derive(seed, 'design'));
  const shared = Array.from({ length: R }, (_, j) => Stream.derive(seed, 'crn', j).uniform());
  const fresh = Stream.derive(seed, 'fresh');
  const runs = design.unit.map((x) => {
    const p = 0.2 + 0.6 * x[0];
    return Float64Array.from({ length: R }, (_, j) => ((common ? shared[j] : fresh.uniform()) < p ? 1 : 0));
  });
  const y = runs.map((v) => v.reduce((a, b) => a + b, 0) / R);
  const idx = sobolAnalyze(design, y, Stream.derive(seed, 'boot'), 50);
  const floor = sobolNoise(
    design,
    y,
    y.map((p) => proportionVariance(p, R)),
  );
  const rowVariance = [0, 1].map((i) =>
    Array.from({ length: N }, (_, r) => pairedMeanVariance(runs[r], runs[(2 + i) * N + r])),
  );
  return { idx, floor, paired: pairedNoiseShares(rowVariance, floor.outputVariance) };
}

describe('Sobol noise floor against a closed form', () => {
  for (const seed of [1, 2, 3]) {
    it(`independent noise (seed ${seed}): the noise share is 0.22 / R / Var(Y), and the dummy's ST is that share, all of it noise`, () => {
      const { idx, floor, paired } = simulate(seed, false);
      expect(floor.variance).toBeCloseTo(NOISE, 2);
      expect(floor.outputVariance).toBeGreaterThan((VAR_F + NOISE) * 0.93);
      expect(floor.outputVariance).toBeLessThan((VAR_F + NOISE) * 1.07);
      expect(Math.abs(floor.share - SHARE)).toBeLessThan(0.04);
      // The dummy does nothing, yet its ST is the noise share (the audit's "ST = 0.15 for a lever with no effect").
      expect(Math.abs(idx[1].ST - SHARE)).toBeLessThan(0.05);
      // The paired estimate of the noise in each ST agrees (independent runs: Var(y_A - y_AB) = 2 noise).
      expect(Math.abs(paired[1] - SHARE)).toBeLessThan(0.04);
      expect(Math.abs(paired[0] - SHARE)).toBeLessThan(0.04);
      // ST minus its noise: the dummy's is 0 within sampling error; x1's is Var(f) / Var(Y) (its true ST, 1, scaled).
      expect(Math.abs(idx[1].ST - paired[1])).toBeLessThan(0.05);
      expect(Math.abs(idx[0].ST - paired[0] - (1 - SHARE))).toBeLessThan(0.12);
      // The warning's rule: x1's ST interval stays clear of its noise part (the dummy's is ST ~ noise, above).
      expect(idx[0].STLo).toBeGreaterThan(paired[0]);
    });
  }
  it('common random numbers: the dummy gains nothing (identical runs at A and AB), though each point is as noisy', () => {
    const { idx, floor, paired } = simulate(4, true);
    expect(idx[1].ST).toBe(0);
    expect(paired[1]).toBe(0);
    expect(idx[1].STLo).toBeLessThanOrEqual(paired[1]);
    // Per-point noise is unchanged: the independent-noise share is an upper bound, not what each factor gains.
    expect(floor.variance).toBeGreaterThan(NOISE * 0.8);
    expect(paired[0]).toBeLessThan(floor.share);
  });
  it('pairedMeanVariance is the sample variance of the differences over R; proportionVariance is p (1 - p) / (R - 1)', () => {
    // Differences 1, 0, 0, 1: mean 0.5, sample variance 1 / 3, over R = 4.
    expect(pairedMeanVariance([1, 0, 1, 1], [0, 0, 1, 0])).toBeCloseTo(1 / 12, 12);
    expect(pairedMeanVariance([1, 2, 3], [1, 2, 3])).toBe(0);
    expect(proportionVariance(0.4, 11)).toBeCloseTo(0.024, 12);
  });
});

describe('the pairing of A and AB runs does not depend on the order the runner hands points back', () => {
  it('any permutation of the points gives the row variances of A_r against AB_i,r, and the same paired noise, as in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 2, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })),
        (n, k, runs, seed, keys) => {
          const rng = Stream.derive(seed, 'runs');
          // A, B, AB_1 .. AB_k: (2 + k) n points of R runs each (0/1 outcomes, as a collapse indicator).
          const points = Array.from({ length: (2 + k) * n }, () =>
            Float64Array.from({ length: runs }, () => (rng.uniform() < 0.5 ? 1 : 0)),
          );
          // Independent expectation: each AB_i,r against A_r, straight from the definition.
          const expected = Array.from({ length: k }, (_, i) =>
            Array.from({ length: n }, (_, r) => pairedMeanVariance(points[r], points[(2 + i) * n + r])),
          );
          const order = points.map((_, j) => j);
          const key = order.map(() => keys.next().value as number);
          order.sort((x, y) => key[x] - key[y] || x - y);
          const shuffled = sobolPairing({ n, k });
          for (const j of order) shuffled.onPointRuns(j, points[j]);
          const inOrder = sobolPairing({ n, k });
          points.forEach((v, j) => inOrder.onPointRuns(j, v));
          expect(shuffled.complete()).toBe(true);
          expect(inOrder.complete()).toBe(true);
          expect(shuffled.rowVariance).toEqual(expected);
          expect(inOrder.rowVariance).toEqual(expected);
          expect(pairedNoiseShares(shuffled.rowVariance, 0.1)).toEqual(pairedNoiseShares(inOrder.rowVariance, 0.1));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an AB point handed back before its A point is paired once A arrives; complete() waits for every AB point', () => {
    const p = sobolPairing({ n: 1, k: 1 });
    p.onPointRuns(2, Float64Array.from([1, 0, 1]));
    expect(p.complete()).toBe(false);
    p.onPointRuns(1, Float64Array.from([0, 0, 0]));
    p.onPointRuns(0, Float64Array.from([0, 0, 1]));
    expect(p.complete()).toBe(true);
    // Differences 1, 0, 0: sample variance 1/3, over R = 3.
    expect(p.rowVariance[0][0]).toBeCloseTo(1 / 9, 12);
  });
});

describe('truce sensitivity --method sobol reports the noise floor (reduced size)', () => {
  const base = ['sensitivity', '--method', 'sobol', '--levers', 'verification,sanctionsRelief', '--samples', '16'];
  const small = ['--runs-per-point', '6', '--days', '60', '--seed', '2', '--workers', '1', '--no-store'];
  it('--json: noise {variance, outputVariance, share, method, runsPerPoint, paired, belowNoise}; the text says it', () => {
    const r = truce([...base, ...small, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const o = JSON.parse(r.stdout);
    const n = o.noise;
    expect(n.runsPerPoint).toBe(6);
    expect(n.method).toMatch(/p \(1 - p\) \/ \(R - 1\)/);
    expect(n.share).toBeCloseTo(n.variance / n.outputVariance, 12);
    expect(Object.keys(n.paired).sort()).toEqual(['sanctionsRelief', 'verification']);
    for (const f of Object.keys(o.indices)) {
      expect(n.paired[f]).toBeGreaterThanOrEqual(0);
      expect(n.belowNoise.includes(f)).toBe(o.indices[f].STLo <= n.paired[f]);
    }
    expect(o.warnings.some((w: string) => w.includes('not distinguishable from no effect'))).toBe(
      n.belowNoise.length > 0,
    );
    const t = truce([...base, ...small]);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/of ST, noise/);
    expect(t.stdout).toMatch(/Monte Carlo noise: each point's output is an estimate from 6 runs/);
  });
  it('--output medianDay: the noise is not estimated, and the text says so', () => {
    const r = truce([...base, ...small, '--output', 'medianDay', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).noise).toBeNull();
    const t = truce([...base, ...small, '--output', 'medianDay']);
    expect(t.stdout).toMatch(/Monte Carlo noise: not estimated for this output/);
  });
});

describe('the noise sentence', () => {
  const floor = (share: number) => ({
    variance: share,
    outputVariance: 1,
    share,
    method: 'binomial',
    runsPerPoint: 6,
    paired: null,
    belowNoise: ['a', 'b'],
  });
  it('reads S1 as scaled down by 1 minus the share below 100%', () => {
    const line = noiseLine({ noise: floor(0.3) })!;
    expect(line).toContain('30.0% of Var(Y)');
    expect(line).toContain('S1 is scaled down by 1 minus it');
  });
  it('at or above 100% says the spread is noise, not that S1 is scaled by a negative factor', () => {
    // Both variances are estimates: with few runs per point the noise one can exceed Var(Y) (1.019 was seen at 6 runs).
    const line = noiseLine({ noise: floor(1.019) })!;
    expect(line).toContain('101.9% of Var(Y), at or above 100%');
    expect(line).toContain('no S1 can be read');
    expect(line).not.toContain('1 minus it');
  });
});
