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
