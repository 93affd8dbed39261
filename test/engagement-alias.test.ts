/**
 * The alias-table sampler of the Monte Carlo: its tables encode the exact
 * distributions, and its salvos follow the exact solver's distribution of
 * leakers (chi-square over the whole distribution, not only the mean) and,
 * where the exact method does not reach, the sequential sampler's (two-sample
 * chi-square). Critical values are at a false-alarm rate of 1e-9 per test, so
 * the tests hold on any seed; with 200,000 salvos they still detect a change
 * of 0.01 in the last layer's kill probability on the reference salvo (a
 * statistic about fifty times the critical value).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AliasSalvoSampler } from '../src/core/engagement/alias-sampler.js';
import { binomialPmf } from '../src/core/engagement/binomial-pmf.js';
import { BinomialTables, CellBudget } from '../src/core/engagement/binomial-tables.js';
import { binomial } from '../src/core/rng/binomial.js';
import { LayerChain } from '../src/core/engagement/layer-chain.js';
import { runMonteCarlo } from '../src/core/engagement/monte-carlo.js';
import { solveExact } from '../src/core/engagement/exact.js';
import { SalvoSampler } from '../src/core/engagement/salvo-sampler.js';
import type { Engagement } from '../src/core/engagement/types.js';
import { AliasTable } from '../src/core/rng/alias.js';
import { Stream } from '../src/core/rng/stream.js';

/** Upper 1e-9 quantile of chi-square with df degrees of freedom (Wilson-Hilferty; z = 6.0). */
function chiSquareCritical(df: number): number {
  const z = 6.0;
  const a = 2 / (9 * df);
  return df * Math.pow(1 - a + z * Math.sqrt(a), 3);
}

/** Pearson's statistic of observed counts against probabilities, pooling neighbouring cells until each expects at least 5. */
function chiSquareGoodness(observed: number[], probs: ArrayLike<number>, n: number): { stat: number; df: number } {
  const cells: [number, number][] = [];
  let o = 0;
  let e = 0;
  const len = Math.max(observed.length, probs.length);
  for (let k = 0; k < len; k++) {
    o += observed[k] ?? 0;
    e += n * (probs[k] ?? 0);
    if (e >= 5) {
      cells.push([o, e]);
      o = 0;
      e = 0;
    }
  }
  // The thin tail joins the last full cell.
  if (cells.length > 0) {
    cells[cells.length - 1][0] += o;
    cells[cells.length - 1][1] += e;
  } else cells.push([o, e]);
  const stat = cells.reduce((s, [oc, ec]) => s + ((oc - ec) * (oc - ec)) / ec, 0);
  return { stat, df: Math.max(1, cells.length - 1) };
}

/** Two-sample chi-square (equal sizes), pooling cells with fewer than 10 counts in total. */
function chiSquareTwoSample(a: number[], b: number[]): { stat: number; df: number } {
  let stat = 0;
  let df = -1;
  let pa = 0;
  let pb = 0;
  const len = Math.max(a.length, b.length);
  for (let k = 0; k < len; k++) {
    pa += a[k] ?? 0;
    pb += b[k] ?? 0;
    if (pa + pb >= 10 || k === len - 1) {
      if (pa + pb > 0) {
        stat += ((pa - pb) * (pa - pb)) / (pa + pb);
        df++;
      }
      pa = 0;
      pb = 0;
    }
  }
  return { stat, df: Math.max(1, df) };
}

const base = { unitCostUsd: 0, doctrine: 'barrage' as const, tracking: 1, inventory: Infinity, channels: Infinity };

const reference: Engagement = {
  threats: [{ type: 'ballistic', launched: 300, reliability: 1, unitCostUsd: 0, wave: 1 }],
  layers: [
    { ...base, name: 'l1', pKill: { ballistic: 0.8 }, shots: 2, channels: 200, inventory: 250 },
    { ...base, name: 'l2', pKill: { ballistic: 0.7 }, shots: 2, channels: 150, inventory: 250 },
    { ...base, name: 'l3', pKill: { ballistic: 0.75 }, shots: 1, channels: 100, inventory: 150 },
    { ...base, name: 'l4', pKill: { ballistic: 0.9 }, shots: 1, channels: 120, inventory: 400 },
  ],
  trackCapacity: Infinity,
  saturationPKillFactor: 0.5,
  warningMinutes: Infinity,
};

/** Tracking below 1, launch failures, two types, shoot-look-shoot within its inventory: all inside the exact method. */
const tracked: Engagement = {
  threats: [
    { type: 'drone', launched: 120, reliability: 0.9, unitCostUsd: 0, wave: 1 },
    { type: 'ballistic', launched: 80, reliability: 0.7, unitCostUsd: 0, wave: 2 },
  ],
  layers: [
    { ...base, name: 'fighters', pKill: { drone: 0.9 }, channels: 70, tracking: 0.8, shots: 1 },
    { ...base, name: 'upper', pKill: { ballistic: 0.6 }, channels: 30, inventory: 50, shots: 2, tracking: 0.95 },
    { ...base, name: 'lower', pKill: { ballistic: 0.7 }, shots: 2, tracking: 0.9, doctrine: 'shoot-look-shoot' },
    { ...base, name: 'point', pKill: { drone: 0.8 }, shots: 1, tracking: 0.85 },
  ],
  trackCapacity: Infinity,
  saturationPKillFactor: 0.5,
  warningMinutes: Infinity,
};

/** Beyond the exact method: track saturation and a shoot-look-shoot inventory that runs out. */
const beyond: Engagement = {
  ...tracked,
  trackCapacity: 100,
  layers: tracked.layers.map((l) =>
    l.name === 'lower' ? { ...l, inventory: 40, pKill: { ballistic: 0.7, drone: 0.5 } } : l,
  ),
};

function histogram(sample: (rng: Stream) => number, n: number, seed: number): number[] {
  const rng = Stream.derive(seed, 'alias-test');
  const h: number[] = [];
  for (let i = 0; i < n; i++) {
    const k = sample(rng);
    while (h.length <= k) h.push(0);
    h[k]++;
  }
  return h;
}

function totalLeaked(s: { leaked: Int32Array }): number {
  let k = 0;
  for (let t = 0; t < s.leaked.length; t++) k += s.leaked[t];
  return k;
}

describe('alias tables', () => {
  it('encode the weights they are given (Vose construction, reconstructed cell by cell)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: -5, max: 5 }),
        (w, lo) => {
          fc.pre(w.some((x) => x > 0));
          const total = w.reduce((s, x) => s + x, 0);
          const t = new AliasTable(w, lo);
          for (let i = 0; i < w.length; i++) if (Math.abs(t.probability(i) - w[i] / total) > 1e-12) return false;
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('draw from the binomial distribution they tabulate (chi-square)', () => {
    for (const [n, p] of [
      [3, 0.5],
      [125, 0.04],
      [66, 0.75],
      [1000, 0.3],
    ] as const) {
      const { lo, mass } = binomialPmf(n, p);
      const t = new AliasTable(mass, lo);
      const N = 200_000;
      const h = histogram((rng) => t.draw(rng), N, n);
      const probs = new Float64Array(n + 1);
      probs.set(mass, lo);
      const { stat, df } = chiSquareGoodness(h, probs, N);
      expect(stat, `Binomial(${n}, ${p})`).toBeLessThan(chiSquareCritical(df));
    }
  });

  it('a one-cell table returns its value and consumes no randomness', () => {
    const rng = Stream.derive(1);
    const ref = Stream.derive(1);
    expect(new AliasTable([3], 7).draw(rng)).toBe(7);
    expect(rng.uniform()).toBe(ref.uniform());
  });

  it('rejects weights that are not a distribution', () => {
    expect(() => new AliasTable([])).toThrow(/at least one/);
    expect(() => new AliasTable([0, 0])).toThrow(/sum to zero/);
    expect(() => new AliasTable([1, -1])).toThrow(/weight 1/);
  });
});

describe('binomial tables by count', () => {
  it('past the cell budget or the largest tabled count, draw exactly what binomial() draws', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 30 }),
        fc.nat(),
        (p, ns, seed) => {
          const spent = new BinomialTables(p, 1000, new CellBudget(0));
          const small = new BinomialTables(p, 5, new CellBudget(1e6));
          const a = Stream.derive(seed);
          const b = Stream.derive(seed);
          for (const n of ns) {
            if (spent.draw(a, n) !== binomial(b, n, p)) return false;
            if (n > 5 && small.draw(a, n) !== binomial(b, n, p)) return false;
          }
          return true;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('within budget, follow Binomial(n, p) for each count (chi-square)', () => {
    const tabs = new BinomialTables(0.3, 200, new CellBudget(1e6));
    const rng = Stream.derive(8);
    for (const n of [1, 17, 200]) {
      const N = 100_000;
      const h: number[] = [];
      for (let i = 0; i < N; i++) {
        const k = tabs.draw(rng, n);
        h[k] = (h[k] ?? 0) + 1;
      }
      const probs = new Float64Array(n + 1);
      const { lo, mass } = binomialPmf(n, 0.3);
      probs.set(mass, lo);
      const { stat, df } = chiSquareGoodness(
        Array.from(h, (x) => x ?? 0),
        probs,
        N,
      );
      expect(stat, `n = ${n}`).toBeLessThan(chiSquareCritical(df));
    }
  });
});

describe('the alias salvo sampler follows the exact distribution of leakers (chi-square)', () => {
  for (const [name, e] of [
    ['the reference salvo, with binding channels and inventories', reference],
    ['two types, two waves, tracking below 1, launch failures, shoot-look-shoot', tracked],
  ] as const) {
    it(name, () => {
      const ex = solveExact(e);
      const s = new AliasSalvoSampler(e);
      const N = 200_000;
      const h = histogram((rng) => (s.sample(rng), totalLeaked(s)), N, 21);
      const { stat, df } = chiSquareGoodness(h, ex.distribution, N);
      expect(stat).toBeLessThan(chiSquareCritical(df));
    });
  }
});

/** One type: tracking below 1, launch failures, capacities that bind (the joint-draw path, layer-chain.ts). */
const single: Engagement = {
  threats: [{ type: 'ballistic', launched: 250, reliability: 0.85, unitCostUsd: 0, wave: 1 }],
  layers: [
    { ...base, name: 'upper', pKill: { ballistic: 0.6 }, shots: 2, channels: 90, inventory: 150, tracking: 0.9 },
    { ...base, name: 'ew', pKill: {}, shots: 1 },
    { ...base, name: 'lower', pKill: { ballistic: 0.7 }, shots: 1, channels: 80, inventory: 400, tracking: 0.8 },
    { ...base, name: 'point', pKill: { ballistic: 0.5 }, shots: 3, inventory: 60, tracking: 0.95 },
  ],
  trackCapacity: Infinity,
  saturationPKillFactor: 0.5,
  warningMinutes: Infinity,
};

describe('joint draws of groups of layers (one class, fixed-shot doctrines)', () => {
  it('follow the exact distribution of leakers, and the exact per-layer means', () => {
    const ex = solveExact(single);
    const s = new AliasSalvoSampler(single);
    const N = 200_000;
    const h = histogram((rng) => (s.sample(rng), totalLeaked(s)), N, 41);
    const { stat, df } = chiSquareGoodness(h, ex.distribution, N);
    expect(stat).toBeLessThan(chiSquareCritical(df));
    const mc = runMonteCarlo(single, 100_000, 42);
    for (const layer of single.layers) {
      // Per-layer counts are bounded by the salvo (250) and by the layer's inventory: 6 standard errors of at most 250/sqrt(N).
      const tol = 6 * (250 / Math.sqrt(100_000));
      expect(Math.abs(mc.engagedByLayer[layer.name] - ex.engagedByLayer[layer.name])).toBeLessThan(tol);
      expect(Math.abs(mc.interceptorsUsed[layer.name] - ex.interceptorsUsed[layer.name])).toBeLessThan(
        tol * layer.shots,
      );
      expect(
        Math.abs((mc.killedByLayer[layer.name].ballistic ?? 0) - (ex.killedByLayer[layer.name].ballistic ?? 0)),
      ).toBeLessThan(tol);
    }
    expect(mc.engagedByLayer.ew).toBe(0);
  });

  it('past the table budget, the same stages drawn one by one follow the same law', () => {
    const chain = LayerChain.of(single, 1 << 13, 0);
    expect(chain).not.toBeNull();
    const ex = solveExact(single);
    const L = single.layers.length;
    const [engaged, killed, used] = [new Int32Array(L), new Int32Array(L), new Int32Array(L)];
    const N = 100_000;
    const h = histogram((rng) => chain!.run(rng, engaged, killed, used), N, 43);
    const { stat, df } = chiSquareGoodness(h, ex.distribution, N);
    expect(stat).toBeLessThan(chiSquareCritical(df));
  });

  it('apply only to one class of fixed-shot engagements', () => {
    expect(LayerChain.of(single, 1 << 13)).not.toBeNull();
    expect(LayerChain.of(tracked, 1 << 13)).toBeNull();
    expect(LayerChain.of({ ...single, trackCapacity: 100 }, 1 << 13)).toBeNull();
    expect(
      LayerChain.of(
        { ...single, layers: single.layers.map((l) => ({ ...l, doctrine: 'shoot-look-shoot' as const })) },
        1 << 13,
      ),
    ).toBeNull();
  });
});

/** Per-layer totals of counted salvos, and the launch, against the exact means: 6 standard errors of at most bound / sqrt(N). */
function expectExactMeans(e: Engagement, mc: ReturnType<typeof runMonteCarlo>, bound: number, N: number): void {
  const ex = solveExact(e);
  const tol = 6 * (bound / Math.sqrt(N));
  for (const t of e.threats) expect(Math.abs(mc.failedByType[t.type] - ex.failedByType[t.type])).toBeLessThan(tol);
  for (const layer of e.layers) {
    expect(Math.abs(mc.engagedByLayer[layer.name] - ex.engagedByLayer[layer.name])).toBeLessThan(tol);
    expect(Math.abs(mc.interceptorsUsed[layer.name] - ex.interceptorsUsed[layer.name])).toBeLessThan(tol * layer.shots);
    for (const t of e.threats) {
      const a = mc.killedByLayer[layer.name][t.type] ?? 0;
      expect(Math.abs(a - (ex.killedByLayer[layer.name][t.type] ?? 0))).toBeLessThan(tol);
    }
  }
}

describe('the Monte Carlo counts salvos by joint outcome (one class, fixed-shot doctrines)', () => {
  for (const [name, e, bound] of [
    ['the reference salvo', reference, 300],
    ['tracking below 1, launch failures, a layer that does not engage', single, 250],
  ] as const) {
    it(`${name}: leakers follow the exact distribution (chi-square), totals the exact means`, () => {
      expect(new AliasSalvoSampler(e).countable).toBe(true);
      const N = 200_000;
      const mc = runMonteCarlo(e, N, 51);
      const ex = solveExact(e);
      const { stat, df } = chiSquareGoodness(
        mc.histogram.map((p) => Math.round(p * N)),
        ex.distribution,
        N,
      );
      expect(stat).toBeLessThan(chiSquareCritical(df));
      expect(Math.abs(mc.leakersMean - ex.leakersMean)).toBeLessThan(6 * (ex.leakersSd / Math.sqrt(N)));
      expectExactMeans(e, mc, bound, N);
    });
  }

  it('past the table budget, counted stage by stage, the same law', () => {
    const chain = LayerChain.of(single, 1 << 13, 0)!;
    const N = 100_000;
    const h = new Float64Array(251);
    chain.countSalvos(Stream.derive(52, 'alias-test'), N, h);
    const ex = solveExact(single);
    const { stat, df } = chiSquareGoodness(Array.from(h), ex.distribution, N);
    expect(stat).toBeLessThan(chiSquareCritical(df));
    const L = single.layers.length;
    const [engaged, killed, used] = [new Float64Array(L), new Float64Array(L), new Float64Array(L)];
    const flying = { value: 0 };
    chain.addTotals(flying, engaged, killed, used);
    expect(Math.abs(flying.value / N - 250 * 0.85)).toBeLessThan(6 * (Math.sqrt(250 * 0.85 * 0.15) / Math.sqrt(N)));
    single.layers.forEach((layer, l) => {
      expect(Math.abs(engaged[l] / N - ex.engagedByLayer[layer.name])).toBeLessThan(6 * (250 / Math.sqrt(N)));
      expect(used[l]).toBe(engaged[l] * layer.shots);
    });
  });

  it('on random one-type engagements (limits, tracking, failures, layers that do not engage, empty salvos) follow the exact distribution', () => {
    const layerArb = fc.record({
      p: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: undefined }),
      shots: fc.integer({ min: 1, max: 3 }),
      channels: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 80 })),
      inventory: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 150 })),
      tracking: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    });
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 120 }),
        fc.oneof(fc.constant(1), fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.array(layerArb, { minLength: 0, maxLength: 4 }),
        fc.nat(),
        (launched, reliability, layers, seed) => {
          const e: Engagement = {
            threats: [{ type: 'ballistic', launched, reliability, unitCostUsd: 0, wave: 1 }],
            layers: layers.map((l, i) => ({
              ...base,
              name: `l${i}`,
              pKill: l.p === undefined ? ({} as Record<string, number>) : { ballistic: l.p },
              shots: l.shots,
              channels: l.channels,
              inventory: l.inventory,
              tracking: l.tracking,
            })),
            trackCapacity: Infinity,
            saturationPKillFactor: 0.5,
            warningMinutes: Infinity,
          };
          const N = 20_000;
          const mc = runMonteCarlo(e, N, seed);
          const ex = solveExact(e);
          const { stat, df } = chiSquareGoodness(
            mc.histogram.map((q) => Math.round(q * N)),
            ex.distribution,
            N,
          );
          return stat < chiSquareCritical(df);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('conserve threats: flown = killed + leaked, salvo by salvo summed over the run', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3000 }), fc.nat(), (samples, seed) => {
        const mc = runMonteCarlo(single, samples, seed);
        const flown = 250 - mc.failedByType.ballistic;
        let killed = 0;
        for (const layer of single.layers) killed += mc.killedByLayer[layer.name].ballistic ?? 0;
        const hMass = mc.histogram.reduce((s, p) => s + p, 0);
        return Math.abs(flown - killed - mc.leakersMean) < 1e-9 && Math.abs(hMass - 1) < 1e-9;
      }),
      { numRuns: 40 },
    );
  });
});

describe('beyond the exact method, it follows the sequential sampler (two-sample chi-square)', () => {
  it('with track saturation and a shoot-look-shoot inventory that runs out', () => {
    const N = 100_000;
    const a = new AliasSalvoSampler(beyond);
    const b = new SalvoSampler(beyond);
    const usedA: number[] = [];
    const usedB: number[] = [];
    const ha = histogram(
      (rng) => {
        a.sample(rng);
        usedA.push(a.used[2]);
        return totalLeaked(a);
      },
      N,
      31,
    );
    const hb = histogram(
      (rng) => {
        b.sample(rng);
        usedB.push(b.used[2]);
        return totalLeaked(b);
      },
      N,
      32,
    );
    const leak = chiSquareTwoSample(ha, hb);
    expect(leak.stat).toBeLessThan(chiSquareCritical(leak.df));
    const count = (xs: number[]) =>
      xs.reduce((h, x) => ((h[x] = (h[x] ?? 0) + 1), h), [] as number[]).map((x) => x ?? 0);
    const used = chiSquareTwoSample(count(usedA), count(usedB));
    expect(used.stat).toBeLessThan(chiSquareCritical(used.df));
  });

  it('conserves threats and respects channels and inventories on every salvo', () => {
    const s = new AliasSalvoSampler(beyond);
    const rng = Stream.derive(5);
    for (let i = 0; i < 2000; i++) {
      s.sample(rng);
      beyond.threats.forEach((t, k) => {
        let killed = 0;
        for (let l = 0; l < beyond.layers.length; l++) killed += s.killed[l * beyond.threats.length + k];
        expect(t.launched - s.flying[k] + killed + s.leaked[k]).toBe(t.launched);
      });
      beyond.layers.forEach((l, k) => {
        expect(s.engaged[k]).toBeLessThanOrEqual(l.channels);
        expect(s.used[k]).toBeLessThanOrEqual(l.inventory);
        if (l.doctrine === 'barrage') expect(s.used[k]).toBe(s.engaged[k] * l.shots);
      });
    }
  });
});
