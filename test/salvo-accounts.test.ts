/**
 * One rule for every kinetic act: a salvo is on the account of the side it is fired at, the role of the state it
 * targets (accountSalvo; docs/model/preemption.md, "Kinetic exchanges"). The schema lets two adversaries share a
 * role, so the firer's role cannot decide (a defender's strike on another defender once went to the strike account,
 * a revisionist's salvo at another revisionist to the totals). Over generated variants of the India-Pakistan test
 * scenario with a proxy on each side (test/fixtures/multi-adversary/ip-proxies.yaml: every role pair, with or without
 * the defender's proxy, any framework and seed), checked salvo by salvo against the event log and the per-state
 * ledgers, which are kept apart from the accounts:
 * - every salvo is accounted exactly once: the two accounts add up to the event log;
 * - the totals are the salvos fired at defenders, `defenderStrikes` those fired at revisionists (leakers,
 *   interceptors and their cost, munitions and their cost), and `defenderStrikes` is present exactly when some
 *   salvo can be fired at a revisionist.
 * Each state's air defence is one finite layer at one price and each state's munitions one price, so the ledgers
 * give the interceptors and costs of each side independently of the accounts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, modelFor, resolveArm, type LoadedScenario } from '../src/app/scenario.js';
import { runCeasefire, type RunResult } from '../src/core/engine/run.js';

const PROXIES = loadScenario('test/fixtures/multi-adversary/ip-proxies.yaml');
const PRICE = { india: 3e6, pakistan: 1e5 } as const;
/** The one layer of pk-test.yaml, each state's air defence here. */
const INTERCEPTOR = 1e6;
type Role = 'defender' | 'revisionist';
type Variant = { india: Role; pakistan: Role; indiaProxy: boolean };

type Actor = {
  role?: Role;
  arsenal?: { threats: Record<string, { unitCostUsd: number; reliability: number }>; stocks: Record<string, number> };
  defense?: unknown;
};

/** ip-proxies.yaml with the roles given, one price per state's munitions, pk-test.yaml as each state's defence. */
function variant(v: Variant): LoadedScenario {
  const copy: LoadedScenario = { ...PROXIES, scenario: structuredClone(PROXIES.scenario) };
  const actors = copy.scenario.actors as unknown as Record<string, Actor>;
  for (const id of ['india', 'pakistan'] as const) {
    const a = actors[id];
    a.role = v[id];
    for (const t of Object.keys(a.arsenal!.stocks))
      a.arsenal!.threats[t] = { reliability: a.arsenal!.threats[t]?.reliability ?? 1, unitCostUsd: PRICE[id] };
    a.defense = { profile: 'pk-test.yaml', inventoryScale: 1, replenishPerDay: 0, stocksAtSigning: 1 };
  }
  if (!v.indiaProxy) delete actors['india-proxy'];
  return copy;
}

const run = (v: Variant, framework: string, seed: number, replicate: number): RunResult => {
  const loaded = variant(v);
  return runCeasefire(modelFor(loaded, resolveArm(loaded, framework, {})), { seed, replicate, record: true });
};

/** Every account of `r` against its event log and ledgers; throws on the first mismatch. */
function checkAccounts(v: Variant, r: RunResult): void {
  const o = r.outcome;
  const role = (id: string) => v[id as 'india' | 'pakistan'];
  const other = { india: 'pakistan', pakistan: 'india' } as const;
  const salvos = r.events.filter((e) => e.leakers !== undefined);
  for (const e of salvos) expect(['india', 'pakistan']).toContain(e.target);
  const at = (side: Role, key: 'leakers' | 'interceptorsUsed') =>
    salvos.filter((e) => role(e.target!) === side).reduce((a, e) => a + e[key]!, 0);
  const d = o.defenderStrikes ?? {
    launched: 0,
    leakers: 0,
    interceptorsUsed: 0,
    munitionsCostUsd: 0,
    interceptorCostUsd: 0,
  };
  // Exactly once: the two accounts add up to every salvo of the event log.
  expect(o.leakers + d.leakers).toBe(salvos.reduce((a, e) => a + e.leakers!, 0));
  expect(o.interceptorsUsed + d.interceptorsUsed).toBe(salvos.reduce((a, e) => a + e.interceptorsUsed!, 0));
  // Each on the side it was fired at.
  expect([o.leakers, o.interceptorsUsed]).toEqual([at('defender', 'leakers'), at('defender', 'interceptorsUsed')]);
  expect([d.leakers, d.interceptorsUsed]).toEqual([
    at('revisionist', 'leakers'),
    at('revisionist', 'interceptorsUsed'),
  ]);
  // The ledgers: the interceptors a side's states fired (one finite layer each) and their cost; the munitions fired at
  // a side by the states whose adversary it is (a proxy's are not costed).
  const fired = (side: Role) =>
    (['india', 'pakistan'] as const)
      .filter((id) => v[id] === side)
      .reduce((a, id) => a + r.ledger[id].interceptorsFired, 0);
  const shotAt = (side: Role) =>
    (['india', 'pakistan'] as const)
      .filter((id) => v[other[id]] === side)
      .reduce((a, id) => a + r.ledger[id].missilesLaunched * PRICE[id], 0);
  expect([o.interceptorsUsed, o.costUsd.defender]).toEqual([fired('defender'), INTERCEPTOR * fired('defender')]);
  expect([d.interceptorsUsed, d.interceptorCostUsd]).toEqual([
    fired('revisionist'),
    INTERCEPTOR * fired('revisionist'),
  ]);
  expect(o.costUsd.attacker).toBe(shotAt('defender'));
  expect(d.munitionsCostUsd).toBe(shotAt('revisionist'));
  // Launches at revisionists: the states' (ledgers), plus the attacks of proxies whose target is a revisionist.
  const launched = (['india', 'pakistan'] as const)
    .filter((id) => v[other[id]] === 'revisionist')
    .reduce((a, id) => a + r.ledger[id].missilesLaunched, 0);
  const proxyAtRevisionist = v.india === 'revisionist' || (v.indiaProxy && v.pakistan === 'revisionist');
  if (proxyAtRevisionist) expect(d.launched).toBeGreaterThanOrEqual(launched);
  else expect(d.launched).toBe(launched);
  // Present exactly when some salvo can be fired at a revisionist: both states are armed, each at the other.
  expect(o.defenderStrikes !== undefined).toBe(v.india === 'revisionist' || v.pakistan === 'revisionist');
}

const ROLES: Role[] = ['defender', 'revisionist'];
const variantArb = fc.record({
  india: fc.constantFrom(...ROLES),
  pakistan: fc.constantFrom(...ROLES),
  indiaProxy: fc.boolean(),
});

describe('every salvo on the account of the side it is fired at', () => {
  it('over generated role pairs, proxies, frameworks and seeds: exactly once, by the target’s side (property)', () => {
    fc.assert(
      fc.property(
        variantArb,
        fc.constantFrom('hotline-pause', 'monitored-loc'),
        fc.nat({ max: 1_000_000 }),
        (v, framework, seed) => {
          checkAccounts(v, run(v, framework, seed, 0));
        },
      ),
      { numRuns: 60 },
    );
  });

  // The same check on fixed runs, so that each role pair is seen to fire: two adversaries with one role strike
  // each other, and the accounts of both sides receive fire where the roles allow.
  describe.each([
    ['two defenders', 'defender', 'defender'],
    ['two revisionists', 'revisionist', 'revisionist'],
    ['a revisionist India and a defender Pakistan', 'revisionist', 'defender'],
  ] as const)('%s', (_name, india, pakistan) => {
    const v: Variant = { india, pakistan, indiaProxy: true };
    const runs = Array.from({ length: 40 }, (_, r) => run(v, 'hotline-pause', 3, r));

    it('each state’s salvos at the other are on the account of the other’s role, exactly once', () => {
      for (const r of runs) checkAccounts(v, r);
      // Both states fired at each other in some runs (limited strikes or the opening exchange).
      for (const [from, to] of [
        ['india', 'pakistan'],
        ['pakistan', 'india'],
      ])
        expect(runs.some((r) => r.events.some((e) => e.actor === from && e.target === to && e.leakers! > 0))).toBe(
          true,
        );
      // And the account of each role present holds something.
      if (v.india === 'defender' || v.pakistan === 'defender')
        expect(runs.some((r) => r.outcome.leakers > 0)).toBe(true);
      if (v.india === 'revisionist' || v.pakistan === 'revisionist')
        expect(runs.some((r) => r.outcome.defenderStrikes!.leakers > 0)).toBe(true);
    });
  });
});
