/** What a use case needs from its face: where to run, where to store, how to report progress and stop. */
import type { DB } from '../store/db.js';
import type { Runner } from './runner.js';

export interface UseCaseContext {
  runner: Runner;
  /** The results store, or null to store nothing. */
  db: DB | null;
  onProgress?: (runsDone: number, runsTotal: number) => void;
  signal?: AbortSignal;
  /** The clock for stored records (faces pass the wall clock; tests may fix it). */
  now?: () => string;
}

export const wallClock = (): string => new Date().toISOString();
