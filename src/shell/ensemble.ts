/**
 * Run an ensemble of design points across worker threads (piscina). Chunks
 * have a fixed size and are merged per point in chunk order as they arrive
 * (buffering only the few that finish early), so results are identical for
 * any number of workers and memory does not grow with the number of runs.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { DefenseProfile } from '../core/engagement/schema.js';
import { emptyAccumulator, mergeAccumulator, type ArmAccumulator } from '../core/ensemble/accumulator.js';
import { CHUNK_SIZE, planChunks } from '../core/ensemble/chunk.js';
import type { CeasefireScenario } from '../core/scenario/ceasefire-schema.js';
import { PACKAGE_ROOT } from '../cli/paths.js';
import { runTaskWith, type ChunkTask, type PointData } from './ensemble-worker.js';

export interface DesignPoint {
  scenario: CeasefireScenario;
  profiles: Record<string, DefenseProfile>;
}

export interface EnsembleOptions {
  runs: number;
  seed: number;
  workers: number;
  days?: number;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  /** Called when a point's runs are all merged (points may finish out of order). */
  onPointDone?: (point: number, acc: ArmAccumulator) => void;
  signal?: AbortSignal;
}

export function scenarioKey(p: DesignPoint): string {
  return createHash('sha256').update(JSON.stringify([p.scenario, p.profiles])).digest('hex').slice(0, 24);
}

/** Workers load the compiled module (under the test runner this file is TypeScript; `npm test` builds first). */
function workerFile(): string {
  const built = resolve(PACKAGE_ROOT, 'dist', 'shell', 'ensemble-worker.js');
  if (!existsSync(built)) throw new Error(`worker module missing: ${built} (run npm run build)`);
  return pathToFileURL(built).href;
}

export async function runEnsemble(points: readonly DesignPoint[], opts: EnsembleOptions): Promise<ArmAccumulator[]> {
  const horizon = opts.days ?? points[0]?.scenario.horizonDays ?? 365;
  const keys = points.map(scenarioKey);
  const chunks = planChunks(points.length, opts.runs);
  const perPoint = Math.ceil(opts.runs / CHUNK_SIZE);
  const merged = points.map(() => emptyAccumulator(horizon));
  const pending: Map<number, ArmAccumulator>[] = points.map(() => new Map());
  const nextChunk = points.map(() => 0);
  let done = 0;
  const total = points.length * opts.runs;

  const accept = (point: number, chunk: number, acc: ArmAccumulator, runs: number) => {
    pending[point].set(chunk, acc);
    while (pending[point].has(nextChunk[point])) {
      mergeAccumulator(merged[point], pending[point].get(nextChunk[point])!);
      pending[point].delete(nextChunk[point]);
      nextChunk[point]++;
    }
    done += runs;
    opts.onProgress?.(done, total);
    if (nextChunk[point] === perPoint) opts.onPointDone?.(point, merged[point]);
  };

  const pointData: PointData[] = points.map((p, i) => ({ key: keys[i], scenario: p.scenario, profiles: p.profiles }));
  const task = (i: number): ChunkTask => {
    const c = chunks[i];
    return { point: c.point, seed: opts.seed, from: c.from, to: c.to, days: opts.days };
  };

  if (opts.workers <= 1) {
    for (let i = 0; i < chunks.length; i++) {
      if (opts.signal?.aborted) throw new Error('aborted');
      accept(chunks[i].point, chunks[i].chunk, runTaskWith(pointData, task(i)), chunks[i].to - chunks[i].from);
      // Let signals and progress rendering through between chunks.
      await new Promise((r) => setImmediate(r));
    }
    return merged;
  }

  const pool = new Piscina({
    filename: workerFile(),
    minThreads: opts.workers,
    maxThreads: opts.workers,
    idleTimeout: 1000,
    workerData: { points: pointData },
    // A worker's live heap is about 12 MB whatever the number of runs; a cap makes V8 collect
    // before growing, so resident memory stays flat in long ensembles.
    resourceLimits: { maxOldGenerationSizeMb: 128 },
  });
  try {
    const inFlightLimit = opts.workers * 3;
    let next = 0;
    await new Promise<void>((resolveAll, reject) => {
      let inFlight = 0;
      const launch = () => {
        while (inFlight < inFlightLimit && next < chunks.length) {
          if (opts.signal?.aborted) return reject(new Error('aborted'));
          const i = next++;
          inFlight++;
          (pool.run(task(i)) as Promise<ArmAccumulator>).then(
            (acc) => {
              inFlight--;
              accept(chunks[i].point, chunks[i].chunk, acc, chunks[i].to - chunks[i].from);
              if (next >= chunks.length && inFlight === 0) resolveAll();
              else launch();
            },
            (err) => reject(err),
          );
        }
      };
      if (chunks.length === 0) resolveAll();
      else launch();
    });
  } finally {
    await pool.destroy();
  }
  return merged;
}
