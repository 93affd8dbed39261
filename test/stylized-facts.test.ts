/**
 * The fast version of `truce facts` on the fitted model (the shipped posterior, as `truce facts` runs by
 * default): every stylized fact of docs/stylized-facts.md as an ensemble contrast. At this reduced size a
 * fact whose counted measures sit five standard errors or more from zero on the full-size check must hold
 * (95% interval on the expected side); the smaller ones must not fail and must point the expected way,
 * which at their size misses on about 1% of seeds or fewer. The full size on 20 seeds is
 * `node bench/facts-seeds.js` (docs/stylized-facts.md#on-20-seeds).
 */
import { describe, expect, it } from 'vitest';
import { runFacts } from '../src/app/facts.js';
import { loadPosterior } from '../src/app/posterior.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { builtIn } from './helpers/scenario.js';

describe('stylized facts on the fitted model (fast ensemble version of truce facts)', async () => {
  const posterior = loadPosterior('default', '');
  const results = await runFacts(builtIn(), { runs: 700, seed: 21, runner: threadPoolRunner(2), posterior });
  it('runs under the shipped posterior', () => expect(posterior.label).toMatch(/^default \(data\/posterior\.json/));
  it('covers facts 1 to 16', () =>
    expect(results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
  // Large effects (z of 5 or more at this size): required to hold.
  const MUST_HOLD = [6, 7, 9, 10, 11, 12, 13, 14];
  // Real but smaller (z of 2.5-4 at this size): the direction is required; the interval at full size.
  // Fact 2 holds by a wide margin under the refitted posterior and did not on 19 of 20 seeds under the one
  // before: its direction is required. Fact 15 (detection lag) holds since the stale gap
  // (docs/model/perception.md): +2.6 to +6.6 points at this size on seeds 1-14 and 20 (docs/stylized-facts.md), z of 2-5.
  // Fact 16 (relief) holds since relief buys a verified limit on rearmament (about z = 4 here; its interval is
  // required at 1,500 runs in test/sanctions-relief.test.ts).
  // (docs/stylized-facts.md#facts-2-15-and-16).
  const DIRECTION = [1, 2, 3, 4, 5, 8, 15, 16];
  for (const r of results) {
    it(`${r.id}. ${r.statement}`, () => {
      expect(['holds', 'fails', 'unresolved']).toContain(r.status);
      const counted = r.measures.filter((m) => !m.byConstruction && !m.informational);
      const show = (m: (typeof counted)[number]) => `${m.name}: ${m.a} -> ${m.b} [${m.lo}, ${m.hi}] (${m.status})`;
      if (MUST_HOLD.includes(r.id)) expect(counted.filter((m) => m.status !== 'holds').map(show)).toEqual([]);
      if (DIRECTION.includes(r.id)) {
        expect(counted.filter((m) => m.status === 'fails').map(show)).toEqual([]);
        const wrongWay = counted.filter((m) => {
          if (m.effect === null) return true;
          const zero = m.name.startsWith('hazard ratio') ? 1 : 0;
          return m.expected === 'decrease' ? m.effect >= zero : m.effect <= zero;
        });
        expect(wrongWay.map(show)).toEqual([]);
      }
    });
  }
});
