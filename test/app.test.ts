/**
 * The application layer: one scenario pipeline for files and text, one
 * scenario hash, and resolution and model building that never change what
 * they are given.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkScenario } from '../src/app/check-scenario.js';
import { buildArms } from '../src/app/arms.js';
import {
  loadScenario,
  loadScenarioText,
  modelFor,
  resolveArm,
  scenarioHash,
  FIELD_NAMES,
} from '../src/app/scenario.js';
import { InputError } from '../src/io/errors.js';

const FILE = 'scenarios/iran-israel.yaml';
const TEXT = readFileSync(FILE, 'utf8');

function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x as object)) deepFreeze(v);
  }
  return x;
}

describe('one scenario hash', () => {
  it('the same scenario read from a file (CLI) and sent as text (dashboard) hashes the same', () => {
    const fromFile = loadScenario(FILE);
    const fromText = loadScenarioText(TEXT, 'dashboard', { kind: 'shipped' });
    expect(scenarioHash(fromFile)).toMatch(/^[0-9a-f]{64}$/);
    expect(scenarioHash(fromText)).toBe(scenarioHash(fromFile));
    expect(scenarioHash(loadScenario())).toBe(scenarioHash(fromFile));
  });

  it('comments and layout do not change it; a value does', () => {
    const base = scenarioHash(loadScenarioText(TEXT, 'dashboard', { kind: 'shipped' }));
    const commented =
      TEXT.split('\n')
        .map((l) => (l.trim() ? `${l}` : '# a note'))
        .join('\n') + '\n# trailing comment\n';
    expect(scenarioHash(loadScenarioText(commented, 'dashboard', { kind: 'shipped' }))).toBe(base);
    const changed = TEXT.replace(/^horizonDays: *(\d+)/m, (_m, d) => `horizonDays: ${Number(d) + 1}`);
    expect(changed).not.toBe(TEXT);
    expect(scenarioHash(loadScenarioText(changed, 'dashboard', { kind: 'shipped' }))).not.toBe(base);
  });
});

describe('one pipeline for text and files', () => {
  it('problems in text come back with their path and line', () => {
    const broken = TEXT.replace(/^(\s*)specificity: *[\d.]+/m, '$1specificity: 2');
    const c = checkScenario(broken);
    expect(c.ok).toBe(false);
    const p = c.problems.find((x) => x.path === 'agreement.specificity');
    expect(p).toMatchObject({ expected: 'a probability in [0, 1]', found: '2' });
    expect(broken.split('\n')[p!.line! - 1]).toMatch(/specificity: 2/);
  });

  it('dashboard text may only name shipped defence profiles; an unknown one is a problem at its path', () => {
    const c = checkScenario(TEXT.replace(/profile: *israel-2024/, 'profile: ../../etc/passwd'));
    expect(c.ok).toBe(false);
    expect(c.problems[0].path).toMatch(/^actors\.\w+\.defense\.profile$/);
    expect(c.problems[0].expected).toMatch(/a defence profile in scenarios\/defense\//);
  });

  it('settings are named as the face names them', () => {
    const loaded = loadScenario(FILE);
    expect(() => resolveArm(loaded, undefined, { verification: 3 }, FIELD_NAMES)).toThrow(
      /set\.verification: expected a value in \[0, 1\]/,
    );
    expect(() => resolveArm(loaded, 'nope', {}, FIELD_NAMES)).toThrow(InputError);
  });
});

describe('resolution and model building never mutate their inputs', () => {
  const loaded = loadScenario(FILE);
  const frameworks = Object.keys(loaded.scenario.frameworks);
  const levers = Object.entries(loaded.scenario.levers);
  const settingsArb = fc
    .dictionary(fc.constantFrom(...levers.map(([n]) => n)), fc.double({ min: 0, max: 1, noNaN: true }))
    .map((d) =>
      Object.fromEntries(
        Object.entries(d).map(([n, u]) => [
          n,
          loaded.scenario.levers[n].min + u * (loaded.scenario.levers[n].max - loaded.scenario.levers[n].min),
        ]),
      ),
    );

  it('resolveArm, modelFor and buildArms leave a frozen scenario and its profiles as they were', () => {
    const before = structuredClone({ scenario: loaded.scenario, profiles: loaded.profiles });
    const frozen = {
      ...loaded,
      scenario: deepFreeze(structuredClone(loaded.scenario)),
      profiles: deepFreeze(structuredClone(loaded.profiles)),
    };
    fc.assert(
      fc.property(fc.constantFrom(...frameworks, null), settingsArb, (framework, settings) => {
        const r = resolveArm(frozen, framework, settings);
        const m = modelFor(frozen, r);
        expect(m.horizonDays).toBeGreaterThan(0);
        // The resolved copy is the caller's to change: it shares nothing with the input.
        expect(r.scenario).not.toBe(frozen.scenario);
      }),
      { numRuns: 25 },
    );
    const arms = buildArms(
      frozen,
      frameworks,
      {},
      { lever: levers[0][0], values: [levers[0][1].min, levers[0][1].max] },
    );
    expect(arms).toHaveLength(frameworks.length * 2);
    expect({ scenario: frozen.scenario, profiles: frozen.profiles }).toEqual(before);
  });
});
