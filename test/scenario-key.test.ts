// The key of a design point names its jobs in the Redis queue and its model in a worker's cache, so a resumed
// analysis finds its stored results by it: keys must never change. Independent expectations: keys pinned from the
// build before posterior draws were keyed from their arm's text (main at b935218), and the definition itself, the
// SHA-256 of JSON.stringify([scenario, profiles(, offset)]), computed here for every point.
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DesignPoint } from '../src/core/ensemble/chunk.js';
import { withPath } from '../src/core/scenario/paths.js';
import { planUnderPosterior } from '../src/app/posterior-ensemble.js';
import { loadPosterior, type Posterior } from '../src/app/posterior.js';
import { loadScenario } from '../src/app/scenario.js';
import { drawKeyer, scenarioKey } from '../src/shell/scenario-key.js';

/** The definition: what every key was before drawKeyer, written out here. */
const definition = (p: DesignPoint) =>
  createHash('sha256')
    .update(JSON.stringify(p.replicateOffset ? [p.scenario, p.profiles, p.replicateOffset] : [p.scenario, p.profiles]))
    .digest('hex')
    .slice(0, 24);

describe('design point keys', () => {
  it('are the keys of the build before (stored queue results are found by them)', () => {
    const actors = Object.assign(Object.create(null) as Record<string, unknown>, {
      'side-a': { temperature: 0.08, weights: { pv: 0.03, baseline: 0.3 } },
      'side-b': { temperature: 0.1 },
    });
    const scenario = {
      name: 'pinned',
      horizonDays: 365,
      actors,
      agreement: { termsUnagreed: 0.25, text: 'ceasefire — “written”' },
      levers: [1, -0, 1e21, 0.1, null],
      flag: true,
    } as unknown as DesignPoint['scenario'];
    const profiles = { shield: { layers: [{ name: 'upper', pk: 0.85 }] } } as unknown as DesignPoint['profiles'];
    expect(scenarioKey({ scenario, profiles })).toBe('c25943b7a8f570ae0b10dc5e');
    expect(scenarioKey({ scenario, profiles, replicateOffset: 250 })).toBe('6aee308abb99fc23e9377d3f');
    // A draw keyed from its arm's text: the same key as the point written out.
    const keyOf = drawKeyer({ scenario, profiles }, ['agreement.termsUnagreed']);
    expect(keyOf([0.25], 250)).toBe('6aee308abb99fc23e9377d3f');
  });

  const loaded = loadScenario();
  const arm = { scenario: loaded.scenario, profiles: loaded.profiles };

  it('of the shipped posterior draws are the hash of each draw written out', () => {
    const shipped = loadPosterior(undefined, ':memory:');
    const plan = planUnderPosterior([arm, arm], shipped, 400, ['transactional-freeze', 'structural-architecture']);
    expect(plan.draws).toBeGreaterThan(100);
    for (const p of plan.points) expect(scenarioKey(p)).toBe(definition(p));
    // The freeze carries the posterior's terms-unagreed draws: its draws are different points.
    expect(new Set(plan.points.slice(0, plan.draws).map(scenarioKey)).size).toBe(plan.draws);
  });

  it("of a draw whose scenario is replaced after planning (facts sets its own paths) are its new text's", () => {
    const shipped = loadPosterior(undefined, ':memory:');
    const plan = planUnderPosterior([arm], shipped, 40, ['transactional-freeze']);
    const before = plan.points.map(scenarioKey);
    plan.points.forEach((p) => (p.scenario = withPath(p.scenario, 'actors.israel.intelligence', 0.5)));
    plan.points.forEach((p, i) => {
      expect(scenarioKey(p)).toBe(definition(p));
      expect(scenarioKey(p)).not.toBe(before[i]);
    });
  });

  it('of draws that set several paths, one of them twice, are the hash of each draw written out', () => {
    const name = loaded.scenario.name;
    const posterior: Posterior = {
      label: 'test',
      params: [
        { name: 'a', scenarioPaths: { [name]: ['agreement.termsUnagreed', 'actors.israel.intelligence'] } },
        { name: 'b', scenarioPaths: { [name]: ['actors.iran.spuriousRate', 'agreement.termsUnagreed'] } },
        { name: 'c', scenarioPaths: { [`${name}/structural-architecture`]: ['horizonDays'] } },
      ] as unknown as Posterior['params'],
      draws: Array.from({ length: 30 }, (_, d) => ({ a: d / 100, b: 0.5 - d / 100, c: 300 + d })),
    };
    const plan = planUnderPosterior([arm, arm], posterior, 60, ['transactional-freeze', 'structural-architecture']);
    expect(plan.points).toHaveLength(60);
    for (const p of plan.points) expect(scenarioKey(p)).toBe(definition(p));
  });

  it('from an arm are the hash of the point written out, for any object, paths and values', () => {
    const key = fc.constantFrom('a', 'b', 'c-d', 'e');
    const leaf = fc.oneof(fc.double(), fc.integer(), fc.string(), fc.boolean(), fc.constant(null));
    const tree = fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, fc.oneof(leaf, fc.dictionary(key, leaf)))));
    // Paths into the tree or just off it (a new key at the end); values of any kind JSON writes or skips.
    const path = fc.array(key, { minLength: 1, maxLength: 3 }).map((ks) => ks.join('.'));
    const value = fc.oneof(fc.double(), fc.integer(), fc.constant(undefined), fc.constant('x'));
    fc.assert(
      fc.property(
        tree,
        fc.array(path, { maxLength: 4 }),
        fc.nat(3),
        fc.array(value, { minLength: 4, maxLength: 4 }),
        (t, paths, offset, values) => {
          const base = { scenario: t as unknown as DesignPoint['scenario'], profiles: {} };
          let keyOf: ReturnType<typeof drawKeyer>;
          try {
            keyOf = drawKeyer(base, paths);
          } catch {
            return; // a path through a leaf: the planner refuses such paths before it keys anything
          }
          let s = base.scenario;
          paths.forEach((p, j) => (s = withPath(s, p, values[j])));
          expect(keyOf(values.slice(0, paths.length), offset * 250)).toBe(
            definition({ scenario: s, profiles: {}, replicateOffset: offset * 250 }),
          );
        },
      ),
      { numRuns: 500 },
    );
  });
});
