/**
 * The proportional-hazards check, the hazard ratios by window and the
 * restricted mean survival against R's survival package (3.5): cox.zph,
 * coxph on the cut data, summary(survfit, rmean). The numbers were printed by
 * test/r/proportional-hazards.R (the data are the same there); R is not needed here.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coxBinary } from '../src/core/analysis/survival/cox.js';
import { kaplanMeier, restrictedMeanSurvival } from '../src/core/analysis/survival/kaplan-meier.js';
import { Stream } from '../src/core/rng/stream.js';
import { emptyAccumulator } from '../src/core/ensemble/accumulator.js';
import { compareArms } from '../src/core/ensemble/summarize.js';
import { findNonsense } from '../fuzz/nonsense.js';
import { lifeTableFromObservations, totalSubjects } from '../src/core/analysis/survival/life-table.js';
import {
  proportionalHazardsTest,
  windowedHazardRatios,
  windowsOf,
  windowTable,
} from '../src/core/analysis/survival/proportional-hazards.js';

const aEvent = [
  2, 3, 5, 5, 8, 9, 12, 14, 15, 15, 18, 20, 22, 25, 27, 30, 30, 33, 35, 38, 40, 42, 45, 47, 50, 52, 55, 58,
];
const aCens = [20, ...Array<number>(11).fill(60)];
const bEvent = [1, 1, 2, 2, 2, 3, 4, 5, 5, 6, 7, 8, 9, 10, 10, 14, 25, 40, 55];
const bCens = [30, ...Array<number>(20).fill(60)];
const table = (ev: number[], cens: number[]) =>
  lifeTableFromObservations([...ev, ...cens], [...ev.map(() => true), ...cens.map(() => false)]);
const a = table(aEvent, aCens);
const b = table(bEvent, bCens);

const rel = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);

describe('proportional hazards: Grambsch-Therneau test as R cox.zph computes it', () => {
  const cox = coxBinary(a, b);
  it('the Cox fit it starts from is R coxph', () => {
    expect(rel(cox.hazardRatio, 0.703501885606)).toBeLessThan(1e-8);
    expect(rel(cox.lower, 0.391569975798)).toBeLessThan(1e-6);
    expect(rel(cox.upper, 1.26392454386)).toBeLessThan(1e-6);
  });
  it.each([
    ['km', 15.2163586644, 9.58693429462e-5],
    ['identity', 13.3127414377, 0.000263608662928],
    ['rank', 15.2576191392, 9.37976116672e-5],
    ['log', 15.3623290184, 8.87399639001e-5],
  ] as const)('transform %s: chi-square and p match R', (transform, chi, p) => {
    const t = proportionalHazardsTest(a, b, cox.beta, transform);
    expect(rel(t.chiSquare, chi)).toBeLessThan(1e-6);
    expect(rel(t.p, p)).toBeLessThan(1e-4);
    expect(t.transform).toBe(transform);
  });
  it('Freireich 6-MP vs placebo (heavy ties, early censoring): chi-square 0.02286, p 0.880', () => {
    const t6 = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
    const e6 = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0].map((e) => e === 1);
    const tp = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];
    const mp = lifeTableFromObservations(t6, e6);
    const placebo = lifeTableFromObservations(
      tp,
      tp.map(() => true),
    );
    const t = proportionalHazardsTest(mp, placebo, coxBinary(mp, placebo).beta);
    expect(rel(t.chiSquare, 0.0228633780528)).toBeLessThan(1e-5);
    expect(rel(t.p, 0.879812894957)).toBeLessThan(1e-6);
  });
  it('a constant hazard ratio is not rejected more often than the level says (exponential arms, 200 data sets)', () => {
    // Under proportional hazards the p-value is uniform: at the 5% level about 10 rejections of 200 (binomial sd 3.1),
    // so 25 or more is 4.9 sd out, on any seed.
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        let rejections = 0;
        for (let i = 0; i < 200; i++) {
          const rng = Stream.derive(seed, 'ph-null', i);
          // Exponential times with hazards 0.02 and 0.04 a day, counted in whole days, censored at day 60.
          const draw = (rate: number) =>
            Array.from({ length: 150 }, () => Math.min(60, Math.ceil(-Math.log(1 - rng.uniform()) / rate)));
          const ta = draw(0.02);
          const tb = draw(0.04);
          const la = lifeTableFromObservations(
            ta,
            ta.map((t) => t < 60),
          );
          const lb = lifeTableFromObservations(
            tb,
            tb.map((t) => t < 60),
          );
          if (proportionalHazardsTest(la, lb, coxBinary(la, lb).beta).p < 0.05) rejections++;
        }
        expect(rejections).toBeLessThan(25);
      }),
      { numRuns: 3 },
    );
  });
});

describe('hazard ratios by window of days', () => {
  it('windows run from day 1 to the horizon, cut at the breaks inside it', () => {
    expect(windowsOf([30, 180], 365)).toEqual([
      [1, 30],
      [31, 180],
      [181, 365],
    ]);
    expect(windowsOf([30, 180], 100)).toEqual([
      [1, 30],
      [31, 100],
    ]);
    expect(windowsOf([30, 180], 30)).toEqual([[1, 30]]);
  });
  it('match R coxph on the runs at risk at the window start, censored at its end', () => {
    const w = windowedHazardRatios(a, b, windowsOf([10, 30], 60));
    const r = [
      [2.87833834479, 1.11623880311, 7.42209606403],
      [0.21503024126, 0.0476120835779, 0.971140122034],
      [0.139631071162, 0.0308614431727, 0.63175386597],
    ];
    w.forEach((x, i) => {
      expect(rel(x.hazardRatio!, r[i][0])).toBeLessThan(1e-7);
      expect(rel(x.hrLo!, r[i][1])).toBeLessThan(1e-6);
      expect(rel(x.hrHi!, r[i][2])).toBeLessThan(1e-6);
    });
    expect(w.map((x) => [x.atRiskA, x.atRiskB, x.eventsA, x.eventsB])).toEqual([
      [40, 40, 6, 15],
      [34, 25, 11, 2],
      [22, 22, 11, 2],
    ]);
  });
  it('a window with no collapse in one arm says so instead of a ratio', () => {
    const w = windowedHazardRatios(a, b, [[1, 1]]);
    expect(w[0].hazardRatio).toBeNull();
    expect(w[0].note).toMatch(/no collapse in arm a/);
  });
  it('cutting conserves subjects: those at risk at the start are the window’s subjects, events add up over windows', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 50 }), fc.boolean()), { minLength: 1, maxLength: 60 }),
        fc.integer({ min: 1, max: 49 }),
        (obs, cut) => {
          const t = lifeTableFromObservations(
            obs.map((o) => o[0]),
            obs.map((o) => o[1]),
          );
          const early = windowTable(t, 1, cut);
          const late = windowTable(t, cut + 1, 50);
          expect(totalSubjects(early)).toBe(obs.length);
          expect(totalSubjects(late)).toBe(obs.filter((o) => o[0] > cut).length);
          const ev = (x: typeof t) => x.events.reduce((s, y) => s + y, 0);
          expect(ev(early) + ev(late)).toBe(obs.filter((o) => o[1]).length);
        },
      ),
    );
  });
});

describe('restricted mean survival: the area under Kaplan-Meier', () => {
  it('matches R summary(survfit, rmean = tau) with censoring before tau', () => {
    expect(restrictedMeanSurvival(kaplanMeier(a), 60)).toBeCloseTo(36.5685185185, 8);
    expect(restrictedMeanSurvival(kaplanMeier(b), 60)).toBeCloseTo(36.6965909091, 8);
    expect(restrictedMeanSurvival(kaplanMeier(a), 40)).toBeCloseTo(29.0759259259, 8);
    expect(restrictedMeanSurvival(kaplanMeier(b), 40)).toBeCloseTo(25.85, 8);
  });
  it('without censoring before tau it is the mean of min(time, tau): a collapse on day d counts d days', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 80 }),
        fc.integer({ min: 1, max: 40 }),
        (days, tau) => {
          // Runs that outlast the horizon (40) are censored at it.
          const t = lifeTableFromObservations(
            days,
            days.map((d) => d < 40),
          );
          const direct = days.reduce((s, d) => s + Math.min(d, tau), 0) / days.length;
          expect(restrictedMeanSurvival(kaplanMeier(t), tau)).toBeCloseTo(direct, 9);
        },
      ),
    );
  });
});

describe('the check in a comparison of two arms: an answer, or none, never NaN', () => {
  /** An arm of runs collapsing on the given days, the rest censored at the horizon. */
  const arm = (horizon: number, collapses: number[], survivors: number) => {
    const acc = emptyAccumulator(horizon);
    for (const d of collapses) acc.eventsByDay[d]++;
    acc.censoredByDay[horizon] += survivors;
    acc.runs = collapses.length + survivors;
    return acc;
  };
  it('every collapse of both arms on one day: no spread of times to test, so no check (was p NaN)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        fc.integer({ min: 0, max: 5 }),
        (day, ea, eb, sa, sb) => {
          const c = compareArms(arm(15, Array(ea).fill(day), sa), arm(15, Array(eb).fill(day), sb), ['a', 'b']);
          expect(c.proportionalHazards ?? null).toBeNull();
          expect(findNonsense(c)).toBeNull();
        },
      ),
    );
  });
  it('any two small arms: the comparison holds no NaN, and a check that answers has p in [0, 1]', () => {
    const days = fc.array(fc.integer({ min: 1, max: 15 }), { maxLength: 8 });
    fc.assert(
      fc.property(days, days, fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (da, db, sa, sb) => {
        fc.pre(da.length + sa > 0 && db.length + sb > 0);
        const c = compareArms(arm(15, da, sa), arm(15, db, sb), ['a', 'b']);
        expect(findNonsense(c)).toBeNull();
        if (c.proportionalHazards) expect(c.proportionalHazards.p).toBeGreaterThanOrEqual(0);
        if (c.proportionalHazards) expect(c.proportionalHazards.p).toBeLessThanOrEqual(1);
      }),
    );
  });
});
