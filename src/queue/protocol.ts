/**
 * What the coordinator and the workers agree on (docs/distributed.md): queue
 * and key names, the job id of a batch, the engine fingerprint, and the
 * first-writer-wins commit of a batch's result.
 *
 * A batch's job id is a hash of everything its result depends on: the engine
 * (package version and a hash of the compiled code that decides a result), the seed, the horizon,
 * and for each chunk the content hash of its design point (the resolved
 * scenario: scenario file, parameter set, lever values, defence profiles) and
 * its replicate range (the chunk index). The same work therefore has the same
 * id wherever and however often it is submitted, and queues once.
 *
 * Calibration jobs (calibrate, validate, forecast) are tasks over a case set
 * (src/app/simulate-cases.ts): their id hashes the engine, the content hash
 * of the case set and parameter definitions, and the task itself (the
 * parameter vector or posterior draws, runs, seed, horizon, and the case and
 * first replicate, which name the chunk).
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Redis } from 'ioredis';
import type { ChunkBatch } from '../core/ensemble/chunk.js';
import type { CalibrationData, CalibrationTask } from '../shell/calibration-worker.js';
import { PACKAGE_ROOT } from '../io/paths.js';
import { codeFingerprint } from '../io/engine.js';

/** BullMQ key prefix and queue name: every key truce writes starts with `truce:`. */
export const PREFIX = 'truce';
export const QUEUE_NAME = 'chunks';
export const JOB_NAME = 'batch';

export const resultKey = (jobId: string) => `${PREFIX}:result:${jobId}`;
export const workerKey = (id: string) => `${PREFIX}:worker:${id}`;
export const WORKERS_SET = `${PREFIX}:workers`;
/** Seconds a result stays in Redis: long enough to resume or share an analysis, short enough not to fill it. */
export const RESULT_TTL_SECONDS = 7 * 24 * 3600;

/** A job: an ensemble batch, or a calibration task with its case set. */
export type JobData =
  { engine: string; batch: ChunkBatch; cases?: undefined } | { engine: string; cases: CaseJob; batch?: undefined };

export interface CaseJob {
  /** Content hash of `data` (caseSetKey). */
  key: string;
  data: CalibrationData;
  task: CalibrationTask;
}

let engineCache: string | null = null;

/**
 * The engine's identity: the package version and a hash of the compiled code that decides a result
 * (dist/core, the batch and calibration runners and the other modules of RESULT_MODULES, src/io/engine.ts).
 * The same function as the engine stored with every experiment: a worker refuses jobs of another engine,
 * so a machine with an older build cannot contribute results.
 */
export function engineId(): string {
  engineCache ??= codeFingerprint(resolve(PACKAGE_ROOT, 'dist'), '.js');
  return engineCache;
}

export function jobIdOf(engine: string, batch: ChunkBatch): string {
  const h = createHash('sha256');
  // A batch that returns per-run rows is other work than one that does not: the results differ in
  // bytes, so they must not share an id (ids of batches without rows are as before).
  h.update(
    JSON.stringify({ engine, seed: batch.seed, days: batch.days ?? null, ...(batch.perRun ? { perRun: true } : {}) }),
  );
  for (const c of batch.chunks) h.update(`|${batch.points[c.point].key}:${c.from}-${c.to}`);
  return h.digest('hex').slice(0, 40);
}

/** The content key of a case set and its parameter definitions. */
export function caseSetKey(data: CalibrationData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex').slice(0, 24);
}

export function caseJobIdOf(engine: string, key: string, task: CalibrationTask): string {
  return createHash('sha256')
    .update(JSON.stringify({ engine, cases: key, task }))
    .digest('hex')
    .slice(0, 40);
}

export function describeCaseTask(task: CalibrationTask): string {
  return task.kind === 'loglik'
    ? `log-likelihood of one parameter vector, ${task.runs} runs per case, seed ${task.seed}`
    : `case ${task.caseIndex}, replicates ${task.firstReplicate}-${task.firstReplicate + task.runs - 1}, seed ${task.seed}`;
}

/**
 * A calibration task's result on the wire: its type and the little-endian
 * bytes of its values, so every number (and -Infinity, a log-likelihood of
 * an impossible outcome) comes back exactly and duplicates compare byte for byte.
 */
export function encodeValues(values: Float64Array | Int32Array): string {
  const f64 = values instanceof Float64Array;
  const bytes = new Uint8Array(values.length * (f64 ? 8 : 4));
  const view = new DataView(bytes.buffer);
  values.forEach((v, i) => (f64 ? view.setFloat64(i * 8, v, true) : view.setInt32(i * 4, v, true)));
  return `${f64 ? 'f64' : 'i32'}:${Buffer.from(bytes).toString('base64')}`;
}

export function decodeValues(text: string): Float64Array | Int32Array {
  const m = /^(f64|i32):([A-Za-z0-9+/=]*)$/.exec(text);
  if (!m) throw new Error('not an encoded array of values');
  const bytes = Buffer.from(m[2], 'base64');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = m[1] === 'f64' ? 8 : 4;
  if (bytes.length % size !== 0) throw new Error(`${bytes.length} bytes is not a whole number of ${m[1]} values`);
  const n = bytes.length / size;
  if (m[1] === 'f64') return Float64Array.from({ length: n }, (_, i) => view.getFloat64(i * 8, true));
  return Int32Array.from({ length: n }, (_, i) => view.getInt32(i * 4, true));
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
