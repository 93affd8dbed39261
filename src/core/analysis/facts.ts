/**
 * The stylized facts of docs/stylized-facts.md as ensemble contrasts: each names
 * its arms (framework and lever settings, everything else fixed), and an
 * evaluation that reports the direction, an effect size with a 95% interval,
 * and whether the expected direction holds with confidence (the interval
 * excludes no effect). 'Large security gap' in fact 5 is the defender's
 * operations at 1.3x tempo: P(collapse) about 0.8-0.9 (a judgement). Fact 7 is a property of the engagement engine and is
 * computed exactly/by Monte Carlo, not by ensemble.
 */
import type { ArmAccumulator } from '../ensemble/accumulator.js';
import { compareArms, lifeTableOf } from '../ensemble/summarize.js';
import { kaplanMeier, medianSurvival } from './survival/kaplan-meier.js';
import { zForLevel } from './normal.js';

export interface FactArm {
  label: string;
  framework: string;
  levers: Record<string, number>;
  /** Scenario paths set after the framework and levers (a parameter, not a lever). */
  set?: Record<string, number>;
}

/** holds: the interval excludes no effect in the expected direction; fails: it excludes it in the other; unresolved: not estimable, or too small to resolve at this size. */
export type FactStatus = 'holds' | 'fails' | 'unresolved';

export interface FactMeasure {
  name: string;
  a: number | null;
  b: number | null;
  effect: number | null;
  lo: number | null;
  hi: number | null;
  expected: 'increase' | 'decrease' | 'positive';
  holds: boolean;
  status?: FactStatus;
  /** True by the model's construction, not a test: reported, not counted. */
  byConstruction?: boolean;
  /** Printed for the reader, not counted (e.g. P(collapse by the horizon), which saturates near 1 under the fitted posterior). */
  informational?: boolean;
  /** What a and b are when they are not the fact's two arms (first, second): two windows of one arm, two salvos. */
  labels?: { a: string; b: string };
}

export interface FactResult {
  id: number;
  statement: string;
  holds: boolean;
  /**
   * True when the built-in scenario's fitted ([F]) values were tuned until this fact held
   * (docs/model/calibration-ceasefire.md): it then holds partly by construction and is a
   * calibration target, not an independent check. Absent in results stored before the mark.
   */
  calibrationTarget?: boolean;
  /** What was fitted to it (null when it is not a target). */
  fittedToIt?: string | null;
  status?: FactStatus;
  /** The arms the fact runs, by label: a measure's a and b are the first and the second, unless it has labels. */
  arms?: string[];
  measures: FactMeasure[];
  /** What the reader needs to know about how the fact was asked on this scenario (a measure left out, an arm chosen). */
  notes?: string[];
}

/** A fact the scenario cannot express, and why (the levers, frameworks or actors it lacks). */
export interface FactNotAsked {
  id: number;
  statement: string;
  reason: string;
}

/**
 * The facts the built-in scenario's [F] values were fitted to, and what was fitted to each: the
 * table "Fitted values and what they were fitted to" of docs/model/calibration-ceasefire.md
 * (test/facts-targets.test.ts checks the two agree, and agree with docs/stylized-facts.md).
 */
export const BUILT_IN_SCENARIO = 'iran-israel';
const IRAN_WEIGHTS = "Iran's weights (pdr 8, credibility 1, readiness 3, economic 0.05, preemption 0.1)";
const ISRAEL_WEIGHTS = "Israel's weights (preemption 0.2, burden 0.3, window 0.2, rearmament 0.6, baseline 0.5)";
export const CALIBRATION_TARGETS: Readonly<Record<number, string>> = {
  1: 'the spurious-report rates (Israel 0.12, Iran 0.08 per day)',
  3: IRAN_WEIGHTS,
  4: IRAN_WEIGHTS,
  5: `${IRAN_WEIGHTS}, the hardship weight 0.0005 and the covert rebuild's rearmament effect 0.05`,
  8: ISRAEL_WEIGHTS,
  12: ISRAEL_WEIGHTS,
};

/** Mark the facts that were calibration targets: only for the built-in scenario (by name), whose [F] values were fitted to them. */
export function markCalibrationTargets(results: readonly FactResult[], scenarioName: string): FactResult[] {
  const builtIn = scenarioName === BUILT_IN_SCENARIO;
  return results.map((r) => {
    const fitted = builtIn ? (CALIBRATION_TARGETS[r.id] ?? null) : null;
    return { ...r, calibrationTarget: fitted !== null, fittedToIt: fitted };
  });
}

export interface FactSpec {
  id: number;
  statement: string;
  arms: FactArm[];
  evaluate(accs: ArmAccumulator[], ctx: FactContext, arms: FactArm[], runs: ArmRuns[]): FactResult['measures'];
  /** Said with the result (how the fact was asked here). */
  notes?: (ctx: FactContext) => string[];
}

/**
 * One arm's runs, replicate by replicate: every arm runs the same replicates on the same random
 * streams (common random numbers), so replicate r of two arms is a pair. The paired interval is
 * taken over blocks of `cluster` consecutive replicates (1: each replicate is a unit; R: the runs of
 * one posterior draw as one unit, a more conservative interval).
 */
export interface ArmRuns {
  /** Collapse day of replicate r, or null when it held to the horizon. */
  days: readonly (number | null)[];
  cluster: number;
  horizon: number;
}

export interface FactContext {
  revisionist: string;
  defender: string;
  mediator?: string;
  misalignment: (arm: FactArm) => number;
  /** False when the revisionist has no hardliner faction: its hardliner power is 0 whatever the arm, so not measured. */
  revisionistHasHardliners?: boolean;
}

const Z = zForLevel(0.95);

function collapsed(a: ArmAccumulator): number {
  return a.eventsByDay.reduce((s, x) => s + x, 0);
}

/** Difference in P(collapse by the horizon), b - a, with a Wald interval. */
function pDiff(a: ArmAccumulator, b: ArmAccumulator, expected: 'increase' | 'decrease', name = 'P(collapse by T)') {
  const pa = collapsed(a) / a.runs;
  const pb = collapsed(b) / b.runs;
  const se = Math.sqrt((pa * (1 - pa)) / a.runs + (pb * (1 - pb)) / b.runs);
  const d = pb - pa;
  const lo = d - Z * se;
  const hi = d + Z * se;
  return { name, a: pa, b: pb, effect: d, lo, hi, expected, holds: expected === 'increase' ? lo > 0 : hi < 0 };
}

/**
 * A paired mean difference b - a of a per-run quantity f(collapse day), with a 95% interval from the
 * spread of the per-draw block means (blocks of `cluster` replicates; docs/stylized-facts.md#measures).
 */
function paired(
  a: ArmRuns,
  b: ArmRuns,
  f: (day: number | null) => number,
  expected: 'increase' | 'decrease',
  name: string,
): FactMeasure {
  const n = Math.min(a.days.length, b.days.length);
  const k = Math.max(1, a.cluster);
  const blocks = Math.floor(n / k);
  let sa = 0;
  let sb = 0;
  const means: number[] = [];
  for (let c = 0; c < blocks; c++) {
    let d = 0;
    for (let r = c * k; r < (c + 1) * k; r++) {
      const fa = f(a.days[r]);
      const fb = f(b.days[r]);
      sa += fa;
      sb += fb;
      d += fb - fa;
    }
    means.push(d / k);
  }
  const m = blocks ? means.reduce((t, x) => t + x, 0) / blocks : 0;
  const v = blocks > 1 ? means.reduce((t, x) => t + (x - m) ** 2, 0) / (blocks - 1) : 0;
  const se = blocks ? Math.sqrt(v / blocks) : 0;
  const used = blocks * k;
  return {
    name,
    a: used ? sa / used : null,
    b: used ? sb / used : null,
    effect: blocks > 1 ? m : null,
    lo: m - Z * se,
    hi: m + Z * se,
    expected,
    holds: expected === 'increase' ? m - Z * se > 0 : m + Z * se < 0,
  };
}

/**
 * P(collapse by T) averaged over every T from 1 to the horizon H, paired: a run that collapses on day D
 * counts (H - D + 1) / H, one that holds 0. It is the fact's "P(collapse within T)" read at every T at
 * once, so it keeps room where P(collapse by H) saturates (docs/stylized-facts.md#measures).
 */
export function pMeanOverT(a: ArmRuns, b: ArmRuns, expected: 'increase' | 'decrease'): FactMeasure {
  const H = a.horizon;
  return paired(
    a,
    b,
    (d) => (d === null || d > H ? 0 : (H - d + 1) / H),
    expected,
    `P(collapse by T), mean over T = 1-${H} (paired)`,
  );
}

/** Days survived to the horizon (a run that holds counts H), paired: time to collapse, censoring included. */
export function daysSurvived(a: ArmRuns, b: ArmRuns, expected: 'increase' | 'decrease'): FactMeasure {
  const H = a.horizon;
  return paired(a, b, (d) => (d === null ? H : Math.min(d, H)), expected, `days survived to day ${H} (paired)`);
}

/** P(collapse by the horizon): printed, not counted (it saturates near 1 under the fitted posterior). */
function pAtHorizon(a: ArmAccumulator, b: ArmAccumulator, expected: 'increase' | 'decrease'): FactMeasure {
  return { ...pDiff(a, b, expected, `P(collapse by day ${a.horizon})`), informational: true };
}

/** A "P(collapse within T)" fact: the paired mean over T counts; P at the horizon is printed. */
function pFact(accs: ArmAccumulator[], runs: ArmRuns[], expected: 'increase' | 'decrease'): FactMeasure[] {
  return [pMeanOverT(runs[0], runs[1], expected), pAtHorizon(accs[0], accs[1], expected)];
}

/** Difference in a per-run mean of a state statistic, b - a. */
function meanDiff(
  a: ArmAccumulator,
  b: ArmAccumulator,
  state: string,
  key: 'eu' | 'hardlinerPower' | 'preemption',
  expected: 'increase' | 'decrease',
  name: string,
) {
  const stat = (x: ArmAccumulator) => {
    const [s, ss] = x.stateStats[state]?.[key] ?? [0, 0];
    const m = s / x.runs;
    const v = x.runs > 1 ? Math.max(0, (ss - x.runs * m * m) / (x.runs - 1)) : 0;
    return { m, v };
  };
  const A = stat(a);
  const B = stat(b);
  const d = B.m - A.m;
  const se = Math.sqrt(A.v / a.runs + B.v / b.runs);
  return {
    name,
    a: A.m,
    b: B.m,
    effect: d,
    lo: d - Z * se,
    hi: d + Z * se,
    expected,
    holds: expected === 'increase' ? d - Z * se > 0 : d + Z * se < 0,
  };
}

/** Hazard ratio of b vs a (Cox): 'increase' means b collapses sooner. */
function hazard(a: ArmAccumulator, b: ArmAccumulator, expected: 'increase' | 'decrease') {
  const c = compareArms(a, b, ['a', 'b']);
  const ea = collapsed(a);
  const eb = collapsed(b);
  if (c.hazardRatio === null) {
    // No collapse in one arm: the direction is certain if the other arm has collapses.
    const holds = expected === 'increase' ? eb > 0 && ea === 0 : ea > 0 && eb === 0;
    return {
      name: 'hazard ratio (b vs a)',
      a: 1,
      b: null,
      effect: null,
      lo: null,
      hi: null,
      expected,
      holds: holds && c.logRankP < 0.05,
    };
  }
  return {
    name: 'hazard ratio (b vs a)',
    a: 1,
    b: c.hazardRatio,
    effect: c.hazardRatio,
    lo: c.hrLo,
    hi: c.hrHi,
    expected,
    holds: expected === 'increase' ? c.hrLo! > 1 : c.hrHi! < 1,
  };
}

/** Difference in median time to collapse (days, b - a), censored medians at the horizon; bootstrap-free: reported without interval. */
function medianShift(a: ArmAccumulator, b: ArmAccumulator, expected: 'increase' | 'decrease') {
  const med = (x: ArmAccumulator) => medianSurvival(kaplanMeier(lifeTableOf(x))) ?? x.horizon;
  const ma = med(a);
  const mb = med(b);
  return {
    name: 'median survival (days)',
    a: ma,
    b: mb,
    effect: mb - ma,
    lo: null,
    hi: null,
    expected,
    holds: expected === 'increase' ? mb > ma : mb < ma,
  };
}

/** Share of collapses started by the defender, b - a. */
function defenderShare(a: ArmAccumulator, b: ArmAccumulator, defender: string) {
  const share = (x: ArmAccumulator) => ({ k: x.firstCrosser[defender] ?? 0, n: collapsed(x) });
  const A = share(a);
  const B = share(b);
  const pa = A.n ? A.k / A.n : 0;
  const pb = B.n ? B.k / B.n : 0;
  const se = Math.sqrt((A.n ? (pa * (1 - pa)) / A.n : 0) + (B.n ? (pb * (1 - pb)) / B.n : 0));
  const d = pb - pa;
  return {
    name: 'share of collapses the defender starts',
    a: pa,
    b: pb,
    effect: d,
    lo: d - Z * se,
    hi: d + Z * se,
    expected: 'increase' as const,
    holds: d - Z * se > 0,
  };
}

/** Roles the mechanism facts name paths by. */
export interface FactRoles {
  defender: string;
  revisionist: string;
  mediator: string;
}

/**
 * @param strongNote how the stronger framework of fact 9 was chosen, when the scenario lacks the built-in
 *   pair (said with the fact).
 */
export function factSpecs(base: string, strong: string, roles?: FactRoles, strongNote?: string): FactSpec[] {
  const arm = (
    label: string,
    levers: Record<string, number> = {},
    framework = base,
    set?: Record<string, number>,
  ): FactArm => ({ label, framework, levers, ...(set ? { set } : {}) });
  const mechanisms: FactSpec[] = roles
    ? [
        {
          id: 10,
          statement:
            'The hazard of collapse is highest in the first 90 days (the record: about 15% of spells fail within 7 days, 22% within 90, then 1-2% a month).',
          arms: [arm('baseline')],
          evaluate: ([a]) => [earlyHazard(a)],
        },
        {
          id: 11,
          statement: "Raising the defender's pre-emption weight raises P(collapse within T).",
          arms: [
            arm('pre-emption weight 0', {}, base, { [`actors.${roles.defender}.weights.preemption`]: 0 }),
            arm('pre-emption weight 1', {}, base, { [`actors.${roles.defender}.weights.preemption`]: 1 }),
          ],
          evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'increase'),
        },
        {
          id: 12,
          statement: 'Deeper interceptor stocks lower P(collapse within T).',
          arms: [arm('stocks x0.3', { interceptorStock: 0.3 }), arm('stocks x3', { interceptorStock: 3 })],
          evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'decrease'),
        },
        {
          id: 13,
          statement: 'A larger saturation salvo (ballistic) raises P(collapse within T).',
          arms: [
            arm('100 ballistic', {}, base, { [`actors.${roles.revisionist}.arsenal.saturationSalvo.ballistic`]: 100 }),
            arm('300 ballistic', {}, base, { [`actors.${roles.revisionist}.arsenal.saturationSalvo.ballistic`]: 300 }),
          ],
          evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'increase'),
        },
        {
          id: 14,
          statement: "A slower answer to the mediator's stress test raises P(collapse within T).",
          arms: [
            arm('answer in 1 day', {}, base, { [`actors.${roles.mediator}.responseDays`]: 1 }),
            arm('answer in 60 days', {}, base, { [`actors.${roles.mediator}.responseDays`]: 60 }),
          ],
          evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'increase'),
        },
        {
          id: 15,
          statement: 'A longer detection lag (stale pictures feed worst-case readings) raises P(collapse within T).',
          arms: [
            arm('lag 0', {}, base, {
              [`actors.${roles.defender}.detectionLagDays`]: 0,
              [`actors.${roles.revisionist}.detectionLagDays`]: 0,
            }),
            arm('lag 30 days', {}, base, {
              [`actors.${roles.defender}.detectionLagDays`]: 30,
              [`actors.${roles.revisionist}.detectionLagDays`]: 30,
            }),
          ],
          evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'increase'),
        },
        {
          id: 16,
          statement: 'Sanctions relief conditional on verified restraint lowers P(collapse within T).',
          arms: [arm('no relief', { sanctionsRelief: 0 }, strong), arm('relief 1', { sanctionsRelief: 1 }, strong)],
          evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'decrease'),
        },
      ]
    : [];
  return [
    {
      id: 1,
      statement: 'Raising verification capability v lowers P(collapse within T).',
      arms: [arm('v low', { verification: 0.05 }), arm('v high', { verification: 0.8 })],
      evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'decrease'),
    },
    {
      id: 2,
      statement: 'Raising agreement specificity s lowers the misalignment index and P(collapse within T).',
      arms: [arm('s low', { specificity: 0.2 }), arm('s high', { specificity: 0.9 })],
      evaluate: ([a, b], ctx, arms, runs) => {
        const ma = ctx.misalignment(arms[0]);
        const mb = ctx.misalignment(arms[1]);
        return [
          {
            name: 'misalignment index (by construction: (1 - s) x the private misalignment)',
            a: ma,
            b: mb,
            effect: mb - ma,
            lo: null,
            hi: null,
            expected: 'decrease',
            holds: mb < ma,
            byConstruction: true,
          },
          ...pFact([a, b], runs, 'decrease'),
        ];
      },
    },
    {
      id: 3,
      statement: "Faster proxy degradation raises the revisionist state's EU and shortens time to collapse.",
      arms: [arm('tempo 1x', { proxyDegradation: 1 }), arm('tempo 2x', { proxyDegradation: 2 })],
      evaluate: ([a, b], ctx, _arms, runs) => [
        meanDiff(a, b, ctx.revisionist, 'eu', 'increase', `mean EU of ${ctx.revisionist}, first 90 days`),
        hazard(a, b, 'increase'),
        daysSurvived(runs[0], runs[1], 'decrease'),
        { ...medianShift(a, b, 'decrease'), informational: true },
      ],
    },
    {
      id: 4,
      statement:
        'Lower perceived mediator credibility (competing theaters, domestic aversion) raises P(collapse within T).',
      arms: [arm('attentive mediator'), arm('distracted mediator', { competingTheaters: 0.8, domesticAversion: 0.7 })],
      evaluate: (accs, _ctx, _arms, runs) => pFact(accs, runs, 'increase'),
    },
    {
      id: 5,
      statement:
        'Stronger sanctions lengthen median time to collapse but do not drive P(collapse within T) to zero when the security gap is large.',
      arms: [
        arm('sanctions 0.3, large gap', { sanctions: 0.3, proxyDegradation: 1.3 }),
        arm('sanctions 0.95, large gap', { sanctions: 0.95, proxyDegradation: 1.3 }),
      ],
      evaluate: ([a, b], _ctx, _arms, runs) => {
        const p = collapsed(b) / b.runs;
        const se = Math.sqrt((p * (1 - p)) / b.runs);
        return [
          daysSurvived(runs[0], runs[1], 'increase'),
          { ...medianShift(a, b, 'increase'), informational: true },
          { ...hazard(a, b, 'decrease'), informational: true },
          {
            name: 'P(collapse by T) under strong sanctions',
            a: null,
            b: p,
            effect: p,
            lo: p - Z * se,
            hi: p + Z * se,
            expected: 'positive',
            holds: p - Z * se > 0,
          },
        ];
      },
    },
    {
      id: 6,
      statement: 'A face-saving provision lowers hardliner power and P(collapse within T).',
      arms: [arm('no face-saving', { faceSaving: 0 }), arm('face-saving 0.8', { faceSaving: 0.8 })],
      evaluate: ([a, b], ctx, _arms, runs) => [
        // Without a hardliner faction the revisionist's hardliner power is 0 in both arms: nothing to print.
        ...(ctx.revisionistHasHardliners === false
          ? []
          : [
              {
                ...meanDiff(
                  a,
                  b,
                  ctx.revisionist,
                  'hardlinerPower',
                  'decrease',
                  `mean hardliner power in ${ctx.revisionist}, first 90 days (by construction: growth x (1 - f))`,
                ),
                byConstruction: true,
              },
            ]),
        ...pFact([a, b], runs, 'decrease'),
      ],
      notes: (ctx) =>
        ctx.revisionistHasHardliners === false
          ? [`${ctx.revisionist} has no hardliner faction: hardliner power is not measured, only P(collapse)`]
          : [],
    },
    {
      id: 8,
      statement:
        "Lower interceptor stocks raise the defender's pre-emption pressure and the share of collapses that the defender starts.",
      arms: [arm('full stocks', { interceptorStock: 1 }), arm('stocks x0.3', { interceptorStock: 0.3 })],
      evaluate: ([a, b], ctx) => [
        meanDiff(
          a,
          b,
          ctx.defender,
          'preemption',
          'increase',
          `mean pre-emption pressure of ${ctx.defender}, first 90 days`,
        ),
        defenderShare(a, b, ctx.defender),
      ],
    },
    {
      id: 9,
      // The built-in scenario's pair; on another scenario the arms it runs, by name (src/app/facts.ts picks them).
      statement: `${strong} holds longer than ${base}.`,
      arms: [arm(base, {}, base), arm(strong, {}, strong)],
      evaluate: ([a, b], _ctx, _arms, runs) => [...pFact([a, b], runs, 'decrease'), hazard(a, b, 'decrease')],
      notes: () => (strongNote ? [strongNote] : []),
    },
    ...mechanisms,
  ];
}

/** A measure's status: an interval decides; a point effect of 0 or one that is not estimable is unresolved. */
export function measureStatus(m: FactMeasure): FactStatus {
  if (m.byConstruction) return 'holds';
  if (m.effect === null) return m.holds ? 'holds' : 'unresolved';
  if (m.lo !== null && m.hi !== null) {
    const up = m.expected !== 'decrease';
    const zero = m.name.startsWith('hazard ratio') ? 1 : 0;
    if (up ? m.lo > zero : m.hi < zero) return 'holds';
    if (up ? m.hi < zero : m.lo > zero) return 'fails';
    return 'unresolved';
  }
  if (m.effect === 0) return 'unresolved';
  return m.holds ? 'holds' : 'fails';
}

/** A fact's status from its measures (those true by construction are not counted). */
export function withStatus(r: FactResult): FactResult {
  const measures = r.measures.map((m) => ({ ...m, status: measureStatus(m) }));
  const counted = measures.filter((m) => !m.byConstruction && !m.informational);
  const status: FactStatus = counted.some((m) => m.status === 'fails')
    ? 'fails'
    : counted.every((m) => m.status === 'holds')
      ? 'holds'
      : 'unresolved';
  return { ...r, measures, status, holds: status === 'holds' };
}

/** Evaluate one fact from its arms' accumulators. */
export function evaluateFact(spec: FactSpec, accs: ArmAccumulator[], ctx: FactContext, runs: ArmRuns[]): FactResult {
  const measures = spec.evaluate(accs, ctx, spec.arms, runs);
  return withStatus({
    id: spec.id,
    statement: spec.statement,
    holds: false,
    arms: spec.arms.map((a) => a.label),
    measures,
    ...(spec.notes?.(ctx).length ? { notes: spec.notes(ctx) } : {}),
  });
}

/**
 * Early against later hazard in one arm: collapses per run-day at risk in
 * days 1-90 and in days 91-365 (or the horizon), as a log ratio with a
 * Poisson interval, sqrt(1/E1 + 1/E2).
 */
function earlyHazard(a: ArmAccumulator): FactMeasure {
  const end = Math.min(365, a.horizon);
  let atRisk = a.runs;
  let e1 = 0;
  let pd1 = 0;
  let e2 = 0;
  let pd2 = 0;
  for (let d = 1; d <= end; d++) {
    if (d <= 90) {
      pd1 += atRisk;
      e1 += a.eventsByDay[d];
    } else {
      pd2 += atRisk;
      e2 += a.eventsByDay[d];
    }
    atRisk -= a.eventsByDay[d] + a.censoredByDay[d];
  }
  const name = `log(hazard in days 1-90 / hazard in days 91-${end})`;
  const labels = { a: `collapses per run-day at risk, days 91-${end}`, b: 'days 1-90' };
  if (e1 === 0 || e2 === 0 || pd2 === 0)
    return {
      name,
      labels,
      a: e2 && pd2 ? e2 / pd2 : null,
      b: pd1 ? e1 / pd1 : null,
      effect: null,
      lo: null,
      hi: null,
      expected: 'increase',
      holds: false,
    };
  const lr = Math.log(e1 / pd1 / (e2 / pd2));
  const se = Math.sqrt(1 / e1 + 1 / e2);
  return {
    name,
    labels,
    a: e2 / pd2,
    b: e1 / pd1,
    effect: lr,
    lo: lr - Z * se,
    hi: lr + Z * se,
    expected: 'increase',
    holds: lr - Z * se > 0,
  };
}
