/**
 * Survival analysis against the Freireich 6-MP leukaemia data (Gehan), with
 * expected values printed in docs/test-vectors.md: R survfit (Greenwood
 * standard errors, "log" interval), survdiff, coxph (Efron ties).
 */
import { describe, expect, it } from 'vitest';
import { coxBinary } from '../src/core/analysis/survival/cox.js';
import { kaplanMeier, medianSurvival, survivalAt } from '../src/core/analysis/survival/kaplan-meier.js';
import { lifeTableFromDailyCounts, lifeTableFromObservations } from '../src/core/analysis/survival/life-table.js';
import { logRank } from '../src/core/analysis/survival/log-rank.js';
import { wilson } from '../src/core/analysis/wilson.js';

function parse(weeks: string): { times: number[]; events: boolean[] } {
  const items = weeks.split(',').map((s) => s.trim());
  return { times: items.map((s) => parseInt(s, 10)), events: items.map((s) => !s.endsWith('+')) };
}
const sixMP = parse('6, 6, 6, 6+, 7, 9+, 10, 10+, 11+, 13, 16, 17+, 19+, 20+, 22, 23, 25+, 32+, 32+, 34+, 35+');
const placebo = parse('1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23');
const tableMP = lifeTableFromObservations(sixMP.times, sixMP.events);
const tablePlacebo = lifeTableFromObservations(placebo.times, placebo.events);

describe('kaplanMeier (Freireich 6-MP, checked against R survfit)', () => {
  const rows = kaplanMeier(tableMP).filter((r) => r.events > 0);
  const expected = [
    [6, 21, 3, 0.857143, 0.0764, 0.72, 1.0],
    [7, 17, 1, 0.806723, 0.0869, 0.653, 0.996],
    [10, 15, 1, 0.752941, 0.0963, 0.586, 0.968],
    [13, 12, 1, 0.690196, 0.1068, 0.51, 0.935],
    [16, 11, 1, 0.627451, 0.1141, 0.439, 0.896],
    [22, 7, 1, 0.537815, 0.1282, 0.337, 0.858],
    [23, 6, 1, 0.448179, 0.1346, 0.249, 0.807],
  ];
  expected.forEach(([t, n, d, s, se, lo, hi], i) => {
    it(`at t = ${t}: at risk ${n}, events ${d}, S ${s}, se ${se}, 95% CI [${lo}, ${hi}]`, () => {
      const r = rows[i];
      expect(r.time).toBe(t);
      expect(r.atRisk).toBe(n);
      expect(r.events).toBe(d);
      expect(r.survival).toBeCloseTo(s, 6);
      expect(r.stdErr).toBeCloseTo(se, 4);
      expect(r.lower).toBeCloseTo(lo, 3);
      expect(r.upper).toBeCloseTo(hi, 3);
    });
  });
  it('returns 1 before the first event', () => {
    expect(survivalAt(kaplanMeier(tableMP), 5)).toBeNull();
    expect(survivalAt(kaplanMeier(tableMP), 6)!.survival).toBeCloseTo(0.857143, 6);
  });
  it('median survival: 6-MP 23 weeks, placebo 8 weeks', () => {
    expect(medianSurvival(kaplanMeier(tableMP))).toBe(23);
    expect(medianSurvival(kaplanMeier(tablePlacebo))).toBe(8);
  });
  it('daily counts give the same table as observations', () => {
    const events = new Array(40).fill(0);
    const censored = new Array(40).fill(0);
    sixMP.times.forEach((t, i) => (sixMP.events[i] ? events[t]++ : censored[t]++));
    expect(kaplanMeier(lifeTableFromDailyCounts(events, censored))).toEqual(kaplanMeier(tableMP));
  });
});

describe('logRank (R survdiff)', () => {
  it('Freireich: chi-square 16.792941 on 1 df, p = 4.1688e-05', () => {
    const r = logRank(tableMP, tablePlacebo);
    expect(r.chiSquare).toBeCloseTo(16.792941, 5);
    expect(r.p).toBeCloseTo(4.1688e-5, 8);
    expect(r.observed).toEqual([9, 21]);
  });
  it('is symmetric and 0 for identical groups', () => {
    expect(logRank(tablePlacebo, tableMP).chiSquare).toBeCloseTo(16.792941, 5);
    expect(logRank(tableMP, tableMP).chiSquare).toBeCloseTo(0, 12);
  });
});

describe('coxBinary (R coxph, Efron ties)', () => {
  it('placebo vs 6-MP: coefficient 1.5721, hazard ratio 4.8169, se 0.4124', () => {
    const r = coxBinary(tableMP, tablePlacebo);
    expect(r.converged).toBe(true);
    expect(r.beta).toBeCloseTo(1.5721, 4);
    expect(r.hazardRatio).toBeCloseTo(4.8169, 3);
    expect(r.se).toBeCloseTo(0.4124, 4);
    expect(r.lower).toBeCloseTo(Math.exp(1.5721 - 1.959964 * 0.4124), 2);
  });
  it('reversing the groups inverts the hazard ratio', () => {
    expect(coxBinary(tablePlacebo, tableMP).hazardRatio).toBeCloseTo(1 / 4.8169, 3);
  });
});

describe('wilson', () => {
  it('matches the closed form and stays inside [0, 1]', () => {
    // 8 of 10 at 95%: [0.4902, 0.9433] (Wilson 1927; R prop.test without continuity correction).
    const w = wilson(8, 10);
    expect(w.lo).toBeCloseTo(0.4902, 4);
    expect(w.hi).toBeCloseTo(0.9433, 4);
    expect(wilson(0, 20).lo).toBe(0);
    expect(wilson(20, 20).hi).toBe(1);
  });
});
