/**
 * The fast version of `truce facts`: every stylized fact of docs/stylized-facts.md
 * as an ensemble contrast, each required to hold with 95% confidence.
 */
import { describe, expect, it } from 'vitest';
import { runFacts } from '../src/app/facts.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { builtIn } from './helpers/scenario.js';

describe('stylized facts (fast ensemble version of truce facts)', async () => {
  const results = await runFacts(builtIn(), { runs: 700, seed: 21, runner: threadPoolRunner(2) });
  it('covers facts 1 to 9', () => expect(results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]));
  for (const r of results) {
    it(`${r.id}. ${r.statement}`, () => {
      const failed = r.measures.filter((m) => !m.holds).map((m) => `${m.name}: ${m.a} -> ${m.b} [${m.lo}, ${m.hi}]`);
      expect(failed).toEqual([]);
    });
  }
});
