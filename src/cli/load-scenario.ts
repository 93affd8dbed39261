/**
 * Read a ceasefire scenario and the defence profiles it names, check it
 * (shape, cross-field rules, framework and lever settings), and build the
 * model. Every problem is reported with the file and its path.
 */
import { resolve } from 'node:path';
import { defenseProfileSchema, type DefenseProfile } from '../core/engagement/schema.js';
import { buildModel, type Model } from '../core/engine/model.js';
import { ceasefireScenarioSchema, type CeasefireScenario } from '../core/scenario/ceasefire-schema.js';
import { checkCeasefireRules, defenseProfileFitsScenario } from '../core/scenario/ceasefire-rules.js';
import { checkLeverSettings, resolveScenario, type Resolution } from '../core/scenario/levers.js';
import { checkShape } from '../core/scenario/problems.js';
import { problemsError, UserError } from './errors.js';
import { resolveDefensePath } from './load-engagement.js';
import { SCENARIOS_DIR } from './paths.js';
import { readChecked, readDocument } from './read-document.js';

export const DEFAULT_SCENARIO = resolve(SCENARIOS_DIR, 'iran-israel.yaml');

export interface LoadedScenario {
  file: string;
  scenario: CeasefireScenario;
  profiles: Record<string, DefenseProfile>;
  /** The raw document, for hashing and storage. */
  raw: unknown;
}

export function loadScenario(file = DEFAULT_SCENARIO): LoadedScenario {
  const raw = readDocument(file);
  const checked = checkShape(ceasefireScenarioSchema, raw);
  if (!checked.ok) throw problemsError(file, checked.problems);
  const scenario = checked.value;
  const problems = checkCeasefireRules(scenario);
  if (problems.length) throw problemsError(file, problems);
  const profiles: Record<string, DefenseProfile> = {};
  for (const a of Object.values(scenario.actors)) {
    if (a.kind !== 'state' || !a.defense) continue;
    const path = resolveDefensePath(a.defense.profile, file);
    const profile = readChecked(path, defenseProfileSchema);
    const pp = defenseProfileFitsScenario(profile, scenario);
    if (pp.length) throw problemsError(path, pp);
    profiles[a.defense.profile] = profile;
  }
  return { file, scenario, profiles, raw };
}

/** Parse `--set name=value` flags into numbers; malformed ones are a UserError. */
export function parseSettings(flags: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of flags) {
    const m = /^([A-Za-z][\w-]*)=(.+)$/.exec(f);
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value)) throw new UserError(`--set ${f}: expected LEVER=NUMBER, e.g. --set verification=0.5`);
    out[m[1]] = value;
  }
  return out;
}

export function frameworkOrDefault(loaded: LoadedScenario, framework: string | undefined): string | null {
  const s = loaded.scenario;
  const name = framework ?? s.defaultFramework ?? (s.frameworks['transactional-freeze'] ? 'transactional-freeze' : null);
  if (name !== null && !s.frameworks[name]) {
    throw new UserError(`--framework: expected a framework of ${loaded.file} (${Object.keys(s.frameworks).join(', ') || 'none defined'}), got ${JSON.stringify(name)}`);
  }
  return name;
}

export function resolveLoaded(loaded: LoadedScenario, framework: string | undefined, settings: Record<string, number>): Resolution {
  const problems = checkLeverSettings(loaded.scenario, settings);
  if (problems.length) throw problemsError(loaded.file, problems);
  const resolution = resolveScenario(loaded.scenario, frameworkOrDefault(loaded, framework), settings);
  // A framework's `set` may write any value: check the result again.
  const again = checkShape(ceasefireScenarioSchema, resolution.scenario);
  if (!again.ok) throw problemsError(`${loaded.file} (framework ${resolution.framework})`, again.problems);
  return resolution;
}

export function modelFor(loaded: LoadedScenario, resolution: Resolution): Model {
  return buildModel(resolution.scenario, loaded.profiles);
}
