/** Ensembles: identical results on any number of workers; streamed aggregation; summaries. */
import { describe, expect, it } from 'vitest';
import { addOutcome, emptyAccumulator, mergeAccumulator } from '../src/core/ensemble/accumulator.js';
import { runChunk } from '../src/core/ensemble/chunk.js';
import { summarizeArm } from '../src/core/ensemble/summarize.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { runEnsemble } from '../src/shell/ensemble.js';
import { builtIn, model } from './helpers/scenario.js';
import { truce } from './helpers/cli.js';
import { resolveLoaded } from '../src/cli/load-scenario.js';

describe('worker-count invariance', () => {
  it('truce compare --json is byte-identical for --workers 1 and --workers 2 (several chunks per arm)', () => {
    const args = ['compare', '--runs', '600', '--seed', '4', '--days', '200', '--json', '--no-store'];
    const one = truce([...args, '--workers', '1']);
    const two = truce([...args, '--workers', '2']);
    expect(one.code).toBe(0);
    expect(two.stdout).toBe(one.stdout);
    const j = JSON.parse(one.stdout);
    expect(j.arms).toHaveLength(2);
    expect(j.arms[0].runs).toBe(600);
  });

  it('the pool and the main thread give the same accumulators', async () => {
    const loaded = builtIn();
    const r = resolveLoaded(loaded, 'transactional-freeze', {});
    const point = { scenario: r.scenario, profiles: loaded.profiles };
    const [serial] = await runEnsemble([point], { runs: 520, seed: 3, workers: 1, days: 150 });
    const [pooled] = await runEnsemble([point], { runs: 520, seed: 3, workers: 2, days: 150 });
    expect(pooled).toEqual(serial);
  });
});

describe('streamed aggregation', () => {
  it('merging chunk accumulators in order equals folding every run into one', () => {
    const m = model();
    const whole = emptyAccumulator(120);
    for (let r = 0; r < 90; r++) addOutcome(whole, runCeasefire(m, { seed: 2, replicate: r, days: 120 }).outcome);
    const merged = runChunk(m, 2, 0, 40, 120);
    mergeAccumulator(merged, runChunk(m, 2, 40, 90, 120));
    expect(merged.runs).toBe(90);
    expect(merged.eventsByDay).toEqual(whole.eventsByDay);
    expect(merged.firstCrosser).toEqual(whole.firstCrosser);
    expect(merged.metrics.interceptorsUsed.counts).toEqual(whole.metrics.interceptorsUsed.counts);
  });

  it('an accumulator has the same size after 50 runs and after 500', () => {
    const m = model();
    const size = (n: number) => JSON.stringify(runChunk(m, 1, 0, n, 100)).length;
    const a = size(50);
    const b = size(500);
    // Counts grow in digits only; the structure does not grow with runs.
    expect(b / a).toBeLessThan(1.3);
  });

  it('summaries: S(0) = 1, S non-increasing, band contains S, P(collapse by T) = 1 - S(T)', () => {
    const acc = runChunk(model(), 5, 0, 300, 365);
    const s = summarizeArm(acc, { label: 'x', framework: 'transactional-freeze', levers: {} });
    expect(s.survival[0].s).toBe(1);
    for (let d = 1; d < s.survival.length; d++) {
      expect(s.survival[d].s).toBeLessThanOrEqual(s.survival[d - 1].s);
      expect(s.survival[d].lo).toBeLessThanOrEqual(s.survival[d].s + 1e-12);
      expect(s.survival[d].hi).toBeGreaterThanOrEqual(s.survival[d].s - 1e-12);
    }
    expect(s.pCollapse.estimate).toBeCloseTo(1 - s.survival[365].s, 12);
    expect(s.pCollapseBy['365'].estimate).toBeCloseTo(s.pCollapse.estimate, 12);
    const shares = Object.values(s.firstCrosser).reduce((t, x) => t + x, 0);
    expect(shares).toBeCloseTo(s.collapsed > 0 ? 1 : 0, 12);
  });
});
