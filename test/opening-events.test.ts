/**
 * The opening exchange in a run's event log (docs/model/preemption.md, "Kinetic exchanges"): when the
 * defender crosses it strikes the attacker's launchers first, then the attacker retaliates; when the
 * revisionist crosses it fires its saturation salvo. The log names each side as the one that acted.
 */
import { describe, expect, it } from 'vitest';
import { renderRun } from '../src/cli/render/run.js';
import { runCeasefire, type RunResult } from '../src/core/engine/run.js';
import { builtIn, model } from './helpers/scenario.js';

describe('opening exchange events', () => {
  const m = model();
  const roles = Object.fromEntries(m.states.map((s) => [s.id, s.role]));
  // Israel's pre-emption effectiveness as written in the built-in scenario: the share a strike destroys.
  const effectiveness = (builtIn().scenario.actors as Record<string, { preemption?: { effectiveness?: number } }>)
    .israel.preemption?.effectiveness;
  const seen = { preemptive: null as RunResult | null, saturation: null as RunResult | null };
  for (let r = 0; r < 400 && !(seen.preemptive && seen.saturation); r++) {
    const run = runCeasefire(m, { seed: 11, replicate: r, record: true });
    const k = run.outcome.kinetic;
    if (k) seen[k.preemptive ? 'preemptive' : 'saturation'] ??= run;
  }

  it('a defender that crosses first strikes first, and the revisionist retaliates', () => {
    const run = seen.preemptive!;
    expect(run).not.toBeNull();
    const o = run.outcome;
    const k = o.kinetic!;
    expect(roles[o.firstCrosser!]).toBe('defender');
    const events = run.events.filter((e) => e.kind === 'kinetic');
    expect(events.map((e) => [e.actor, e.action, e.target])).toEqual([
      [o.firstCrosser, 'pre-emptive-strike', k.attacker],
      [k.attacker, 'retaliation-salvo', o.firstCrosser],
    ]);
    expect(roles[k.attacker]).toBe('revisionist');
    const [strike, salvo] = events;
    expect(effectiveness).toBeGreaterThan(0);
    expect(strike.launchersDestroyed).toBe(effectiveness);
    expect(strike.leakers).toBeUndefined();
    expect(strike.perceivedAsViolationBy).toEqual([k.attacker]);
    expect([salvo.launched, salvo.leakers, salvo.interceptorsUsed]).toEqual([
      k.launched,
      k.leakers,
      k.interceptorsUsed,
    ]);
    expect(salvo.perceivedAsViolationBy).toEqual([o.firstCrosser]);
    // Both on the collapse day, after the collapse event.
    const last = run.events.slice(-3);
    expect(last.map((e) => e.kind)).toEqual(['collapse', 'kinetic', 'kinetic']);
    expect(last.every((e) => e.day === o.day)).toBe(true);
  });

  it('a revisionist that crosses first fires its saturation salvo, and nobody pre-empts', () => {
    const run = seen.saturation!;
    expect(run).not.toBeNull();
    const o = run.outcome;
    const k = o.kinetic!;
    expect(roles[o.firstCrosser!]).toBe('revisionist');
    const events = run.events.filter((e) => e.kind === 'kinetic');
    expect(events.map((e) => [e.actor, e.action, e.target])).toEqual([
      [o.firstCrosser, 'saturation-strike', k.defender],
    ]);
    expect([events[0].launched, events[0].leakers, events[0].interceptorsUsed]).toEqual([
      k.launched,
      k.leakers,
      k.interceptorsUsed,
    ]);
  });

  it('the text timeline names the striker and the retaliator', () => {
    const run = seen.preemptive!;
    const o = run.outcome;
    const k = o.kinetic!;
    const text = renderRun(
      { seed: 11, scenario: 'x', framework: null, levers: {}, horizonDays: 365, misalignment: 0 },
      run,
      1000,
    );
    const lines = text.split('\n');
    const strike = lines.findIndex((l) => l.includes(`${o.firstCrosser}: pre-emptive-strike on ${k.attacker}`));
    const salvo = lines.findIndex((l) => l.includes(`${k.attacker}: retaliation-salvo on ${o.firstCrosser}`));
    expect(strike).toBeGreaterThan(0);
    expect(salvo).toBe(strike + 1);
    expect(lines[salvo]).toContain(`${k.launched} threats, ${k.leakers} leakers, ${k.interceptorsUsed} interceptors`);
    // The summary sentence names the retaliator once ("iran retaliates: iran fires ..." repeated it).
    const summary = lines.find((l) => l.startsWith('Opening exchange:'))!;
    expect(summary).toContain(
      `${k.attacker} retaliates with ${k.launched} threats at ${k.defender}: ${k.leakers} leak`,
    );
    expect(summary).not.toContain(`${k.attacker} retaliates: ${k.attacker} fires`);
  });
});
