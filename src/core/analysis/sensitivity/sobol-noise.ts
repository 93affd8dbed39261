/**
 * The Monte Carlo noise floor of Sobol indices of an ensemble output (docs/analysis.md, "Sobol"). The output
 * at each design point is an estimate from R runs, f(x) + e(x), with e of mean 0 and variance s2(x). Jansen's
 * total index reads mean((y_A - y_AB_i)^2) / (2 V): with noise independent between the two points, that
 * numerator gains about (s2_A + s2_AB) / 2 = s2, and V = Var(f) + s2, so every factor's ST carries about
 * s2 / V (the noise share) even when it has no effect, and the first-order indices are scaled down by
 * Var(f) / V. Common random numbers make the noise at A and AB_i positively correlated, which cuts the gain
 * by the correlation, but only in part: a changed draw makes paths diverge (docs/ablation.md). The noise
 * share is therefore the inflation with independent noise, an upper bound under common random numbers.
 *
 * What a factor's ST actually gains under common random numbers is measured on the paired runs: at row r,
 * A_r and AB_i,r run the same replicates, so y_A - y_AB is the mean of R per-replicate differences, and its
 * Monte Carlo variance is their sample variance / R (as the ablation's paired interval). Jansen's numerator
 * gains the mean of that over rows, halved; as a share of V it is `pairedNoiseShares`, and ST minus it removes the
 * noise from the numerator (V still holds the noise, so the remainder is the noise-free ST scaled by about
 * Var(f) / V).
 */
import type { SaltelliDesign } from './sobol-indices.js';

export interface SobolNoise {
  /** Mean over the design points of the Monte Carlo variance of the output at a point. */
  variance: number;
  /** Var(Y) over the A and B rows, the denominator of the indices. */
  outputVariance: number;
  /** variance / outputVariance: what Jansen's ST of a factor with no effect shows, with independent noise. */
  share: number;
}

/** The noise floor from each design point's Monte Carlo variance (`pointVariance[k]`, one per row of the design). */
export function sobolNoise(design: SaltelliDesign, y: readonly number[], pointVariance: readonly number[]): SobolNoise {
  const { n } = design;
  if (pointVariance.length !== y.length)
    throw new Error(`one noise variance per design point: ${pointVariance.length} for ${y.length}`);
  let mean = 0;
  for (let r = 0; r < 2 * n; r++) mean += y[r];
  mean /= 2 * n;
  let v = 0;
  for (let r = 0; r < 2 * n; r++) v += (y[r] - mean) ** 2;
  v /= 2 * n - 1;
  let s2 = 0;
  for (const x of pointVariance) s2 += x;
  s2 /= pointVariance.length;
  return { variance: s2, outputVariance: v, share: v > 0 ? s2 / v : 0 };
}

/** Monte Carlo variance of a proportion estimated from `runs` runs: p (1 - p) / (R - 1), unbiased for p (1 - p) / R. */
export function proportionVariance(p: number, runs: number): number {
  return runs > 1 ? (p * (1 - p)) / (runs - 1) : 0;
}

/** Monte Carlo variance of a mean of `runs` values from their sum and sum of squares: sample variance / R. */
export function meanVariance(sum: number, sumSq: number, runs: number): number {
  if (runs < 2) return 0;
  const m = sum / runs;
  return Math.max(0, (sumSq - runs * m * m) / (runs - 1)) / runs;
}

/** Monte Carlo variance of the mean of paired differences a_j - b_j (replicate j of both): sample variance / R. */
export function pairedMeanVariance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  if (b.length !== n) throw new Error(`paired runs differ in number: ${n} vs ${b.length}`);
  if (n < 2) return 0;
  let sum = 0;
  let sq = 0;
  for (let j = 0; j < n; j++) {
    const d = a[j] - b[j];
    sum += d;
    sq += d * d;
  }
  const m = sum / n;
  return Math.max(0, (sq - n * m * m) / (n - 1)) / n;
}

/**
 * Each factor's share of ST that is Monte Carlo noise under the pairing the runs had: the mean over rows r of
 * Var(y_A,r - y_AB_i,r) (from `rowVariance[i][r]`, `pairedMeanVariance` of the two points' runs), over 2 V.
 */
export function pairedNoiseShares(rowVariance: readonly (readonly number[])[], outputVariance: number): number[] {
  return rowVariance.map((rows) => {
    if (!(outputVariance > 0) || rows.length === 0) return 0;
    let s = 0;
    for (const v of rows) s += v;
    return s / rows.length / (2 * outputVariance);
  });
}
