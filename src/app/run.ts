/** One run of the ceasefire, recorded: the timeline, the trajectory of every state, the outcome. */
import { exactCausalAttribution } from '../core/engine/causal.js';
import { runCeasefire } from '../core/engine/run.js';
import { enforceBudget, scenarioWork, type Budget } from './budget.js';
import { FLAG_NAMES, modelFor, resolveArm, type InputNames, type LoadedScenario } from './scenario.js';

export interface RunRequest {
  /** undefined: the scenario's default framework; null: none. */
  framework?: string | null;
  set?: Record<string, number>;
  seed: number;
  days?: number;
  budget?: Budget;
}

export function runStory(loaded: LoadedScenario, req: RunRequest, names: InputNames = FLAG_NAMES) {
  enforceBudget(scenarioWork(loaded.scenario, 1, 1, req.days, 'runs'), req.budget, 'run');
  const resolution = resolveArm(loaded, req.framework, req.set ?? {}, names);
  const model = modelFor(loaded, resolution);
  const result = runCeasefire(model, { seed: req.seed, record: true, days: req.days });
  const o = result.outcome;
  // The collapse's causal shares (docs/model/attribution.md): exact Shapley over the pillars, beside the descriptive ones.
  const causal = o.collapsed ? exactCausalAttribution(model, req.seed, 0, o.day!) : null;
  return {
    seed: req.seed,
    scenario: resolution.scenario.name,
    framework: resolution.framework,
    levers: resolution.levers,
    horizonDays: req.days ?? model.horizonDays,
    misalignment: model.misalignment,
    outcome: result.outcome,
    causalAttribution: causal ? { shares: causal.shares, explained: causal.explained } : null,
    trajectory: result.trajectory,
    events: result.events,
  };
}

export type RunStory = ReturnType<typeof runStory>;
