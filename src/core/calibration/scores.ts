/**
 * Scoring forecasts of "collapsed by day h" against outcomes
 * (docs/calibration-record.md, "Validation"). A collapsed spell scores 1 at
 * every horizon at or after its collapse day and 0 before; a censored spell
 * scores 0 at horizons it reached and is left out at horizons it did not.
 * Brier score: mean (p - y)^2. Log score: mean log P(what happened), with p
 * kept inside [0.001, 0.999] so one confident miss costs log(0.001), not
 * -infinity. Reliability: forecasts binned by p against observed frequency.
 */
import { kaplanMeier, survivalAt } from '../analysis/survival/kaplan-meier.js';
import { lifeTableFromObservations } from '../analysis/survival/life-table.js';
import type { CaseCovariates, CaseOutcome } from './cases.js';
import { isShortPause } from './coding.js';

export const SCORE_HORIZONS = [30, 90, 365] as const;
export const P_FLOOR = 0.001;

/** 1, 0, or null (censored before the horizon: not scored). */
export function outcomeAt(o: CaseOutcome, h: number): 0 | 1 | null {
  if (o.collapsed && o.days <= h) return 1;
  if (o.days >= h) return 0;
  return null;
}

export function brier(p: readonly number[], y: readonly number[]): number {
  return p.reduce((t, pi, i) => t + (pi - y[i]) ** 2, 0) / p.length;
}

export function logScore(p: readonly number[], y: readonly number[]): number {
  return (
    p.reduce((t, pi, i) => {
      const q = Math.min(1 - P_FLOOR, Math.max(P_FLOOR, pi));
      return t + Math.log(y[i] === 1 ? q : 1 - q);
    }, 0) / p.length
  );
}

/**
 * Mean of the paired differences a[i] - b[i] with a normal 95% interval (mean +- 1.96 sd / sqrt(n)):
 * two forecasters scored on the same cases, compared case by case so what the cases share cancels.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): { mean: number; lo: number; hi: number } {
  const d = a.map((x, i) => x - b[i]);
  const n = d.length;
  const mean = d.reduce((t, x) => t + x, 0) / n;
  const sd = n > 1 ? Math.sqrt(d.reduce((t, x) => t + (x - mean) ** 2, 0) / (n - 1)) : Infinity;
  const half = 1.96 * (sd / Math.sqrt(n));
  return { mean, lo: mean - half, hi: mean + half };
}

/** The base-rate forecast: 1 - S(h) of the training spells' Kaplan-Meier curve. */
export function baseRate(training: readonly CaseOutcome[], h: number): number {
  const km = kaplanMeier(
    lifeTableFromObservations(
      training.map((o) => o.days),
      training.map((o) => o.collapsed),
    ),
  );
  const r = survivalAt(km, h);
  return r ? 1 - r.survival : 0;
}

const LEVEL = { yes: 1, partial: 0.5, no: 0, high: 1, medium: 0.5, low: 0 } as const;

export const COX_COVARIATES = [
  'interstate',
  'written',
  'monitoring',
  'buffer',
  'specificity',
  'guarantee',
  'faceSaving',
  'mediated',
  'shortPause',
] as const;

/** The same covariates the coding reads, as numbers for a Cox model (yes 1, partial 0.5, no 0; high 1, medium 0.5, low 0). */
export function covariateVector(c: CaseCovariates): number[] {
  return [
    c.arena === 'interstate' ? 1 : 0,
    LEVEL[c.writtenAgreement],
    LEVEL[c.monitoring],
    LEVEL[c.buffer],
    LEVEL[c.specificity],
    LEVEL[c.guarantee],
    LEVEL[c.faceSaving],
    c.mediated ? 1 : 0,
    isShortPause(c) ? 1 : 0,
  ];
}

export interface ReliabilityBin {
  lo: number;
  hi: number;
  n: number;
  meanForecast: number;
  observed: number;
}

export function reliability(p: readonly number[], y: readonly number[], bins = 5): ReliabilityBin[] {
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const lo = b / bins;
    const hi = (b + 1) / bins;
    const idx = p.map((_, i) => i).filter((i) => p[i] >= lo && (p[i] < hi || (b === bins - 1 && p[i] <= hi)));
    if (!idx.length) continue;
    out.push({
      lo,
      hi,
      n: idx.length,
      meanForecast: idx.reduce((t, i) => t + p[i], 0) / idx.length,
      observed: idx.reduce((t, i) => t + y[i], 0) / idx.length,
    });
  }
  return out;
}
