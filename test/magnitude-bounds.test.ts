/**
 * Every number of every shipped file, set in turn to the largest double, to the schema's general bound
 * (MAX_MAGNITUDE) and to 0: either the file is refused with a sentence naming a field, or what runs of it gives
 * no nonsense (NaN, Infinity, probabilities outside [0, 1]). A term weight of 1e308 once ran (the documented
 * ranges warn rather than refuse) and gave an expected utility of -Infinity and a NaN attribution; a spurious
 * rate of 1e308 ran the process out of memory; interceptor stocks at signing of 0 made an unlimited layer's
 * inventory Infinity x 0 = NaN. Systematic where the fuzzer samples: one case per field and value.
 */
import { readFileSync } from 'node:fs';
import { isScalar, isSeq, parseDocument, stringify, visit } from 'yaml';
import { describe, expect, it } from 'vitest';
import type { FileKind } from '../fuzz/arbitraries.js';
import { findNonsense } from '../fuzz/nonsense.js';
import { runDocumentCase } from '../fuzz/targets.js';
import { runStory } from '../src/app/run.js';
import { loadScenarioText } from '../src/app/scenario.js';
import { MAX_MAGNITUDE } from '../src/core/scenario/fields.js';
import { InputError } from '../src/io/errors.js';

const VALUES = [Number.MAX_VALUE, MAX_MAGNITUDE, 0];

/** A numeric leaf of a document: its path (keys and list indices) and where its value is written in the text. */
interface NumericLeaf {
  path: (string | number)[];
  start: number;
  end: number;
}

/** Every numeric leaf of a document. */
function numericLeaves(text: string): NumericLeaf[] {
  const leaves: NumericLeaf[] = [];
  visit(parseDocument(text), {
    Scalar(_key, node, ancestors) {
      if (typeof node.value !== 'number' || !node.range) return;
      const path: (string | number)[] = [];
      const chain = [...ancestors, node];
      for (let i = 0; i < chain.length - 1; i++) {
        const n = chain[i];
        if (isSeq(n)) path.push(n.items.indexOf(chain[i + 1] as never));
        else if (n && typeof n === 'object' && 'key' in n && 'value' in n) {
          if (n.value !== chain[i + 1]) return; // the number is a key, not a value
          if (isScalar(n.key)) path.push(String(n.key.value));
        }
      }
      leaves.push({ path, start: node.range[0], end: node.range[1] });
    },
  });
  return leaves;
}

/**
 * The text with the given leaves' values rewritten (as the yaml library writes a number), everything else as
 * written: what a user editing one number gets. Splicing the text, instead of parsing, editing and re-serialising
 * the document for each of the thousand cases, keeps each case to one parse: the loader's own. The test
 * 'the edits land on their fields' checks every splice against a parse.
 */
function edited(text: string, edits: { leaf: NumericLeaf; value: number }[]): string {
  let out = text;
  for (const { leaf, value } of [...edits].sort((a, b) => b.leaf.start - a.leaf.start))
    out = out.slice(0, leaf.start) + stringify(value).trimEnd() + out.slice(leaf.end);
  return out;
}

/** Every leaf set at once to a value of its own, parsed: each path reads back its own value. */
function editsLand(text: string, leaves: NumericLeaf[]): string[] {
  const value = (i: number) => 1_000_003 + i;
  const doc = parseDocument(
    edited(
      text,
      leaves.map((leaf, i) => ({ leaf, value: value(i) })),
    ),
  );
  return leaves.flatMap((leaf, i) =>
    doc.getIn(leaf.path) === value(i) ? [] : [`${leaf.path.join('.')}: ${String(doc.getIn(leaf.path))}`],
  );
}

/** The scenario in process without the dashboard's check and the compare (the fuzzer runs those): fast enough for 1,000 cases. */
function scenarioVerdict(text: string): string {
  let loaded;
  try {
    loaded = loadScenarioText(text, 'edited.yaml', { kind: 'shipped' });
  } catch (err) {
    if (!(err instanceof InputError)) return `crash on load: ${String(err)}`;
    // The field itself, or the one it contradicts (a lever's min above its max, a framework's setting).
    return /edited\.yaml: \S+: expected /.test(err.message) ? 'refused' : `refused without a path: ${err.message}`;
  }
  const bad = findNonsense(runStory(loaded, { seed: 3, days: 40 }));
  return bad ? `nonsense: ${bad}` : 'ran';
}

describe('extreme values in every numeric field of the shipped scenario', () => {
  const text = readFileSync('scenarios/iran-israel.yaml', 'utf8');
  const leaves = numericLeaves(text);
  const leaf = (path: string) => leaves.find((l) => l.path.join('.') === path)!;
  it('finds the fields (the shipped scenario has hundreds of numbers)', () => {
    expect(leaves.length).toBeGreaterThan(300);
    expect(leaves.map((l) => l.path.join('.'))).toContain('actors.israel.weights.pv');
  });
  it('the edits land on their fields', () => {
    expect(editsLand(text, leaves)).toEqual([]);
    const doc = parseDocument(edited(text, [{ leaf: leaf('actors.israel.weights.pv'), value: Number.MAX_VALUE }]));
    expect(doc.getIn(['actors', 'israel', 'weights', 'pv'])).toBe(Number.MAX_VALUE);
  });
  for (const value of VALUES)
    it(`each set to ${value}: refused with a path, or runs without nonsense`, { timeout: 600_000 }, () => {
      const failures = leaves.flatMap((l) => {
        const v = scenarioVerdict(edited(text, [{ leaf: l, value }]));
        return v === 'refused' || v === 'ran' ? [] : [`${l.path.join('.')}: ${v}`];
      });
      expect(failures).toEqual([]);
    });
  it('a term weight, a spurious rate and a production rate beyond their bounds are refused by name', () => {
    for (const p of [
      'actors.israel.weights.pv',
      'actors.iran.spuriousRate',
      'actors.iran.arsenal.productionPerDay.drone',
    ])
      expect(() =>
        loadScenarioText(edited(text, [{ leaf: leaf(p), value: 1e308 }]), 'edited.yaml', { kind: 'shipped' }),
      ).toThrow(`edited.yaml: ${p}: expected`);
  });
});

describe('extreme values in every numeric field of the shipped engagement, campaign and profile files', () => {
  const files: [string, FileKind][] = [
    ['scenarios/engagement/explorer.yaml', 'engagement'],
    ['scenarios/history/2024-04-13.yaml', 'engagement'],
    ['scenarios/campaign/twelve-day-war.yaml', 'campaign'],
    ['scenarios/defense/israel-2024.yaml', 'profile'],
  ];
  for (const [file, kind] of files)
    it(
      `${file}: each number at ${VALUES.join(', ')}: a user error or a sensible output`,
      { timeout: 600_000 },
      async () => {
        const text = readFileSync(file, 'utf8');
        const leaves = numericLeaves(text);
        expect(leaves.length).toBeGreaterThan(5);
        expect(editsLand(text, leaves)).toEqual([]);
        const failures: string[] = [];
        for (const value of VALUES)
          for (const l of leaves) {
            const [worst] = await runDocumentCase({ kind, how: [], text: edited(text, [{ leaf: l, value }]) }, 3, {
              runs: 2,
              days: 15,
              samples: 60,
              campaignRuns: 3,
            });
            if (worst.verdict !== 'clean')
              failures.push(`${l.path.join('.')} = ${value}: ${worst.target} ${worst.detail}`);
          }
        expect(failures).toEqual([]);
      },
    );
});
