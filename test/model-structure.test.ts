/** Structure of the model: the one term table, the lever resolution, the two-draw detection rule. */
import { describe, expect, it } from 'vitest';
import { Stream } from '../src/core/rng/stream.js';
import { detectionProbability } from '../src/core/model/perception.js';
import {
  GROUP_OF_TERM,
  N_TERMS,
  PILLAR_OF_TERM,
  PILLARS,
  TERM,
  TERMS,
  TERM_GROUPS,
} from '../src/core/model/escalation-utility.js';
import { resolveScenario } from '../src/core/scenario/levers.js';
import { getPath } from '../src/core/scenario/paths.js';
import { builtIn, model } from './helpers/scenario.js';

describe('the term table', () => {
  it('names each term once, with a known pillar, weight and chart group', () => {
    expect(new Set(TERMS.map((t) => t.name)).size).toBe(N_TERMS);
    for (const t of TERMS) {
      expect(t.pillar === null || PILLARS.includes(t.pillar)).toBe(true);
      expect(TERM_GROUPS).toContain(GROUP_OF_TERM[t.name]);
      expect(TERM[t.name]).toBe(TERMS.indexOf(t));
      expect(PILLAR_OF_TERM[t.name]).toBe(t.pillar);
    }
  });
  it("builds each state's term weights from the table's weight key", () => {
    const m = model();
    for (const st of m.states) {
      TERMS.forEach((t, k) => {
        let w = 0;
        st.factions.forEach((f, j) => (w += st.factionPower0[j] * st.termWeights[j * N_TERMS + k]));
        let expected = 0;
        st.factions.forEach((f, j) => (expected += st.factionPower0[j] * st.weights[t.weight] * f.weights[t.weight]));
        expect(w).toBeCloseTo(expected, 12);
      });
    }
  });
});

describe('levers', () => {
  it('a set lever with several paths leaves them as written when nobody moves it, and writes all when moved', () => {
    const s = builtIn().scenario;
    s.actors.us = { ...s.actors.us, responseDays: 5 } as typeof s.actors.us;
    (s.actors.us as { attentionShockDays: number }).attentionShockDays = 40;
    s.levers.delays = {
      description: 'two different delays',
      min: 0,
      max: 60,
      mode: 'set',
      paths: ['actors.us.responseDays', 'actors.us.attentionShockDays'],
    };
    const untouched = resolveScenario(s, null, {});
    expect(getPath(untouched.scenario, 'actors.us.responseDays')).toBe(5);
    expect(getPath(untouched.scenario, 'actors.us.attentionShockDays')).toBe(40);
    expect(untouched.levers.delays).toBe(5);
    const moved = resolveScenario(s, null, { delays: 12 });
    expect(getPath(moved.scenario, 'actors.us.responseDays')).toBe(12);
    expect(getPath(moved.scenario, 'actors.us.attentionShockDays')).toBe(12);
    // The input is not mutated.
    expect(getPath(s, 'actors.us.responseDays')).toBe(5);
  });
});

describe('detection', () => {
  it("the closed form d = 1 - (1 - d0)(1 - v kappa) is the engine's two-draw rule (monitor, then own intelligence)", () => {
    const rng = Stream.derive(7, 'detection-test');
    for (const [d0, v, kappa] of [
      [0.3, 0.5, 0.4],
      [0.8, 0.05, 1],
      [0.1, 0.9, 0.3],
    ]) {
      const n = 100_000;
      let seen = 0;
      for (let i = 0; i < n; i++) if (rng.uniform() < v * kappa || rng.uniform() < d0) seen++;
      const p = detectionProbability(d0, v, kappa);
      // Five standard errors: fails with probability < 1e-6 whatever the stream.
      expect(Math.abs(seen / n - p)).toBeLessThan(5 * Math.sqrt((p * (1 - p)) / n));
    }
  });
});
