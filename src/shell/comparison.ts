/**
 * A framework comparison from design points to stored results: run the arms
 * as one ensemble, summarise each arm, compare every arm with the first, and
 * save it in one transaction. Shared by `truce compare`, `truce report` and
 * the dashboard's comparison jobs.
 */
import type { DefenseProfile } from '../core/engagement/schema.js';
import { compareArms, summarizeArm, type ArmSummary, type Comparison } from '../core/ensemble/summarize.js';
import type { DB } from '../store/db.js';
import { saveExperiment } from '../store/experiments.js';
import { runEnsemble, type DesignPoint } from './ensemble.js';

export interface ComparisonArm {
  label: string;
  framework: string | null;
  levers: Record<string, number>;
  point: DesignPoint;
}

export interface ComparisonOutput {
  scenario: string;
  scenarioHash: string;
  truceVersion: string;
  seed: number;
  runs: number;
  horizonDays: number;
  arms: ArmSummary[];
  comparisons: Comparison[];
  experimentId?: number;
}

export interface ComparisonRequest {
  scenarioName: string;
  scenarioHash: string;
  /** What is stored as the scenario: enough to rerun it. */
  scenarioRecord: { file: string; document: unknown; profiles: Record<string, DefenseProfile> };
  truceVersion: string;
  arms: ComparisonArm[];
  runs: number;
  seed: number;
  workers: number;
  days?: number;
  params: Record<string, unknown>;
  db: DB | null;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
  now: () => string;
}

export async function runComparison(req: ComparisonRequest): Promise<{ output: ComparisonOutput; seconds: number }> {
  const started = Date.now();
  const accs = await runEnsemble(req.arms.map((a) => a.point), { runs: req.runs, seed: req.seed, workers: req.workers, days: req.days, signal: req.signal, onProgress: req.onProgress });
  const seconds = (Date.now() - started) / 1000;
  const summaries = accs.map((acc, i) => summarizeArm(acc, req.arms[i]));
  const comparisons = accs.slice(1).map((acc, i) => compareArms(accs[0], acc, [req.arms[0].label, req.arms[i + 1].label]));
  const output: ComparisonOutput = { scenario: req.scenarioName, scenarioHash: req.scenarioHash, truceVersion: req.truceVersion, seed: req.seed, runs: req.runs, horizonDays: summaries[0].horizonDays, arms: summaries, comparisons };
  if (req.db) {
    output.experimentId = saveExperiment(req.db, {
      kind: 'compare',
      truceVersion: req.truceVersion,
      scenarioName: req.scenarioName,
      scenarioHash: req.scenarioHash,
      scenario: req.scenarioRecord,
      seed: req.seed,
      runs: req.runs,
      params: req.params,
      timings: { seconds, workers: req.workers, runsPerSecond: (req.runs * req.arms.length) / seconds },
      summary: output,
      arms: summaries.map((s, i) => ({ label: s.label, framework: req.arms[i].framework, levers: req.arms[i].levers, summary: s })),
      createdAt: req.now(),
    });
  }
  return { output, seconds };
}
