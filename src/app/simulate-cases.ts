/**
 * Calibration work as tasks for a Runner's case simulator (src/app/runner.ts):
 * the case set, and the durations of cases under posterior draws cut into
 * tasks of a fixed number of runs.
 */
import { casesWork, CASES_BUDGET, enforceBudget } from './budget.js';
import type { CaseRow } from '../core/calibration/cases.js';
import { targetOf, type Target } from '../core/calibration/likelihood.js';
import type { Parameter } from '../core/calibration/parameters.js';
import type { CalibrationData, CaseSimulator } from './runner.js';

/** Runs per task: fixed, so the split never depends on the number of workers. */
export const RUNS_PER_TASK = 50;

export function calibrationData(cases: readonly CaseRow[], params: Parameter[]): CalibrationData {
  return {
    cases: cases.map((c, i) => ({ covariates: c.covariates, key: i, target: c.outcome ? targetOf(c.outcome) : null })),
    params,
  };
}

/**
 * Durations (days, -1 = lasted the horizon) of every case: run r of a case
 * uses posterior draw r mod D and replicate r.
 */
export async function simulateCases(
  sim: CaseSimulator,
  caseCount: number,
  /** Posterior draws, or each case's own draws (validation: each fold's refit). */
  draws: Record<string, number>[] | ((caseIndex: number) => Record<string, number>[]),
  runs: number,
  seed: number,
  horizonDays: number,
  onProgress?: (done: number, total: number) => void,
): Promise<Int32Array[]> {
  // Before anything is held: `runs` sizes one array per case (docs/limits.md).
  enforceBudget(casesWork(caseCount, runs, horizonDays), CASES_BUDGET, 'runs per case');
  const out = Array.from({ length: caseCount }, () => new Int32Array(runs));
  const total = caseCount * runs;
  let done = 0;
  const jobs: Promise<void>[] = [];
  for (let i = 0; i < caseCount; i++) {
    for (let from = 0; from < runs; from += RUNS_PER_TASK) {
      const n = Math.min(RUNS_PER_TASK, runs - from);
      const own = typeof draws === 'function' ? draws(i) : draws;
      const D = own.length;
      const local = Array.from({ length: Math.min(D, n) }, (_, k) => own[(from + k) % D]);
      jobs.push(
        sim
          .run({ kind: 'durations', caseIndex: i, draws: local, runs: n, seed, horizonDays, firstReplicate: from })
          .then((d) => {
            out[i].set(d, from);
            done += n;
            onProgress?.(done, total);
          }),
      );
    }
  }
  await Promise.all(jobs);
  return out;
}

export type { Target };
