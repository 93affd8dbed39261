/**
 * A Sobol analysis as a table, with its Monte Carlo noise floor (docs/analysis.md, "Sobol"): the same columns
 * and words in `truce sensitivity --method sobol` (src/cli/render/sensitivity.ts) and the dashboard's
 * sensitivity view. Pure, so the browser bundle can use it.
 */
import type { SobolNoise } from '../core/analysis/sensitivity/sobol-noise.js';

/** The noise floor a Sobol analysis of an ensemble output reports (SensitivityOutput's `noise`). */
export type SobolNoiseFloor = SobolNoise & {
  method: string;
  runsPerPoint: number;
  /**
   * Per factor: the share of Var(Y) its ST gains from Monte Carlo noise under the pairing the runs had
   * (common random numbers), measured on the paired runs of A and AB_i; ST minus it is free of that noise.
   * null when the runner handed no per-run rows back (`share`, an upper bound, is used instead).
   */
  paired: Record<string, number> | null;
  /** The factors whose ST interval reaches down to their noise part. */
  belowNoise: string[];
};

export interface SobolTableInput {
  indices: Record<string, Record<string, number>>;
  /** Absent: a test function or a result stored before the noise floor; null: not estimated for this output. */
  noise?: SobolNoiseFloor | null;
}

/** The column of each factor's noise part of ST, when the runs were paired. */
export const NOISE_COLUMN = 'of ST, noise';
/** The column that marks an ST whose interval does not clear its noise part. */
export const BELOW_NOISE_COLUMN = 'ST against noise';
export const BELOW_NOISE = 'not distinguishable from no effect';
export const ABOVE_NOISE = 'clears its noise';

const fixed = (x: number, digits: number) =>
  Number.isFinite(x) ? x.toFixed(digits) : x > 0 ? 'inf' : x < 0 ? '-inf' : 'n/a';

export interface SobolTable {
  header: string[];
  rows: { factor: string; cells: string[]; belowNoise: boolean }[];
}

/**
 * One row per factor: S1 and ST with their 95% intervals; with the paired noise measured, the part of ST that is
 * noise (ST minus it is free of that noise); with any noise floor, whether ST's interval clears it.
 */
export function sobolTable(o: SobolTableInput): SobolTable {
  const noise = o.noise ?? null;
  const paired = noise?.paired ?? null;
  return {
    header: [
      'factor',
      'S1 [95% CI]',
      'ST [95% CI]',
      ...(paired ? [NOISE_COLUMN] : []),
      ...(noise ? [BELOW_NOISE_COLUMN] : []),
    ],
    rows: Object.keys(o.indices).map((n) => {
      const v = o.indices[n];
      const below = noise !== null && noise.belowNoise.includes(n);
      return {
        factor: n,
        belowNoise: below,
        cells: [
          n,
          `${fixed(v.S1, 3)} [${fixed(v.S1Lo, 3)}, ${fixed(v.S1Hi, 3)}]`,
          `${fixed(v.ST, 3)} [${fixed(v.STLo, 3)}, ${fixed(v.STHi, 3)}]`,
          ...(paired ? [fixed(paired[n], 3)] : []),
          ...(noise ? [below ? BELOW_NOISE : ABOVE_NOISE] : []),
        ],
      };
    }),
  };
}

/** The Sobol noise floor in words (docs/analysis.md, "Sobol"); null for a deterministic target or a stored analysis without it. */
export function noiseLine(o: Pick<SobolTableInput, 'noise'>): string | null {
  if (o.noise === undefined) return null;
  if (o.noise === null)
    return 'Monte Carlo noise: not estimated for this output (a median\'s variance needs the density at the median); every ST carries some of it (docs/analysis.md, "Sobol").';
  const n = o.noise;
  // Var(Y) = signal + noise in expectation, so a share of 1 or more is all noise within the estimates' error.
  const allNoise = n.share >= 1;
  return `Monte Carlo noise: each point's output is an estimate from ${n.runsPerPoint} runs (${n.method}); averaged over the points its variance is ${(100 * n.share).toFixed(1)}% of Var(Y), ${allNoise ? 'at or above 100% (both are estimates, and the true share is below 1): the spread of the outputs over the design is about all Monte Carlo noise, so no S1 can be read.' : "which is what Jansen's ST of a factor with no effect would gain were the noise independent between points, and S1 is scaled down by 1 minus it."}${n.paired ? ` Under common random numbers each factor gains less: "${NOISE_COLUMN}" is that part, measured on the paired runs of A and AB_i (ST minus it is free of that noise);` : ' The runs were not paired (the runner handed no per-run rows back), so that share bounds what each ST gains;'} an ST whose 95% interval reaches down to it is ${BELOW_NOISE}${n.belowNoise.length ? ` (${n.belowNoise.join(', ')})` : ''}.`;
}
