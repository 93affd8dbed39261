/**
 * Messages for input the dashboard and the CLI refuse (audit6a B1, B2): a profile reference that is not found says
 * how to reference one from where the text came, and never contradicts itself; a request the dashboard's schema
 * refuses is answered in the user's terms, never in the schema library's ("Invalid input: expected string").
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as contract from '../src/app/contract.js';
import { checkScenarioText } from '../src/app/scenario.js';
import type { ProfileBase } from '../src/app/profiles.js';
import { checkShape } from '../src/core/scenario/problems.js';
import { HttpError } from '../src/server/errors.js';
import { parseBody } from '../src/server/ops.js';
import { ROOT } from './helpers/cli.js';

const builtIn = readFileSync(join(ROOT, 'scenarios', 'iran-israel.yaml'), 'utf8');
const profileText = readFileSync(join(ROOT, 'scenarios', 'defense', 'israel-2024.yaml'), 'utf8');
const withProfile = (ref: string) => builtIn.replace(/profile: *israel-2024/, `profile: ${ref}`);

function profileProblem(ref: string, base: ProfileBase): string {
  const c = checkScenarioText(withProfile(ref), 'dashboard', base);
  if (c.ok) throw new Error(`${ref} was accepted`);
  expect(c.problems).toHaveLength(1);
  expect(c.problems[0].path).toBe('actors.israel.defense.profile');
  return c.problems[0].expected;
}

describe('a profile reference that is not found says how to reference one', () => {
  it('dashboard text with an absolute path and no upload: upload the file and write its file name', () => {
    const m = profileProblem('/tmp/x/india-2025.yaml', { kind: 'shipped' });
    expect(m).toContain('a defence profile in scenarios/defense/ (');
    expect(m).toContain('uploaded: none');
    expect(m).toContain("never reads the server's disk");
    expect(m).toContain('(profile: india-2025.yaml)');
  });

  it('a bare name with an upload of that name: says a bare name means a shipped profile, and what to write', () => {
    // Before: "... or a profile file uploaded with the scenario (india-2025)", got "india-2025": a contradiction.
    const m = profileProblem('india-2025', { kind: 'attached', files: { 'india-2025.yaml': profileText } });
    expect(m).toContain('a bare name means a shipped profile');
    expect(m).toContain('write its file name with the extension (profile: india-2025.yaml)');
    const keyed = profileProblem('india-2025', { kind: 'attached', files: { 'india-2025': profileText } });
    expect(keyed).toContain('(profile: india-2025.yaml, and upload it as india-2025.yaml)');
  });

  it('following the message works: the file name of the upload is accepted', () => {
    const c = checkScenarioText(withProfile('india-2025.yaml'), 'dashboard', {
      kind: 'attached',
      files: { 'india-2025.yaml': profileText },
    });
    expect(c.ok).toBe(true);
  });

  it('a file: a shipped name or a path relative to the scenario file or absolute, naming the file looked for', () => {
    const referringFile = join(ROOT, 'scenarios', 'mine.yaml');
    const c = checkScenarioText(withProfile('./nowhere.yaml'), 'scenarios/mine.yaml', { kind: 'file', referringFile });
    if (c.ok) throw new Error('accepted');
    expect(c.problems[0].expected).toContain('a path to a profile file, relative to the scenario file or absolute');
    expect(c.problems[0].expected).toContain('no file at scenarios/nowhere.yaml');
  });
});

function bodyError(schema: z.ZodType, body: unknown): string {
  try {
    parseBody(schema, body);
  } catch (err) {
    if (err instanceof HttpError) return err.message;
    throw err;
  }
  throw new Error('accepted');
}

describe("the dashboard's request schemas answer in the user's terms", () => {
  const yaml = builtIn;
  it('POST /api/run without framework names the field and what it takes', () => {
    expect(bodyError(contract.runRequest, { yaml, seed: 1 })).toBe(
      'framework: expected the name of a framework of the scenario, or null for none',
    );
  });

  const LIBRARY =
    /Invalid input|Invalid option|Too small|Too big|Unrecognized key|received undefined|expected (string|number|int|array)\b/;
  const cases: [string, z.ZodType, unknown][] = [
    ['run: no body fields', contract.runRequest, {}],
    ['run: wrong types', contract.runRequest, { yaml: 3, framework: 4, set: { a: 'x' }, seed: -1, days: 2.5 }],
    ['run: an unknown field', contract.runRequest, { yaml, framework: null, seed: 1, sed: 2 }],
    ['compare: empty frameworks, a bad vary', contract.compareRequest, { yaml, frameworks: [], vary: { lever: 1 } }],
    ['compare: bad posterior', contract.compareRequest, { yaml, frameworks: ['a'], runs: 1, seed: 1, posterior: 'x' }],
    ['sensitivity: a bad method and no levers', contract.sensitivityRequest, { yaml, method: 'x', levers: [] }],
    ['sweep: a bad design and a short range', contract.sweepRequest, { yaml, design: 'x', ranges: { a: [1] } }],
    ['check: profiles not text', contract.checkRequest, { yaml, profiles: { 'a.yaml': 3 } }],
  ];
  for (const [name, schema, body] of cases)
    it(`${name}: every problem reads as the user's terms`, () => {
      const m = bodyError(schema, body);
      expect(m).not.toMatch(LIBRARY);
      for (const part of m.split('; ')) expect(part).toMatch(/^[\w.[\]"-]+: expected \S/);
    });

  it('an unknown field is named, with its path', () => {
    expect(bodyError(contract.runRequest, { yaml, framework: null, seed: 1, sed: 2 })).toBe(
      'sed: expected a known field of the request (check the spelling)',
    );
  });

  it('scenario files get the same translation: a non-integer horizon reads "a whole number"', () => {
    const c = checkShape(z.object({ horizonDays: z.number().int() }), { horizonDays: 180.5 });
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.problems[0]).toEqual({ path: 'horizonDays', expected: 'a whole number', found: '180.5' });
  });
});
