/**
 * Numbers as every face shows them (CLI, report, dashboard), so a reader sees
 * the same figure wherever it appears.
 */

/**
 * A p-value: below 1e-16 the double-precision tail is not resolved, so it is
 * shown as "< 1e-16"; small values in scientific notation, the rest to four
 * decimals.
 */
export function formatPValue(p: number): string {
  if (!Number.isFinite(p)) return 'n/a';
  if (p < 1e-16) return '< 1e-16';
  if (p < 1e-4) return p.toExponential(1);
  return p.toFixed(4);
}

/**
 * A state's two threat numbers in words (docs/model/perception.md, "The stale gap"), the same in the text of
 * `truce run` and in the run story's figure (dashboard and report).
 */
export const THREAT_LABELS = {
  threatBelief: 'threat belief (stored)',
  threatReading: 'threat reading (acted on)',
} as const;

/**
 * What the two threat numbers are. `several`: a state may have more than one adversary (three or more states),
 * so the numbers are about the one it acts on ("threat from", `threatFrom`; docs/model/preemption.md).
 */
export function threatNote(several: boolean): string {
  return `Threat belief: the stored probability that the adversary${several ? ' the state acts on ("threat from": the one its pre-emption term weighs most)' : ''} prepares to defect. Threat reading: what the decisions act on, the belief plus the worst-case drift of the days the state cannot yet see (the stale gap; docs/model/perception.md).`;
}

/** Ensemble outputs of a sensitivity analysis in words, for titles and menus (the keys are the API's). */
export const OUTPUT_LABELS: Record<string, string> = {
  pCollapse: 'P(collapse by the horizon)',
  medianDay: 'median survival (days)',
  meanSurvivalDays: 'restricted mean survival (days)',
  meanDefenderCost: 'mean defender cost (USD)',
  meanInterceptors: 'mean interceptors used',
};

/** An output's label, or its own name when it has none (a test function's output). */
export function outputLabel(output: string): string {
  return Object.hasOwn(OUTPUT_LABELS, output) ? OUTPUT_LABELS[output] : output;
}

/**
 * The collapses the causal shares rest on (docs/model/attribution.md), as "n = 53; ±13 pts": n replayed, how many no pillar explains,
 * and the widest Monte Carlo 95% half-width among the shares, in percentage points. "-" when none was replayed.
 */
export function formatCausalSample(a: {
  causalSample?: { collapses: number; unexplained: number };
  causalAttributionInterval?: Record<string, { lo: number; hi: number } | null>;
}): string {
  const s = a.causalSample;
  if (!s || s.collapses === 0) return '-';
  const halves = Object.values(a.causalAttributionInterval ?? {})
    .filter((x): x is { lo: number; hi: number } => x !== null)
    .map((x) => (x.hi - x.lo) / 2);
  const notes = [
    ...(s.unexplained > 0 ? [`${s.unexplained} unexplained`] : []),
    ...(halves.length ? [`±${Math.round(100 * Math.max(...halves))} pts`] : []),
  ];
  return [`n = ${s.collapses}`, ...notes].join('; ');
}

/**
 * The step a share is rounded to, in percentage points, from the widest Monte Carlo 95% half-width among
 * the shares (points): 10 when it is 10 or more, 1 when it is 1 or more, else 0.1. A share of 40.0% on five
 * replays (±48 pts) reads as 40%, to the nearest ten, not to a tenth of a point.
 */
export function shareStep(halfWidthPts: number | null | undefined): number {
  if (halfWidthPts === null || halfWidthPts === undefined || !Number.isFinite(halfWidthPts)) return 1;
  return halfWidthPts >= 10 ? 10 : halfWidthPts >= 1 ? 1 : 0.1;
}

/** A share as a percentage rounded to `step` points; a share that is not 0 but rounds to 0 reads "<1%", never "0%". */
export function formatShare(share: number, step = 1): string {
  const pts = 100 * share;
  const r = Math.round(pts / step) * step;
  const shown = step < 1 ? step.toFixed(1) : String(step);
  if (r === 0 && pts !== 0) return pts > 0 ? `<${shown}%` : `>-${shown}%`;
  return `${r.toFixed(step < 1 ? 1 : 0)}%`;
}

/** Shares by name, largest first, as "india 99%, pakistan <1%": a share of exactly 0 is left out. "-" when none is left. */
export function formatShares(shares: Record<string, number>, step = 1): string {
  return (
    Object.entries(shares)
      .filter(([, v]) => v !== 0)
      .sort((a, b) => b[1] - a[1])
      .map(([k, v]) => `${k} ${formatShare(v, step)}`)
      .join(', ') || '-'
  );
}

/** The widest Monte Carlo 95% half-width among the causal shares, in points (null when none has an interval). */
export function causalHalfWidth(a: {
  causalAttributionInterval?: Record<string, { lo: number; hi: number } | null>;
}): number | null {
  const halves = Object.values(a.causalAttributionInterval ?? {})
    .filter((x): x is { lo: number; hi: number } => x !== null)
    .map((x) => (100 * (x.hi - x.lo)) / 2);
  return halves.length ? Math.max(...halves) : null;
}

/** What the "defender struck first" column of a comparison means, the same words in `truce compare` and the dashboard. */
export const DEFENDER_STRUCK_FIRST =
  'Defender struck first: the share of collapses in which the defender crossed first, so the opening exchange began with its pre-emptive strike (not the causal share of pre-emption).';

/** A number to `digits` decimals; infinities and NaN in words. */
export function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'n/a';
  return x.toFixed(digits);
}

/** Dollars at the scale that reads: bn, M, k. */
export function usd(x: number): string {
  if (!Number.isFinite(x)) return 'n/a';
  const a = Math.abs(x);
  if (a >= 1e9) return `$${(x / 1e9).toFixed(2)} bn`;
  if (a >= 1e6) return `$${(x / 1e6).toFixed(1)} M`;
  if (a >= 1e3) return `$${(x / 1e3).toFixed(0)} k`;
  return `$${x.toFixed(0)}`;
}

/** A share as a percentage. */
export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : 'n/a';
}
