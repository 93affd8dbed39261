/**
 * `scenario validate` refuses the lever and framework paths that a resolved arm would refuse (`compare --vary`
 * re-checks the resolved scenario's shape), and a path problem that only follows from another says so
 * (audit6a A8, B3, B4).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ceasefireScenarioSchema } from '../src/core/scenario/ceasefire-schema.js';
import { checkCeasefireRules } from '../src/core/scenario/ceasefire-rules.js';
import { resolveScenario } from '../src/core/scenario/levers.js';
import { checkShape, type Problem } from '../src/core/scenario/problems.js';
import { truce } from './helpers/cli.js';

const builtInText = readFileSync('scenarios/iran-israel.yaml', 'utf8');
type Doc = Record<string, Record<string, Record<string, unknown>>>;

function problemsOf(edit: (d: Doc) => void): Problem[] {
  const doc = parse(builtInText) as Doc;
  edit(doc);
  const shape = checkShape(ceasefireScenarioSchema, doc);
  if (!shape.ok) return shape.problems;
  return checkCeasefireRules(shape.value);
}

/** What resolving the arm with the lever at `value` says: the check `compare --vary` makes. */
function resolvedProblems(edit: (d: Doc) => void, lever: string, value: number): Problem[] {
  const doc = parse(builtInText) as Doc;
  edit(doc);
  const shape = checkShape(ceasefireScenarioSchema, doc);
  if (!shape.ok) throw new Error('the edit must pass the shape check');
  const r = resolveScenario(shape.value, 'transactional-freeze', { [lever]: value });
  const again = checkShape(ceasefireScenarioSchema, r.scenario);
  return again.ok ? [] : again.problems;
}

const misspelt = (d: Doc) => {
  (d.levers.mediatorCommitment as { paths: string[] }).paths = ['actors.us.comitment'];
};

describe('lever paths: validation refuses what resolving an arm refuses', () => {
  it('the built-in scenario has no problems', () => {
    expect(problemsOf(() => {})).toEqual([]);
  });

  it('a misspelt leaf field is refused, naming the lever path, the field and the near name', () => {
    // The parent (actors.us) exists, so the old rule let this pass; resolving the arm refuses it.
    expect(resolvedProblems(misspelt, 'mediatorCommitment', 0.5).map((p) => p.found)).toEqual([
      'unknown field "comitment"',
    ]);
    const ps = problemsOf(misspelt);
    expect(ps).toHaveLength(1);
    expect(ps[0].path).toBe('levers.mediatorCommitment.paths[0]');
    expect(ps[0].expected).toBe('a path to a numeric field of the scenario');
    expect(ps[0].found).toBe('"actors.us.comitment": actors.us has no field "comitment" (did you mean "commitment"?)');
  });

  it('a lever on a field the file leaves unset (an optional weight) is valid, and resolving it works', () => {
    const edit = (d: Doc) => {
      d.levers.hawk = { description: 'pdr weight', min: 0, max: 2, paths: ['actors.israel.weights.pdr'] };
    };
    expect(problemsOf(edit)).toEqual([]);
    expect(resolvedProblems(edit, 'hawk', 2)).toEqual([]);
  });

  it('a lever whose range the field cannot hold is refused at the end that breaks it (as --vary at that end is)', () => {
    const edit = (d: Doc) => {
      (d.levers.specificity as { max: number }).max = 2;
    };
    expect(resolvedProblems(edit, 'specificity', 2).map((p) => p.path)).toEqual(['agreement.specificity']);
    expect(resolvedProblems(edit, 'specificity', 1)).toEqual([]);
    const ps = problemsOf(edit);
    expect(ps.map((p) => p.path)).toEqual(['levers.specificity.paths[0]']);
    expect(ps[0].expected).toBe("a field that accepts the lever's max (2)");
    expect(ps[0].found).toMatch(/^"agreement\.specificity": a probability in \[0, 1\] \(got 2\)$/);
  });

  it('a scale lever is checked at base x min and base x max', () => {
    const edit = (d: Doc) => {
      d.levers.scaledSpec = { description: 'x', min: 0, max: 10, mode: 'scale', paths: ['agreement.specificity'] };
    };
    const ps = problemsOf(edit);
    expect(ps.map((p) => p.path)).toEqual(['levers.scaledSpec.paths[0]']);
    expect(ps[0].expected).toMatch(/^a field that accepts the lever's max \([\d.]+ x 10\)$/);
  });

  it('a framework `set` on a misspelt field, or with a value the field refuses, is refused', () => {
    const ps = problemsOf((d) => {
      const f = d.frameworks['transactional-freeze'] as { set: Record<string, unknown> };
      f.set = { 'actors.us.sanctionsPerEnforcment': 0.05, 'agreement.guarantee': 3 };
    });
    expect(ps.map((p) => [p.path, p.expected])).toEqual([
      ['frameworks.transactional-freeze.set["actors.us.sanctionsPerEnforcment"]', 'a path to a field of the scenario'],
      ['frameworks.transactional-freeze.set["agreement.guarantee"]', 'a value the field accepts'],
    ]);
    expect(ps[0].found).toMatch(/did you mean "sanctionsPerEnforcement"\?/);
  });
});

describe('a path problem that follows from another says so', () => {
  it("removing the defender's defence: the lever into it is marked as following from it", () => {
    const ps = problemsOf((d) => {
      delete d.actors.israel.defense;
    });
    expect(ps.map((p) => p.path)).toEqual([
      'actors.israel.defense',
      'levers.interceptorStock.paths[0]',
      'parameters["actors.israel.defense.replenishPerDay"]',
      'parameters["actors.israel.defense.stocksAtSigning"]',
    ]);
    expect(ps[1].found).toBe(
      '"actors.israel.defense.inventoryScale", which follows from the problem at actors.israel.defense (fix that first)',
    );
    for (const p of ps.slice(2)) expect(p.found).toMatch(/, which follows from the problem at actors\.israel\.defense/);
  });
  it('a lever into an object that is simply absent (no other problem) is not marked', () => {
    const ps = problemsOf((d) => {
      (d.levers.verification as { paths: string[] }).paths = ['agreement.monitor.capability'];
    });
    expect(ps).toHaveLength(1);
    expect(ps[0].found).toBe('"agreement.monitor.capability"');
  });
});

describe('truce scenario validate on a misspelt lever path (the CLI)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'truce-paths-'));
  const doc = parse(builtInText) as Doc;
  misspelt(doc);
  const file = join(tmp, 'misspelt.json');
  writeFileSync(file, JSON.stringify(doc));
  it('exits 2 naming the file, the lever path and what was expected; --json says valid: false', () => {
    const r = truce(['scenario', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `${file}: levers.mediatorCommitment.paths[0]: expected a path to a numeric field of the scenario, got "actors.us.comitment"`,
    );
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const j = truce(['scenario', 'validate', file, '--json']);
    expect(j.code).toBe(2);
    expect(JSON.parse(j.stdout).valid).toBe(false);
  });
});

describe('a proxy aimed at its own patron is refused (its fire has no side: docs/model/proxies.md)', () => {
  it('names the proxy target and the patron; another state, as written, passes', () => {
    const problems = problemsOf((d) => {
      d.actors.hezbollah.target = 'iran';
    });
    expect(problems).toEqual([
      { path: 'actors.hezbollah.target', expected: 'a state other than its patron (iran)', found: '"iran"' },
    ]);
    expect(problemsOf(() => {})).toEqual([]);
  });
  it('truce scenario validate exits 2 naming the file and the path', () => {
    const doc = parse(builtInText) as Doc;
    doc.actors.houthis.target = 'iran';
    const file = join(mkdtempSync(join(tmpdir(), 'truce-proxy-')), 'self.json');
    writeFileSync(file, JSON.stringify(doc));
    const r = truce(['scenario', 'validate', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: actors.houthis.target: expected a state other than its patron (iran)`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});
