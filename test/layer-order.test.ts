/**
 * A layer engages in arrival order with no priority by type (audit6a C6): when early threats use up its channels,
 * `truce engage` says so and what changes it. Expectations from the model's rule, worked by hand.
 */
import { describe, expect, it } from 'vitest';
import { analyzeEngagement } from '../src/core/engagement/engage.js';
import { channelsSpentEarly } from '../src/core/engagement/layer-order.js';
import type { Engagement, Layer } from '../src/core/engagement/types.js';

const longRange: Layer = {
  name: 'long-range',
  pKill: { drone: 0.3, ballistic: 0.6 },
  tracking: 1,
  doctrine: 'barrage',
  shots: 1,
  inventory: Infinity,
  channels: 10,
  unitCostUsd: 0,
};

function salvo(order: ('drone' | 'ballistic')[]): Engagement {
  const n = { drone: 20, ballistic: 5 };
  return {
    threats: order.map((type) => ({ type, launched: n[type], reliability: 1, unitCostUsd: 0, wave: 1 })),
    layers: [longRange],
    trackCapacity: Infinity,
    saturationPKillFactor: 0.5,
    warningMinutes: Infinity,
  };
}

// Two types compete for the channels, so the exact method declines; 20,000 salvos put the mean kills within
// 0.05 of their expectation (over 5 standard errors) on any seed. Engaged counts and zero kills are exact.
const MC = { method: 'monte-carlo' as const, samples: 20_000, seed: 7 };

describe('channels spent on the threats that arrive first', () => {
  it('20 drones before 5 ballistic missiles, 10 channels: all go to drones, every missile leaks, and the note says so', () => {
    const e = salvo(['drone', 'ballistic']);
    const r = analyzeEngagement(e, MC);
    // By hand: the first 10 drones take the 10 channels (3 kills expected); no missile is engaged.
    expect(r.engagedByLayer['long-range']).toBeCloseTo(10, 9);
    expect(Math.abs(r.killedByLayer['long-range'].drone - 3)).toBeLessThan(0.05);
    expect(r.killedByLayer['long-range'].ballistic).toBe(0);
    expect(r.leakers.byType.ballistic).toBeCloseTo(5, 9);
    const notes = channelsSpentEarly(e, r);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/^long-range spent its 10 channels .* killed almost no ballistic: /);
    expect(notes[0]).toContain('change `arrivalOrder`, or leave drone out of its `engages`');
  });

  it('the missiles first: 5 engaged (3 kills expected), 5 channels left for drones; no note', () => {
    const e = salvo(['ballistic', 'drone']);
    const r = analyzeEngagement(e, MC);
    expect(Math.abs(r.killedByLayer['long-range'].ballistic - 3)).toBeLessThan(0.05);
    expect(Math.abs(r.killedByLayer['long-range'].drone - 1.5)).toBeLessThan(0.05);
    expect(channelsSpentEarly(e, r)).toEqual([]);
  });

  it('channels to spare: no note', () => {
    const e = { ...salvo(['drone', 'ballistic']), layers: [{ ...longRange, channels: 100 }] };
    const r = analyzeEngagement(e, MC);
    expect(channelsSpentEarly(e, r)).toEqual([]);
  });
});
