/**
 * Worker thread: runs a batch of chunks (src/core/ensemble/chunk.ts). The
 * batch carries its own design points; the model of a point is built once and
 * kept in a small cache by the point's key, since consecutive batches usually
 * share points. The same code runs in the main thread with --workers 1 and in
 * `truce worker` for the queue.
 */
import { buildModel, type Model } from '../core/engine/model.js';
import { runBatch, type ChunkBatch, type KeyedPoint } from '../core/ensemble/chunk.js';
import type { ArmAccumulator } from '../core/ensemble/accumulator.js';
import { applyEngineEnvironment } from './engine-env.js';

applyEngineEnvironment();

const models = new Map<string, Model>();

export function modelFor(p: KeyedPoint): Model {
  let m = models.get(p.key);
  if (!m) {
    if (models.size >= 32) models.delete(models.keys().next().value!);
    m = buildModel(p.scenario, p.profiles);
    models.set(p.key, m);
  }
  return m;
}

export function runBatchHere(batch: ChunkBatch): ArmAccumulator[] {
  return runBatch(batch, modelFor);
}

export default runBatchHere;
