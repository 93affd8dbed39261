/**
 * What kind of scores a validation gives (held out, effectively in-sample, or
 * mixed by fold), which benchmark columns are like for like with them, and
 * how the model ranks against the Cox model of the same kind, in words: one
 * wording for the CLI, the report and the dashboard
 * (docs/calibration-record.md, "Validation").
 */
import type { ValidationReport } from '../app/contract.js';

type Kind = ValidationReport['scoresAre'];

/** The kind of the model's scores (and of the benchmarks matched to them), as a label. */
export function kindLabel(kind: Kind): string {
  return kind === 'held-out' ? 'held out' : kind === 'in-sample' ? 'in-sample' : 'by fold';
}

/** A benchmark column of the scores table: its key in a scores row, its label, and whether it is ranked with the model. */
export interface BenchmarkColumn {
  key: 'baseRate' | 'baseRateInSample' | 'cox' | 'coxInSample' | 'baseRateMatched' | 'coxMatched';
  label: string;
  ranked: boolean;
}

/**
 * The benchmark columns beside the model's scores: the base rate and the Cox model, held out and
 * in-sample, always shown; ranked with the model only those of its own kind. When the folds are mixed,
 * two more columns give each spell's benchmark of its fold's kind, and those are the ranked ones.
 */
export function benchmarkColumns(kind: Kind): BenchmarkColumn[] {
  const cols: BenchmarkColumn[] = [
    { key: 'baseRate', label: 'base rate (held out)', ranked: kind === 'held-out' },
    { key: 'baseRateInSample', label: 'base rate (in-sample)', ranked: kind === 'in-sample' },
    { key: 'cox', label: 'Cox (held out)', ranked: kind === 'held-out' },
    { key: 'coxInSample', label: 'Cox (in-sample)', ranked: kind === 'in-sample' },
  ];
  if (kind === 'mixed')
    cols.push(
      { key: 'baseRateMatched', label: `base rate (${kindLabel(kind)})`, ranked: true },
      { key: 'coxMatched', label: `Cox (${kindLabel(kind)})`, ranked: true },
    );
  return cols;
}

/** The sentence on what kind of scores these are (held out, effectively in-sample, or mixed), shared with the dashboard. */
export function scoresKindNote(
  v: Pick<ValidationReport, 'scoresAre' | 'essThreshold' | 'essRange' | 'foldsBelowThreshold' | 'folds'>,
): string {
  if (v.scoresAre === 'in-sample')
    return `These are effectively in-sample scores: the refit's effective sample size per fold (${v.essRange[0].toFixed(1)} to ${v.essRange[1].toFixed(1)}) is below ${v.essThreshold}, so each fold rests on the vectors that dominate the full fit and forecasts the held-out spell as the full fit does. The model is therefore ranked against the base rate and the Cox model fitted in-sample (to every spell), like for like; the held-out columns are shown for reference only.`;
  if (v.scoresAre === 'mixed')
    return `These scores are mixed: ${v.foldsBelowThreshold} of ${v.folds} folds have an effective sample size below ${v.essThreshold} (their refits rest on the vectors that dominate the full fit, so their spells' forecasts are in-sample), the others are held out. Each spell is ranked against the benchmark of its own fold's kind (in-sample for the former, held out for the latter), like for like; the held-out and in-sample columns are shown for reference only.`;
  return `Every fold's effective sample size is at least ${v.essThreshold}: the scores are held out, and the model is ranked against the base rate and the Cox model refitted per fold; the in-sample columns are shown for reference only.`;
}

/** The like-for-like verdict at each horizon, in words. */
export function comparisonNote(v: Pick<ValidationReport, 'comparison'>): string {
  const kind = v.comparison[0]?.cox ?? 'held-out';
  const against =
    kind === 'in-sample'
      ? 'fitted in-sample'
      : kind === 'held-out'
        ? 'held out'
        : "of each spell's own kind (fitted in-sample for the spells of in-sample folds, held out for the others)";
  const words = v.comparison.map(
    (c) =>
      `${c.horizon} days: Brier difference ${c.brierDifference.mean.toFixed(3)} [${c.brierDifference.lo.toFixed(3)}, ${c.brierDifference.hi.toFixed(3)}], ${c.brierBetter === 'level' ? 'level' : `${c.brierBetter} better`}`,
  );
  return `Against the Cox model ${against} (model minus Cox, 95% interval of the paired per-spell differences; "level" when it holds 0): ${words.join('; ')}.`;
}
