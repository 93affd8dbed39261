/**
 * Exact engine against the closed forms and published vectors of
 * docs/test-vectors.md.
 */
import { describe, expect, it } from 'vitest';
import {
  killProbability,
  leakProbability,
  pZeroLeakers,
  shootLookShoot,
  shotsForTarget,
} from '../src/core/engagement/closed-form.js';
import { solveExact } from '../src/core/engagement/exact.js';
import type { Engagement, Layer } from '../src/core/engagement/types.js';

function layer(name: string, p: number, shots: number, extra: Partial<Layer> = {}): Layer {
  return {
    name,
    pKill: { ballistic: p },
    tracking: 1,
    doctrine: 'barrage',
    shots,
    inventory: Infinity,
    channels: Infinity,
    unitCostUsd: 0,
    ...extra,
  };
}

function salvo(n: number, layers: Layer[], reliability = 1): Engagement {
  return {
    threats: [{ type: 'ballistic', launched: n, reliability, unitCostUsd: 0, wave: 1 }],
    layers,
    trackCapacity: Infinity,
    saturationPKillFactor: 0.5,
    warningMinutes: Infinity,
  };
}

describe('closed forms (published vectors)', () => {
  it('300 threats each leaking with 0.05: P(>=1 leaker) = 0.99999979246 [UCSC]', () => {
    expect(1 - pZeroLeakers(300, 0.05)).toBeCloseTo(0.99999979246, 10);
  });
  it('4 threats with kill probability 0.8: all killed 0.4096, none killed 0.0016 [textbook]', () => {
    expect(pZeroLeakers(4, 0.2)).toBeCloseTo(0.4096, 12);
    expect(Math.pow(0.2, 4)).toBeCloseTo(0.0016, 12);
  });
  it('SSPK 0.5 and 4 shots: K = 0.9375 [UCS]; SSPK 0.56 and 4 shots: K = 0.96252 [Panda and Narang]', () => {
    expect(killProbability(0.5, 4)).toBe(0.9375);
    expect(killProbability(0.56, 4)).toBeCloseTo(0.96252, 5);
  });
  it('shoot-look-shoot, SSPK 0.8, 2 opportunities: K = 0.96, 1.2 interceptors per threat', () => {
    const s = shootLookShoot(0.8, 2);
    expect(s.kill).toBeCloseTo(0.96, 12);
    expect(s.expectedShots).toBeCloseTo(1.2, 12);
  });
  it('P0 0.90, W 10, t 1, p 0.8 needs a barrage of 3; a tracking ceiling below K_req is infeasible', () => {
    expect(shotsForTarget(0.9, 10, 0.8)).toBe(3);
    // K_req = 0.9^(1/10) = 0.98952 > tracking 0.98.
    expect(shotsForTarget(0.9, 10, 0.8, 0.98)).toBe(Infinity);
  });
});

describe('solveExact without limits equals the closed forms', () => {
  it('SSPK 0.8, 2 shots, W = 10: P0 = 0.96^10 = 0.6648', () => {
    const r = solveExact(salvo(10, [layer('a', 0.8, 2)]));
    expect(r.pZero).toBeCloseTo(Math.pow(0.96, 10), 12);
    expect(r.pZero).toBeCloseTo(0.6648, 4);
  });

  it('leakers through independent layers are Binomial(W, prod(1 - K_l)), including tracking', () => {
    const layers = [layer('a', 0.7, 2, { tracking: 0.9 }), layer('b', 0.5, 1), layer('c', 0.85, 3, { tracking: 0.8 })];
    const L = leakProbability(layers.map((l) => killProbability(l.pKill.ballistic, l.shots, l.tracking)));
    const W = 40;
    const r = solveExact(salvo(W, layers));
    expect(r.pZero).toBeCloseTo(pZeroLeakers(W, L), 12);
    expect(r.leakersMean).toBeCloseTo(W * L, 10);
    expect(r.leakersSd).toBeCloseTo(Math.sqrt(W * L * (1 - L)), 10);
    // Full distribution: C(W,k) L^k (1-L)^(W-k).
    let c = 1;
    for (let k = 0; k <= 5; k++) {
      expect(r.distribution[k]).toBeCloseTo(c * L ** k * (1 - L) ** (W - k), 12);
      c = (c * (W - k)) / (k + 1);
    }
  });

  it('reliability thins the salvo: a failed launch is neither engaged nor a leaker', () => {
    const r = solveExact(salvo(100, [layer('a', 0.9, 1)], 0.5));
    expect(r.failedByType.ballistic).toBeCloseTo(50, 10);
    expect(r.leakersMean).toBeCloseTo(100 * 0.5 * 0.1, 10);
    expect(r.interceptorsUsed.a).toBeCloseTo(50, 10);
  });

  it('shoot-look-shoot uses (1 - (1-p)^k) / p interceptors per threat', () => {
    const r = solveExact(salvo(50, [layer('a', 0.8, 2, { doctrine: 'shoot-look-shoot' })]));
    expect(r.interceptorsUsed.a).toBeCloseTo(60, 10);
    expect(r.leakersMean).toBeCloseTo(50 * 0.04, 10);
  });

  it('a channel limit lets exactly the excess through unengaged', () => {
    // 10 threats, 6 channels, perfect interceptor: 4 leak for certain.
    const r = solveExact(salvo(10, [layer('a', 1, 1, { channels: 6 })]));
    expect(r.distribution[4]).toBeCloseTo(1, 12);
    expect(r.interceptorsUsed.a).toBeCloseTo(6, 12);
  });

  it('a barrage layer engages floor(inventory / shots) threats at most', () => {
    const r = solveExact(salvo(10, [layer('a', 1, 2, { inventory: 7 })]));
    expect(r.distribution[7]).toBeCloseTo(1, 12);
    expect(r.interceptorsUsed.a).toBeCloseTo(6, 12);
  });

  it('distributions sum to one and means are conserved: launched = failed + killed + leaked', () => {
    const e = salvo(
      300,
      [
        layer('a', 0.8, 2, { channels: 200, inventory: 250 }),
        layer('b', 0.7, 2, { channels: 150, inventory: 250, tracking: 0.9 }),
        layer('c', 0.75, 1, { channels: 100, inventory: 150 }),
        layer('d', 0.9, 1, { channels: 120, inventory: 400 }),
      ],
      0.9,
    );
    const r = solveExact(e);
    const total = r.distribution.reduce((s, x) => s + x, 0);
    expect(total).toBeCloseTo(1, 12);
    const killed = Object.values(r.killedByLayer).reduce((s, m) => s + (m.ballistic ?? 0), 0);
    expect(r.failedByType.ballistic + killed + r.leakersMean).toBeCloseTo(300, 9);
  });
});
