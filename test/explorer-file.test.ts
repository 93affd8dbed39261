/**
 * The engagement explorer's choices as an engagement file (docs/dashboard.md): the spec the dashboard's worker
 * computes, written so that `truce engage` reads back the very same engagement. Expectations: the file format's
 * rules (docs/model/engagement.md) and the engine's own loader.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEngagement } from '../src/app/engagement.js';
import { engagementYaml, explorerArrivalOrder, explorerEngagement } from '../src/core/engagement/explorer-file.js';
import { normalizeEngagement } from '../src/core/engagement/normalize.js';
import { defenseProfileSchema, engagementSpecSchema, type EngagementSpec } from '../src/core/engagement/schema.js';
import { ROOT } from './helpers/cli.js';

const read = (...p: string[]) => parse(readFileSync(join(ROOT, ...p), 'utf8')) as unknown;
const explorer = engagementSpecSchema.parse(read('scenarios', 'engagement', 'explorer.yaml'));
const profile = defenseProfileSchema.parse(read('scenarios', 'defense', 'israel-2024.yaml'));
const choices = {
  profileName: 'israel-2024',
  profile,
  salvo: explorer.salvo,
  threats: explorer.threats ?? {},
  arrivalOrder: explorerArrivalOrder(explorer),
  withheld: {},
  inventoryScale: 1,
};
const dir = mkdtempSync(join(tmpdir(), 'truce-explorer-file-'));
let n = 0;
/** What `truce engage` reads from the file: shape, rules, the named profile, normalisation. */
const viaFile = (spec: EngagementSpec) => {
  const file = join(dir, `e${n++}.yaml`);
  writeFileSync(file, engagementYaml(spec, ['a header line']));
  return loadEngagement(file);
};
/** What the dashboard's worker computes from the same spec (web/src/engage-worker.ts). */
const viaWorker = (spec: EngagementSpec) => normalizeEngagement(spec, spec.layers ? undefined : profile);

describe("the engagement explorer's file", () => {
  it("shows the engine's order: the default for a file without arrivalOrder, the file's own otherwise", () => {
    expect(explorerArrivalOrder(explorer)).toEqual(['drone', 'cruise', 'ballistic']);
    expect(explorerArrivalOrder({ ...explorer, arrivalOrder: ['ballistic'] })).toEqual([
      'ballistic',
      'drone',
      'cruise',
    ]);
    // The same order the engine puts one wave's types in.
    const oneWave = { ...explorer, threats: {}, arrivalOrder: ['cruise'] };
    expect(normalizeEngagement(oneWave, profile).threats.map((t) => t.type)).toEqual(explorerArrivalOrder(oneWave));
  });

  it('names the profile while its layers are unchanged, and writes them all when one changes', () => {
    const plain = explorerEngagement(choices);
    expect(plain.defense).toBe('israel-2024');
    expect(plain.layers).toBeUndefined();
    expect(plain.arrivalOrder).toEqual(['drone', 'cruise', 'ballistic']);
    const withheld = explorerEngagement({ ...choices, withheld: { 'davids-sling': ['drone'] } });
    expect(withheld.defense).toBeUndefined();
    expect(withheld.layers?.map((l) => l.name)).toEqual(profile.layers.map((l) => l.name));
    expect(withheld.layers?.find((l) => l.name === 'davids-sling')?.engages).toEqual({
      ballistic: 0.2,
      cruise: 0.8,
      rocket: 0.8,
    });
    expect(withheld.trackCapacity).toBe(profile.trackCapacity);
    expect(withheld.saturationPKillFactor).toBe(profile.saturationPKillFactor);
    // The profile itself is left as it was.
    expect(profile.layers.find((l) => l.name === 'davids-sling')?.engages.drone).toBe(0.8);
    // Withholding a type the layer does not engage changes nothing.
    expect(explorerEngagement({ ...choices, withheld: { 'sm-3': ['drone'] } }).defense).toBe('israel-2024');
  });

  it('reads back in truce engage as the engagement the explorer computes, for any order, withheld types and stocks', () => {
    const types = explorerArrivalOrder(explorer);
    const engages = profile.layers.flatMap((l) => Object.keys(l.engages).map((t) => [l.name, t] as const));
    fc.assert(
      fc.property(
        fc.shuffledSubarray(types, { minLength: types.length, maxLength: types.length }),
        fc.subarray(engages),
        fc.constantFrom(1, 0.5, 1.35, 3),
        fc.option(fc.integer({ min: 50, max: 1000 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
        (order, out, inventoryScale, trackCapacity, warningMinutes) => {
          const withheld: Record<string, string[]> = {};
          for (const [l, t] of out) (withheld[l] ??= []).push(t);
          const spec = explorerEngagement({
            ...choices,
            arrivalOrder: order,
            withheld,
            inventoryScale,
            ...(trackCapacity !== undefined ? { trackCapacity } : {}),
            ...(warningMinutes !== undefined ? { warningMinutes } : {}),
          });
          const e = viaFile(spec);
          expect(e).toEqual(viaWorker(spec));
          // And the choices took effect: withheld types are gone from the layers, stocks are scaled.
          for (const [l, t] of out) expect(e.layers.find((x) => x.name === l)?.pKill[t]).toBeUndefined();
          const arrow = e.layers.find((x) => x.name === 'arrow-3')!;
          expect(arrow.inventory).toBe(Math.round(200 * inventoryScale));
          expect(e.trackCapacity).toBe(trackCapacity ?? profile.trackCapacity);
          const wave1 = e.threats.filter((t) => t.wave === 1).map((t) => t.type);
          expect(wave1).toEqual(order.filter((t) => t !== 'ballistic'));
        },
      ),
      { numRuns: 60 },
    );
  });

  it("writes a file's own layers out always, and a file's saturation factor over the profile's", () => {
    // Layers loaded from an engagement file (its `layers:`) have no shipped name to write as `defense:`.
    const own = { ...choices, profileName: 'mine.yaml', profile: { layers: profile.layers }, ownLayers: true };
    const spec = explorerEngagement(own);
    expect(spec.defense).toBeUndefined();
    expect(spec.layers).toEqual(profile.layers);
    expect(spec.description).toBe("The dashboard engagement explorer's choices against the layers of mine.yaml");
    expect(viaFile(spec)).toEqual(viaWorker(spec));
    // The profile by name, with the file's saturation factor: written, and read back as the engine reads it.
    const named = explorerEngagement({ ...choices, saturationPKillFactor: 0.3 });
    expect(named).toMatchObject({ defense: 'israel-2024', saturationPKillFactor: 0.3 });
    expect(viaFile(named).saturationPKillFactor).toBe(0.3);
    expect(viaFile(named)).toEqual(viaWorker(named));
    // The profile's own factor is not repeated; with changed layers the file's factor wins over the profile's.
    const same = explorerEngagement({ ...choices, saturationPKillFactor: profile.saturationPKillFactor });
    expect(same).not.toHaveProperty('saturationPKillFactor');
    expect(
      explorerEngagement({ ...choices, inventoryScale: 2, saturationPKillFactor: 0.3 }).saturationPKillFactor,
    ).toBe(0.3);
  });

  it('quotes what YAML would otherwise misread', () => {
    const spec = engagementSpecSchema.parse({
      description: 'a: colon, # hash and "quotes"',
      salvo: { yes: 3, '1st': 2 },
      threats: { yes: {}, '1st': { wave: 2 } },
      arrivalOrder: ['1st', 'yes'],
      layers: [{ name: 'on', engages: { yes: 0.5, '1st': 0.25 } }],
    });
    expect(parse(engagementYaml(spec))).toEqual(spec);
  });
});
