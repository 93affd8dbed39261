import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { binomial } from '../src/core/rng/binomial.js';
import { PoissonSites, poisson } from '../src/core/rng/poisson.js';
import { deriveStreamState, Stream } from '../src/core/rng/stream.js';
import { binomialPmfDense } from '../src/core/engagement/binomial-pmf.js';

/** xoroshiro128+ (Blackman and Vigna 2018, a=24, b=16, c=37) in 64-bit BigInt arithmetic, from the published C code. */
function referenceXoroshiro(s0: bigint, s1: bigint, count: number): bigint[] {
  const M = (1n << 64n) - 1n;
  const rotl = (x: bigint, k: bigint) => ((x << k) | (x >> (64n - k))) & M;
  const out: bigint[] = [];
  for (let i = 0; i < count; i++) {
    out.push((s0 + s1) & M);
    s1 ^= s0;
    s0 = rotl(s0, 24n) ^ s1 ^ ((s1 << 16n) & M);
    s1 = rotl(s1, 37n);
  }
  return out;
}

describe('Stream', () => {
  it('matches the reference xoroshiro128+ sequence (low 32 bits of each output)', () => {
    const words = deriveStreamState(2024, ['reference']);
    // pure-rand's state order: [s0 high, s0 low, s1 high, s1 low].
    const u = (x: number) => BigInt(x >>> 0);
    const s0 = (u(words[0]) << 32n) | u(words[1]);
    const s1 = (u(words[2]) << 32n) | u(words[3]);
    const expected = referenceXoroshiro(s0, s1, 1000).map((x) => Number(x & 0xffffffffn));
    const rng = Stream.fromState(words);
    const got = Array.from({ length: 1000 }, () => rng.nextUint32());
    expect(got).toEqual(expected);
  });

  it('derive gives the same stream for the same (seed, keys) and different streams otherwise', () => {
    const draw = (s: Stream) => Array.from({ length: 8 }, () => s.uniform());
    expect(draw(Stream.derive(7, 3, 'perception'))).toEqual(draw(Stream.derive(7, 3, 'perception')));
    const a = draw(Stream.derive(7, 3, 'perception'));
    expect(draw(Stream.derive(7, 4, 'perception'))).not.toEqual(a);
    expect(draw(Stream.derive(8, 3, 'perception'))).not.toEqual(a);
    expect(draw(Stream.derive(7, 3, 'credibility'))).not.toEqual(a);
  });

  it('uniform lies in [0, 1) and has mean 1/2 and variance 1/12', () => {
    const rng = Stream.derive(1, 'uniform');
    const n = 200_000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const x = rng.uniform();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
      sumSq += x * x;
    }
    const mean = sum / n;
    expect(Math.abs(mean - 0.5)).toBeLessThan(4 * Math.sqrt(1 / 12 / n));
    expect(Math.abs(sumSq / n - mean * mean - 1 / 12)).toBeLessThan(0.002);
  });

  it('rejects a negative or fractional seed', () => {
    expect(() => Stream.derive(-1)).toThrow(/seed/);
    expect(() => Stream.derive(1.5)).toThrow(/seed/);
  });
});

/** Pearson chi-square of draws against a pmf, pooling cells with expected count < 5. */
function chiSquare(counts: number[], pmf: ArrayLike<number>, n: number): { stat: number; df: number } {
  let stat = 0;
  let df = -1;
  let poolObs = 0;
  let poolExp = 0;
  for (let k = 0; k < pmf.length; k++) {
    poolObs += counts[k] ?? 0;
    poolExp += n * pmf[k];
    if (poolExp >= 5) {
      stat += (poolObs - poolExp) ** 2 / poolExp;
      df++;
      poolObs = 0;
      poolExp = 0;
    }
  }
  if (poolExp > 0) stat += (poolObs - poolExp) ** 2 / Math.max(poolExp, 1e-9);
  return { stat, df: Math.max(df, 1) };
}

describe('binomial sampler', () => {
  // Both regimes: inversion (small mean) and the beta split (large mean), and p > 1/2.
  const cases: [number, number][] = [
    [10, 0.3],
    [125, 0.96],
    [300, 0.05],
    [1000, 0.5],
    [5000, 0.2],
    [200, 0.75],
  ];
  for (const [n, p] of cases) {
    it(`Binomial(${n}, ${p}) draws fit the pmf (chi-square, fixed seed)`, () => {
      const rng = Stream.derive(11, 'binomial', n, String(p));
      const draws = 40_000;
      const counts: number[] = new Array(n + 1).fill(0);
      for (let i = 0; i < draws; i++) counts[binomial(rng, n, p)]++;
      const { stat, df } = chiSquare(counts, binomialPmfDense(n, p), draws);
      // Mean of chi-square is df, sd sqrt(2 df): 6 sd above the mean is far beyond chance.
      expect(stat).toBeLessThan(df + 6 * Math.sqrt(2 * df));
    });
  }

  it('stays within [0, n] for any n and p', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat(),
        (n, p, seed) => {
          const x = binomial(Stream.derive(seed), n, p);
          return Number.isInteger(x) && x >= 0 && x <= n;
        },
      ),
    );
  });
});

describe('poisson sampler', () => {
  for (const lambda of [0.7, 12, 80]) {
    it(`Poisson(${lambda}) has mean and variance lambda`, () => {
      const rng = Stream.derive(3, 'poisson', lambda);
      const n = 60_000;
      let sum = 0;
      let sumSq = 0;
      for (let i = 0; i < n; i++) {
        const x = poisson(rng, lambda);
        sum += x;
        sumSq += x * x;
      }
      const mean = sum / n;
      expect(Math.abs(mean - lambda)).toBeLessThan(5 * Math.sqrt(lambda / n));
      expect(Math.abs(sumSq / n - mean * mean - lambda) / lambda).toBeLessThan(0.05);
    });
  }

  it("PoissonSites' shortcut: any uniform below 1 - lambda - 1e-15 is at most exp(-lambda)", () => {
    // The largest double below the threshold is the worst case of a count of 0 decided without the exp.
    const below = (x: number) => {
      const v = new DataView(new ArrayBuffer(8));
      v.setFloat64(0, x);
      v.setBigUint64(0, v.getBigUint64(0) + (x > 0 ? -1n : 1n));
      return v.getFloat64(0);
    };
    fc.assert(
      fc.property(
        fc.oneof(
          fc.double({ min: 0, max: 30, noNaN: true, minExcluded: true }),
          fc.double({ min: 1e-300, max: 1e-6, noNaN: true }),
        ),
        (lambda) => {
          const threshold = 1 - lambda - 1e-15;
          return threshold <= 0 || below(threshold) <= Math.exp(-lambda);
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('PoissonSites draw what poisson() draws, bit for bit, from the same uniforms', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(0, -1, 0.05, 0.05, 0.05, 2.5, 29.999, 30, 45),
            fc.double({ min: 0, max: 60, noNaN: true }),
          ),
          { minLength: 1, maxLength: 60 },
        ),
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        (lambdas, seed, nSites) => {
          // Draws rotate over the sites, so each site sees means change and repeat.
          const a = Stream.derive(seed, 'site');
          const b = Stream.derive(seed, 'site');
          const sites = new PoissonSites(nSites);
          for (let i = 0; i < lambdas.length; i++) {
            const k = i % nSites;
            sites.rate[k] = lambdas[i];
            if (sites.draw(a, k) !== poisson(b, lambdas[i])) return false;
          }
          return a.uniform() === b.uniform();
        },
      ),
      { numRuns: 300 },
    );
  });
});
