/** Ensembles: identical results on any number of workers; streamed aggregation; summaries. */
import { describe, expect, it } from 'vitest';
import { addOutcome, emptyAccumulator, mergeAccumulator } from '../src/core/ensemble/accumulator.js';
import fc from 'fast-check';
import {
  CHUNK_SIZE,
  MAX_POINTS_PER_BATCH,
  decodeAccumulators,
  encodeAccumulators,
  planBatches,
  planChunks,
  runChunk,
} from '../src/core/ensemble/chunk.js';
import { summarizeArm } from '../src/core/ensemble/summarize.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { mainThreadExecutor, runEnsemble, streamEnsemble, type BatchExecutor } from '../src/shell/ensemble.js';
import { builtIn, model } from './helpers/scenario.js';
import { truce } from './helpers/cli.js';
import { resolveArm as resolveLoaded } from '../src/app/scenario.js';

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

describe('chunks and batches (the format the pool and the queue share)', () => {
  it('batches partition the chunk sequence in (point, chunk) order, each within its run budget or a single chunk', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 7 }),
        fc.integer({ min: 1, max: 1300 }),
        fc.integer({ min: 1, max: 3000 }),
        (points, runs, perBatch) => {
          const chunks = [...planChunks(points, runs)];
          const batches = [...planBatches(points, runs, perBatch)];
          expect(batches.flat()).toEqual(chunks);
          for (const b of batches) {
            const size = b.reduce((t, c) => t + c.to - c.from, 0);
            expect(b.length === 1 || size <= perBatch).toBe(true);
            expect(new Set(b.map((c) => c.point)).size).toBeLessThanOrEqual(MAX_POINTS_PER_BATCH);
          }
          // Every point's replicates 0..runs-1 are covered once, in chunks of CHUNK_SIZE.
          for (let p = 0; p < points; p++) {
            const mine = chunks.filter((c) => c.point === p);
            expect(mine.map((c) => c.chunk)).toEqual(mine.map((_, i) => i));
            expect(mine.reduce((t, c) => t + c.to - c.from, 0)).toBe(runs);
            expect(mine.every((c) => c.from === c.chunk * CHUNK_SIZE)).toBe(true);
          }
        },
      ),
    );
  });

  it('the wire encoding gives back every number exactly, infinities, NaN and -0 included', () => {
    const acc = runChunk(model(), 7, 0, 20, 60);
    const special = fc.oneof(fc.double(), fc.constantFrom(Infinity, -Infinity, NaN, -0, 0));
    fc.assert(
      fc.property(special, special, (a, b) => {
        const x = structuredClone(acc);
        x.metrics.openingLeakers.min = a;
        x.attributionSum[Object.keys(x.attributionSum)[0] as keyof typeof x.attributionSum] = b;
        const [back] = decodeAccumulators(encodeAccumulators([x]));
        expect(Object.is(back.metrics.openingLeakers.min, a)).toBe(true);
        expect(back).toEqual(x);
        expect(encodeAccumulators([back])).toBe(encodeAccumulators([x]));
      }),
    );
  });

  it('the answer does not depend on the batch size or the window: byte-identical accumulators', async () => {
    const loaded = builtIn();
    const points = ['transactional-freeze', 'structural-architecture'].map((f) => ({
      scenario: resolveLoaded(loaded, f, {}).scenario,
      profiles: loaded.profiles,
    }));
    const opts = { runs: 620, seed: 9, workers: 1, days: 90 };
    const reference = await runEnsemble(points, opts);
    const seen: number[] = [];
    for (const [runsPerBatch, window] of [
      [600, 1],
      [1000, 3],
      [250, 5],
    ]) {
      const base = mainThreadExecutor();
      const executor: BatchExecutor = {
        ...base,
        window,
        runsPerBatch,
        run: (b, i) => {
          seen.push(b.chunks.length);
          // Finish out of order: later batches resolve first.
          return new Promise((r) => setTimeout(r, (window - (i % window)) * 2)).then(() => base.run(b, i, []));
        },
      };
      const got: number[] = [];
      const accs = await runEnsemble(points, { ...opts, executor, onPointDone: (p) => got.push(p) });
      expect(got).toEqual([0, 1]);
      expect(encodeAccumulators(accs)).toBe(encodeAccumulators(reference));
    }
    expect(Math.max(...seen)).toBeGreaterThan(1);
  });

  it('a point source is read in order, once per batch that needs it, never ahead of the window', async () => {
    const loaded = builtIn();
    const point = { scenario: resolveLoaded(loaded, 'transactional-freeze', {}).scenario, profiles: loaded.profiles };
    const reads: number[] = [];
    let folded = -1;
    await streamEnsemble(
      {
        count: 12,
        get: (i) => {
          reads.push(i);
          expect(i - folded).toBeLessThanOrEqual(2);
          return point;
        },
      },
      {
        runs: 10,
        seed: 1,
        workers: 1,
        days: 30,
        executor: { ...mainThreadExecutor(), window: 2, runsPerBatch: 10 },
        onPointDone: (i) => (folded = i),
      },
    );
    expect(reads).toEqual([...Array(12).keys()]);
  });
});
