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
