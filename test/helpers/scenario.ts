/** Build models of the built-in scenario for tests. */
import { loadScenario, modelFor, resolveArm as resolveLoaded, type LoadedScenario } from '../../src/app/scenario.js';
import type { Model } from '../../src/core/engine/model.js';
import { runCeasefire } from '../../src/core/engine/run.js';
import { setPath } from '../../src/core/scenario/paths.js';

let cached: LoadedScenario | null = null;

export function builtIn(): LoadedScenario {
  if (!cached) cached = loadScenario();
  return { ...cached, scenario: structuredClone(cached.scenario) };
}

export function model(
  framework = 'transactional-freeze',
  levers: Record<string, number> = {},
  paths: Record<string, unknown> = {},
): Model {
  const loaded = builtIn();
  for (const [p, v] of Object.entries(paths)) setPath(loaded.scenario, p, v);
  return modelFor(loaded, resolveLoaded(loaded, framework, levers));
}

/** Small ensemble: collapses, collapse times (censored at the horizon), replicate streams 0..n-1. */
export function ensemble(m: Model, runs: number, seed = 1) {
  let collapsed = 0;
  const times: number[] = [];
  const events: boolean[] = [];
  const firstByDefender: number[] = [];
  for (let r = 0; r < runs; r++) {
    const o = runCeasefire(m, { seed, replicate: r }).outcome;
    if (o.collapsed) collapsed++;
    times.push(o.time);
    events.push(o.collapsed);
    firstByDefender.push(o.firstCrosser === 'israel' ? 1 : 0);
  }
  return {
    runs,
    collapsed,
    p: collapsed / runs,
    times,
    events,
    defenderFirst: firstByDefender.reduce((s, x) => s + x, 0),
  };
}

/** One-sided two-proportion z statistic for p_a > p_b. */
export function zGreater(a: { collapsed: number; runs: number }, b: { collapsed: number; runs: number }): number {
  const pa = a.collapsed / a.runs;
  const pb = b.collapsed / b.runs;
  const pool = (a.collapsed + b.collapsed) / (a.runs + b.runs);
  const se = Math.sqrt(pool * (1 - pool) * (1 / a.runs + 1 / b.runs));
  return se > 0 ? (pa - pb) / se : pa > pb ? Infinity : 0;
}
