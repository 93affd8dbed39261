/**
 * Worker thread of `truce calibrate`, `forecast` and `validate`: the cases and
 * the parameters arrive once as workerData; a task is one parameter vector
 * (per-case log-likelihoods) or one case under a list of parameter draws
 * (simulated durations). The same pure functions run in the main thread
 * when --workers is 1.
 */
import { workerData } from 'node:worker_threads';
import {
  caseLogLikelihoods,
  caseModel,
  runDuration,
  type CaseInput,
  type Target,
} from '../core/calibration/likelihood.js';
import type { Parameter } from '../core/calibration/parameters.js';
import { applyEngineEnvironment } from './engine-env.js';

applyEngineEnvironment();

export interface CalibrationData {
  cases: (CaseInput & { target: Target | null })[];
  params: Parameter[];
}

export type CalibrationTask =
  | { kind: 'loglik'; values: Record<string, number>; runs: number; seed: number }
  /** Case `caseIndex`, run r with draws[r % draws.length], replicates from firstReplicate. */
  | {
      kind: 'durations';
      caseIndex: number;
      draws: Record<string, number>[];
      runs: number;
      seed: number;
      horizonDays: number;
      firstReplicate: number;
    };

export function runCalibrationTask(data: CalibrationData, task: CalibrationTask): Float64Array | Int32Array {
  if (task.kind === 'loglik') {
    const scored = data.cases.filter((c) => c.target !== null) as (CaseInput & { target: Target })[];
    return caseLogLikelihoods(scored, data.params, task.values, task.runs, task.seed);
  }
  const c = data.cases[task.caseIndex];
  const out = new Int32Array(task.runs);
  // Runs that share a draw are simulated together (one scenario build per draw).
  const D = task.draws.length;
  for (let k = 0; k < D && k < task.runs; k++) {
    const m = caseModel(c, data.params, task.draws[k]);
    for (let r = k; r < task.runs; r += D)
      out[r] = runDuration(m, c.key, task.seed, task.firstReplicate + r, task.horizonDays);
  }
  return out;
}

export default function runTask(task: CalibrationTask): Float64Array | Int32Array {
  return runCalibrationTask(workerData as CalibrationData, task);
}

/** A task that carries its case set: the queue's jobs (src/queue/worker.ts), which may come from any calibration. */
export function runTaskWithData(job: { data: CalibrationData; task: CalibrationTask }): Float64Array | Int32Array {
  return runCalibrationTask(job.data, job.task);
}
