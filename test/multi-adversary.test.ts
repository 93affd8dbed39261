/**
 * Several adversaries and an armed defender (docs/model/preemption.md, "Kinetic exchanges" and "Several
 * adversaries"), on the test scenarios in test/fixtures/multi-adversary/:
 * - the order of a state's `adversaries` list changes nothing (same seed, same run, bit for bit);
 * - a defender acts on the adversary whose next wave gives the largest pre-emption pressure: its strike
 *   goes there, and the expected leakers it records are that wave's;
 * - an armed defender that crosses strikes first with its own salvo (unintercepted by a revisionist without
 *   an air defence), then the adversary retaliates with the launchers the strike left.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenario, modelFor, resolveArm, type LoadedScenario } from '../src/app/scenario.js';
import { renderRun } from '../src/cli/render/run.js';
import { perRunRow } from '../src/core/ensemble/per-run.js';
import type { Model } from '../src/core/engine/model.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { initWorld, type World } from '../src/core/engine/state.js';
import { computeTerms } from '../src/core/engine/step.js';
import { TERM } from '../src/core/model/escalation-utility.js';

const DIR = 'test/fixtures/multi-adversary';
const three = loadScenario(`${DIR}/ipc3.yaml`);
const armed = loadScenario(`${DIR}/ip-armed.yaml`);

type StateActor = { adversaries: string[] };

/** The model of a scenario with some states' adversaries lists replaced (the checked scenario, copied). */
function modelWith(loaded: LoadedScenario, framework: string, adversaries: Record<string, string[]> = {}): Model {
  const copy: LoadedScenario = { ...loaded, scenario: structuredClone(loaded.scenario) };
  for (const [id, list] of Object.entries(adversaries))
    (copy.scenario.actors[id] as unknown as StateActor).adversaries = list;
  return modelFor(copy, resolveArm(copy, framework, {}));
}

const index = (m: Model, id: string) => m.states.findIndex((s) => s.id === id);

describe('the order of adversaries', () => {
  it('permuting a state’s adversaries leaves every run unchanged, bit for bit (property)', () => {
    const arms = ['hotline-pause', 'monitored-loc'];
    const models = Object.fromEntries(
      arms.map((fw) => [
        fw,
        [
          modelWith(three, fw, { india: ['pakistan', 'china'] }),
          modelWith(three, fw, { india: ['china', 'pakistan'] }),
        ],
      ]),
    );
    fc.assert(
      fc.property(fc.constantFrom(...arms), fc.nat({ max: 1_000_000 }), fc.nat({ max: 1000 }), (fw, seed, r) => {
        const [a, b] = models[fw].map((m) => runCeasefire(m, { seed, replicate: r, record: true }));
        expect(JSON.stringify(b.outcome)).toBe(JSON.stringify(a.outcome));
        expect(JSON.stringify(b.trajectory)).toBe(JSON.stringify(a.trajectory));
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
      }),
      { numRuns: 12 },
    );
  });
});

describe('a defender with several adversaries acts on the wave it fears most', () => {
  const m = modelWith(three, 'hotline-pause');
  const [india, pakistan, china] = ['india', 'pakistan', 'china'].map((id) => index(m, id));
  /** Day-0 world with India's belief (log-odds) in each adversary set, and its terms computed. */
  function terms(model: Model, beliefs: Record<number, number>, edit?: (w: World) => void): World {
    const w = initWorld(model, false);
    for (const [adv, b] of Object.entries(beliefs)) w.states[india].belief[Number(adv)] = b;
    edit?.(w);
    for (let i = 0; i < model.states.length; i++) computeTerms(model, w, i);
    return w;
  }

  it('strikes the adversary whose wave gives the pressure, with that wave’s expected leakers', () => {
    // China's threat read as all but nil: Pakistan's wave drives the pressure, whatever the list's order.
    const onlyPakistan = modelWith(three, 'hotline-pause', { india: ['pakistan'] });
    const onlyChina = modelWith(three, 'hotline-pause', { india: ['china'] });
    const ref = terms(onlyPakistan, { [pakistan]: 0 }).states[india];
    const w = terms(m, { [pakistan]: 0, [china]: -40 });
    expect(w.states[india].threatFrom).toBe(pakistan);
    expect(ref.expectedLeakers).toBeGreaterThan(0);
    expect(w.states[india].expectedLeakers).toBe(ref.expectedLeakers);
    expect(w.states[india].leakFraction).toBe(ref.leakFraction);
    expect(w.states[india].terms[TERM.preemption]).toBe(ref.terms[TERM.preemption]);
    // And the other way round.
    const refChina = terms(onlyChina, { [china]: 0 }).states[india];
    const v = terms(m, { [pakistan]: -40, [china]: 0 });
    expect(v.states[india].threatFrom).toBe(china);
    expect(v.states[india].expectedLeakers).toBe(refChina.expectedLeakers);
    expect(v.states[india].terms[TERM.preemption]).toBe(refChina.terms[TERM.preemption]);
  });

  it('an adversary whose wave cannot fly (no stocks) is not the one acted on', () => {
    const w = terms(m, { [pakistan]: 5, [china]: -5 }, (x) => x.states[pakistan].stocks!.fill(0));
    expect(w.states[india].threatFrom).toBe(china);
  });

  it('the opening exchange and the recorded threat are those of the adversary acted on', () => {
    let strikes = 0;
    const targets = new Set<string>();
    for (let r = 0; r < 120; r++) {
      const run = runCeasefire(m, { seed: 5, replicate: r, record: true });
      const o = run.outcome;
      const last = run.trajectory[run.trajectory.length - 1].actors.india;
      if (o.firstCrosser !== 'india' || !o.kinetic) continue;
      strikes++;
      expect(o.kinetic.preemptive).toBe(true);
      expect(o.kinetic.attacker).toBe(last.threatFrom);
      targets.add(o.kinetic.attacker);
      const kinetic = run.events.filter((e) => e.kind === 'kinetic');
      expect(kinetic[0]).toMatchObject({ actor: 'india', action: 'pre-emptive-strike', target: last.threatFrom });
    }
    expect(strikes).toBeGreaterThan(10);
    expect(targets.size).toBeGreaterThan(0);
  });

  it('truce run names the adversary the threat rows are of', () => {
    const run = runCeasefire(m, { seed: 5, replicate: 0, record: true });
    const head = { seed: 5, scenario: 'x', framework: null, levers: {}, horizonDays: 180, misalignment: 0 };
    const row = renderRun(head, run, 10)
      .split('\n')
      .find((l) => l.startsWith('threat from'));
    const last = run.trajectory.at(-1)!.actors;
    expect(row?.split(/\s+/).slice(2)).toEqual([
      last.india.threatFrom,
      last.pakistan.threatFrom,
      last.china.threatFrom,
    ]);
    expect(last.pakistan.threatFrom).toBe('india');
  });
});

describe('an armed defender that crosses strikes first', () => {
  const m = modelWith(armed, 'hotline-pause');
  const india = index(m, 'india');
  const pakistan = index(m, 'pakistan');
  // As written in the fixture: India's salvo 30 cruise (reliability 0.95) + 15 ballistic (reliability unset: 1),
  // Pakistan's 80 launchers (ballistic, cruise and rocket bound), India's effectiveness 0.3.
  const spec = armed.scenario.actors.pakistan as unknown as { arsenal: { saturationSalvo: Record<string, number> } };
  const salvo = spec.arsenal.saturationSalvo;
  const runs = Array.from({ length: 160 }, (_, r) => runCeasefire(m, { seed: 2, replicate: r, record: true }));
  const struck = runs.filter((run) => run.outcome.firstCrosser === 'india');

  it('every collapse India starts opens with its pre-emptive strike: none is silent', () => {
    expect(struck.length).toBeGreaterThan(30);
    for (const run of runs.filter((x) => x.outcome.collapsed)) {
      const k = run.outcome.kinetic!;
      expect(k).not.toBeNull();
      expect(k.preemptive).toBe(run.outcome.firstCrosser === 'india');
    }
  });

  it('its salvo lands unintercepted on Pakistan, which has no air defence: leakers = 15 + Binomial(30, 0.95)', () => {
    let sum = 0;
    let n = 0;
    for (const run of struck) {
      const k = run.outcome.kinetic!;
      const s = k.strike!;
      expect(k.undefended).toEqual(['pakistan']);
      expect(s.interceptorsUsed).toBe(0);
      expect(s.defenderCostUsd).toBe(0);
      const e = run.events.find((x) => x.action === 'pre-emptive-strike')!;
      expect(e).toMatchObject({ actor: 'india', target: 'pakistan', unintercepted: true, launched: s.launched });
      if (s.launched !== 45) continue;
      expect(s.leakers).toBeGreaterThanOrEqual(15);
      expect(s.leakers).toBeLessThanOrEqual(45);
      sum += s.leakers - 15;
      n++;
    }
    // Mean of Binomial(30, 0.95): 28.5, sd 1.19 per strike; a margin of 1.2 is over 5 standard errors at n >= 30.
    expect(n).toBeGreaterThan(30);
    expect(Math.abs(sum / n - 28.5)).toBeLessThan(1.2);
  });

  it('Pakistan retaliates with the launchers the strike left, through India’s defence; the totals are its salvo, the strike apart', () => {
    const left = Math.floor(80 * (1 - 0.3));
    for (const run of struck) {
      const k = run.outcome.kinetic!;
      const s = k.strike!;
      expect(k.launchersDestroyed).toBe(0.3);
      const ret = run.events.find((x) => x.action === 'retaliation-salvo')!;
      expect(ret).toMatchObject({ actor: 'pakistan', target: 'india' });
      expect(ret.unintercepted).toBeUndefined();
      // Drones are not launcher-bound; ballistic, cruise and rockets share what is left.
      expect(ret.launched!).toBeLessThanOrEqual(salvo.drone + left);
      expect(ret.launched! - salvo.drone).toBeGreaterThan(0);
      // The opening totals are Pakistan's salvo at India; India's own strike is `strike` alone.
      expect([k.launched, k.leakers, k.interceptorsUsed]).toEqual([ret.launched, ret.leakers, ret.interceptorsUsed]);
      // The run's totals include the retaliation, and India's strike only in its own account.
      expect(run.outcome.leakers).toBeGreaterThanOrEqual(k.leakers);
      expect(run.outcome.costUsd.attacker).toBeGreaterThanOrEqual(k.attackerCostUsd);
      expect(run.outcome.defenderStrikes!.leakers).toBeGreaterThanOrEqual(s.leakers);
      expect(run.outcome.defenderStrikes!.munitionsCostUsd).toBeGreaterThanOrEqual(s.attackerCostUsd);
      // Munitions are conserved on both sides.
      for (const id of ['india', 'pakistan']) {
        const l = run.ledger[id];
        expect(l.missilesStart + l.missilesProduced - l.missilesLaunched).toBeCloseTo(l.missilesEnd, 6);
      }
      expect(run.trajectory.at(-1)!.actors.india.threatFrom).toBe('pakistan');
      // Per-run rows keep the defender's own salvo apart (docs/analysis.md, opening_strike_*).
      const row = perRunRow(0, run.outcome);
      expect([row.openingLeakers, row.openingStrikeLeakers]).toEqual([ret.leakers, s.leakers]);
      expect(row.openingStrikeCostUsd).toBe(s.attackerCostUsd);
      expect(s.attackerCostUsd).toBeGreaterThan(0);
    }
    expect(struck.length).toBeGreaterThan(0);
    expect(pakistan).not.toBe(india);
  });

  it('an unarmed revisionist takes the strike and cannot retaliate', () => {
    const unarmed: LoadedScenario = { ...armed, scenario: structuredClone(armed.scenario) };
    delete (unarmed.scenario.actors.pakistan as { arsenal?: unknown }).arsenal;
    const mu = modelFor(unarmed, resolveArm(unarmed, 'hotline-pause', {}));
    let seen = 0;
    for (let r = 0; r < 200 && seen < 5; r++) {
      const run = runCeasefire(mu, { seed: 4, replicate: r, record: true });
      if (run.outcome.firstCrosser !== 'india') continue;
      seen++;
      const k = run.outcome.kinetic!;
      expect(k.preemptive).toBe(true);
      expect(k.launchersDestroyed).toBe(0);
      // Nothing flies at India: the opening totals are zero, the strike is India's alone.
      expect([k.launched, k.leakers, k.interceptorsUsed, k.attackerCostUsd]).toEqual([0, 0, 0, 0]);
      expect(k.strike!.launched).toBeGreaterThan(0);
      const kinetic = run.events.filter((e) => e.kind === 'kinetic');
      expect(kinetic.map((e) => e.action)).toEqual(['pre-emptive-strike']);
      expect(kinetic[0].note).toContain('pakistan has no salvo to retaliate with');
    }
    expect(seen).toBeGreaterThan(0);
  });
});
