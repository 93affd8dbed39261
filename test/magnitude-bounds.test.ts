/**
 * Every number of the shipped scenario, set in turn to the largest double, to the schema's general bound
 * (MAX_MAGNITUDE) and to 0: either the file is refused with a sentence naming that field, or a run of it gives no
 * nonsense (NaN, Infinity, probabilities outside [0, 1]). A term weight of 1e308 once ran (the documented
 * ranges warn rather than refuse) and gave an expected utility of -Infinity and a NaN attribution; a spurious
 * rate of 1e308 ran the process out of memory; interceptor stocks at signing of 0 made an unlimited layer's
 * inventory Infinity x 0 = NaN. Systematic where the fuzzer samples: one case per field.
 */
import { readFileSync } from 'node:fs';
import { isScalar, parseDocument, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import { findNonsense } from '../fuzz/nonsense.js';
import { runStory } from '../src/app/run.js';
import { loadScenarioText } from '../src/app/scenario.js';
import { MAX_MAGNITUDE } from '../src/core/scenario/fields.js';
import { InputError } from '../src/io/errors.js';

const text = readFileSync('scenarios/iran-israel.yaml', 'utf8');

/** The path of every numeric leaf in a map (list items are the actions' thresholds and the like: kept whole). */
function numericPaths(): string[][] {
  const paths: string[][] = [];
  visit(parseDocument(text), {
    Pair(_key, pair, ancestors) {
      if (!isScalar(pair.value) || typeof pair.value.value !== 'number' || !isScalar(pair.key)) return;
      const keys = ancestors.flatMap((n) =>
        n && typeof n === 'object' && 'key' in n && isScalar(n.key) ? [String(n.key.value)] : [],
      );
      paths.push([...keys, String(pair.key.value)]);
    },
  });
  return paths;
}

function verdict(path: string[], value: number): string {
  const doc = parseDocument(text);
  doc.setIn(path, value);
  let loaded;
  try {
    loaded = loadScenarioText(String(doc), 'edited.yaml', { kind: 'shipped' });
  } catch (err) {
    if (!(err instanceof InputError)) return `crash on load: ${String(err)}`;
    // The field itself, or the one it contradicts (a lever's min above its max, a framework's setting).
    return /edited\.yaml: \S+: expected /.test(err.message) ? 'refused' : `refused without a path: ${err.message}`;
  }
  const out = runStory(loaded, { seed: 3, days: 40 });
  const bad = findNonsense(out);
  return bad ? `nonsense: ${bad}` : 'ran';
}

describe('extreme values in every numeric field of the shipped scenario', () => {
  const paths = numericPaths();
  it('finds the fields (the shipped scenario has hundreds of numbers)', () => {
    expect(paths.length).toBeGreaterThan(300);
    expect(paths.map((p) => p.join('.'))).toContain('actors.israel.weights.pv');
  });
  for (const value of [Number.MAX_VALUE, MAX_MAGNITUDE, 0])
    it(`each set to ${value}: refused with its path, or runs without nonsense`, { timeout: 600_000 }, () => {
      const failures: string[] = [];
      for (const p of paths) {
        const v = verdict(p, value);
        if (v !== 'refused' && v !== 'ran') failures.push(`${p.join('.')}: ${v}`);
      }
      expect(failures).toEqual([]);
    });
  it('a term weight, a spurious rate and a production rate beyond their bounds are refused by name', () => {
    for (const p of [
      'actors.israel.weights.pv',
      'actors.iran.spuriousRate',
      'actors.iran.arsenal.productionPerDay.drone',
    ]) {
      const doc = parseDocument(text);
      doc.setIn(p.split('.'), 1e308);
      expect(() => loadScenarioText(String(doc), 'edited.yaml', { kind: 'shipped' })).toThrow(
        `edited.yaml: ${p}: expected`,
      );
    }
  });
});
