/**
 * What kind of scores a validation gives (held out or effectively in-sample)
 * and how the model ranks against the Cox model of the same kind, in words:
 * one wording for the report and the dashboard (docs/calibration-record.md,
 * "Cross-validated scores").
 */
import type { ValidationReport } from '../app/contract.js';

/** The sentence on what kind of scores these are (held out or effectively in-sample), shared with the dashboard. */
export function scoresKindNote(v: Pick<ValidationReport, 'inSample' | 'essThreshold' | 'essRange'>): string {
  return v.inSample
    ? `These are effectively in-sample scores: the refit's effective sample size per fold (${v.essRange[0].toFixed(1)} to ${v.essRange[1].toFixed(1)}) is below ${v.essThreshold}, so each fold rests on the vectors that dominate the full fit and forecasts the held-out spell as the full fit does. The model is therefore ranked against the Cox model fitted in-sample (to every spell), like for like; the held-out Cox column is shown for reference only.`
    : `Every fold's effective sample size is at least ${v.essThreshold}: the scores are held out, and the model is ranked against the Cox model refitted per fold.`;
}

/** The like-for-like verdict at each horizon, in words. */
export function comparisonNote(v: Pick<ValidationReport, 'comparison'>): string {
  const kind = v.comparison[0]?.cox === 'in-sample' ? 'fitted in-sample' : 'held out';
  const words = v.comparison.map(
    (c) =>
      `${c.horizon} days: Brier difference ${c.brierDifference.mean.toFixed(3)} [${c.brierDifference.lo.toFixed(3)}, ${c.brierDifference.hi.toFixed(3)}], ${c.brierBetter === 'level' ? 'level' : `${c.brierBetter} better`}`,
  );
  return `Against the Cox model ${kind} (model minus Cox, 95% interval of the paired per-spell differences; "level" when it holds 0): ${words.join('; ')}.`;
}
