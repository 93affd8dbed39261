/** Normal-distribution helpers on stdlib's special functions (accurate in the tails). */
import erfc from '@stdlib/math-base-special-erfc';
import quantile from '@stdlib/stats-base-dists-normal-quantile';

/** z with P(|Z| <= z) = level: zForLevel(0.95) = 1.959964. */
export function zForLevel(level: number): number {
  return quantile(0.5 + level / 2, 0, 1);
}

/** Upper tail of a chi-square with 1 degree of freedom: P(X > x) = erfc(sqrt(x / 2)). */
export function chiSquare1Upper(x: number): number {
  return x <= 0 ? 1 : erfc(Math.sqrt(x / 2));
}

/** Two-sided normal p-value P(|Z| >= |z|) = erfc(|z| / sqrt 2). */
export function twoSidedNormalP(z: number): number {
  return erfc(Math.abs(z) / Math.SQRT2);
}
