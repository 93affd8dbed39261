/**
 * Every shipped file under scenarios/ is a test: it is loaded through the
 * same pipeline as the CLI, validated against its own schema, and run. A file
 * in a folder this test does not know fails, so nothing ships unchecked.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateScenarioFile } from '../src/app/check-scenario.js';
import { loadCampaign, loadEngagement } from '../src/app/engagement.js';
import { loadScenario, modelFor, resolveArm } from '../src/app/scenario.js';
import { defenseProfileSchema } from '../src/core/engagement/schema.js';
import { analyzeEngagement } from '../src/core/engagement/engage.js';
import { runCampaign } from '../src/core/engagement/campaign.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { readChecked } from '../src/io/documents.js';

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
