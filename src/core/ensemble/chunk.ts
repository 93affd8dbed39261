/**
 * The unit of ensemble work and its wire format, shared by the local thread
 * pool and the Redis queue (docs/distributed.md).
 *
 * A *chunk* is replicates [from, to) of one design point, folded into one
 * accumulator. Chunks have a fixed size (`CHUNK_SIZE`), so chunk boundaries,
 * and therefore the order of floating-point sums, never depend on how many
 * workers or machines run them. A *batch* is a run of consecutive chunks in
 * (point, chunk) order that travels as one message; it carries the design
 * points its chunks need and nothing else, so a worker never sees the whole
 * design and memory stays flat in the number of points. A batch returns one
 * accumulator per chunk, and the coordinator folds them per point in chunk
 * order: the answer does not depend on the batch size either.
 */
import type { DefenseProfile } from '../engagement/schema.js';
import type { Model } from '../engine/model.js';
import { runCeasefire } from '../engine/run.js';
import type { CeasefireScenario } from '../scenario/ceasefire-schema.js';
import { causalAttribution } from '../engine/causal.js';
import { addCausal, addOutcome, emptyAccumulator, type ArmAccumulator } from './accumulator.js';
import { perRunRow } from './per-run.js';

/** Replicates per chunk: fixed, so chunk boundaries (and merge order) never depend on the worker count. */
export const CHUNK_SIZE = 250;

/** A resolved scenario and the defence profiles it names: one point of a design. */
export interface DesignPoint {
  scenario: CeasefireScenario;
  profiles: Record<string, DefenseProfile>;
  /**
   * First replicate of this point's runs (default 0). Posterior draws of one
   * arm take disjoint replicate ranges, so D draws x R runs are D x R
   * independent runs rather than R random paths repeated D times; draw d of
   * every arm takes the same range, which keeps common random numbers.
   */
  replicateOffset?: number;
}

/** A design point with a content key (a hash of the point), so a worker builds each model once. */
export interface KeyedPoint extends DesignPoint {
  key: string;
}

export interface ChunkRange {
  /** Index of the design point in the analysis. */
  point: number;
  /** Index of the chunk within its point. */
  chunk: number;
  from: number;
  to: number;
}

/** What travels to a worker: consecutive chunks and the points they need. */
export interface ChunkBatch {
  seed: number;
  days?: number;
  /** The distinct design points of the batch, each once. */
  points: KeyedPoint[];
  /** The chunks in (point, chunk) order; `point` indexes `points`. */
  chunks: { point: number; from: number; to: number }[];
  /** Also return each run's row (`ArmAccumulator.runRows`, src/core/ensemble/per-run.ts). */
  perRun?: boolean;
}

/**
 * Causal attribution replays every collapse of one replicate in CAUSAL_STRIDE
 * (replicates r with r % CAUSAL_STRIDE === 0): a fixed, worker-independent
 * sample that bounds its cost (up to 8 partial replays per sampled collapse).
 */
export const CAUSAL_STRIDE = 4;

export function runChunk(
  model: Model,
  seed: number,
  from: number,
  to: number,
  days?: number,
  replicateOffset = 0,
  perRun = false,
): ArmAccumulator {
  const horizon = days ?? model.horizonDays;
  const acc = emptyAccumulator(horizon);
  if (perRun) acc.runRows = [];
  for (let r = from + replicateOffset; r < to + replicateOffset; r++) {
    const o = runCeasefire(model, { seed, replicate: r, days: horizon }).outcome;
    addOutcome(acc, o);
    const row = acc.runRows ? perRunRow(r, o) : null;
    if (row) acc.runRows!.push(row);
    if (o.collapsed && r % CAUSAL_STRIDE === 0) {
      const c = causalAttribution(model, seed, r, o.day!);
      addCausal(acc, c.shares, c.explained);
      if (row) row.causal = { shares: c.shares, explained: c.explained };
    }
  }
  return acc;
}

/** Run every chunk of a batch; `modelFor` builds (or recalls) the model of a point. One accumulator per chunk. */
export function runBatch(batch: ChunkBatch, modelFor: (p: KeyedPoint) => Model): ArmAccumulator[] {
  return batch.chunks.map((c) => {
    const p = batch.points[c.point];
    return runChunk(modelFor(p), batch.seed, c.from, c.to, batch.days, p.replicateOffset ?? 0, batch.perRun ?? false);
  });
}

export function chunksPerPoint(runs: number): number {
  return Math.ceil(runs / CHUNK_SIZE);
}

/** Chunks of every design point, in (point, chunk) order, generated lazily. */
export function* planChunks(points: number, runs: number): Generator<ChunkRange> {
  for (let p = 0; p < points; p++) {
    for (let c = 0, from = 0; from < runs; c++, from += CHUNK_SIZE)
      yield { point: p, chunk: c, from, to: Math.min(runs, from + CHUNK_SIZE) };
  }
}

/** Design points per batch at most: a batch's message and the models a worker builds for it stay small even with few runs per point. */
export const MAX_POINTS_PER_BATCH = 16;

/**
 * Group the chunk sequence into batches of at most `runsPerBatch` runs and
 * `MAX_POINTS_PER_BATCH` points (at least one chunk each). Boundaries are a
 * function of (points, runs, runsPerBatch) only, so two coordinators of the
 * same analysis cut the same batches.
 */
export function* planBatches(points: number, runs: number, runsPerBatch: number): Generator<ChunkRange[]> {
  let batch: ChunkRange[] = [];
  let size = 0;
  let distinct = 0;
  for (const c of planChunks(points, runs)) {
    const n = c.to - c.from;
    const fresh = batch.length === 0 || batch[batch.length - 1].point !== c.point;
    if (batch.length > 0 && (size + n > runsPerBatch || (fresh && distinct === MAX_POINTS_PER_BATCH))) {
      yield batch;
      batch = [];
      size = 0;
      distinct = 0;
    }
    if (batch.length === 0 || batch[batch.length - 1].point !== c.point) distinct++;
    batch.push(c);
    size += n;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Accumulators on the wire: JSON, with the numbers JSON cannot carry
 * (infinities of empty histograms, NaN, negative zero) tagged, so decoding
 * gives back exactly the numbers that were encoded and two encodings of equal
 * accumulators are equal byte for byte.
 */
export function encodeAccumulators(accs: readonly ArmAccumulator[]): string {
  return JSON.stringify(accs, (_k, v: unknown) =>
    typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0))
      ? { '~n': Object.is(v, -0) ? '-0' : String(v) }
      : v,
  );
}

export function decodeAccumulators(text: string): ArmAccumulator[] {
  return JSON.parse(text, (_k, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const tag = (v as Record<string, unknown>)['~n'];
      if (typeof tag === 'string' && Object.keys(v).length === 1) return tag === '-0' ? -0 : Number(tag);
    }
    return v;
  }) as ArmAccumulator[];
}
