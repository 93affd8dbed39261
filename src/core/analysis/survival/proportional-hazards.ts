/**
 * Does one hazard ratio describe two arms? The Grambsch-Therneau test of
 * proportional hazards for the binary arm covariate, as R's survival 3.x
 * cox.zph computes it (docs/analysis.md, "Proportional hazards"), and hazard
 * ratios over windows of days for when it rejects.
 *
 * The test is the score test, at the fitted beta, for adding x g(t) to the
 * Cox model (x = 1 in arm b, g a transform of time centred on its mean over
 * the events), with Efron's ties and the full information matrix:
 *   U   = sum over events of (g - gbar)(x - xbar_k)
 *   I11 = sum_k v_k,  I12 = sum_k (g - gbar) v_k,  I22 = sum_k (g - gbar)^2 v_k
 *   chi2 = U^2 / (I22 - I12^2 / I11) on 1 df,
 * where at a time with d events the Efron steps k = 1..d weight the events
 * k / d into the risk set, xbar_k = S1_k / S0_k and v_k = xbar_k (1 - xbar_k).
 * g is R's default "km": 1 - S(t-), the pooled Kaplan-Meier curve just before t.
 */
import { chiSquare1Upper } from '../normal.js';
import { coxBinary } from './cox.js';
import type { LifeTable } from './life-table.js';
import { mergeTimes, type MergedStep } from './merge.js';

export type TimeTransform = 'km' | 'identity' | 'rank' | 'log';

export interface ProportionalHazardsTest {
  chiSquare: number;
  p: number;
  /** The transform of time the test uses (R cox.zph's `transform`). */
  transform: TimeTransform;
}

/** g(t) at each step's time (R cox.zph's transforms). */
function timeScores(steps: readonly MergedStep[], transform: TimeTransform): number[] {
  const atRisk = (i: number) => (i < steps.length ? steps[i].na + steps[i].nb : 0);
  let s = 1;
  return steps.map((st, i) => {
    const d = st.da + st.db;
    let g: number;
    if (transform === 'km') g = 1 - s;
    else if (transform === 'identity') g = st.time;
    else if (transform === 'log') g = Math.log(st.time);
    else {
      // R's rank(times) over every subject, ties averaged: those before t, then the middle of the tied block.
      const before = atRisk(0) - atRisk(i);
      const here = atRisk(i) - atRisk(i + 1);
      g = before + (here + 1) / 2;
    }
    if (d > 0) s *= 1 - d / atRisk(i);
    return g;
  });
}

/**
 * The Grambsch-Therneau test for arm b against arm a at the Cox estimate
 * beta (coxBinary's). Checked against R's cox.zph (test/r/proportional-hazards.R).
 */
export function proportionalHazardsTest(
  a: LifeTable,
  b: LifeTable,
  beta: number,
  transform: TimeTransform = 'km',
): ProportionalHazardsTest {
  const steps = mergeTimes(a, b);
  const g = timeScores(steps, transform);
  let events = 0;
  let gSum = 0;
  steps.forEach((st, i) => {
    events += st.da + st.db;
    gSum += (st.da + st.db) * g[i];
  });
  const gBar = events > 0 ? gSum / events : 0;
  const r = Math.exp(beta);
  let u = 0;
  let i11 = 0;
  let i12 = 0;
  let i22 = 0;
  steps.forEach((st, i) => {
    const d = st.da + st.db;
    if (d === 0) return;
    const gc = g[i] - gBar;
    u += gc * st.db;
    const restA = st.na - st.da;
    const restB = (st.nb - st.db) * r;
    for (let k = 1; k <= d; k++) {
      const f = k / d;
      const s0 = restA + restB + f * (st.da + st.db * r);
      const s1 = restB + f * st.db * r;
      if (!(s0 > 0)) continue;
      const m = s1 / s0;
      const v = m * (1 - m);
      u -= gc * m;
      i11 += v;
      i12 += gc * v;
      i22 += gc * gc * v;
    }
  });
  const variance = i11 > 0 ? i22 - (i12 * i12) / i11 : 0;
  const chiSquare = variance > 0 ? (u * u) / variance : 0;
  return { chiSquare, p: variance > 0 ? chiSquare1Upper(chiSquare) : NaN, transform };
}

/**
 * A life table cut to the days [from, to]: the subjects still at risk on day
 * `from` (left truncation), their events and censorings inside the window, and
 * everyone who outlasts `to` censored at `to`.
 */
export function windowTable(t: LifeTable, from: number, to: number): LifeTable {
  const out: LifeTable = { times: [], events: [], censored: [] };
  let beyond = 0;
  for (let i = 0; i < t.times.length; i++) {
    const time = t.times[i];
    if (time < from) continue;
    if (time > to) {
      beyond += t.events[i] + t.censored[i];
      continue;
    }
    out.times.push(time);
    out.events.push(t.events[i]);
    out.censored.push(t.censored[i]);
  }
  if (beyond > 0) {
    const last = out.times.length - 1;
    if (last >= 0 && out.times[last] === to) out.censored[last] += beyond;
    else {
      out.times.push(to);
      out.events.push(0);
      out.censored.push(beyond);
    }
  }
  return out;
}

export interface HazardRatioWindow {
  /** First and last day of the window. */
  from: number;
  to: number;
  /** Runs at risk on the first day, per arm. */
  atRiskA: number;
  atRiskB: number;
  /** Collapses inside the window, per arm. */
  eventsA: number;
  eventsB: number;
  /** Cox hazard ratio of b against a within the window (Efron ties, Wald interval); null when not estimable. */
  hazardRatio: number | null;
  hrLo: number | null;
  hrHi: number | null;
  note?: string;
}

/** The windows [1, b1], [b1 + 1, b2], ..., [bk + 1, horizon] from the breaks inside the horizon. */
export function windowsOf(breaks: readonly number[], horizon: number): [number, number][] {
  const ends = [...new Set(breaks.filter((x) => Number.isInteger(x) && x >= 1 && x < horizon))].sort((x, y) => x - y);
  ends.push(horizon);
  return ends.map((to, i) => [i === 0 ? 1 : ends[i - 1] + 1, to]);
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** Hazard ratios of b against a within each window of days (runs at risk at its start, censored at its end). */
export function windowedHazardRatios(
  a: LifeTable,
  b: LifeTable,
  windows: readonly [number, number][],
  labels: readonly [string, string] = ['arm a', 'arm b'],
  level = 0.95,
): HazardRatioWindow[] {
  return windows.map(([from, to]) => {
    const wa = windowTable(a, from, to);
    const wb = windowTable(b, from, to);
    const base = {
      from,
      to,
      atRiskA: sum(wa.events) + sum(wa.censored),
      atRiskB: sum(wb.events) + sum(wb.censored),
      eventsA: sum(wa.events),
      eventsB: sum(wb.events),
    };
    const none = (note: string) => ({ ...base, hazardRatio: null, hrLo: null, hrHi: null, note });
    if (base.eventsA === 0 || base.eventsB === 0) {
      const which =
        base.eventsA === 0 && base.eventsB === 0 ? 'either arm' : base.eventsA === 0 ? labels[0] : labels[1];
      return none(`no collapse in ${which} in these days: not estimable`);
    }
    const cox = coxBinary(wa, wb, level);
    if (![cox.hazardRatio, cox.lower, cox.upper].every((x) => Number.isFinite(x) && x > 0))
      return none('too few collapses for a finite interval: not estimable');
    return { ...base, hazardRatio: cox.hazardRatio, hrLo: cox.lower, hrHi: cox.upper };
  });
}
