/** Every shipped scenario file is a test: it validates and runs without error. */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defenseProfileSchema } from '../src/core/engagement/schema.js';
import { readChecked } from '../src/cli/read-document.js';
import { loadCampaign, loadEngagement } from '../src/cli/load-engagement.js';
import { analyzeEngagement } from '../src/core/engagement/engage.js';
import { runCampaign } from '../src/core/engagement/campaign.js';

const list = (dir: string) => readdirSync(dir).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(dir, f));

describe('shipped scenarios', () => {
  for (const f of list('scenarios/defense')) it(`${f} is a valid defence profile`, () => expect(readChecked(f, defenseProfileSchema).layers.length).toBeGreaterThan(0));
  for (const f of list('scenarios/history')) {
    it(`${f} validates and runs`, () => {
      const r = analyzeEngagement(loadEngagement(f), { method: 'auto', samples: 2000, seed: 1 });
      expect(r.leakers.mean).toBeGreaterThanOrEqual(0);
    });
  }
  for (const f of list('scenarios/campaign')) {
    it(`${f} validates and runs`, () => expect(runCampaign(loadCampaign(f), 20, 1).days.length).toBeGreaterThan(0));
  }
});
