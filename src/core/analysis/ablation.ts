/**
 * One-at-a-time ablation (docs/ablation.md): every lever and every
 * documented parameter of a scenario moved to each end of its range, the
 * rest as the framework leaves it. The variants run with common random
 * numbers (the same seed and replicates), so differences are the
 * parameter's, not the draws'. Pure: the use case runs the variants.
 */
import { getPath, setPath } from '../scenario/paths.js';
import { resolveScenario, type Resolution } from '../scenario/levers.js';
import type { CeasefireScenario } from '../scenario/ceasefire-schema.js';
import { twoSidedNormalP, zForLevel } from './normal.js';
import type { Proportion } from './wilson.js';

export interface AblationVariant {
  /** A lever name, or a scenario path of a documented parameter. */
  parameter: string;
  kind: 'lever' | 'parameter';
  end: 'min' | 'max';
  value: number;
  /** The value the framework leaves it at. */
  baseline: number;
  /** What the essay says raising it does to P(collapse), when it says. */
  essay?: 'raises' | 'lowers';
  source?: string;
}

/** Variants in a fixed order: levers, then parameters, each at min then max. */
export function ablationVariants(s: CeasefireScenario, framework: string | null): AblationVariant[] {
  const base = resolveScenario(s, framework, {});
  const out: AblationVariant[] = [];
  for (const [name, l] of Object.entries(s.levers)) {
    for (const end of ['min', 'max'] as const)
      out.push({
        parameter: name,
        kind: 'lever',
        end,
        value: l[end],
        baseline: base.levers[name],
        essay: l.essay,
        source: l.source,
      });
  }
  for (const [path, r] of Object.entries(s.parameters)) {
    const v = getPath(base.scenario, path);
    for (const end of ['min', 'max'] as const)
      out.push({
        parameter: path,
        kind: 'parameter',
        end,
        value: r[end],
        baseline: typeof v === 'number' ? v : NaN,
        essay: r.essay,
        source: r.source,
      });
  }
  return out;
}

/** The resolved scenario of a variant (the input is not mutated). */
export function variantScenario(s: CeasefireScenario, framework: string | null, v: AblationVariant): Resolution {
  if (v.kind === 'lever') return resolveScenario(s, framework, { [v.parameter]: v.value });
  const r = resolveScenario(s, framework, {});
  setPath(r.scenario, v.parameter, v.value);
  return r;
}

/** A paired difference of collapse indicators between two variants run on the same streams (replicate by replicate). */
export interface PairedDifference {
  /** Mean over replicates of (collapsed by the day at max) minus (collapsed by the day at min). */
  effect: number;
  /** Standard error of that mean (the replicates' paired differences, n - 1 denominator). */
  se: number;
  lo: number;
  hi: number;
  /** Replicates that collapse by the day at max but not at min. */
  up: number;
  /** Replicates that collapse by the day at min but not at max. */
  down: number;
  n: number;
}

/**
 * The paired effect of min -> max on P(collapse by `day`): under common
 * random numbers replicate r of both variants draws the same streams, so the
 * per-replicate difference removes the variance both share (docs/ablation.md).
 * `atMin[r]`, `atMax[r]`: replicate r's collapse day, or null when it held to the horizon.
 */
export function pairedDifference(
  atMin: readonly (number | null)[],
  atMax: readonly (number | null)[],
  day: number,
  level = 0.95,
): PairedDifference {
  if (atMin.length !== atMax.length)
    throw new Error(`paired variants differ in runs: ${atMin.length} vs ${atMax.length}`);
  const n = atMin.length;
  let up = 0;
  let down = 0;
  for (let r = 0; r < n; r++) {
    const a = atMin[r] !== null && atMin[r]! <= day;
    const b = atMax[r] !== null && atMax[r]! <= day;
    if (b && !a) up++;
    else if (a && !b) down++;
  }
  const effect = n ? (up - down) / n : 0;
  // Differences are -1, 0 or +1: sum of squares is up + down.
  const variance = n > 1 ? ((up + down) / n - effect * effect) * (n / (n - 1)) : 0;
  const se = n ? Math.sqrt(Math.max(0, variance) / n) : 0;
  const z = zForLevel(level);
  return { effect, se, lo: effect - z * se, hi: effect + z * se, up, down, n };
}

/** Paired difference in days survived up to the horizon (restricted mean survival, max minus min). */
export function pairedDaysSurvived(
  atMin: readonly (number | null)[],
  atMax: readonly (number | null)[],
  horizon: number,
  level = 0.95,
): { effect: number; se: number; lo: number; hi: number; changed: number } {
  const n = atMin.length;
  let sum = 0;
  let sq = 0;
  let changed = 0;
  for (let r = 0; r < n; r++) {
    const d = (atMax[r] ?? horizon) - (atMin[r] ?? horizon);
    if (d !== 0) changed++;
    sum += d;
    sq += d * d;
  }
  const effect = n ? sum / n : 0;
  const variance = n > 1 ? (sq - n * effect * effect) / (n - 1) : 0;
  const se = n ? Math.sqrt(Math.max(0, variance) / n) : 0;
  const z = zForLevel(level);
  return { effect, se, lo: effect - z * se, hi: effect + z * se, changed };
}

export interface AblationEffect {
  parameter: string;
  day: string;
  /** P(collapse by day) at max minus at min. */
  effect: number;
  /** The 95% interval of the effect: paired (per replicate, common random numbers) when the runs were paired, else unpaired Wald. */
  lo: number;
  hi: number;
  /** The unpaired 95% Wald interval (as if the variants drew independent streams): conservative. */
  unpaired: { lo: number; hi: number };
  /** The paired statistic behind lo/hi, when the per-replicate outcomes were kept. */
  paired?: PairedDifference;
  /** Paired difference in days survived to the horizon (max minus min): uses every collapse day, not one checkpoint. */
  daysSurvived?: { effect: number; se: number; lo: number; hi: number; changed: number };
  essay?: 'raises' | 'lowers';
  /** The paired effect on P(collapse by each verdict day) (90, 365, 730 within the horizon), when the runs were paired. */
  byDay?: Record<string, PairedDifference>;
  /** The verdict days whose paired interval excludes zero. */
  resolvedAt?: string[];
  /** The verdict days whose resolved effect has the sign against the essay's. */
  againstAt?: string[];
  /**
   * The verdict days whose paired test still rejects zero after Holm's correction over every
   * (parameter, day) test of the ablation (family-wise 5%); set by `holmResolved`.
   */
  resolvedAtHolm?: string[];
  /**
   * dormant: no replicate's collapse day changes between min and max (the mechanism does nothing at
   * these values); none: every verdict day's interval holds 0; with: every resolved day has the sign
   * the essay gives; against: some resolved day has the other sign (`againstAt` says which);
   * unsigned: resolved, and the essay says nothing.
   */
  verdict: 'dormant' | 'none' | 'with' | 'against' | 'unsigned';
}

/** Days the verdict reads, within the horizon: an effect that shows only early, or only late, still counts. */
export const VERDICT_DAYS = [90, 365, 730];

/**
 * Effect of moving a parameter from min to max on P(collapse by day). With
 * `paired` (the per-replicate statistic), the interval is the paired one;
 * without, an unpaired 95% Wald interval (conservative under common random numbers).
 */
export function ablationEffect(
  parameter: string,
  day: string,
  atMin: Proportion,
  atMax: Proportion,
  runs: number,
  essay?: 'raises' | 'lowers',
  paired?: {
    difference: PairedDifference;
    daysSurvived: AblationEffect['daysSurvived'];
    /** The paired differences at every verdict day: the verdict reads all of them (else `day`'s only). */
    byDay?: Record<string, PairedDifference>;
  },
): AblationEffect {
  const z = zForLevel(0.95);
  const d = atMax.estimate - atMin.estimate;
  const se = Math.sqrt((atMin.estimate * (1 - atMin.estimate) + atMax.estimate * (1 - atMax.estimate)) / runs);
  const unpaired = { lo: d - z * se, hi: d + z * se };
  const lo = paired ? paired.difference.lo : unpaired.lo;
  const hi = paired ? paired.difference.hi : unpaired.hi;
  const signOf = (x: { lo: number; hi: number }) => (x.lo > 0 ? 1 : x.hi < 0 ? -1 : 0);
  const byDay = paired?.byDay ?? { [day]: { lo, hi } };
  const resolvedAt = Object.keys(byDay).filter((k) => signOf(byDay[k]) !== 0);
  const essaySign = essay === 'raises' ? 1 : -1;
  const againstAt = essay ? resolvedAt.filter((k) => signOf(byDay[k]) !== essaySign) : [];
  const dormant = paired?.daysSurvived?.changed === 0;
  const verdict = dormant
    ? 'dormant'
    : resolvedAt.length === 0
      ? 'none'
      : !essay
        ? 'unsigned'
        : againstAt.length === 0
          ? 'with'
          : 'against';
  return {
    parameter,
    day,
    effect: d,
    lo,
    hi,
    unpaired,
    ...(paired ? { paired: paired.difference, daysSurvived: paired.daysSurvived } : {}),
    ...(paired?.byDay ? { byDay: paired.byDay } : {}),
    resolvedAt,
    againstAt,
    essay,
    verdict,
  };
}

/** The multiplicity-corrected reading of an ablation: Holm over every (parameter, verdict day) test. */
export interface HolmCount {
  /** Tests in the family: parameters x verdict days. */
  tests: number;
  /** Family-wise error rate controlled. */
  level: number;
  /** Parameters with at least one day that survives the correction. */
  resolved: number;
}

/**
 * Holm's step-down correction (Holm 1979) over every paired test of an ablation: one two-sided
 * z-test of "no effect" per parameter and verdict day (z = effect / se of the paired mean, the same
 * statistic as the 95% intervals). Sorted p-values p(1) <= ... <= p(m) are rejected while
 * p(j) <= level / (m - j + 1); the first that fails stops the sequence. This controls the chance of
 * calling any null parameter resolved at `level`, where the uncorrected count lets each of the
 * m tests err at 5% (docs/ablation.md). Sets `resolvedAtHolm` on each effect and returns the count.
 */
export function holmResolved(effects: AblationEffect[], level = 0.05): HolmCount {
  const tests: { e: AblationEffect; day: string; p: number }[] = [];
  for (const e of effects) {
    e.resolvedAtHolm = [];
    for (const [day, d] of Object.entries(e.byDay ?? {})) tests.push({ e, day, p: pairedP(d) });
  }
  tests.sort((a, b) => a.p - b.p);
  const m = tests.length;
  for (let j = 0; j < m; j++) {
    if (tests[j].p > level / (m - j)) break;
    tests[j].e.resolvedAtHolm!.push(tests[j].day);
  }
  for (const e of effects) e.resolvedAtHolm!.sort((a, b) => Number(a) - Number(b));
  return { tests: m, level, resolved: effects.filter((e) => e.resolvedAtHolm!.length > 0).length };
}

/** Two-sided p-value of a paired difference (normal approximation); no discordant run: p = 1. */
export function pairedP(d: Pick<PairedDifference, 'effect' | 'se'>): number {
  if (d.se > 0) return twoSidedNormalP(d.effect / d.se);
  return d.effect === 0 ? 1 : 0;
}
