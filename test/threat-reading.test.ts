/**
 * The trajectory's threat reading (docs/model/perception.md, "The stale gap"): each state's
 * `threatReading` is the belief the decisions act on, logistic(belief + gap), beside the stored
 * `threatBelief`. The gap is computed here from the documented formula, not from the engine:
 *   gap = fill x beliefDrift x (1 - v) x lag,   lag = round(L0 x (1 - v)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCeasefire } from '../src/core/engine/run.js';
import { storyFigures } from '../src/charts/figures.js';
import { model } from './helpers/scenario.js';

const logit = (p: number) => Math.log(p / (1 - p));
const logistic = (x: number) => 1 / (1 + Math.exp(-x));

interface Setting {
  v: number;
  fill: number;
  lag: { israel: number; iran: number };
  drift: { israel: number; iran: number };
}

function trajectory(s: Setting, days: number, seed = 1) {
  const m = model(
    'transactional-freeze',
    { verification: s.v },
    {
      'dynamics.staleGapFill': s.fill,
      'actors.israel.detectionLagDays': s.lag.israel,
      'actors.iran.detectionLagDays': s.lag.iran,
      'actors.israel.beliefDrift': s.drift.israel,
      'actors.iran.beliefDrift': s.drift.iran,
    },
  );
  return runCeasefire(m, { seed, replicate: 0, record: true, days }).trajectory;
}

const gap = (s: Setting, id: 'israel' | 'iran') => s.fill * s.drift[id] * (1 - s.v) * Math.round(s.lag[id] * (1 - s.v));

const setting = fc.record({
  v: fc.double({ min: 0, max: 1, noNaN: true }),
  fill: fc.double({ min: 0, max: 1, noNaN: true }),
  lag: fc.record({ israel: fc.integer({ min: 0, max: 40 }), iran: fc.integer({ min: 0, max: 40 }) }),
  drift: fc.record({
    israel: fc.double({ min: 0, max: 0.1, noNaN: true }),
    iran: fc.double({ min: 0, max: 0.1, noNaN: true }),
  }),
});

describe('the threat reading the decisions act on (docs/model/perception.md)', () => {
  it('every day, for each state, threatReading = logistic(logit(threatBelief) + fill x drift x (1 - v) x lag)', () => {
    fc.assert(
      fc.property(setting, fc.integer({ min: 1, max: 1000 }), (s, seed) => {
        for (const point of trajectory(s, 40, seed))
          for (const id of ['israel', 'iran'] as const) {
            const a = point.actors[id];
            expect(a.threatReading).toBeCloseTo(logistic(logit(a.threatBelief) + gap(s, id)), 10);
            // The gap is never negative: the reading never falls below the stored belief.
            expect(a.threatReading).toBeGreaterThanOrEqual(a.threatBelief);
          }
      }),
      { numRuns: 40 },
    );
  });

  it('with verification 1, or staleGapFill 0, the reading is the stored belief', () => {
    const base = { lag: { israel: 30, iran: 30 }, drift: { israel: 0.05, iran: 0.05 } };
    for (const s of [
      { ...base, v: 1, fill: 1 },
      { ...base, v: 0, fill: 0 },
    ])
      for (const point of trajectory(s, 60))
        for (const id of ['israel', 'iran']) expect(point.actors[id].threatReading).toBe(point.actors[id].threatBelief);
  });

  it('at the built-in values the reading stands above the stored belief by the documented gap', () => {
    // Built-in: v = 0.05 (transactional freeze), L0 = 3 days, beliefDrift 0.02, fill 1: lag round(2.85) = 3 days.
    const s = { v: 0.05, fill: 1, lag: { israel: 3, iran: 3 }, drift: { israel: 0.02, iran: 0.02 } };
    const day0 = trajectory(s, 1)[0].actors.israel;
    expect(logit(day0.threatReading) - logit(day0.threatBelief)).toBeCloseTo(1 * 0.02 * 0.95 * 3, 10);
    // The defaults of the built-in scenario are these: the same run without overrides gives the same point.
    const plain = runCeasefire(model('transactional-freeze'), { seed: 1, replicate: 0, record: true, days: 1 });
    expect(plain.trajectory[0].actors.israel.threatReading).toBe(day0.threatReading);
  });

  it('the run story draws both, labelled: the stored belief and the reading acted on', () => {
    const s = { v: 0, fill: 1, lag: { israel: 30, iran: 30 }, drift: { israel: 0.02, iran: 0.02 } };
    const t = trajectory(s, 20);
    const fig = storyFigures(t, []).find((f) => f.name === 'threat-belief')!;
    const rows = fig.rows as { day: number; series: string; value: number }[];
    const at = (series: string) => rows.find((r) => r.day === 10 && r.series === series)!.value;
    expect(at('israel stored belief')).toBe(t[10].actors.israel.threatBelief);
    expect(at('israel reading acted on (with stale gap)')).toBe(t[10].actors.israel.threatReading);
    expect(at('israel reading acted on (with stale gap)')).toBeGreaterThan(at('israel stored belief'));
  });
});
