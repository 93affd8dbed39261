/**
 * Worker thread: builds the model of a design point once (cached by key) and
 * runs chunks of replicates. The same pure `runChunk` runs in the main thread
 * when --workers is 1.
 */
import { workerData } from 'node:worker_threads';
import type { DefenseProfile } from '../core/engagement/schema.js';
import { buildModel, type Model } from '../core/engine/model.js';
import { runChunk } from '../core/ensemble/chunk.js';
import type { ArmAccumulator } from '../core/ensemble/accumulator.js';
import type { CeasefireScenario } from '../core/scenario/ceasefire-schema.js';

export interface PointData {
  key: string;
  scenario: CeasefireScenario;
  profiles: Record<string, DefenseProfile>;
}

/** A chunk names its design point by index: the points reach each worker once, as workerData. */
export interface ChunkTask {
  point: number;
  seed: number;
  from: number;
  to: number;
  days?: number;
}

const models = new Map<string, Model>();

export function modelFor(task: PointData): Model {
  let m = models.get(task.key);
  if (!m) {
    if (models.size > 64) models.clear();
    m = buildModel(task.scenario, task.profiles);
    models.set(task.key, m);
  }
  return m;
}

/** Run a chunk against the given points (the main thread passes its own; workers use workerData). */
export function runTaskWith(points: readonly PointData[], task: ChunkTask): ArmAccumulator {
  return runChunk(modelFor(points[task.point]), task.seed, task.from, task.to, task.days);
}

export default function runTask(task: ChunkTask): ArmAccumulator {
  return runTaskWith((workerData as { points: PointData[] }).points, task);
}
