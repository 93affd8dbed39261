/**
 * Loading a scenario checks that every lever's paths accept its min and max. The checks are batched (as few
 * schema checks as keep the written paths apart: loading took twice as long with one per lever end); each
 * lever must still get the problems it gets when it is the only lever of the file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario } from '../src/app/scenario.js';
import type { CeasefireScenario } from '../src/core/scenario/ceasefire-schema.js';
import { leversPointToExistingPaths } from '../src/core/scenario/levers.js';

const shipped = loadScenario().scenario;

const ends = fc.constantFrom(-1, 0, 0.5, 1, 3, 150.5, 1e10);

describe('lever probes in one batch, as if each lever were alone', () => {
  it('the problems of all levers are the problems of each lever alone, in lever order', () => {
    const names = Object.keys(shipped.levers);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...names), ends, ends, fc.boolean()), { minLength: 1, maxLength: 8 }),
        (edits) => {
          const s = structuredClone(shipped) as CeasefireScenario;
          // Each edit: a lever (or a copy of it, writing the same paths) given new ends.
          edits.forEach(([name, min, max, copy], k) => {
            const target = copy ? `${name}-copy${k}` : name;
            s.levers[target] = { ...structuredClone(shipped.levers[name]), min, max };
          });
          const alone = Object.keys(s.levers).flatMap((name) =>
            leversPointToExistingPaths({ ...s, levers: { [name]: s.levers[name] } }),
          );
          expect(leversPointToExistingPaths(s)).toEqual(alone);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('finds the problem of one bad end among many good ones', () => {
    const s = structuredClone(shipped) as CeasefireScenario;
    s.levers.verification = { ...s.levers.verification, max: 2 };
    expect(leversPointToExistingPaths(s)).toEqual([
      expect.objectContaining({
        path: 'levers.verification.paths[0]',
        expected: "a field that accepts the lever's max (2)",
      }),
    ]);
  });
});
