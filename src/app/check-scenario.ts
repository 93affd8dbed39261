/**
 * Check a scenario: text -> every problem with its path and line (the
 * dashboard's editor), or a file -> valid with a summary (truce scenario
 * validate). Every framework must resolve too.
 */
import { listLevers, type LeverInfo } from '../core/scenario/levers.js';
import type { ProblemWithLine } from '../io/errors.js';
import type { ProfileBase } from './profiles.js';
import { checkScenarioText, loadScenario, resolveArm, type LoadedScenario } from './scenario.js';

export interface ScenarioSummary {
  name: string;
  actors: Record<string, number>;
  actions: number;
  levers: LeverInfo[];
  frameworks: Record<string, { description: string; levers: Record<string, number> }>;
  defaultFramework: string | null;
  horizonDays: number;
}

export type ScenarioCheck = ({ ok: true; problems: [] } & ScenarioSummary) | { ok: false; problems: ProblemWithLine[] };

export function summarizeScenario(loaded: LoadedScenario): ScenarioSummary {
  const s = loaded.scenario;
  for (const name of Object.keys(s.frameworks)) resolveArm(loaded, name, {});
  const actors = Object.values(s.actors).reduce<Record<string, number>>(
    (acc, a) => ((acc[a.kind] = (acc[a.kind] ?? 0) + 1), acc),
    {},
  );
  return {
    name: s.name,
    actors,
    actions: Object.keys(s.actions).length,
    levers: listLevers(s),
    frameworks: Object.fromEntries(
      Object.entries(s.frameworks).map(([k, f]) => [k, { description: f.description ?? '', levers: f.levers }]),
    ),
    defaultFramework: s.defaultFramework ?? null,
    horizonDays: s.horizonDays,
  };
}

/** Scenario text from the dashboard: shipped defence profiles, or the profile files uploaded with it. */
export function checkScenario(
  text: string,
  source = 'dashboard',
  base: ProfileBase = { kind: 'shipped' },
): ScenarioCheck {
  const c = checkScenarioText(text, source, base);
  if (!c.ok) return { ok: false, problems: c.problems };
  return { ok: true, problems: [], ...summarizeScenario(c.loaded) };
}

/** A scenario file: throws an InputError listing every problem, else its summary. */
export function validateScenarioFile(file: string): ScenarioSummary {
  return summarizeScenario(loadScenario(file));
}
