/**
 * The two sides' accounts of the kinetic exchanges stay apart (docs/model/preemption.md, "Kinetic
 * exchanges"; docs/analysis.md, "Costs"). On the armed-defender test scenario, with Pakistan given an air
 * defence of one finite layer and every munition of a side one price, so the accounts can be checked
 * against the per-state ledgers and the event log, which are kept apart from them:
 * - the opening totals (`kinetic`) are Pakistan's retaliation salvo alone; `kinetic.strike` is India's salvo;
 *   together they are the two salvos of the exchange;
 * - the run's totals are what Pakistan and its proxy fired at India; `defenderStrikes` what India fired.
 * And on ip-proxies.yaml, the same scenario with a proxy whose patron is India attacking Pakistan (defended):
 * the proxy's attacks go with India's side, into `defenderStrikes`, never into the totals fired at India.
 */
import { describe, expect, it } from 'vitest';
import { loadScenario, modelFor, resolveArm, type LoadedScenario } from '../src/app/scenario.js';
import { perRunColumns, perRunRow, perRunValues } from '../src/core/ensemble/per-run.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { defenseProfileSchema } from '../src/core/engagement/schema.js';

const armed = loadScenario('test/fixtures/multi-adversary/ip-armed.yaml');
const INDIA_MUNITION = 3e6;
const PAKISTAN_MUNITION = 1e5;
const PAKISTAN_INTERCEPTOR = 1e6;

type Arsenal = {
  threats: Record<string, { unitCostUsd: number; reliability: number }>;
  stocks: Record<string, number>;
};
type Actor = { arsenal: Arsenal; defense?: unknown };

/** ip-armed.yaml with Pakistan defended by one finite layer, and one price per side's munitions. */
function defended(): LoadedScenario {
  const copy: LoadedScenario = {
    ...armed,
    scenario: structuredClone(armed.scenario),
    profiles: { ...armed.profiles },
  };
  const actors = copy.scenario.actors as unknown as Record<string, Actor>;
  const price = (a: Actor, usd: number) => {
    for (const t of Object.keys(a.arsenal.stocks))
      a.arsenal.threats[t] = { reliability: a.arsenal.threats[t]?.reliability ?? 1, unitCostUsd: usd };
  };
  price(actors.india, INDIA_MUNITION);
  price(actors.pakistan, PAKISTAN_MUNITION);
  copy.profiles['pk-test.yaml'] = defenseProfileSchema.parse({
    name: 'pk-test',
    description: 'one finite layer against cruise and ballistic missiles (test only)',
    layers: [
      {
        name: 'sam',
        engages: { ballistic: 0.5, cruise: 0.6 },
        inventory: 150,
        channels: 20,
        unitCostUsd: PAKISTAN_INTERCEPTOR,
      },
    ],
    trackCapacity: 60,
  });
  actors.pakistan.defense = { profile: 'pk-test.yaml', inventoryScale: 1, replenishPerDay: 0, stocksAtSigning: 1 };
  return copy;
}

describe('an armed defender’s own fire is kept apart from the totals (defended adversary)', () => {
  const loaded = defended();
  const m = modelFor(loaded, resolveArm(loaded, 'hotline-pause', {}));
  const runs = Array.from({ length: 160 }, (_, r) => runCeasefire(m, { seed: 5, replicate: r, record: true }));
  const struck = runs.filter((run) => run.outcome.kinetic?.strike);

  it('the opening totals are the retaliation salvo, the strike is the defender’s salvo, and they add up to the exchange', () => {
    expect(struck.length).toBeGreaterThan(20);
    // Pakistan's defence engages the strike: the interceptors it fires are the strike's, not India's.
    expect(struck.filter((run) => run.outcome.kinetic!.strike!.interceptorsUsed > 0).length).toBeGreaterThan(10);
    for (const run of struck) {
      const k = run.outcome.kinetic!;
      const s = k.strike!;
      const strike = run.events.find((e) => e.action === 'pre-emptive-strike')!;
      const ret = run.events.find((e) => e.action === 'retaliation-salvo');
      expect([s.launched, s.leakers, s.interceptorsUsed]).toEqual([
        strike.launched,
        strike.leakers,
        strike.interceptorsUsed,
      ]);
      // Pakistan's side of the exchange only (zero when it has no salvo left).
      expect([k.launched, k.leakers, k.interceptorsUsed]).toEqual(
        ret ? [ret.launched, ret.leakers, ret.interceptorsUsed] : [0, 0, 0],
      );
      expect(k.attackerCostUsd).toBe(PAKISTAN_MUNITION * k.launched);
      expect(s.attackerCostUsd).toBe(INDIA_MUNITION * s.launched);
      expect(s.defenderCostUsd).toBe(PAKISTAN_INTERCEPTOR * s.interceptorsUsed);
      // The exchange as a whole, both salvos, is the sum of the two accounts.
      const both = [strike, ...(ret ? [ret] : [])];
      expect(k.leakers + s.leakers).toBe(both.reduce((a, e) => a + e.leakers!, 0));
      expect(k.interceptorsUsed + s.interceptorsUsed).toBe(both.reduce((a, e) => a + e.interceptorsUsed!, 0));
    }
  });

  it('over the run, the totals are what was fired at India and defenderStrikes what India fired (ledgers, event log)', () => {
    let fired = 0;
    for (const run of runs) {
      const o = run.outcome;
      const india = run.ledger.india;
      const pakistan = run.ledger.pakistan;
      // The event log, salvo by salvo: everyone else's fire at India against India's own.
      const kinetic = run.events.filter((e) => e.leakers !== undefined);
      const sum = (own: boolean, key: 'leakers' | 'interceptorsUsed') =>
        kinetic.filter((e) => (e.actor === 'india') === own).reduce((a, e) => a + e[key]!, 0);
      expect([o.leakers, o.interceptorsUsed]).toEqual([sum(false, 'leakers'), sum(false, 'interceptorsUsed')]);
      // Munitions: Pakistan's are costed in the totals (the proxy's are not), India's are its strikes.
      expect(o.costUsd.attacker).toBe(PAKISTAN_MUNITION * pakistan.missilesLaunched);
      const d = o.defenderStrikes!;
      expect(d).toBeDefined();
      expect([d.leakers, d.interceptorsUsed]).toEqual([sum(true, 'leakers'), sum(true, 'interceptorsUsed')]);
      expect(d.launched).toBe(india.missilesLaunched);
      expect(d.munitionsCostUsd).toBe(INDIA_MUNITION * india.missilesLaunched);
      // Interceptors: all Pakistan fires (one finite layer) are at India's strikes.
      expect(d.interceptorsUsed).toBe(pakistan.interceptorsFired);
      expect(d.interceptorCostUsd).toBe(PAKISTAN_INTERCEPTOR * pakistan.interceptorsFired);
      // India's finite layers fired at most what the totals count (its guns are unlimited, out of the ledger).
      expect(india.interceptorsFired).toBeLessThanOrEqual(o.interceptorsUsed);
      if (d.interceptorsUsed > 0) fired++;
    }
    expect(fired).toBeGreaterThan(10);
  });

  it('per-run rows: opening_* are the retaliation, opening_strike_* the strike, defender_strikes_* the run’s own fire', () => {
    const columns = perRunColumns({ levers: [], parameters: [] });
    const ctx = { experiment: 1, arm: 'a', framework: null, levers: {}, draw: null, parameters: {} };
    for (const run of struck) {
      const o = run.outcome;
      const k = o.kinetic!;
      const s = k.strike!;
      const row = perRunRow(0, o);
      const csv = Object.fromEntries(
        columns.map((c, i) => [c, perRunValues(ctx, { levers: [], parameters: [] }, row)[i]]),
      );
      expect(csv).toMatchObject({
        opening_leakers: k.leakers,
        opening_interceptors: k.interceptorsUsed,
        opening_defender_cost_usd: k.defenderCostUsd,
        opening_attacker_cost_usd: k.attackerCostUsd,
        opening_strike_leakers: s.leakers,
        opening_strike_cost_usd: s.attackerCostUsd,
        opening_strike_interceptors: s.interceptorsUsed,
        opening_strike_interceptor_cost_usd: s.defenderCostUsd,
        interceptors_used: o.interceptorsUsed,
        defender_cost_usd: o.costUsd.defender,
        attacker_cost_usd: o.costUsd.attacker,
        defender_strikes_leakers: o.defenderStrikes!.leakers,
        defender_strikes_interceptors: o.defenderStrikes!.interceptorsUsed,
        defender_strikes_interceptor_cost_usd: o.defenderStrikes!.interceptorCostUsd,
        defender_strikes_cost_usd: o.defenderStrikes!.munitionsCostUsd,
      });
    }
  });
});

/**
 * ip-proxies.yaml with one price per side's munitions (the proxies' are not costed), India armed or not, Pakistan
 * defended or not.
 */
function withProxies(indiaArmed: boolean, pakistanDefended = true): LoadedScenario {
  const loaded = loadScenario('test/fixtures/multi-adversary/ip-proxies.yaml');
  const copy: LoadedScenario = { ...loaded, scenario: structuredClone(loaded.scenario) };
  const actors = copy.scenario.actors as unknown as Record<string, Omit<Actor, 'arsenal'> & { arsenal?: Arsenal }>;
  for (const [id, usd] of [
    ['india', INDIA_MUNITION],
    ['pakistan', PAKISTAN_MUNITION],
  ] as const) {
    const a = actors[id].arsenal!;
    for (const t of Object.keys(a.stocks))
      a.threats[t] = { reliability: a.threats[t]?.reliability ?? 1, unitCostUsd: usd };
  }
  if (!indiaArmed) delete actors.india.arsenal;
  if (!pakistanDefended) delete actors.pakistan.defense;
  return copy;
}

describe.each([
  ['India armed', true, true],
  ['India unarmed', false, true],
  ['Pakistan undefended', true, false],
])('a proxy of the defender attacking a revisionist is the defender side’s fire (%s)', (_name, armed, defended) => {
  const loaded = withProxies(armed, defended);
  const m = modelFor(loaded, resolveArm(loaded, 'hotline-pause', {}));
  const runs = Array.from({ length: 60 }, (_, r) => runCeasefire(m, { seed: 11, replicate: r, record: true }));
  // Pakistan's single layer is finite and priced PAKISTAN_INTERCEPTOR (test/fixtures/multi-adversary/pk-test.yaml).
  const PK_INTERCEPTOR = 1e6;

  it('over the run, the totals are what was fired at India, defenderStrikes what was fired at Pakistan (ledgers, event log)', () => {
    let proxyFire = 0;
    for (const run of runs) {
      const o = run.outcome;
      const india = run.ledger.india;
      const pakistan = run.ledger.pakistan;
      // Every salvo of the event log (states' and proxies'), by the state it was fired at.
      const kinetic = run.events.filter((e) => e.leakers !== undefined);
      const at = (target: string, key: 'leakers' | 'interceptorsUsed') =>
        kinetic.filter((e) => e.target === target).reduce((a, e) => a + e[key]!, 0);
      expect(kinetic.every((e) => e.target === 'india' || e.target === 'pakistan')).toBe(true);
      expect([o.leakers, o.interceptorsUsed]).toEqual([at('india', 'leakers'), at('india', 'interceptorsUsed')]);
      expect(o.costUsd.attacker).toBe(PAKISTAN_MUNITION * pakistan.missilesLaunched);
      const d = o.defenderStrikes!;
      expect(d).toBeDefined();
      expect([d.leakers, d.interceptorsUsed]).toEqual([at('pakistan', 'leakers'), at('pakistan', 'interceptorsUsed')]);
      // India's munitions are costed, its proxy's are not; the proxy's launches come on top of India's.
      expect(d.munitionsCostUsd).toBe(INDIA_MUNITION * india.missilesLaunched);
      expect(d.launched).toBeGreaterThanOrEqual(india.missilesLaunched);
      if (!armed) expect(india.missilesLaunched).toBe(0);
      // Every interceptor Pakistan fires (one finite layer) is at India's side: its strikes and its proxy.
      expect(d.interceptorsUsed).toBe(pakistan.interceptorsFired);
      expect(d.interceptorCostUsd).toBe(PK_INTERCEPTOR * pakistan.interceptorsFired);
      const proxy = kinetic.filter((e) => e.actor === 'india-proxy');
      // Pakistan's defence engages the proxy's attacks; without one, they land unintercepted, and every
      // salvo at Pakistan says so on its event (docs/model/preemption.md), and only those.
      if (!defended) expect(proxy.every((e) => e.interceptorsUsed === 0)).toBe(true);
      for (const e of kinetic) expect(e.unintercepted === true).toBe(!defended && e.target === 'pakistan');
      if (proxy.some((e) => (defended ? e.interceptorsUsed! : e.leakers!) > 0)) proxyFire++;
      // The per-run columns carry the same account.
      const row = perRunRow(0, o);
      expect([
        row.defenderStrikesLeakers,
        row.defenderStrikesInterceptors,
        row.defenderStrikesInterceptorCostUsd,
        row.defenderStrikesCostUsd,
      ]).toEqual([d.leakers, d.interceptorsUsed, d.interceptorCostUsd, d.munitionsCostUsd]);
    }
    // The proxy does fire in most runs (before, one attacking a target without an air defence never fired).
    expect(proxyFire).toBeGreaterThan(runs.length / 2);
  });

  it('the opening totals stay the salvo fired at India, whatever the proxies fired before', () => {
    const collapsed = runs.filter((run) => run.outcome.kinetic);
    expect(collapsed.length).toBeGreaterThan(10);
    for (const run of collapsed) {
      const k = run.outcome.kinetic!;
      const opening = run.events.filter(
        (e) => e.day === run.outcome.day && (e.action === 'saturation-strike' || e.action === 'retaliation-salvo'),
      );
      const sum = (key: 'launched' | 'leakers' | 'interceptorsUsed') => opening.reduce((a, e) => a + e[key]!, 0);
      expect([k.launched, k.leakers, k.interceptorsUsed]).toEqual([
        sum('launched'),
        sum('leakers'),
        sum('interceptorsUsed'),
      ]);
    }
  });
});
