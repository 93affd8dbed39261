/**
 * The unit of ensemble work: replicates [from, to) of one design point, run
 * and folded into an accumulator. Pure, so a worker thread and the main
 * thread compute the same thing.
 */
import type { Model } from '../engine/model.js';
import { runCeasefire } from '../engine/run.js';
import { addOutcome, emptyAccumulator, type ArmAccumulator } from './accumulator.js';

/** Replicates per chunk: fixed, so chunk boundaries (and merge order) never depend on the worker count. */
export const CHUNK_SIZE = 250;

export function runChunk(model: Model, seed: number, from: number, to: number, days?: number): ArmAccumulator {
  const horizon = days ?? model.horizonDays;
  const acc = emptyAccumulator(horizon);
  for (let r = from; r < to; r++) addOutcome(acc, runCeasefire(model, { seed, replicate: r, days: horizon }).outcome);
  return acc;
}

export interface ChunkRange {
  point: number;
  chunk: number;
  from: number;
  to: number;
}

/** Chunks of every design point, in (point, replicate) order. */
export function planChunks(points: number, runs: number): ChunkRange[] {
  const out: ChunkRange[] = [];
  for (let p = 0; p < points; p++) {
    for (let c = 0, from = 0; from < runs; c++, from += CHUNK_SIZE) out.push({ point: p, chunk: c, from, to: Math.min(runs, from + CHUNK_SIZE) });
  }
  return out;
}
