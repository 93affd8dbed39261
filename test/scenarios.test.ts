/**
 * Every shipped file under scenarios/ is a test: it is loaded through the
 * same pipeline as the CLI, validated against its own schema, and run. A file
 * in a folder this test does not know fails, so nothing ships unchecked.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectKind, validateFile, validateScenarioFile, type FileKind } from '../src/app/check-scenario.js';
import { loadCampaign, loadEngagement } from '../src/app/engagement.js';
import { loadScenario, modelFor, resolveArm } from '../src/app/scenario.js';
import { defenseProfileSchema } from '../src/core/engagement/schema.js';
import { analyzeEngagement } from '../src/core/engagement/engage.js';
import { runCampaign } from '../src/core/engagement/campaign.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { readChecked, readDocument } from '../src/io/documents.js';
import { truce } from './helpers/cli.js';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.(ya?ml|json)$/.test(f) ? [p] : [];
  });
}

const files = walk('scenarios').map((f) => relative('scenarios', f).split('\\').join('/'));

describe('shipped scenarios', () => {
  it('there are files of every kind', () => {
    for (const kind of [/^[^/]+$/, /^defense\//, /^history\//, /^campaign\//, /^engagement\//])
      expect(files.some((f) => kind.test(f))).toBe(true);
  });
  for (const f of files) {
    const path = join('scenarios', f);
    if (!f.includes('/')) {
      it(`${path} is a valid ceasefire scenario; every framework resolves and runs`, () => {
        const summary = validateScenarioFile(path);
        const loaded = loadScenario(path);
        for (const fw of Object.keys(summary.frameworks)) {
          const run = runCeasefire(modelFor(loaded, resolveArm(loaded, fw, {})), { seed: 1, days: 30 });
          expect(run.outcome.time).toBeGreaterThan(0);
        }
      });
    } else if (f.startsWith('defense/')) {
      it(`${path} is a valid defence profile`, () =>
        expect(readChecked(path, defenseProfileSchema).layers.length).toBeGreaterThan(0));
    } else if (f.startsWith('history/') || f.startsWith('engagement/')) {
      it(`${path} is a valid engagement and runs`, () => {
        const r = analyzeEngagement(loadEngagement(path), { method: 'auto', samples: 2000, seed: 1 });
        expect(r.leakers.mean).toBeGreaterThanOrEqual(0);
      });
    } else if (f.startsWith('campaign/')) {
      it(`${path} is a valid campaign and runs`, () =>
        expect(runCampaign(loadCampaign(path), 20, 1).days.length).toBeGreaterThan(0));
    } else {
      it(`${path} is in a folder the suite knows`, () =>
        expect.fail(`add a check for ${path} to test/scenarios.test.ts`));
    }
  }
});

/** The kind each shipped folder holds, independent of the detection under test. */
function expectedKind(path: string): FileKind | null {
  const rel = path.split('\\').join('/');
  if (rel.startsWith('data/')) return null;
  const sub = relative('scenarios', rel).split('\\').join('/');
  if (!sub.includes('/')) return 'ceasefire';
  if (sub.startsWith('defense/')) return 'defense-profile';
  if (sub.startsWith('campaign/')) return 'campaign';
  return 'engagement';
}

describe('truce scenario validate tells the kind of a file and validates it with its own schema', () => {
  for (const path of [...walk('scenarios'), ...walk('data')]) {
    const expected = expectedKind(path);
    it(`${path} is ${expected ?? 'none of the four kinds'}${expected ? ' and valid as one' : ''}`, () => {
      expect(detectKind(readDocument(path))?.kind ?? null).toBe(expected);
      if (expected) expect(validateFile(path).kind).toBe(expected);
      else expect(() => validateFile(path)).toThrow(/expected one of the file kinds truce reads/);
    });
  }

  it('the CLI says what each file is; a broken file is reported with the kind it was taken for, and why', () => {
    const ok = truce(['scenario', 'validate', 'scenarios/history/2024-04-13.yaml']);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toBe(
      'scenarios/history/2024-04-13.yaml: valid engagement: salvo of 185 drone, 36 cruise, 110 ballistic; 7 layers (allied-fighters, israeli-fighters, sm-3, arrow-3, arrow-2, davids-sling, iron-dome)\n',
    );
    const dir = mkdtempSync(join(tmpdir(), 'truce-kind-'));
    // An engagement whose salvo names a type no layer or threat declares, and a campaign with a bad plan.
    const bad = readFileSync('scenarios/history/2024-04-13.yaml', 'utf8').replace(
      'salvo: { drone: 185',
      'salvo: { drone: -5',
    );
    writeFileSync(join(dir, 'bad.yaml'), bad);
    const r = truce(['scenario', 'validate', join(dir, 'bad.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yaml: read as an engagement file because it has `salvo`; it is not valid as one/);
    expect(r.stderr).toMatch(/salvo\.drone: expected a threat count >= 0, got -5/);
    expect(r.stderr).not.toMatch(/actors|agreement/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const camp = truce(['scenario', 'validate', 'scenarios/campaign/twelve-day-war.yaml', '--kind', 'engagement']);
    expect(camp.code).toBe(2);
    expect(camp.stderr).toMatch(/read as an engagement file \(--kind\)/);
  });
});

describe('truce scenario show gives a file that can be saved and used again', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-show-'));
  const compareJson = (file: string) => {
    const r = truce([
      'compare',
      file,
      '--runs',
      '120',
      '--days',
      '120',
      '--seed',
      '4',
      '--workers',
      '1',
      '--no-store',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as { scenarioHash: string; arms: unknown[]; comparisons: unknown[] };
  };

  it('without flags: every default filled, frameworks kept; compare gives the same hash and the same results', () => {
    const show = truce(['scenario', 'show', 'scenarios/iran-israel.yaml']);
    expect(show.code, show.stderr).toBe(0);
    writeFileSync(join(dir, 'shown.yaml'), show.stdout);
    expect(show.stdout).toMatch(/^# truce scenario show/);
    expect(show.stdout).toMatch(/^ {4}beliefDecay: 0\.03$/m); // a default the original does not write
    const a = compareJson('scenarios/iran-israel.yaml');
    const b = compareJson(join(dir, 'shown.yaml'));
    expect(b.scenarioHash).toBe(a.scenarioHash);
    expect(b.arms).toEqual(a.arms);
    expect(b.comparisons).toEqual(a.comparisons);
  });

  it('with a framework and levers (a scale lever among them): the file runs as that arm, YAML and JSON alike', () => {
    const flags = [
      '--framework',
      'structural-architecture',
      '--set',
      'interceptorStock=0.5',
      '--set',
      'faceSaving=0.3',
    ];
    const run = (file: string, extra: string[] = []) => {
      const r = truce(['run', file, ...extra, '--seed', '3', '--days', '200', '--json']);
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as { outcome: unknown; levers: unknown; events: unknown };
      return { outcome: out.outcome, levers: out.levers, events: out.events };
    };
    const original = run('scenarios/iran-israel.yaml', flags);
    for (const format of ['yaml', 'json']) {
      const show = truce([
        'scenario',
        'show',
        'scenarios/iran-israel.yaml',
        ...flags,
        ...(format === 'json' ? ['--json'] : []),
      ]);
      expect(show.code, show.stderr).toBe(0);
      const file = join(dir, `arm.${format}`);
      writeFileSync(file, show.stdout);
      expect(run(file)).toEqual(original);
    }
  });
});
