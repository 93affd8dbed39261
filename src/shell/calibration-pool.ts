/**
 * A pool of calibration workers (piscina), or the main thread when workers is
 * 1. Results never depend on the number of workers: every task names its
 * seed and replicates.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { PACKAGE_ROOT } from '../io/paths.js';
import { runCalibrationTask, type CalibrationData, type CalibrationTask } from './calibration-worker.js';

export interface CalibrationPool {
  run(task: CalibrationTask & { kind: 'loglik' }): Promise<Float64Array>;
  run(task: CalibrationTask & { kind: 'durations' }): Promise<Int32Array>;
  destroy(): Promise<void>;
}

export function calibrationWorkerFile(): string {
  const built = resolve(PACKAGE_ROOT, 'dist', 'shell', 'calibration-worker.js');
  if (!existsSync(built)) throw new Error(`worker module missing: ${built} (run npm run build)`);
  return pathToFileURL(built).href;
}

export function calibrationPool(data: CalibrationData, workers: number): CalibrationPool {
  if (workers <= 1) {
    return {
      run: (async (task: CalibrationTask) => {
        // Let signals and progress rendering through between tasks.
        await new Promise((r) => setImmediate(r));
        return runCalibrationTask(data, task);
      }) as CalibrationPool['run'],
      destroy: async () => undefined,
    };
  }
  const pool = new Piscina({
    filename: calibrationWorkerFile(),
    minThreads: workers,
    maxThreads: workers,
    idleTimeout: 1000,
    workerData: data,
    resourceLimits: { maxOldGenerationSizeMb: 256 },
  });
  return {
    run: ((task: CalibrationTask) => pool.run(task)) as CalibrationPool['run'],
    destroy: () => pool.destroy(),
  };
}
