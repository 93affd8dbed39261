/** `truce engage` and `truce campaign` as a user runs them: JSON contract, determinism, bad input. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { truce } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'truce-engage-'));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

const simple = file(
  'simple.yaml',
  `salvo: { ballistic: 10 }
threats: { ballistic: { unitCostUsd: 1000000 } }
layers:
  - { name: upper, engages: { ballistic: 0.8 }, shots: 2, unitCostUsd: 3500000 }
`,
);

describe('truce engage --json', () => {
  it('prints the contract of the issue for the exact method, matching the closed form', () => {
    const r = truce(['engage', simple, '--json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.method).toBe('exact');
    expect(j.leakers.pZero).toBeCloseTo(Math.pow(0.96, 10), 10);
    expect(j.leakers.mean).toBeCloseTo(0.4, 10);
    expect(j.leakers.byType.ballistic).toBeCloseTo(0.4, 10);
    expect(j.leakers.distribution.reduce((s: number, x: number) => s + x, 0)).toBeCloseTo(1, 12);
    expect(j.interceptorsUsed.upper).toBeCloseTo(20, 10);
    expect(j.costUsd.attacker).toBe(10e6);
    expect(j.costUsd.defender).toBeCloseTo(70e6, 4);
    expect(j.costUsd.exchangeRatio).toBeCloseTo(7, 8);
    expect(j.standardError).toBeUndefined();
  });

  it('Monte Carlo reports its standard error and no exact distribution', () => {
    const j = JSON.parse(
      truce(['engage', simple, '--json', '--method', 'monte-carlo', '--samples', '20000', '--seed', '3']).stdout,
    );
    expect(j.method).toBe('monte-carlo');
    expect(j.leakers.distribution).toBeUndefined();
    expect(j.standardError.leakersMean).toBeGreaterThan(0);
    expect(Math.abs(j.leakers.mean - 0.4)).toBeLessThan(4 * j.standardError.leakersMean);
  });

  it('same seed gives byte-identical JSON; another seed does not', () => {
    const args = ['engage', 'scenarios/history/2024-04-13.yaml', '--json', '--samples', '5000'];
    const a = truce([...args, '--seed', '9']).stdout;
    expect(truce([...args, '--seed', '9']).stdout).toBe(a);
    expect(truce([...args, '--seed', '10']).stdout).not.toBe(a);
  });

  it('auto falls back to Monte Carlo and says why; --method exact refuses plainly', () => {
    const auto = JSON.parse(
      truce(['engage', 'scenarios/history/2024-04-13.yaml', '--json', '--samples', '2000']).stdout,
    );
    expect(auto.method).toBe('monte-carlo');
    expect(auto.note).toMatch(/allied-fighters/);
    const exact = truce(['engage', 'scenarios/history/2024-04-13.yaml', '--method', 'exact']);
    expect(exact.code).toBe(2);
    expect(exact.stderr).toMatch(/exact method cannot solve this engagement: layer "allied-fighters"/);
  });

  // 20 drones reach a 10-channel layer before 5 ballistic missiles (the hand-worked case of test/layer-order.test.ts):
  // the drones take every channel, every missile leaks, and the layer gets a note; missiles first, none.
  const earlyDrones = file(
    'early-drones.yaml',
    `salvo: { drone: 20, ballistic: 5 }
layers:
  - { name: long-range, engages: { drone: 0.3, ballistic: 0.6 }, shots: 1, channels: 10 }
`,
  );
  it('carries the notes of layers whose channels early arrivals used up: the same sentences as the text, empty when none', () => {
    const args = ['engage', earlyDrones, '--samples', '2000', '--seed', '3'];
    const j = JSON.parse(truce([...args, '--json']).stdout) as {
      notes: string[];
      leakers: { byType: Record<string, number> };
    };
    expect(j.leakers.byType.ballistic).toBe(5);
    expect(j.notes).toHaveLength(1);
    expect(j.notes[0]).toMatch(/^long-range spent its 10 channels .* killed almost no ballistic: /);
    expect(j.notes[0]).toContain('change `arrivalOrder`, or leave drone out of its `engages`');
    const text = truce(args).stdout.split('\n');
    expect(text.filter((l) => l.startsWith('note: '))).toEqual(j.notes.map((n) => `note: ${n}`));
    // The missiles first: they take 5 channels and leave 5 for drones, so no note; the list is there, empty.
    const reordered = file(
      'missiles-first.yaml',
      readFileSync(earlyDrones, 'utf8') + 'arrivalOrder: [ballistic, drone]\n',
    );
    expect(JSON.parse(truce(['engage', reordered, '--json', '--samples', '2000']).stdout).notes).toEqual([]);
    expect(JSON.parse(truce(['engage', simple, '--json']).stdout).notes).toEqual([]);
  });

  it('prints a readable table by default', () => {
    const r = truce(['engage', 'scenarios/history/2024-10-01.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Leakers: mean/);
    expect(r.stdout).toMatch(/arrow-3/);
    expect(r.stdout).toMatch(/exchange ratio/);
    // A large salvo: the spread as quantiles of the exact distribution, and no
    // run of P(<=k) 0.0% from k = 0 (k where nothing lies below say nothing).
    const d: number[] = JSON.parse(truce(['engage', 'scenarios/history/2024-10-01.yaml', '--json']).stdout).leakers
      .distribution;
    const quantile = (p: number) => {
      let acc = 0;
      return d.findIndex((x) => (acc += x) >= p - 1e-12);
    };
    expect(r.stdout).toContain(
      `5% / median / 95% of salvos: ${quantile(0.05)} / ${quantile(0.5)} / ${quantile(0.95)} leakers`,
    );
    expect(r.stdout).not.toMatch(/P\(<=0\) 0\.0%/);
  });
});

describe('bad input: file, path, expectation, finding; non-zero exit; no stack trace', () => {
  const cases: [string, string, RegExp][] = [
    ['malformed.yaml', 'salvo: { ballistic: 10\nlayers: [\n', /malformed\.yaml:\d+:\d+: malformed YAML/],
    [
      'unknown-type.yaml',
      'salvo: { hypersonic: 10 }\nlayers:\n  - { name: a, engages: { ballistic: 0.5 } }\n',
      /unknown-type\.yaml: salvo\.hypersonic: expected a known threat type .*got "hypersonic"/,
    ],
    [
      'layer-type.yaml',
      'salvo: { ballistic: 10 }\nlayers:\n  - { name: a, engages: { laser: 0.5 } }\n',
      /layer-type\.yaml: layers\[0\]\.engages\.laser: expected a known threat type/,
    ],
    [
      'probability.yaml',
      'salvo: { ballistic: 10 }\nlayers:\n  - { name: a, engages: { ballistic: 1.4 } }\n',
      /probability\.yaml: layers\[0\]\.engages\.ballistic: expected a probability in \[0, 1\], got 1\.4/,
    ],
    [
      'negative.yaml',
      'salvo: { ballistic: -3 }\nlayers:\n  - { name: a, engages: { ballistic: 0.5 } }\n',
      /negative\.yaml: salvo\.ballistic: expected a threat count >= 0, got -3/,
    ],
    [
      'duplicate.yaml',
      'salvo: { ballistic: 3 }\nlayers:\n  - { name: a, engages: { ballistic: 0.5 } }\n  - { name: a, engages: { ballistic: 0.5 } }\n',
      /layers\[1\]\.name: expected a name not used by layers\[0\]/,
    ],
    [
      'json.json',
      '{"salvo": {"ballistic": 3}, "layers": [{"name": "a", "engages": {"ballistic": "high"}}]}',
      /json\.json: layers\[0\]\.engages\.ballistic: expected a probability in \[0, 1\], got "high"/,
    ],
    [
      'nodefense.yaml',
      'salvo: { ballistic: 3 }\ndefense: nowhere\n',
      /defense: expected a defence profile in scenarios\/defense\/.*got "nowhere"/,
    ],
    ['empty.yaml', '', /empty\.yaml: expected a document/],
  ];
  for (const [name, text, message] of cases) {
    it(name, () => {
      const r = truce(['engage', file(name, text)]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    });
  }
  it('a missing file', () => {
    const r = truce(['engage', join(tmp, 'absent.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/absent\.yaml: cannot read: no such file/);
  });
  it('a bad option value', () => {
    const r = truce(['engage', simple, '--samples', '0']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--samples.*expected a number of samples/);
  });
});

describe('truce campaign', () => {
  it('reports per-day stocks and the day each layer runs dry, deterministically', () => {
    const args = ['campaign', 'scenarios/campaign/twelve-day-war.yaml', '--json', '--runs', '200', '--seed', '4'];
    const r = truce(args);
    expect(r.code).toBe(0);
    expect(truce(args).stdout).toBe(r.stdout);
    const j = JSON.parse(r.stdout);
    expect(j.days).toHaveLength(12);
    expect(Object.keys(j.days[0].interceptorsLeft)).toContain('arrow-3');
    for (const [, d] of Object.entries<{ byDay: number[]; never: number }>(j.dryDay)) {
      expect(d.byDay.reduce((s, x) => s + x, 0) + d.never).toBe(200);
    }
    // The ceasefire engine's pre-emption measure, with the file's tolerances; the
    // first day whose fear exceeds 1 is the pre-emption day.
    expect(j.preemption).toEqual({ measure: 'fear', leakerTolerance: 20, depletionWeight: 1 });
    const first = j.days.findIndex((d: { fear: number }) => d.fear > 1);
    expect(j.preemptionDay).toBe(first >= 0 ? first + 1 : null);
    const d1 = j.days[0];
    expect(d1.fear).toBeCloseTo(d1.leakersMean / 20 + Math.min(1, d1.flyingMean / d1.finiteStocksMean), 9);
  });
  it('rejects a plan naming an unknown layer', () => {
    const p = file(
      'campaign-bad.yaml',
      'days: 3\ndefense: israel-2024\nattacker: { stocks: { ballistic: 10 }, launchers: 5 }\nplan: [{ fromDay: 1, salvo: { ballistic: 5 } }]\ndefender: { production: { arrow-4: 1 } }\n',
    );
    const r = truce(['campaign', p]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/defender\.production\["arrow-4"\]: expected a layer name/);
  });
});
