/** Store fixtures shared by the tests of stored results. */
import type { DB } from '../../src/store/db.js';
import { getExperiment, saveExperiment, type NewExperiment } from '../../src/store/experiments.js';

/**
 * A copy of stored experiment `id` as a record written before `scenarioWarnings` existed: the field dropped
 * from its settings and its summary (a record of an older truce must still load and show as it did).
 */
export function saveWithoutScenarioWarnings(db: DB, id: number, extra: Partial<NewExperiment> = {}): number {
  const e = getExperiment(db, id)!;
  const { scenarioWarnings: _p, ...params } = e.params;
  const { scenarioWarnings: _s, ...summary } = e.summary as Record<string, unknown>;
  return saveExperiment(db, {
    kind: e.kind,
    truceVersion: e.truceVersion,
    scenarioName: e.scenarioName!,
    scenarioHash: e.scenarioHash!,
    seed: e.seed!,
    runs: e.runs!,
    params,
    timings: e.timings!,
    summary,
    createdAt: e.createdAt,
    ...extra,
  });
}
