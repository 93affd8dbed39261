/**
 * Levers and policy frameworks. Analysts think in levers: a flat set of
 * named numbers, each with a range and a default, mapped to scenario paths
 * (`set` writes the value at every path; `scale` multiplies the scenario's
 * value there). A framework is a named overlay: lever values plus further
 * paths to set. Resolution order: scenario -> framework.set -> levers
 * (framework values, then the user's --set values) -> documented parameters
 * the user set by path (`--set PATH=V`, within the parameter's range).
 */
import { ceasefireScenarioSchema, type CeasefireScenario, type LeverSpec } from './ceasefire-schema.js';
import { getPath, parentExists, setPath, splitPath } from './paths.js';
import { checkShape, formatPath, type Problem } from './problems.js';

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

/**
 * The first prefix of `path` that does not exist in the scenario (`actors.india.defense` for
 * `actors.india.defense.inventoryScale` when India has no defence), or undefined when the parent exists.
 * checkCeasefireRules uses it to say that a bad path follows from another problem.
 */
export function missingPrefix(s: CeasefireScenario, path: string): string | undefined {
  if (parentExists(s, path)) return undefined;
  const keys = splitPath(path);
  for (let i = 1; i < keys.length; i++) {
    const prefix = keys.slice(0, i).join('.');
    const v = getPath(s, prefix);
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return prefix;
  }
  return undefined;
}

/**
 * What the schema says of `value` written at `path`: the problems a resolved arm would meet there
 * (resolveArm checks the shape again). An unknown leaf field, a value out of the field's range.
 */
function probe(s: CeasefireScenario, path: string, value: unknown): Problem[] {
  return probeAll(s, [[path, value]])[0];
}

/**
 * probe() for many settings at once, each answered as if probed alone: settings are written together into
 * as few copies as keep their paths apart (no path equal to, or inside, another of its copy), and each copy
 * is checked once. Exact because the scenario schema has no cross-field refinements: a field's problems at
 * its own path depend on its value only. Loading the built-in scenario probes 24 lever ends; one check each
 * doubled the time to load it.
 */
function probeAll(s: CeasefireScenario, settings: readonly (readonly [string, unknown])[]): Problem[][] {
  const out: Problem[][] = settings.map(() => []);
  const copies: { keys: string[][]; members: number[] }[] = [];
  const clash = (a: string[], b: string[]) => a.every((k, i) => i >= b.length || b[i] === k);
  settings.forEach(([path], i) => {
    const keys = splitPath(path);
    let copy = copies.find((c) => !c.keys.some((k) => clash(k, keys)));
    if (!copy) copies.push((copy = { keys: [], members: [] }));
    copy.keys.push(keys);
    copy.members.push(i);
  });
  for (const { members } of copies) {
    const copy = structuredClone(s);
    for (const i of members) setPath(copy, settings[i][0], settings[i][1]);
    const checked = checkShape(ceasefireScenarioSchema, copy);
    if (checked.ok) continue;
    for (const i of members) {
      const at = formatPath(splitPath(settings[i][0]));
      out[i] = checked.problems.filter((p) => p.path === at);
    }
  }
  return out;
}

/** Why a path the parent of which exists is refused, in a phrase: an unknown field (with a near name), or the schema's words. */
function probeReason(s: CeasefireScenario, path: string, found: Problem): string {
  if (!found.found?.startsWith('unknown field')) return `${found.expected} (got ${found.found ?? 'nothing'})`;
  const keys = splitPath(path);
  const leaf = keys[keys.length - 1];
  const parent = keys.slice(0, -1).join('.');
  const known = Object.keys((getPath(s, parent) as object | undefined) ?? {});
  const near = known.filter((k) => editDistance(k.toLowerCase(), leaf.toLowerCase()) <= 2);
  return `${parent} has no field ${JSON.stringify(leaf)}${near.length ? ` (did you mean ${near.map((k) => JSON.stringify(k)).join(' or ')}?)` : ''}`;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur.push(Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1)));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * Named rule: every lever path exists in the scenario; scale paths hold numbers; a `set` path names a
 * field the scenario format has (it may be unset: a lever may move a defaulted weight), and the field
 * accepts the lever's min and max. The last two are the checks a moved lever meets when an arm is
 * resolved (`compare --vary`), made here so that `scenario validate` refuses what `--vary` would.
 */
export function leversPointToExistingPaths(s: CeasefireScenario): Problem[] {
  // A number stands for the probe of ends[k], so the problems keep the order of the levers and their paths.
  const problems: (Problem | number)[] = [];
  // Every lever path that passes the checks below, at its lever's min and max, probed in one batch.
  const ends: { name: string; l: LeverSpec; p: string; i: number; v: unknown; base: number }[] = [];
  for (const [name, l] of Object.entries(s.levers)) {
    if (!(l.min <= l.max))
      problems.push({ path: `levers.${name}.max`, expected: `a maximum >= min (${l.min})`, found: String(l.max) });
    l.paths.forEach((p, i) => {
      const v = getPath(s, p);
      const where = `levers.${name}.paths[${i}]`;
      if (
        l.mode === 'scale' ? typeof v !== 'number' : !parentExists(s, p) || (v !== undefined && typeof v !== 'number')
      ) {
        problems.push({
          path: where,
          expected:
            l.mode === 'scale' ? 'a path to a number in the scenario' : 'a path to a numeric field of the scenario',
          found: JSON.stringify(p),
        });
        return;
      }
      if (!(l.min <= l.max)) return;
      problems.push(ends.length);
      ends.push({ name, l, p, i, v, base: l.mode === 'scale' ? (v as number) : 1 });
    });
  }
  const settings = ends.flatMap(({ l, p, base }) => [[p, base * l.min] as const, [p, base * l.max] as const]);
  const found = probeAll(s, settings);
  return problems.flatMap((slot) => {
    if (typeof slot !== 'number') return [slot];
    const { name, l, p, i, v } = ends[slot];
    for (const [end, x, bad] of [
      ['min', l.min, found[2 * slot]],
      ['max', l.max, found[2 * slot + 1]],
    ] as const) {
      if (!bad.length) continue;
      const unknown = bad[0].found?.startsWith('unknown field');
      return [
        {
          path: `levers.${name}.paths[${i}]`,
          expected: unknown
            ? 'a path to a numeric field of the scenario'
            : `a field that accepts the lever's ${end} (${l.mode === 'scale' ? `${v} x ${x}` : x})`,
          found: `${JSON.stringify(p)}: ${probeReason(s, p, bad[0])}`,
        },
      ];
    }
    return [];
  });
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
    for (const [p, v] of Object.entries(f.set)) {
      const where = `frameworks.${fname}.set[${JSON.stringify(p)}]`;
      if (!parentExists(s, p)) {
        problems.push({ path: where, expected: 'a path that exists in the scenario', found: JSON.stringify(p) });
        continue;
      }
      // The value is written when the framework's arm is resolved: check it as resolveArm would.
      const bad = probe(s, p, v);
      if (bad.length)
        problems.push({
          path: where,
          expected: bad[0].found?.startsWith('unknown field')
            ? 'a path to a field of the scenario'
            : 'a value the field accepts',
          found: `${JSON.stringify(p)}: ${probeReason(s, p, bad[0])}`,
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

/**
 * A setting names a documented parameter (a path of the scenario's `parameters` block) when it is not a
 * lever: `--set actors.israel.defense.stocksAtSigning=1` moves that value as `truce ablate` does.
 */
export function isParameterSetting(s: CeasefireScenario, name: string): boolean {
  return !Object.hasOwn(s.levers, name) && Object.hasOwn(s.parameters, name);
}

/** How a lever comes to write a path in one arm (leverWrites). */
export type LeverWrite = { lever: string } & (
  { by: 'moved' } | { by: 'framework'; framework: string; value: number } | { by: 'default'; value: number }
);

/**
 * The one test of a path against the levers: the levers resolveScenario writes to `path` in one arm, each with what
 * moves it there: `moved` (by the user's settings, or at every point of an analysis: sweep ranges, sensitivity
 * levers), else the arm's framework, else the lever's explicit default (written in every arm). A lever nothing moves
 * leaves the path as written. An arm that moves every lever (`Object.keys(s.levers)`) gives every lever on the path.
 */
export function leverWrites(
  s: CeasefireScenario,
  path: string,
  moved: readonly string[],
  framework: string | null = null,
): LeverWrite[] {
  const f = framework !== null && Object.hasOwn(s.frameworks, framework) ? s.frameworks[framework] : undefined;
  return Object.entries(s.levers)
    .filter(([, l]) => l.paths.includes(path))
    .flatMap(([lever, l]): LeverWrite[] =>
      moved.includes(lever)
        ? [{ lever, by: 'moved' }]
        : f && framework !== null && Object.hasOwn(f.levers, lever)
          ? [{ lever, by: 'framework', framework, value: f.levers[lever] }]
          : l.default !== undefined
            ? [{ lever, by: 'default', value: l.default }]
            : [],
    );
}

/** A documented parameter set by path on a path some lever also writes in the same arm, with those levers. */
export interface ParameterLeverOverlap {
  path: string;
  value: number;
  writers: LeverWrite[];
}

/**
 * Each documented parameter `settings` sets by path that a lever also writes in that arm: the levers `settings`
 * moves, those an analysis moves at every point (`analysed`: sweep ranges, sensitivity levers), the framework's,
 * and those with an explicit default. Parameters are applied last (resolveScenario), so each such pair would make
 * the lever a no-op on that path while results still report the lever's value: every caller refuses it, naming
 * the flag or field that moves the lever where that is the one the user asked to study (docs/analysis.md,
 * "Moving a documented parameter").
 */
export function parameterLeverOverlaps(
  s: CeasefireScenario,
  settings: Record<string, number>,
  framework: string | null = null,
  analysed: readonly string[] = [],
): ParameterLeverOverlap[] {
  const moved = [...Object.keys(settings).filter((k) => Object.hasOwn(s.levers, k)), ...analysed];
  return Object.entries(settings)
    .filter(([name]) => isParameterSetting(s, name))
    .map(([path, value]) => ({ path, value, writers: leverWrites(s, path, moved, framework) }))
    .filter((o) => o.writers.length > 0);
}

/** A lever write as the refusals say it: `lever K (moved in the same arm)`. */
export function describeLeverWrite(w: LeverWrite): string {
  return w.by === 'moved'
    ? `lever ${w.lever} (moved in the same arm)`
    : w.by === 'framework'
      ? `lever ${w.lever} (framework ${w.framework} moves it to ${w.value})`
      : `lever ${w.lever} (written at its default ${w.value} in every arm)`;
}

/**
 * A user's `--set LEVER=VALUE` or `--set PATH=VALUE` problems: neither a lever nor a documented parameter, a
 * value outside the lever's range or the parameter's documented range, a parameter value the scenario format
 * refuses at that path (a fraction of a launcher: `--set PATH=V`, the flag, not the file, is wrong), or a
 * parameter on a path a lever writes in the same arm (parameterLeverOverlaps: moved by the settings or by
 * `framework`, or written at its explicit default): the parameter, applied last, would make the lever a no-op
 * there while results still report the lever's value. Path is the flag.
 */
export function checkLeverSettings(
  s: CeasefireScenario,
  settings: Record<string, number>,
  framework: string | null = null,
): Problem[] {
  const problems: Problem[] = [];
  const overlaps = new Map(parameterLeverOverlaps(s, settings, framework).map((o) => [o.path, o.writers]));
  for (const [name, v] of Object.entries(settings)) {
    const l = Object.hasOwn(s.levers, name) ? s.levers[name] : undefined;
    if (!l && isParameterSetting(s, name)) {
      const r = s.parameters[name];
      const movers = overlaps.get(name);
      if (!Number.isFinite(v) || v < r.min || v > r.max)
        problems.push({
          path: `--set ${name}`,
          expected: `a value in the documented range of ${name}, [${r.min}, ${r.max}] (the scenario's parameters block; to go beyond it, write the value in a copy of the scenario, which warns)`,
          found: String(v),
        });
      else if (movers)
        problems.push({
          path: `--set ${name}=${v}`,
          expected: `a parameter path no lever writes in this arm: ${movers.map(describeLeverWrite).join(' and ')} writes ${name} too, and the value set by path would override it there while results report the lever's value (move the lever or set the path, not both)`,
        });
      else {
        // The documented range may hold values the format refuses (a whole number of launchers): the schema's word.
        const bad = probe(s, name, v)[0];
        if (bad) problems.push({ path: `--set ${name}=${v}`, expected: bad.expected });
      }
    } else if (!l)
      problems.push({
        path: `--set ${name}`,
        expected: `a lever of this scenario (${Object.keys(s.levers).join(', ')}) or the path of a documented parameter (its parameters block, e.g. ${Object.keys(s.parameters)[0] ?? 'none defined'}; truce levers lists both)`,
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
  // Documented parameters set by path come last: the value given is the value run, whatever a lever did there.
  for (const [name, v] of Object.entries(settings)) if (isParameterSetting(base, name)) setPath(s, name, v);
  return { scenario: s, framework, levers };
}
