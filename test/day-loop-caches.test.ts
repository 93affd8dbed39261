/**
 * The day loop's caches (issue 14) against fresh computation, day by day, on
 * random lever settings and seeds: the proxy degradation rate the slow
 * dynamics keep for the EU terms, the run constants of the defender's
 * planning estimate, and the stale gap (against its formula). Recomputing the terms with the cache dropped must give the
 * same doubles, bit for bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fluidLeakers, fluidTables } from '../src/core/engagement/fluid.js';
import { saturationSalvo } from '../src/core/engine/kinetic.js';
import { makeStreams } from '../src/core/engine/run.js';
import { initWorld } from '../src/core/engine/state.js';
import { computeTerms, proxyDegradationRate, stepDay } from '../src/core/engine/step.js';
import { listLevers } from '../src/core/scenario/levers.js';
import { builtIn, model } from './helpers/scenario.js';

const levers = listLevers(builtIn().scenario);
const leverArb = fc.record(
  Object.fromEntries(levers.map((l) => [l.name, fc.double({ min: l.min, max: l.max, noNaN: true })])),
);

describe('day-loop caches', () => {
  it('the cached PDR and the planning constants give the terms a fresh computation gives', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('transactional-freeze', 'structural-architecture'),
        leverArb,
        fc.nat({ max: 1_000_000 }),
        (framework, lv, seed) => {
          const m = model(framework, lv);
          const w = initWorld(m, false);
          const rng = makeStreams(seed, 0);
          for (let i = 0; i < m.states.length; i++) computeTerms(m, w, i);
          let checked = 0;
          for (let day = 1; day <= 150; day++) {
            const collapse = stepDay(m, w, rng);
            for (let i = 0; i < m.states.length; i++) {
              const st = m.states[i];
              const rt = w.states[i];
              if (st.role === 'revisionist') {
                expect(rt.pdrDay).toBe(w.day);
                expect(rt.pdr).toBe(proxyDegradationRate(m, w, i));
              }
              // Drop the PDR cache and recompute today's terms: the same doubles.
              const terms = rt.terms.slice();
              const eu = rt.eu;
              rt.pdrDay = -1;
              computeTerms(m, w, i);
              expect(Array.from(rt.terms)).toEqual(Array.from(terms));
              expect(rt.eu).toBe(eu);
              // The stale gap, a run constant: the documented formula, with
              // lag = round(base lag x (1 - v)) (docs/model/perception.md).
              const v = m.agreement.verification;
              const lag = Math.round(st.spec.detectionLagDays * (1 - v));
              const fill = m.dynamics.staleGapFill;
              expect(rt.beliefGap).toBe(fill * st.spec.beliefDrift * (1 - v) * lag);
              expect(rt.rearmGap).toBe(fill * (st.spec.beliefDrift * m.dynamics.rearmDriftScale) * (1 - v) * lag);
              // The planning constants: finite base stocks, and each adversary's
              // engagement as the model names it (fluid pass by the engagement).
              if (st.defense) {
                let base = 0;
                for (const x of st.defense.baseInventory) if (Number.isFinite(x)) base += x;
                expect(rt.finiteBaseInventory).toBe(base);
                const engaged = st.adversaries.filter((a) => m.states[a].arsenal?.against.get(i));
                expect(rt.planning.map((p) => p.adversary)).toEqual(engaged);
                for (const { adversary, tables } of rt.planning) {
                  const e = m.states[adversary].arsenal!.against.get(i)!;
                  expect(tables).toBe(fluidTables(e));
                  // What the terms' pass left, before a fresh pass overwrites it.
                  const cached = tables.leakers;
                  const art = w.states[adversary];
                  const share = m.dynamics.nextWaveBase + (1 - m.dynamics.nextWaveBase) * art.readiness;
                  const salvo = saturationSalvo(m.states[adversary], art, share);
                  expect(cached).toBe(fluidLeakers(e, salvo, rt.inventory!, rt.readiness));
                  checked++;
                }
              }
            }
            if (collapse) break;
          }
          expect(checked).toBeGreaterThan(0);
        },
      ),
      { numRuns: 12 },
    );
  });
});
