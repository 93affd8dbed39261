/**
 * What the coordinator and the workers agree on (docs/distributed.md): queue
 * and key names, the job id of a batch, the engine fingerprint, and the
 * first-writer-wins commit of a batch's result.
 *
 * A batch's job id is a hash of everything its result depends on: the engine
 * (package version and a hash of the compiled core), the seed, the horizon,
 * and for each chunk the content hash of its design point (the resolved
 * scenario: scenario file, parameter set, lever values, defence profiles) and
 * its replicate range (the chunk index). The same work therefore has the same
 * id wherever and however often it is submitted, and queues once.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { ChunkBatch } from '../core/ensemble/chunk.js';
import { PACKAGE_ROOT } from '../io/paths.js';
import { VERSION } from '../io/version.js';

/** BullMQ key prefix and queue name: every key truce writes starts with `truce:`. */
export const PREFIX = 'truce';
export const QUEUE_NAME = 'chunks';
export const JOB_NAME = 'batch';

export const resultKey = (jobId: string) => `${PREFIX}:result:${jobId}`;
export const workerKey = (id: string) => `${PREFIX}:worker:${id}`;
export const WORKERS_SET = `${PREFIX}:workers`;
/** Seconds a result stays in Redis: long enough to resume or share an analysis, short enough not to fill it. */
export const RESULT_TTL_SECONDS = 7 * 24 * 3600;

export interface JobData {
  engine: string;
  batch: ChunkBatch;
}

let engineCache: string | null = null;

/**
 * The engine's identity: the package version and a hash of the compiled
 * simulation code (dist/core and the batch runner). A worker refuses jobs of
 * another engine, so a machine with an older build cannot contribute results.
 */
export function engineId(): string {
  if (engineCache) return engineCache;
  const h = createHash('sha256');
  const dist = resolve(PACKAGE_ROOT, 'dist');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.js')) h.update(p.slice(dist.length)).update(readFileSync(p));
    }
  };
  try {
    walk(join(dist, 'core'));
    h.update(readFileSync(join(dist, 'shell', 'ensemble-worker.js')));
  } catch {
    throw new Error(`compiled engine missing under ${dist} (run npm run build)`);
  }
  engineCache = `${VERSION}+${h.digest('hex').slice(0, 12)}`;
  return engineCache;
}

export function jobIdOf(engine: string, batch: ChunkBatch): string {
  const h = createHash('sha256');
  h.update(JSON.stringify({ engine, seed: batch.seed, days: batch.days ?? null }));
  for (const c of batch.chunks) h.update(`|${batch.points[c.point].key}:${c.from}-${c.to}`);
  return h.digest('hex').slice(0, 40);
}

/** Describe a batch for messages: its points and replicates. */
export function describeBatch(points: readonly number[], batch: ChunkBatch): string {
  const first = batch.chunks[0];
  const last = batch.chunks[batch.chunks.length - 1];
  const pts = points.length === 1 ? `point ${points[0]}` : `points ${points[0]}-${points[points.length - 1]}`;
  return batch.chunks.length === 1
    ? `${pts}, replicates ${first.from}-${first.to - 1}`
    : `${pts}, ${batch.chunks.length} chunks (replicates ${first.from}-${last.to - 1} of the last)`;
}

/** Set the result if absent (first writer wins); otherwise return the result already there. */
const COMMIT = `
local cur = redis.call('GET', KEYS[1])
if cur then return cur end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return false
`;

export class DeterminismError extends Error {}

/**
 * Commit a batch's encoded result. If another delivery of the same job
 * committed first, the two must agree byte for byte: a difference means the
 * simulation is not a function of its inputs, which would make every answer
 * suspect, so it is an error, never a silent overwrite.
 */
export async function commitResult(redis: Redis, jobId: string, encoded: string): Promise<'committed' | 'confirmed'> {
  const prior = (await redis.callBuffer(
    'EVAL',
    COMMIT,
    1,
    resultKey(jobId),
    gzipSync(encoded),
    RESULT_TTL_SECONDS,
  )) as Buffer | null;
  if (prior === null) return 'committed';
  const before = gunzipSync(prior).toString('utf8');
  if (before !== encoded) {
    let at = 0;
    while (at < encoded.length && before[at] === encoded[at]) at++;
    throw new DeterminismError(
      `determinism violated: job ${jobId} was computed twice with different results (first difference at byte ${at}: ${JSON.stringify(before.slice(at, at + 40))} vs ${JSON.stringify(encoded.slice(at, at + 40))}); the engine must be a pure function of its inputs`,
    );
  }
  return 'confirmed';
}

/** A committed result as text, or null. */
export async function readResultText(redis: Redis, jobId: string): Promise<string | null> {
  const buf = await redis.getBuffer(resultKey(jobId));
  return buf ? gunzipSync(buf).toString('utf8') : null;
}
