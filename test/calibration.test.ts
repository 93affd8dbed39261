/**
 * One defence profile (scenarios/defense/israel-2024.yaml) must reproduce
 * both 2024 cases within the documented ranges of
 * docs/reference-cases.md; see docs/calibration.md.
 */
import { describe, expect, it } from 'vitest';
import { analyzeEngagement } from '../src/core/engagement/engage.js';
import { loadEngagement } from '../src/app/engagement.js';

describe('calibration of israel-2024 against the 2024 cases', () => {
  it('13-14 April 2024: at least 9 ballistic impacts (about 7-8% of launched); no drone or cruise reaches Israel', () => {
    const e = loadEngagement('scenarios/history/2024-04-13.yaml');
    const r = analyzeEngagement(e, { method: 'auto', samples: 50_000, seed: 1 });
    // 7% of the 110 launched (IDF) up to 16% of the ~65 that flew of the US upper count of 130.
    expect(r.leakers.byType.ballistic).toBeGreaterThanOrEqual(0.07 * 110);
    expect(r.leakers.byType.ballistic).toBeLessThanOrEqual(0.16 * 0.5 * 130);
    // "0 reaching Israeli territory": fewer than half a leaker expected.
    expect(r.leakers.byType.drone + r.leakers.byType.cruise).toBeLessThan(0.5);
    // US destroyers fired 4-7 SM-3 (April) and about 12 (October): one channel count between.
    expect(r.interceptorsUsed['sm-3']).toBeGreaterThanOrEqual(4);
    expect(r.interceptorsUsed['sm-3']).toBeLessThanOrEqual(12);
  });

  it('1 October 2024: more penetrating than April; 12-32 impacts at Nevatim alone (6-18% of launched) plus other sites', () => {
    const e = loadEngagement('scenarios/history/2024-10-01.yaml');
    const r = analyzeEngagement(e, { method: 'auto', samples: 50_000, seed: 1 });
    const share = r.leakers.mean / 180;
    expect(share).toBeGreaterThanOrEqual(0.06);
    // Nevatim's upper 18%, widened for the impacts at Tel Nof, Hod HaSharon, Gedera.
    expect(share).toBeLessThanOrEqual(0.25);
    const april = analyzeEngagement(loadEngagement('scenarios/history/2024-04-13.yaml'), {
      method: 'auto',
      samples: 20_000,
      seed: 1,
    });
    expect(r.leakers.mean / 180).toBeGreaterThan(april.leakers.byType.ballistic / 110);
  });
});
