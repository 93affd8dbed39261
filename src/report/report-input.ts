/** Everything a report shows, gathered by the app (src/app/report.ts); the HTML is drawn from this alone. */
import type { ArmSummary, Comparison } from '../core/ensemble/summarize.js';
import type { RunResult } from '../core/engine/run.js';
import type { ReportAblation } from './ablation-section.js';
import type { ReportValidation } from './validation-section.js';
import type { TaggedAssumption } from './assumptions.js';
import type { ArmPosterior } from '../app/posterior-ensemble.js';

/** A value that differs between the arms beyond the levers: a framework's `set` path, or a posterior parameter. */
export interface ArmDifference {
  path: string;
  /** Where the values come from. */
  basis: string;
  /** One per arm, in arm order, as shown. */
  values: string[];
  /** False when every arm has the same value (a framework's `set` that equals the scenario's): listed apart, not as a difference. */
  differs?: boolean;
}

export interface ReportInput {
  title: string;
  question: string;
  scenarioName: string;
  scenarioDescription?: string;
  /** The scenario's warnings (values outside their documented ranges), shown beside its description when any. */
  scenarioWarnings?: string[];
  scenarioHash: string;
  scenarioFile: string;
  truceVersion: string;
  seed: number;
  runs: number;
  horizonDays: number;
  /** The rung at which the ceasefire counts as collapsed (the scenario's collapseRung); 4 in reports stored before it. */
  collapseRung?: number;
  generatedAt: string;
  arms: ArmSummary[];
  comparisons: Comparison[];
  levers: { name: string; description: string; unit?: string; min: number; max: number; source?: string }[];
  sources: string[];
  assumptions: TaggedAssumption[];
  example?: { arm: string; seed: number; run: RunResult; revisionist: string };
  experimentId?: number;
  /** Which posterior each run's global parameters were drawn from, draws per arm, what it carries to each arm. */
  posterior?: string;
  posteriorDraws?: number;
  posteriorCarried?: ArmPosterior[];
  posteriorWarning?: string | null;
  /** Everything that differs between the arms besides the lever table. */
  armDifferences?: ArmDifference[];
  /** The ablation table (`report --ablation ID` or `--ablation-runs N`), when asked for. */
  ablation?: ReportAblation;
  /** Cross-validated scores against the case library (`report --validation-runs N`), when asked for. */
  validation?: ReportValidation;
}
