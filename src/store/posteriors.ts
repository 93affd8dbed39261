/** Posterior draws of a calibration: saved with their experiment in one transaction, read back in order. */
import type { DB } from './db.js';
import { saveExperiment, type NewExperiment } from './experiments.js';

export function saveCalibration(db: DB, e: NewExperiment, draws: readonly Record<string, number>[]): number {
  return db.transaction(() => {
    const id = saveExperiment(db, e);
    const row = db.prepare('INSERT INTO posterior_draws (experiment_id, idx, values_json) VALUES (?, ?, ?)');
    draws.forEach((d, i) => row.run(id, i, JSON.stringify(d)));
    return id;
  })();
}

export function getPosteriorDraws(db: DB, id: number): Record<string, number>[] {
  return (
    db.prepare('SELECT values_json FROM posterior_draws WHERE experiment_id = ? ORDER BY idx').all(id) as {
      values_json: string;
    }[]
  ).map((r) => JSON.parse(r.values_json));
}
