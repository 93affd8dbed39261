/**
 * Cross-field rules of a ceasefire scenario, each named for what it asserts.
 * Run after the shape check; each returns problems with JSON paths.
 */
import { layerNamesAreUnique, layersReferToKnownThreatTypes } from '../engagement/rules.js';
import { BUILT_IN_THREAT_TYPES, type DefenseProfile } from '../engagement/schema.js';
import { DOMAINS, type CeasefireScenario } from './ceasefire-schema.js';
import { frameworksReferToKnownLevers, leversPointToExistingPaths, missingPrefix } from './levers.js';
import { getPath, parentExists } from './paths.js';
import type { Problem } from './problems.js';

const kindOf = (s: CeasefireScenario, id: string) => s.actors[id]?.kind;

export function actorsReferToKnownActors(s: CeasefireScenario): Problem[] {
  const problems: Problem[] = [];
  const states = Object.keys(s.actors).filter((id) => kindOf(s, id) === 'state');
  const want = (path: string, id: string, kind: string) => {
    if (kindOf(s, id) !== kind)
      problems.push({
        path,
        expected: `the id of a ${kind} actor${kind === 'state' ? ` (${states.join(', ')})` : ''}`,
        found: JSON.stringify(id),
      });
  };
  for (const [id, a] of Object.entries(s.actors)) {
    if (a.kind === 'state')
      a.adversaries.forEach((x, i) =>
        x === id
          ? problems.push({
              path: `actors.${id}.adversaries[${i}]`,
              expected: 'another state',
              found: JSON.stringify(x),
            })
          : want(`actors.${id}.adversaries[${i}]`, x, 'state'),
      );
    if (a.kind === 'proxy') {
      want(`actors.${id}.patron`, a.patron, 'state');
      // A proxy fights for its patron, against another state: its attacks are accounted to the side opposite
      // its target (docs/model/proxies.md), which a proxy aimed at its own patron would not have.
      if (a.target === a.patron)
        problems.push({
          path: `actors.${id}.target`,
          expected: `a state other than its patron (${a.patron})`,
          found: JSON.stringify(a.target),
        });
      else want(`actors.${id}.target`, a.target, 'state');
    }
  }
  want('agreement.mediator', s.agreement.mediator, 'mediator');
  s.agreement.guarantors.forEach((g, i) => want(`agreement.guarantors[${i}]`, g, 'guarantor'));
  if (states.length < 2)
    problems.push({ path: 'actors', expected: 'at least two state actors', found: String(states.length) });
  return problems;
}

export function actionsReferToKnownActions(s: CeasefireScenario): Problem[] {
  const problems: Problem[] = [];
  const known = Object.keys(s.actions);
  const check = (path: string, ids: string[]) =>
    ids.forEach((a) => {
      if (!s.actions[a])
        problems.push({
          path: `${path}.${a}`,
          expected: `an action of the catalog (${known.join(', ')})`,
          found: JSON.stringify(a),
        });
    });
  for (const [id, a] of Object.entries(s.actors)) {
    if (a.kind === 'state') {
      check(`actors.${id}.activities`, Object.keys(a.activities));
      check(`actors.${id}.redlines`, Object.keys(a.redlines));
    }
    if (a.kind === 'proxy') check(`actors.${id}.activities`, Object.keys(a.activities));
  }
  check('agreement.terms', Object.keys(s.agreement.terms));
  check('agreement.agreedReadings', Object.keys(s.agreement.agreedReadings));
  return problems;
}

export function coverageNamesKnownDomains(s: CeasefireScenario): Problem[] {
  return Object.keys(s.agreement.verification.coverage)
    .filter((d) => !(DOMAINS as readonly string[]).includes(d))
    .map((d) => ({
      path: `agreement.verification.coverage.${d}`,
      expected: `a domain (${DOMAINS.join(', ')})`,
      found: JSON.stringify(d),
    }));
}

export function arsenalsUseKnownThreatTypes(s: CeasefireScenario): Problem[] {
  const problems: Problem[] = [];
  for (const [id, a] of Object.entries(s.actors)) {
    if (a.kind === 'proxy') {
      for (const t of Object.keys(a.attackSalvo))
        if (!(BUILT_IN_THREAT_TYPES as readonly string[]).includes(t))
          problems.push({
            path: `actors.${id}.attackSalvo.${t}`,
            expected: `a threat type (${BUILT_IN_THREAT_TYPES.join(', ')})`,
            found: JSON.stringify(t),
          });
    }
    if (a.kind !== 'state' || !a.arsenal) continue;
    const known = new Set<string>([...BUILT_IN_THREAT_TYPES, ...Object.keys(a.arsenal.threats ?? {})]);
    for (const [section, map] of [
      ['stocks', a.arsenal.stocks],
      ['saturationSalvo', a.arsenal.saturationSalvo],
      ['productionPerDay', a.arsenal.productionPerDay],
    ] as const) {
      for (const t of Object.keys(map))
        if (!known.has(t))
          problems.push({
            path: `actors.${id}.arsenal.${section}.${t}`,
            expected: `a threat type (${[...known].join(', ')})`,
            found: JSON.stringify(t),
          });
    }
  }
  return problems;
}

export function kineticActorsAreEquipped(s: CeasefireScenario): Problem[] {
  const problems: Problem[] = [];
  for (const [id, a] of Object.entries(s.actors)) {
    if (a.kind !== 'state') continue;
    if (a.role === 'revisionist' && !a.arsenal)
      problems.push({
        path: `actors.${id}.arsenal`,
        expected: 'an arsenal (stocks, launchers, saturationSalvo) for a revisionist state',
        found: 'nothing',
      });
    if (a.role === 'defender' && !a.defense)
      problems.push({
        path: `actors.${id}.defense`,
        expected: 'a defense: { profile: NAME } for a defender state',
        found: 'nothing',
      });
  }
  return problems;
}

/**
 * Named rule for a defence profile the scenario names: its layers engage only
 * threat types the scenario knows (built in, or declared in an arsenal), under
 * unique names. Paths are inside the profile.
 */
/**
 * Named rule: each documented parameter range names a numeric field of the scenario, min <= max. A value
 * outside its range is not refused here: a range states plausible values, not validity (a weight of 0 switches
 * a channel off for a mechanism check); `valuesOutsideDocumentedRanges` warns. The schema's hard bounds (a
 * probability in [0, 1]) stay errors. docs/scenario-reference.md, "Before you trust a new scenario".
 */
export function parameterRangesNameNumericFields(s: CeasefireScenario): Problem[] {
  const problems: Problem[] = [];
  for (const [p, r] of Object.entries(s.parameters)) {
    const v = getPath(s, p);
    if (typeof v !== 'number')
      problems.push({
        path: `parameters[${JSON.stringify(p)}]`,
        expected: 'a path to a numeric field of the scenario',
        // A field the file leaves unset (an optional weight) has no value for the range to hold.
        found:
          v === undefined && parentExists(s, p)
            ? `${JSON.stringify(p)}, which the file leaves unset (give it the value the range documents)`
            : JSON.stringify(p),
      });
    else if (!(r.min <= r.max))
      problems.push({
        path: `parameters[${JSON.stringify(p)}].max`,
        expected: `a maximum >= min (${r.min})`,
        found: String(r.max),
      });
  }
  return problems;
}

/**
 * Warnings, not errors: values that lie outside the range the scenario documents for them (its `parameters`
 * block). The path is the value's own, so the line is where it was written.
 */
export function valuesOutsideDocumentedRanges(s: CeasefireScenario): { path: string; message: string }[] {
  const out: { path: string; message: string }[] = [];
  for (const [p, r] of Object.entries(s.parameters)) {
    const v = getPath(s, p);
    if (typeof v === 'number' && r.min <= r.max && (v < r.min || v > r.max))
      out.push({
        path: p,
        message: `${v} is outside its documented range [${r.min}, ${r.max}] (the scenario's parameters block: plausible values, not a validity bound); allowed, but the ablation and the docs' statements about this parameter assume the range`,
      });
  }
  return out;
}

export function defenseProfileFitsScenario(profile: DefenseProfile, s: CeasefireScenario): Problem[] {
  const known = new Set<string>(BUILT_IN_THREAT_TYPES);
  for (const a of Object.values(s.actors))
    if (a.kind === 'state') for (const t of Object.keys(a.arsenal?.threats ?? {})) known.add(t);
  return [...layersReferToKnownThreatTypes(profile.layers, known), ...layerNamesAreUnique(profile.layers)];
}

/**
 * A path problem (a lever, parameter or framework path) that only follows from another problem, such as a
 * lever into the `defense` the first problem reports missing, says so rather than reading as a second cause.
 */
function markConsequences(s: CeasefireScenario, problems: Problem[]): Problem[] {
  const paths = new Set(problems.map((p) => p.path));
  return problems.map((p) => {
    if (!/^(levers|parameters|frameworks)[.[]/.test(p.path) || p.found === undefined) return p;
    let target: unknown;
    try {
      target = JSON.parse(p.found);
    } catch {
      return p;
    }
    if (typeof target !== 'string') return p;
    const missing = missingPrefix(s, target);
    if (missing === undefined || !paths.has(missing)) return p;
    return { ...p, found: `${p.found}, which follows from the problem at ${missing} (fix that first)` };
  });
}

export function checkCeasefireRules(s: CeasefireScenario): Problem[] {
  return markConsequences(s, [
    ...actorsReferToKnownActors(s),
    ...actionsReferToKnownActions(s),
    ...coverageNamesKnownDomains(s),
    ...arsenalsUseKnownThreatTypes(s),
    ...kineticActorsAreEquipped(s),
    ...leversPointToExistingPaths(s),
    ...parameterRangesNameNumericFields(s),
    ...frameworksReferToKnownLevers(s),
  ]);
}
