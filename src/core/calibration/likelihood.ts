/**
 * A simulated likelihood for censored durations (docs/calibration-record.md,
 * "Method"). For each case and parameter vector, R runs of the case's
 * scenario give its simulated duration distribution. A collapse is scored by
 * the simulated probability of its duration bin (grouped data: the dates of
 * the record are exact to a day or to a few days, the simulation to its
 * Monte Carlo noise; the bins end at the fit's check days); a censored case by the simulated probability of lasting
 * past its censoring day. Estimates use Jeffreys smoothing (k + 1/2) / (R + 1)
 * so a bin no run reached costs a finite, large penalty instead of -infinity.
 * Spells are observed at most ADMIN_HORIZON days (administrative censoring:
 * the fit is about the first five years).
 *
 * Durations: the engine's first day is day 1 and the record's same-day
 * collapse is day 0, so a run collapsing on engine day d has duration d - 1.
 */
import { buildModel, type Model } from '../engine/model.js';
import { runCeasefire } from '../engine/run.js';
import type { CaseCovariates, CaseOutcome } from './cases.js';
import { caseScenario } from './coding.js';
import { applyToCase, type Parameter } from './parameters.js';

/** Administrative censoring of the fit, days (five years). */
export const ADMIN_HORIZON = 1825;
/**
 * Bin edges in days, at the check days of the fit: a collapse is scored by the
 * simulated probability of collapsing in its bin. Coarse bins keep the
 * estimate usable at a few runs per case (a model that puts a collapse in the
 * right month but the wrong week is not scored as if it never collapsed).
 */
export const BIN_EDGES = [0, 7, 30, 90, 365, ADMIN_HORIZON] as const;

export type Target = { kind: 'event'; lo: number; hi: number } | { kind: 'survive'; beyond: number };

/** What the likelihood asks of a case: a duration bin, or survival past a day. */
export function targetOf(o: CaseOutcome): Target {
  if (!o.collapsed || o.days >= ADMIN_HORIZON) return { kind: 'survive', beyond: Math.min(o.days, ADMIN_HORIZON) };
  for (let b = 0; b < BIN_EDGES.length - 1; b++)
    if (o.days < BIN_EDGES[b + 1]) return { kind: 'event', lo: BIN_EDGES[b], hi: BIN_EDGES[b + 1] };
  return { kind: 'survive', beyond: ADMIN_HORIZON };
}

/** Engine days a run must cover to decide the target: a collapse with duration < hi, or survival past `beyond`. */
export function daysNeeded(t: Target): number {
  return t.kind === 'event' ? t.hi : t.beyond + 1;
}

/** Case k's replicate r draws from streams keyed by (seed, k * CASE_STRIDE + r): distinct across cases, common across parameter vectors. */
export const CASE_STRIDE = 1_000_000;

export interface CaseInput {
  covariates: CaseCovariates;
  /** Replicate key of the case (its index in the library, fixed for the life of a calibration). */
  key: number;
}

/** The model of a case under the given global values. */
export function caseModel(c: CaseInput, params: readonly Parameter[], values: Record<string, number>): Model {
  return buildModel(applyToCase(caseScenario(c.covariates), c.covariates, params, values), {});
}

/** The duration of replicate r of case `key`: days to collapse, or -1 for a run that lasted the horizon. */
export function runDuration(m: Model, key: number, seed: number, replicate: number, horizonDays: number): number {
  const o = runCeasefire(m, { seed, replicate: key * CASE_STRIDE + replicate, days: horizonDays }).outcome;
  return o.collapsed ? o.day! - 1 : -1;
}

/** R durations of one case under the given global values (replicates firstReplicate ..). */
export function simulateDurations(
  c: CaseInput,
  params: readonly Parameter[],
  values: Record<string, number>,
  runs: number,
  seed: number,
  horizonDays: number,
  firstReplicate = 0,
): Int32Array {
  const m = caseModel(c, params, values);
  const out = new Int32Array(runs);
  for (let r = 0; r < runs; r++) out[r] = runDuration(m, c.key, seed, firstReplicate + r, horizonDays);
  return out;
}

/** Smoothed simulated log-likelihood of a target from simulated durations. */
export function logLikelihood(t: Target, durations: ArrayLike<number>): number {
  let k = 0;
  for (let r = 0; r < durations.length; r++) {
    const d = durations[r];
    if (t.kind === 'event' ? d >= t.lo && d < t.hi : d < 0 || d > t.beyond) k++;
  }
  return Math.log((k + 0.5) / (durations.length + 1));
}

/** Per-case log-likelihoods of one parameter vector (the unit of calibration work). */
export function caseLogLikelihoods(
  cases: readonly (CaseInput & { target: Target })[],
  params: readonly Parameter[],
  values: Record<string, number>,
  runs: number,
  seed: number,
): Float64Array {
  const out = new Float64Array(cases.length);
  cases.forEach(
    (c, i) =>
      (out[i] = logLikelihood(c.target, simulateDurations(c, params, values, runs, seed, daysNeeded(c.target)))),
  );
  return out;
}
