/**
 * The truce library: `import { ... } from 'truce'`. The pure core (no I/O,
 * seeded randomness) plus one file loader; every function has an example in
 * docs/library.md, run by test/library.test.ts.
 */

// Scenarios: load, validate, resolve levers, build the model.
export { loadScenario, type LoadedScenario } from './app/scenario.js';
export { modelOf, runArm, scenarioFromYaml, validateScenario, type Validated } from './core/api.js';
export { resolveScenario, listLevers, type LeverInfo, type Resolution } from './core/scenario/levers.js';
export { buildModel, type Model } from './core/engine/model.js';
export type { CeasefireScenario } from './core/scenario/ceasefire-schema.js';
export type { Problem } from './core/scenario/problems.js';

// One run.
export { runCeasefire, type RunOptions, type RunOutcome, type RunResult } from './core/engine/run.js';
// Which implementation runs it (docs/kernel.md): the WebAssembly kernel or JavaScript, the same results.
export { setEngine, type Engine } from './core/engine/run.js';

// Engagements: one salvo against a layered defence, and campaigns.
export { analyzeEngagement, type EngageOptions, type EngageReport } from './core/engagement/engage.js';
export { normalizeEngagement } from './core/engagement/normalize.js';
export { normalizeCampaign, runCampaign, type CampaignReport } from './core/engagement/campaign.js';
export type { DefenseProfile, EngagementSpec } from './core/engagement/schema.js';

// Ensembles and their summaries.
export { addOutcome, emptyAccumulator, mergeAccumulator, type ArmAccumulator } from './core/ensemble/accumulator.js';
export { compareArms, lifeTableOf, summarizeArm, type ArmSummary, type Comparison } from './core/ensemble/summarize.js';

// Survival analysis.
export {
  lifeTableFromDailyCounts,
  lifeTableFromObservations,
  type LifeTable,
} from './core/analysis/survival/life-table.js';
export {
  kaplanMeier,
  medianSurvival,
  restrictedMeanSurvival,
  survivalAt,
  type KaplanMeierRow,
} from './core/analysis/survival/kaplan-meier.js';
export { logRank, type LogRankResult } from './core/analysis/survival/log-rank.js';
export { coxBinary, type CoxResult } from './core/analysis/survival/cox.js';
export {
  proportionalHazardsTest,
  windowedHazardRatios,
  windowsOf,
  type HazardRatioWindow,
  type ProportionalHazardsTest,
  type TimeTransform,
} from './core/analysis/survival/proportional-hazards.js';
export { wilson, type Proportion } from './core/analysis/wilson.js';

// Designs and global sensitivity.
export { Stream } from './core/rng/stream.js';
export { latinHypercube } from './core/analysis/design/latin-hypercube.js';
export { morrisAnalyze, morrisSample, type MorrisIndex } from './core/analysis/sensitivity/morris.js';
export { saltelliSample, sobolAnalyze, type SobolIndex } from './core/analysis/sensitivity/sobol-indices.js';

// Scenario discovery.
export { chooseBox, prim, type PrimBox, type PrimResult } from './core/analysis/prim.js';
export { discover, type DiscoverResult, type SweepPointRuns } from './core/analysis/discover.js';
