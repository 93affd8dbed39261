/**
 * Queue job ids (src/queue/protocol.ts): the same work gets the same id, and
 * work whose result differs in bytes never shares one. A batch that returns
 * per-run rows is such work: before, it shared the id of the same batch
 * without rows, so a committed result without rows could be reused where
 * rows were wanted, or two deliveries could differ and trip the determinism
 * check.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ChunkBatch } from '../src/core/ensemble/chunk.js';
import { jobIdOf } from '../src/queue/protocol.js';

const batch = (seed: number, days: number | undefined, from: number, to: number, perRun?: boolean): ChunkBatch => ({
  seed,
  days,
  points: [{ key: 'point-a' } as ChunkBatch['points'][number]],
  chunks: [{ point: 0, from, to }],
  ...(perRun === undefined ? {} : { perRun }),
});

describe('queue job ids', () => {
  it('are equal for the same work, and differ when per-run rows are asked for', () => {
    fc.assert(
      fc.property(
        fc.nat(1e6),
        fc.option(fc.integer({ min: 1, max: 3650 }), { nil: undefined }),
        fc.nat(1000),
        fc.integer({ min: 1, max: 1000 }),
        (seed, days, from, n) => {
          const plain = jobIdOf('e1', batch(seed, days, from, from + n));
          expect(jobIdOf('e1', batch(seed, days, from, from + n))).toBe(plain);
          // `perRun: false` is the same work as no flag (ids of older batches do not move).
          expect(jobIdOf('e1', batch(seed, days, from, from + n, false))).toBe(plain);
          expect(jobIdOf('e1', batch(seed, days, from, from + n, true))).not.toBe(plain);
          expect(jobIdOf('e2', batch(seed, days, from, from + n))).not.toBe(plain);
          expect(jobIdOf('e1', batch(seed + 1, days, from, from + n))).not.toBe(plain);
          expect(jobIdOf('e1', batch(seed, days, from, from + n + 1))).not.toBe(plain);
        },
      ),
      { numRuns: 200 },
    );
  });
});
