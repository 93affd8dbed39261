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
  it('covers facts 1 to 16', () =>
    expect(results.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]));
  // Facts 10 (timing), 15 (detection lag) and 16 (relief) are reported, not required: on the built-in
  // scenario the hazard rises over the first year (the record's falls: a calibration target, issue 10),
  // and the lag and relief effects are too small to resolve at this size (docs/stylized-facts.md).
  const REPORTED_ONLY = [10, 15, 16];
  for (const r of results) {
    it(`${r.id}. ${r.statement}`, () => {
      expect(['holds', 'fails', 'unresolved']).toContain(r.status);
      if (REPORTED_ONLY.includes(r.id)) return;
      const failed = r.measures
        .filter((m) => !m.byConstruction && m.status !== 'holds')
        .map((m) => `${m.name}: ${m.a} -> ${m.b} [${m.lo}, ${m.hi}] (${m.status})`);
      expect(failed).toEqual([]);
    });
  }
});
