/**
 * Golden seeded outputs of the engagement engines, so that a refactor that
 * changes results is caught: the sequential salvo sampler (as used by
 * campaigns and by the day loop's kinetic exchanges), the fluid planning
 * estimate, the exact solver, a campaign, and the Monte Carlo. Doubles are
 * compared exactly (JSON round-trips them).
 *
 * A change that is meant to move seeded outputs regenerates the file with
 *   GOLDEN_UPDATE=1 npx vitest run test/engagement-golden.test.ts
 * and says so in CHANGELOG.md.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCampaign, type Campaign } from '../src/core/engagement/campaign.js';
import { solveExact } from '../src/core/engagement/exact.js';
import { fluidSalvo } from '../src/core/engagement/fluid.js';
import { runMonteCarlo } from '../src/core/engagement/monte-carlo.js';
import { SalvoSampler } from '../src/core/engagement/salvo-sampler.js';
import type { Engagement } from '../src/core/engagement/types.js';
import { Stream } from '../src/core/rng/stream.js';

const FILE = new URL('./golden/engagement.json', import.meta.url);
const update = process.env.GOLDEN_UPDATE === '1';
const golden: Record<string, unknown> = existsSync(FILE) ? JSON.parse(readFileSync(FILE, 'utf8')) : {};
const produced: Record<string, unknown> = {};

function check(name: string, value: unknown): void {
  const v = JSON.parse(JSON.stringify(value));
  produced[name] = v;
  if (update) {
    writeFileSync(FILE, JSON.stringify({ ...golden, ...produced }, null, 1) + '\n');
    return;
  }
  expect(golden[name], `golden ${name} missing: regenerate with GOLDEN_UPDATE=1`).toBeDefined();
  expect(v).toEqual(golden[name]);
}

const base = { unitCostUsd: 1, doctrine: 'barrage' as const, tracking: 1, inventory: Infinity, channels: Infinity };

/** Two waves, saturation, tracking below 1, both doctrines, binding channels and inventories. */
const mixed: Engagement = {
  threats: [
    { type: 'drone', launched: 140, reliability: 0.9, unitCostUsd: 35e3, wave: 1 },
    { type: 'cruise', launched: 30, reliability: 0.85, unitCostUsd: 5e5, wave: 1 },
    { type: 'ballistic', launched: 90, reliability: 0.8, unitCostUsd: 1e6, wave: 2 },
  ],
  layers: [
    { ...base, name: 'fighters', pKill: { drone: 0.9, cruise: 0.5 }, channels: 70, tracking: 0.8, shots: 1 },
    { ...base, name: 'upper', pKill: { ballistic: 0.6 }, channels: 30, inventory: 50, shots: 2 },
    {
      ...base,
      name: 'lower',
      pKill: { ballistic: 0.7, cruise: 0.6 },
      shots: 3,
      tracking: 0.9,
      inventory: 60,
      doctrine: 'shoot-look-shoot',
    },
    {
      ...base,
      name: 'point',
      pKill: { drone: 0.8, cruise: 0.7, ballistic: 0.2 },
      shots: 2,
      channels: 100,
      inventory: 150,
    },
  ],
  trackCapacity: 120,
  saturationPKillFactor: 0.5,
  warningMinutes: Infinity,
};

const reference: Engagement = {
  threats: [{ type: 'ballistic', launched: 300, reliability: 1, unitCostUsd: 1e6, wave: 1 }],
  layers: [
    { ...base, name: 'l1', pKill: { ballistic: 0.8 }, shots: 2, channels: 200, inventory: 250 },
    { ...base, name: 'l2', pKill: { ballistic: 0.7 }, shots: 2, channels: 150, inventory: 250 },
    { ...base, name: 'l3', pKill: { ballistic: 0.75 }, shots: 1, channels: 100, inventory: 150 },
    { ...base, name: 'l4', pKill: { ballistic: 0.9 }, shots: 1, channels: 120, inventory: 400 },
  ],
  trackCapacity: Infinity,
  saturationPKillFactor: 0.5,
  warningMinutes: Infinity,
};

describe('golden seeded engagement outputs', () => {
  it('the sequential salvo sampler, with inventory, salvo and readiness overrides', () => {
    const s = new SalvoSampler(mixed);
    const rng = Stream.derive(2026, 'golden', 'sampler');
    const hash = createHash('sha256');
    const sums = new Float64Array(4);
    for (let i = 0; i < 3000; i++) {
      const inv = [Infinity, 20 + (i % 40), 10 + (i % 70), 150 - (i % 150)];
      const launched = [i % 160, (i * 7) % 40, (i * 13) % 110];
      s.sample(rng, inv, launched, i % 3 === 0 ? 1 : 0.6 + 0.1 * (i % 5));
      for (const buf of [s.flying, s.leaked, s.killed, s.used, s.engaged, s.inventoryLeft])
        hash.update(JSON.stringify(Array.from(buf)));
      sums[0] += s.leaked[0] + s.leaked[1] + s.leaked[2];
      sums[1] += s.used[1] + s.used[2];
      sums[2] += s.engaged[0] + s.engaged[3];
      sums[3] += s.killed[2 * 3 + 2];
    }
    check('sampler', { digest: hash.digest('hex'), sums: Array.from(sums) });
  });

  it('the fluid planning estimate', () => {
    const out: number[][] = [];
    for (let i = 0; i < 200; i++) {
      const r = fluidSalvo(
        mixed,
        [i % 160, (i * 7) % 40, (i * 13) % 110],
        [Infinity, 20 + (i % 40), 10 + (i % 70), 150 - (i % 150)],
        0.5 + (i % 7) / 10,
      );
      out.push([r.leakers, r.pAnyLeaker]);
    }
    check('fluid', out);
  });

  it('the exact solver', () => {
    const e: Engagement = {
      ...mixed,
      trackCapacity: Infinity,
      layers: mixed.layers.map((l) =>
        l.name === 'lower'
          ? { ...l, inventory: Infinity, pKill: { ballistic: 0.7 } }
          : l.name === 'point'
            ? { ...l, pKill: { drone: 0.8 }, channels: Infinity, inventory: Infinity }
            : l.name === 'fighters'
              ? { ...l, pKill: { drone: 0.9 } }
              : l,
      ),
    };
    const ex = solveExact(e);
    check('exact', {
      ...ex,
      distribution: Array.from(ex.distribution),
      distributionByType: Object.fromEntries(Object.entries(ex.distributionByType).map(([k, v]) => [k, Array.from(v)])),
    });
  });

  it('a campaign', () => {
    const c: Campaign = {
      days: 20,
      engagement: mixed,
      stocks: [2000, 300, 600],
      launcherBound: [false, true, true],
      launchers: 60,
      launchesPerLauncherPerDay: 1,
      launcherLossPerDay: 0.03,
      plan: Array.from({ length: 20 }, (_, d) => [140 - 3 * d, 30, 90 - 2 * d]),
      production: [0, 1.5, 2, 5],
      resupplyPerDay: [0, 4, 0, 0],
      resupplyFromDay: [1, 5, 1, 1],
      resupplyTotal: [Infinity, 30, Infinity, Infinity],
      preemption: { measure: 'share', zeroPenetrationTolerance: 0.5 },
    };
    check('campaign', runCampaign(c, 40, 77));
  });

  it('the Monte Carlo', () => {
    check('monte-carlo reference', runMonteCarlo(reference, 20_000, 11));
    check('monte-carlo mixed', runMonteCarlo(mixed, 5_000, 12));
  });
});
