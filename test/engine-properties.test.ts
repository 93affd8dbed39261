/**
 * Invariants of the ceasefire engine over random lever settings, parameter
 * perturbations and seeds (fast-check): probabilities stay in [0, 1], stocks
 * never go negative, munitions are conserved, faction power shares sum to 1,
 * and EU is exactly the sum of its logged terms.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCeasefire } from '../src/core/engine/run.js';
import { listLevers } from '../src/core/scenario/levers.js';
import { builtIn, model } from './helpers/scenario.js';

const levers = listLevers(builtIn().scenario);
const leverArb = fc.record(
  Object.fromEntries(levers.map((l) => [l.name, fc.double({ min: l.min, max: l.max, noNaN: true })])),
);
const perturbArb = fc.record({
  'actors.iran.temperature': fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  'actors.israel.temperature': fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  'actors.israel.spuriousRate': fc.double({ min: 0, max: 2, noNaN: true }),
  'actors.hezbollah.strength': fc.double({ min: 0, max: 1, noNaN: true }),
  'actors.iran.readiness': fc.double({ min: 0, max: 1, noNaN: true }),
  'actors.us.attentionShockRate': fc.double({ min: 0, max: 0.2, noNaN: true }),
});
const inUnit = (x: number) => x >= -1e-12 && x <= 1 + 1e-12;

describe('engine invariants (property)', () => {
  it('hold on every day of every run', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('transactional-freeze', 'structural-architecture'),
        leverArb,
        perturbArb,
        fc.nat({ max: 1_000_000 }),
        (framework, lv, paths, seed) => {
          const m = model(framework, lv, paths);
          const r = runCeasefire(m, { seed, record: true, days: 200 });
          for (const p of r.trajectory) {
            if (!inUnit(p.mediator.competingTheaters) || !inUnit(p.mediator.enforcementProbability))
              throw new Error(`mediator out of [0, 1] on day ${p.day}`);
            for (const [id, a] of Object.entries(p.actors)) {
              for (const [k, v] of Object.entries({
                credibility: a.credibility,
                envelope: a.envelope,
                readiness: a.readiness,
                sanctions: a.sanctions,
                threatBelief: a.threatBelief,
                hardlinerPower: a.hardlinerPower,
              })) {
                if (!inUnit(v)) throw new Error(`${id}.${k} = ${v} on day ${p.day}`);
              }
              const termSum = Object.values(a.terms).reduce((s, x) => s + x, 0);
              if (Math.abs(termSum - a.eu) > 1e-9) throw new Error(`${id}: EU ${a.eu} != sum of terms ${termSum}`);
              const power = Object.values(a.factionPower).reduce((s, x) => s + x, 0);
              if (Math.abs(power - 1) > 1e-9) throw new Error(`${id}: faction power sums to ${power}`);
              if (a.rung < 0 || a.rung > m.collapseRung) throw new Error(`${id}: rung ${a.rung}`);
              if ((a.interceptors ?? 0) < 0 || (a.missiles ?? 0) < 0 || (a.launchers ?? 0) < 0)
                throw new Error(`${id}: negative stock on day ${p.day}`);
              if (a.pAnyLeaker !== undefined && !inUnit(a.pAnyLeaker))
                throw new Error(`${id}: pAnyLeaker ${a.pAnyLeaker}`);
            }
            for (const [id, px] of Object.entries(p.proxies))
              if (!inUnit(px.strength) || !inUnit(px.supply) || !inUnit(px.envelope))
                throw new Error(`${id} out of [0, 1] on day ${p.day}`);
          }
          for (const [id, l] of Object.entries(r.ledger)) {
            if (Math.abs(l.missilesStart + l.missilesProduced - l.missilesLaunched - l.missilesEnd) > 1e-6)
              throw new Error(`${id}: missiles not conserved`);
            if (Math.abs(l.interceptorsStart + l.interceptorsAdded - l.interceptorsFired - l.interceptorsEnd) > 1e-6)
              throw new Error(`${id}: interceptors not conserved`);
          }
          const o = r.outcome;
          const shares = Object.values(o.attribution).reduce((s, x) => s + x, 0);
          if (o.collapsed && !(Math.abs(shares - 1) < 1e-9 || shares === 0))
            throw new Error(`attribution sums to ${shares}`);
          if (!o.collapsed && (o.day !== null || o.firstCrosser !== null || shares !== 0))
            throw new Error('a censored run has no collapse data');
          return true;
        },
      ),
      { numRuns: 40 },
    );
  });

  it('the same seed gives the same run; replicates are independent streams', () => {
    const m = model();
    const a = runCeasefire(m, { seed: 5, replicate: 3, record: true });
    expect(runCeasefire(m, { seed: 5, replicate: 3, record: true })).toEqual(a);
    expect(runCeasefire(m, { seed: 5, replicate: 4, record: true }).events).not.toEqual(a.events);
  });

  it('a run without the record flag has the same outcome as one with it', () => {
    const m = model();
    for (let r = 0; r < 20; r++)
      expect(runCeasefire(m, { seed: 9, replicate: r }).outcome).toEqual(
        runCeasefire(m, { seed: 9, replicate: r, record: true }).outcome,
      );
  });
});
