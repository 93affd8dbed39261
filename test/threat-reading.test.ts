/**
 * The trajectory's threat reading (docs/model/perception.md, "The stale gap"): each state's
 * `threatReading` is the belief the decisions act on, logistic(belief + gap), beside the stored
 * `threatBelief`. The gap is computed here from the documented formula, not from the engine:
 *   gap = fill x beliefDrift x (1 - v) x lag,   lag = round(L0 x (1 - v)).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCeasefire } from '../src/core/engine/run.js';
import { parseHTML } from 'linkedom';
import { storyFigures, threatRows } from '../src/charts/figures.js';
import { threatNote } from '../src/charts/format.js';
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

  it('the run story draws both, labelled as `truce run` labels them and with the adversary they are about', () => {
    const s = { v: 0, fill: 1, lag: { israel: 30, iran: 30 }, drift: { israel: 0.02, iran: 0.02 } };
    const t = trajectory(s, 20);
    const fig = storyFigures(t, []).find((f) => f.name === 'threat-belief')!;
    const rows = fig.rows as { day: number; series: string; value: number; segment: string }[];
    const at = (series: string) => rows.find((r) => r.day === 10 && r.series === series)!.value;
    expect(t[10].actors.israel.threatFrom).toBe('iran');
    expect(at('israel about iran: threat belief (stored)')).toBe(t[10].actors.israel.threatBelief);
    expect(at('israel about iran: threat reading (acted on)')).toBe(t[10].actors.israel.threatReading);
    expect(at('iran about israel: threat reading (acted on)')).toBe(t[10].actors.iran.threatReading);
    expect(at('israel about iran: threat reading (acted on)')).toBeGreaterThan(
      at('israel about iran: threat belief (stored)'),
    );
    // Two states, one adversary each: four lines, one unbroken segment each, over every day.
    expect(new Set(rows.map((r) => r.series)).size).toBe(4);
    expect(new Set(rows.map((r) => r.segment)).size).toBe(4);
    expect(rows).toHaveLength(4 * t.length);
  });

  it('with several adversaries, each day is labelled with the one acted on, and a switch breaks the line', () => {
    // A synthetic trajectory: india acts on pakistan, then china (days 2-3), then pakistan again; china has no adversary.
    const from = ['pakistan', 'pakistan', 'china', 'china', 'pakistan'];
    const point = (day: number) => ({
      day,
      actors: {
        india: { ...actor(), threatFrom: from[day], threatBelief: 0.1 + day / 100, threatReading: 0.2 + day / 100 },
        china: { ...actor(), threatFrom: null, threatBelief: 0, threatReading: 0 },
        pakistan: { ...actor(), threatFrom: 'india', threatBelief: 0.3, threatReading: 0.4 },
      },
      proxies: {},
      mediator: { competingTheaters: 0, enforcementProbability: 0.5 },
    });
    const t = from.map((_, d) => point(d));
    const all = threatRows(t);
    // No rows for a state with no adversary (its zeros are placeholders, not a belief).
    expect(new Set(all.map((r) => r.state))).toEqual(new Set(['india', 'pakistan']));
    expect(all.filter((r) => r.state === 'pakistan').every((r) => r.series.startsWith('pakistan about india: '))).toBe(
      true,
    );
    const rows = all.filter((r) => r.state === 'india');
    expect(rows).toHaveLength(2 * from.length);
    for (const r of rows) {
      expect(r.threatFrom).toBe(from[r.day]);
      expect(r.series).toBe(`india about ${from[r.day]}: ${r.measure}`);
    }
    expect(rows.find((r) => r.day === 2 && r.measure === 'threat reading (acted on)')!.value).toBe(0.22);
    // Three runs of days (pakistan, china, pakistan): three segments per measure, so no line joins day 1 to day 4.
    const segments = (m: string) => new Set(rows.filter((r) => r.measure === m).map((r) => r.segment));
    expect(segments('threat belief (stored)').size).toBe(3);
    const seg = (d: number) => rows.find((r) => r.day === d && r.measure === 'threat belief (stored)')!.segment;
    expect(seg(0)).toBe(seg(1));
    expect(seg(4)).not.toBe(seg(1));
    // The figure draws these rows; with three states its caption says the numbers are about the adversary acted on.
    const fig = storyFigures(t as never, []).find((f) => f.name === 'threat-belief')!;
    expect(fig.rows).toEqual(all);
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const drawn = fig.render(document as unknown as Document);
    expect(drawn.querySelector('h2')!.textContent).toBe(
      "Each state's threat belief (stored) and threat reading (acted on), about the adversary it acts on",
    );
    expect(drawn.querySelector('figcaption')!.textContent).toBe(threatNote(true));
    expect(threatNote(true)).toContain('the adversary the state acts on ("threat from"');
  });
});

function actor() {
  return { rung: 0, eu: 0, terms: {}, credibility: 0.5, perceivedViolations: 0, hardlinerPower: 0.3 };
}
