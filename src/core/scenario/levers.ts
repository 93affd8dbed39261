/**
 * Levers and policy frameworks. Analysts think in levers: a flat set of
 * named numbers, each with a range and a default, mapped to scenario paths
 * (`set` writes the value at every path; `scale` multiplies the scenario's
 * value there). A framework is a named overlay: lever values plus further
 * paths to set. Resolution order: scenario -> framework.set -> levers
 * (framework values, then the user's --set values).
 */
import type { CeasefireScenario, LeverSpec } from './ceasefire-schema.js';
import { getPath, parentExists, setPath } from './paths.js';
import type { Problem } from './problems.js';

export interface LeverInfo {
  name: string;
  description: string;
  unit?: string;
  min: number;
  max: number;
  default: number;
  mode: 'set' | 'scale';
  paths: string[];
  source?: string;
}

export function leverDefault(scenario: CeasefireScenario, lever: LeverSpec): number {
  if (lever.default !== undefined) return lever.default;
  if (lever.mode === 'scale') return 1;
  const v = getPath(scenario, lever.paths[0]);
  return typeof v === 'number' ? v : lever.min;
}

export function listLevers(scenario: CeasefireScenario): LeverInfo[] {
  return Object.entries(scenario.levers).map(([name, l]) => ({
    name,
    description: l.description,
    unit: l.unit,
    min: l.min,
    max: l.max,
    default: leverDefault(scenario, l),
    mode: l.mode,
    paths: l.paths,
    source: l.source,
  }));
}

/** Named rule: every lever path exists in the scenario; scale paths hold numbers. */
export function leversPointToExistingPaths(s: CeasefireScenario): Problem[] {
  const problems: Problem[] = [];
  for (const [name, l] of Object.entries(s.levers)) {
    if (!(l.min <= l.max))
      problems.push({ path: `levers.${name}.max`, expected: `a maximum >= min (${l.min})`, found: String(l.max) });
    l.paths.forEach((p, i) => {
      const v = getPath(s, p);
      if (
        l.mode === 'scale' ? typeof v !== 'number' : !parentExists(s, p) || (v !== undefined && typeof v !== 'number')
      ) {
        problems.push({
          path: `levers.${name}.paths[${i}]`,
          expected:
            l.mode === 'scale' ? 'a path to a number in the scenario' : 'a path to a numeric field of the scenario',
          found: JSON.stringify(p),
        });
      }
    });
  }
  return problems;
}

/** Named rule: frameworks name known levers with values in range, and paths that exist. */
export function frameworksReferToKnownLevers(s: CeasefireScenario): Problem[] {
  const problems: Problem[] = [];
  for (const [fname, f] of Object.entries(s.frameworks)) {
    for (const [lname, v] of Object.entries(f.levers)) {
      const l = Object.hasOwn(s.levers, lname) ? s.levers[lname] : undefined;
      if (!l)
        problems.push({
          path: `frameworks.${fname}.levers.${lname}`,
          expected: `a lever (${Object.keys(s.levers).join(', ')})`,
          found: JSON.stringify(lname),
        });
      else if (v < l.min || v > l.max)
        problems.push({
          path: `frameworks.${fname}.levers.${lname}`,
          expected: `a value in [${l.min}, ${l.max}]`,
          found: String(v),
        });
    }
    for (const p of Object.keys(f.set)) {
      if (!parentExists(s, p))
        problems.push({
          path: `frameworks.${fname}.set[${JSON.stringify(p)}]`,
          expected: 'a path that exists in the scenario',
          found: JSON.stringify(p),
        });
    }
  }
  if (s.defaultFramework !== undefined && !Object.hasOwn(s.frameworks, s.defaultFramework)) {
    problems.push({
      path: 'defaultFramework',
      expected: `a framework (${Object.keys(s.frameworks).join(', ')})`,
      found: JSON.stringify(s.defaultFramework),
    });
  }
  return problems;
}

export interface Resolution {
  scenario: CeasefireScenario;
  framework: string | null;
  levers: Record<string, number>;
}

/** A user's `--set LEVER=VALUE` problems: unknown lever or value out of range. Path is the flag. */
export function checkLeverSettings(s: CeasefireScenario, settings: Record<string, number>): Problem[] {
  const problems: Problem[] = [];
  for (const [name, v] of Object.entries(settings)) {
    const l = Object.hasOwn(s.levers, name) ? s.levers[name] : undefined;
    if (!l)
      problems.push({
        path: `--set ${name}`,
        expected: `a lever of this scenario (${Object.keys(s.levers).join(', ')})`,
        found: JSON.stringify(name),
      });
    else if (!Number.isFinite(v) || v < l.min || v > l.max)
      problems.push({
        path: `--set ${name}`,
        expected: `a value in [${l.min}, ${l.max}]${l.unit ? ` ${l.unit}` : ''}`,
        found: String(v),
      });
  }
  return problems;
}

/**
 * Apply a framework and lever settings to a copy of the scenario.
 * Assumes the rules above found nothing, and that `framework` exists (or is null).
 */
export function resolveScenario(
  base: CeasefireScenario,
  framework: string | null,
  settings: Record<string, number>,
): Resolution {
  const s = structuredClone(base);
  const f = framework ? base.frameworks[framework] : undefined;
  for (const [p, v] of Object.entries(f?.set ?? {})) setPath(s, p, v);
  const levers: Record<string, number> = {};
  // Defaults and scale bases are read from the scenario after framework.set, before any lever moves.
  const snapshot = structuredClone(s);
  for (const [name, l] of Object.entries(base.levers)) {
    const moved = settings[name] ?? f?.levers[name] ?? l.default;
    levers[name] = moved ?? leverDefault(snapshot, l);
    // A lever nobody moves (and without an explicit default) leaves the
    // scenario as written: its reported value is read from its first path,
    // and writing that to the other paths would overwrite values that differ.
    if (moved === undefined) continue;
    for (const p of l.paths) setPath(s, p, l.mode === 'scale' ? (getPath(snapshot, p) as number) * moved : moved);
  }
  return { scenario: s, framework, levers };
}
