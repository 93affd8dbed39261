/**
 * The work budget every face applies before anything runs (docs/limits.md):
 * the CLI's default, raised or lowered by `--max-work`; the dashboard's
 * smaller, fixed one. A request above it is an input error carrying the
 * estimate and, for the CLI, the flag that raises the budget.
 */
import type { Engagement } from '../core/engagement/types.js';
import type { Campaign } from '../core/engagement/campaign.js';
import {
  campaignWork,
  DEFAULT_MAX_WORK,
  engagementWork,
  ensembleWork,
  overBudget,
  type WorkEstimate,
} from '../core/limits/work.js';
import type { CeasefireScenario } from '../core/scenario/ceasefire-schema.js';
import { InputError } from '../io/errors.js';

export interface Budget {
  maxWork: number;
  /** How to raise it (`--max-work`), or null when the face cannot (the dashboard). */
  raise: string | null;
}

export const CLI_BUDGET: Budget = { maxWork: DEFAULT_MAX_WORK, raise: '--max-work' };

export function cliBudget(maxWork: number | undefined): Budget {
  return { maxWork: maxWork ?? DEFAULT_MAX_WORK, raise: '--max-work' };
}

/** Throw an input error when the estimate is above the budget. `what` names the request (a file or a command). */
export function enforceBudget(estimate: WorkEstimate, budget: Budget = CLI_BUDGET, what = 'request'): void {
  const refusal = overBudget(estimate, budget.maxWork, budget.raise ?? '');
  if (refusal)
    throw new InputError(`${what}: ${refusal}`, {
      problems: [{ path: '', expected: `work within the budget of ${budget.maxWork} units`, found: refusal }],
    });
}

/**
 * Work units to make one design point of a sweep or a sensitivity analysis (resolve the scenario at its lever
 * values, start its accumulator): about 5 ms. The long fuzz run found a Sobol design of 14,604 points x 5 runs x
 * 20 days estimated at 1e7 units that took over 20 s of CPU; the runs alone do not count it.
 */
export const DESIGN_POINT_UNITS = 5000;

/** Ensemble work on a scenario: points x runs x days x actors (and, for designs, each point's making). */
export function scenarioWork(
  scenario: CeasefireScenario,
  points: number,
  runs: number,
  days: number | undefined,
  what = 'arms',
): WorkEstimate {
  const runsWork = ensembleWork({
    points,
    runs,
    days: days ?? scenario.horizonDays,
    actors: Object.keys(scenario.actors).length,
    what,
  });
  if (what !== 'design points') return runsWork;
  return {
    units: runsWork.units + points * DESIGN_POINT_UNITS,
    detail: `${runsWork.detail}, and ${DESIGN_POINT_UNITS} to make each point`,
  };
}

export function engageWork(e: Engagement, samples: number | null): WorkEstimate {
  return engagementWork({ launched: e.threats.map((t) => t.launched), layers: e.layers.length, samples });
}

export function campaignRunWork(c: Campaign, replicates: number): WorkEstimate {
  const maxDailySalvo = c.plan.reduce(
    (m, day) =>
      Math.max(
        m,
        day.reduce((s, n) => s + n, 0),
      ),
    0,
  );
  return campaignWork({
    replicates,
    days: c.days,
    layers: c.engagement.layers.length,
    types: c.engagement.threats.length,
    maxDailySalvo,
  });
}

/**
 * Case simulations (calibrate, validate, forecast): cases x runs x days. They
 * have no --max-work: far above any real use, they refuse and ask for less.
 */
export const CASES_BUDGET: Budget = { maxWork: DEFAULT_MAX_WORK, raise: null };

export function casesWork(cases: number, runs: number, days: number): WorkEstimate {
  return { units: cases * runs * days, detail: `${cases} cases x ${runs} runs x ${days} days` };
}
