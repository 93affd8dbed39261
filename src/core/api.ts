/**
 * The library's convenience functions over the pure core (docs/library.md):
 * validate a scenario document, run an ensemble of one arm, summarise it.
 * Pure like the rest of src/core: documents in, results out.
 */
import { parseDocument } from 'yaml';
import { defenseProfileSchema, type DefenseProfile } from './engagement/schema.js';
import { addOutcome, emptyAccumulator, type ArmAccumulator } from './ensemble/accumulator.js';
import { buildModel, type Model } from './engine/model.js';
import { runCeasefire } from './engine/run.js';
import { ceasefireScenarioSchema, type CeasefireScenario } from './scenario/ceasefire-schema.js';
import { checkCeasefireRules, defenseProfileFitsScenario } from './scenario/ceasefire-rules.js';
import { checkLeverSettings, resolveScenario } from './scenario/levers.js';
import { checkShape, type Problem } from './scenario/problems.js';

export type Validated<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/**
 * Check a parsed scenario document (from YAML or JSON) against the schema and
 * the cross-field rules; with `profiles`, also check that each defence profile
 * named by the scenario is given and fits it.
 */
export function validateScenario(
  document: unknown,
  profiles?: Record<string, unknown>,
): Validated<{ scenario: CeasefireScenario; profiles: Record<string, DefenseProfile> }> {
  const shape = checkShape(ceasefireScenarioSchema, document);
  if (!shape.ok) return shape;
  const scenario = shape.value;
  const problems = checkCeasefireRules(scenario);
  const checkedProfiles: Record<string, DefenseProfile> = {};
  for (const [id, a] of Object.entries(scenario.actors)) {
    if (a.kind !== 'state' || !a.defense) continue;
    const name = a.defense.profile;
    const given = profiles?.[name];
    if (given === undefined) {
      problems.push({
        path: `actors.${id}.defense.profile`,
        expected: `the defence profile ${JSON.stringify(name)} in profiles`,
        found: 'none given',
      });
      continue;
    }
    const p = checkShape(defenseProfileSchema, given);
    if (!p.ok) {
      problems.push(
        ...p.problems.map((q) => ({
          ...q,
          path: `profiles.${name}${q.path ? (q.path.startsWith('[') ? '' : '.') + q.path : ''}`,
        })),
      );
      continue;
    }
    problems.push(...defenseProfileFitsScenario(p.value, scenario));
    checkedProfiles[name] = p.value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { scenario, profiles: checkedProfiles } };
}

/** The model of a scenario under a framework and lever settings (`null`: the scenario's default framework). */
export function modelOf(
  scenario: CeasefireScenario,
  profiles: Record<string, DefenseProfile>,
  framework: string | null = null,
  levers: Record<string, number> = {},
): Model {
  const name =
    framework ??
    scenario.defaultFramework ??
    (scenario.frameworks['transactional-freeze'] ? 'transactional-freeze' : null);
  if (name !== null && !scenario.frameworks[name])
    throw new RangeError(
      `framework: expected one of ${Object.keys(scenario.frameworks).join(', ')}, got ${JSON.stringify(name)}`,
    );
  const problems = checkLeverSettings(scenario, levers, name);
  if (problems.length)
    throw new RangeError(
      problems.map((p) => `${p.path}: expected ${p.expected}${p.found ? `, found ${p.found}` : ''}`).join('; '),
    );
  return buildModel(resolveScenario(scenario, name, levers).scenario, profiles);
}

/** Replicates 0..runs-1 of one model folded into an accumulator (single-threaded; the CLI spreads chunks over workers with the same result). */
export function runArm(model: Model, opts: { runs: number; seed: number; days?: number }): ArmAccumulator {
  const horizon = opts.days ?? model.horizonDays;
  const acc = emptyAccumulator(horizon);
  for (let r = 0; r < opts.runs; r++)
    addOutcome(acc, runCeasefire(model, { seed: opts.seed, replicate: r, days: horizon }).outcome);
  return acc;
}

/** Parse scenario YAML (or JSON) text and validate it; malformed YAML is reported as one problem at the root. */
export function scenarioFromYaml(
  text: string,
  profiles?: Record<string, unknown>,
): Validated<{ scenario: CeasefireScenario; profiles: Record<string, DefenseProfile> }> {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length)
    return {
      ok: false,
      problems: doc.errors.map((e) => ({ path: '', expected: 'well-formed YAML', found: e.message.split('\n')[0] })),
    };
  return validateScenario(doc.toJS(), profiles);
}
