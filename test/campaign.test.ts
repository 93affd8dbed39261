import { describe, expect, it } from 'vitest';
import { feasibleSalvo, normalizeCampaign, runCampaign, type Campaign } from '../src/core/engagement/campaign.js';
import { campaignSpecSchema } from '../src/core/engagement/campaign-schema.js';
import type { Engagement } from '../src/core/engagement/types.js';

function campaign(over: Partial<Campaign> = {}): Campaign {
  const engagement: Engagement = {
    threats: [{ type: 'ballistic', launched: 10, reliability: 1, unitCostUsd: 1, wave: 1 }],
    layers: [
      {
        name: 'a',
        pKill: { ballistic: 1 },
        tracking: 1,
        doctrine: 'barrage',
        shots: 1,
        inventory: 25,
        channels: Infinity,
        unitCostUsd: 2,
      },
    ],
    trackCapacity: Infinity,
    saturationPKillFactor: 0.5,
    warningMinutes: Infinity,
  };
  return {
    days: 5,
    engagement,
    stocks: [1000],
    launcherBound: [true],
    launchers: 100,
    launchesPerLauncherPerDay: 1,
    launcherLossPerDay: 0,
    plan: Array.from({ length: 5 }, () => [10]),
    production: [0],
    resupplyPerDay: [0],
    resupplyFromDay: [1],
    resupplyTotal: [Infinity],
    preemption: { measure: 'share', zeroPenetrationTolerance: 0.5 },
    ...over,
  };
}

describe('runCampaign', () => {
  it('a deterministic war runs a layer dry on the day its stock is spent: 25 interceptors at 10 a day last into day 3', () => {
    const r = runCampaign(campaign(), 50, 1);
    expect(r.dryDay.a.byDay).toEqual([0, 0, 50, 0, 0]);
    expect(r.days.map((d) => d.interceptorsLeft.a.mean)).toEqual([15, 5, 0, 0, 0]);
    // Day 3: 5 intercepted, 5 leak; days 4-5: all 10 leak.
    expect(r.days.map((d) => d.leakersMean)).toEqual([0, 0, 5, 10, 10]);
    // Expected leakers against the tolerance's share of launches (the ceasefire engine's measure):
    // day 3 leaks exactly half (at the tolerance 0.5), day 4 all of them.
    expect(r.preemptionDay).toBe(4);
  });

  it("the ceasefire engine's measure: fear = leakers / tolerance + weight x depletion, closed form on the deterministic war", () => {
    // 10 threats fly a day against 25, 15, 5, 0, 0 interceptors on hand; leakers 0, 0, 5, 10, 10.
    const fear = (tol: number, w: number) =>
      runCampaign(campaign({ preemption: { measure: 'fear', leakerTolerance: tol, depletionWeight: w } }), 20, 3);
    const r = fear(20, 1);
    const expected = [10 / 25, 10 / 15, 5 / 20 + 1, 10 / 20 + 1, 10 / 20 + 1];
    r.days.forEach((d, i) => expect(d.fear).toBeCloseTo(expected[i], 12));
    expect(r.days.map((d) => d.finiteStocksMean)).toEqual([25, 15, 5, 0, 0]);
    expect(r.days.map((d) => d.flyingMean)).toEqual([10, 10, 10, 10, 10]);
    // Depletion alone does not reach 1 until the stock cannot cover the wave (day 3).
    expect(r.preemptionDay).toBe(3);
    expect(r.zeroPenetrationTolerance).toBeNull();
    // Without the depletion term, leakers of 10 never exceed a tolerance of 20; a tolerance of 4 is exceeded on day 3.
    expect(fear(20, 0).preemptionDay).toBeNull();
    expect(fear(4, 0).preemptionDay).toBe(3);
    // A heavier depletion weight brings it forward: 2 x 10/15 > 1 on day 2.
    expect(fear(20, 2).preemptionDay).toBe(2);
  });

  it('a campaign file chooses its test: the ceasefire measure by default and with leakerTolerance; the share test only when it alone is set', () => {
    const base = {
      name: 'x',
      days: 2,
      threats: { ballistic: { reliability: 1, unitCostUsd: 1, wave: 1 } },
      layers: [{ name: 'a', engages: { ballistic: 0.5 }, inventory: 10 }],
      attacker: { stocks: { ballistic: 100 }, launchers: 10 },
      plan: [{ fromDay: 1, salvo: { ballistic: 5 } }],
    };
    const test = (defender?: object) =>
      normalizeCampaign(campaignSpecSchema.parse(defender ? { ...base, defender } : base)).preemption;
    expect(test()).toEqual({ measure: 'fear', leakerTolerance: 20, depletionWeight: 1 });
    expect(test({ leakerTolerance: 8 })).toEqual({ measure: 'fear', leakerTolerance: 8, depletionWeight: 1 });
    expect(test({ zeroPenetrationTolerance: 0.3 })).toEqual({ measure: 'share', zeroPenetrationTolerance: 0.3 });
    expect(test({ zeroPenetrationTolerance: 0.3, depletionWeight: 0.5 })).toEqual({
      measure: 'fear',
      leakerTolerance: 20,
      depletionWeight: 0.5,
    });
  });

  it('pre-emption pressure follows expected leakers, not P(at least one leaker): a large wave with a few leakers stays within tolerance', () => {
    // 200 threats a day, 1 in 100 leaks on average: P(at least one leaker) is about 0.87 every day, the leak fraction 0.01.
    const base = campaign();
    const c = campaign({
      engagement: {
        ...base.engagement,
        threats: [{ ...base.engagement.threats[0], launched: 200 }],
        layers: [{ ...base.engagement.layers[0], pKill: { ballistic: 0.99 }, inventory: Infinity }],
      },
      plan: Array.from({ length: 5 }, () => [200]),
      preemption: { measure: 'share', zeroPenetrationTolerance: 0.05 },
    });
    const r = runCampaign(c, 400, 4);
    expect(r.days.every((d) => d.pLeak > 0.5)).toBe(true);
    expect(r.preemptionDay).toBeNull();
  });

  it('conserves interceptors: left = start - used + production + resupply', () => {
    const c = campaign({ production: [2], resupplyPerDay: [3], resupplyFromDay: [2], resupplyTotal: [5] });
    const r = runCampaign(c, 20, 2);
    let expected = 25;
    r.days.forEach((d, i) => {
      expected += -d.interceptorsUsed.a + 2 + (i + 1 >= 2 ? Math.min(3, Math.max(0, 5 - 3 * (i - 1))) : 0);
      expect(d.interceptorsLeft.a.mean).toBeCloseTo(expected, 9);
    });
  });

  it('launchers bound the salvo; stocks cap it', () => {
    expect(feasibleSalvo([100, 50], [1000, 1000], [true, false], 40)).toEqual([40, 50]);
    expect(feasibleSalvo([100, 50], [30, 10], [true, false], 400)).toEqual([30, 10]);
    const r = runCampaign(campaign({ launchers: 4 }), 10, 3);
    expect(r.days[0].launched.ballistic).toBe(4);
  });

  it('the same seed gives the same report; replicates are independent of how many run', () => {
    const c = campaign({
      engagement: {
        ...campaign().engagement,
        layers: [{ ...campaign().engagement.layers[0], pKill: { ballistic: 0.7 } }],
      },
    });
    expect(runCampaign(c, 30, 9)).toEqual(runCampaign(c, 30, 9));
  });
});
