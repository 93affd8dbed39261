/** Monte Carlo against exact on limited configurations, conservation per sample, determinism. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactBeyondScope, solveExact } from '../src/core/engagement/exact.js';
import { runMonteCarlo } from '../src/core/engagement/monte-carlo.js';
import { SalvoSampler } from '../src/core/engagement/salvo-sampler.js';
import type { Engagement, Layer } from '../src/core/engagement/types.js';
import { Stream } from '../src/core/rng/stream.js';

const base = { unitCostUsd: 0, doctrine: 'barrage' as const, tracking: 1, inventory: Infinity, channels: Infinity };

/** The reference salvo of issue 2's benchmark. */
const reference: Engagement = {
  threats: [{ type: 'ballistic', launched: 300, reliability: 1, unitCostUsd: 1e6, wave: 1 }],
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

const mixed: Engagement = {
  threats: [
    { type: 'drone', launched: 120, reliability: 0.9, unitCostUsd: 35e3, wave: 1 },
    { type: 'cruise', launched: 30, reliability: 0.85, unitCostUsd: 5e5, wave: 1 },
    { type: 'ballistic', launched: 80, reliability: 0.6, unitCostUsd: 1e6, wave: 2 },
  ],
  layers: [
    { ...base, name: 'fighters', pKill: { drone: 0.9 }, channels: 70, tracking: 0.8, shots: 1 },
    { ...base, name: 'upper', pKill: { ballistic: 0.6 }, channels: 30, inventory: 50, shots: 2 },
    { ...base, name: 'lower', pKill: { ballistic: 0.7 }, shots: 1, tracking: 0.9, doctrine: 'shoot-look-shoot' },
    { ...base, name: 'point', pKill: { drone: 0.8, cruise: 0.7 }, shots: 1 },
  ],
  trackCapacity: Infinity,
  saturationPKillFactor: 0.5,
  warningMinutes: Infinity,
};

function agree(e: Engagement, samples: number, seed: number) {
  const ex = solveExact(e);
  const mc = runMonteCarlo(e, samples, seed);
  const se = mc.standardError.leakersMean;
  expect(Math.abs(mc.leakersMean - ex.leakersMean)).toBeLessThan(4 * se + 1e-9);
  expect(Math.abs(mc.pZero - ex.pZero)).toBeLessThan(4 * Math.sqrt((ex.pZero * (1 - ex.pZero)) / samples) + 1e-9);
  for (const [name, used] of Object.entries(ex.interceptorsUsed)) {
    // Interceptor use is bounded by channels x shots; 4 standard errors of a bounded mean.
    expect(Math.abs(mc.interceptorsUsed[name] - used)).toBeLessThan(Math.max(0.05, 0.01 * used));
  }
  // Distributions agree cell by cell within 4 binomial standard errors.
  for (let k = 0; k < ex.distribution.length; k++) {
    const p = ex.distribution[k];
    const f = mc.histogram[k] ?? 0;
    expect(Math.abs(f - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / samples) + 3 / samples);
  }
}

describe('Monte Carlo agrees with exact (within 4 standard errors)', () => {
  it('on the reference salvo with channel and inventory limits', () => agree(reference, 100_000, 5));
  it('on a mixed salvo whose limited layers engage one type each', () => agree(mixed, 100_000, 6));
  it('with tracking below 1 and binding channels', () => {
    const e: Engagement = {
      ...reference,
      layers: reference.layers.map((l, i) => ({ ...l, tracking: 0.7 + 0.05 * i })),
    };
    agree(e, 100_000, 7);
  });
});

const layerArb: fc.Arbitrary<Layer> = fc.record({
  name: fc.constant('x'),
  pKill: fc.record({
    drone: fc.double({ min: 0, max: 1, noNaN: true }),
    ballistic: fc.double({ min: 0, max: 1, noNaN: true }),
  }),
  tracking: fc.double({ min: 0, max: 1, noNaN: true }),
  doctrine: fc.constantFrom('barrage' as const, 'shoot-look-shoot' as const),
  shots: fc.integer({ min: 1, max: 4 }),
  inventory: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 300 })),
  channels: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 300 })),
  unitCostUsd: fc.constant(1),
});

const engagementArb: fc.Arbitrary<Engagement> = fc.record({
  threats: fc
    .tuple(
      fc.integer({ min: 0, max: 400 }),
      fc.integer({ min: 0, max: 400 }),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.integer({ min: 1, max: 2 }),
    )
    .map(([d, b, r, w]) => [
      { type: 'drone', launched: d, reliability: r, unitCostUsd: 1, wave: 1 },
      { type: 'ballistic', launched: b, reliability: 1 - r / 2, unitCostUsd: 1, wave: w },
    ]),
  layers: fc.array(layerArb, { minLength: 1, maxLength: 5 }).map((ls) => ls.map((l, i) => ({ ...l, name: `l${i}` }))),
  trackCapacity: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 500 })),
  saturationPKillFactor: fc.double({ min: 0, max: 1, noNaN: true }),
  warningMinutes: fc.constant(Infinity),
});

describe('salvo sampler invariants (property)', () => {
  it('conserves threats per type, never exceeds channels or inventory, never goes negative', () => {
    fc.assert(
      fc.property(engagementArb, fc.nat(), (e, seed) => {
        const s = new SalvoSampler(e);
        const rng = Stream.derive(seed);
        for (let rep = 0; rep < 5; rep++) {
          s.sample(rng);
          e.threats.forEach((t, i) => {
            let killed = 0;
            for (let l = 0; l < e.layers.length; l++) killed += s.killed[l * e.threats.length + i];
            const failed = t.launched - s.flying[i];
            if (failed < 0 || s.leaked[i] < 0 || killed < 0) throw new Error('negative count');
            if (failed + killed + s.leaked[i] !== t.launched) throw new Error(`not conserved for ${t.type}`);
          });
          e.layers.forEach((l, i) => {
            if (s.engaged[i] > l.channels) throw new Error('channels exceeded');
            if (s.used[i] > l.inventory) throw new Error('inventory exceeded');
            if (s.inventoryLeft[i] < 0) throw new Error('negative inventory');
            if (l.doctrine === 'barrage' && s.used[i] !== s.engaged[i] * l.shots)
              throw new Error('barrage must fire its full number of shots');
          });
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });

  it('exact distributions sum to one and conserve means wherever exact applies', () => {
    fc.assert(
      fc.property(engagementArb, (e) => {
        const small = {
          ...e,
          trackCapacity: Infinity,
          layers: e.layers.map((l) => ({ ...l, pKill: { ballistic: l.pKill.ballistic } })),
          threats: [e.threats[1]],
        };
        fc.pre(exactBeyondScope(small) === null);
        const ex = solveExact(small);
        const total = ex.distribution.reduce((s, x) => s + x, 0);
        const killed = Object.values(ex.killedByLayer).reduce((s, m) => s + (m.ballistic ?? 0), 0);
        return (
          Math.abs(total - 1) < 1e-9 &&
          Math.abs(ex.failedByType.ballistic + killed + ex.leakersMean - small.threats[0].launched) < 1e-6
        );
      }),
      { numRuns: 100 },
    );
  });

  it('same seed, same result', () => {
    expect(runMonteCarlo(mixed, 5000, 42)).toEqual(runMonteCarlo(mixed, 5000, 42));
    expect(runMonteCarlo(mixed, 5000, 42).leakersMean).not.toEqual(runMonteCarlo(mixed, 5000, 43).leakersMean);
  });
});

describe('saturation', () => {
  it('threats beyond track capacity in a wave are killed with degraded probability, so leakers grow faster than the salvo', () => {
    const layers: Layer[] = [{ ...base, name: 'a', pKill: { ballistic: 0.9 }, shots: 1 }];
    const mk = (n: number): Engagement => ({
      threats: [{ type: 'ballistic', launched: n, reliability: 1, unitCostUsd: 0, wave: 1 }],
      layers,
      trackCapacity: 100,
      saturationPKillFactor: 0.5,
      warningMinutes: Infinity,
    });
    const small = runMonteCarlo(mk(100), 20_000, 1).leakersMean;
    const large = runMonteCarlo(mk(200), 20_000, 1).leakersMean;
    expect(small).toBeCloseTo(10, 0);
    // 100 tracked leak 0.1 each, 100 saturated leak 0.55 each.
    expect(large).toBeCloseTo(65, 0);
    expect(large / small).toBeGreaterThan(2);
  });
});
