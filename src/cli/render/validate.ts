/** Cross-validated scores and reliability as text. */
import { COX_RIDGE, RELIABILITY_FORECASTERS, reliabilityRows, type ValidationResult } from '../../app/validate.js';
import { benchmarkColumns, kindLabel } from '../../charts/validation-notes.js';
import { COX_COVARIATES } from '../../core/calibration/scores.js';
import { fmt, table } from './format.js';

/** Whether the folds' refits moved away from the full fit: the header says which kind of scores these are, per fold when mixed. */
export function inSampleNote(
  r: Pick<ValidationResult, 'scoresAre' | 'essThreshold' | 'foldsBelowThreshold' | 'folds'> &
    Partial<Pick<ValidationResult, 'foldEss' | 'foldInSample'>>,
): string {
  if (r.scoresAre === 'in-sample')
    return `IN-SAMPLE: ${r.foldsBelowThreshold} of ${r.folds} folds have an effective sample size below ${r.essThreshold}, so their refits rest on the vectors that dominate the full fit and their forecasts are the full fit's: read the model's scores as in-sample, ranked against the base rate and the Cox model fitted in-sample (docs/calibration-record.md, "Validation").`;
  if (r.scoresAre === 'mixed') {
    const perFold =
      r.foldEss && r.foldInSample
        ? ` Per fold (effective sample size, kind): ${r.foldEss.map((e, f) => `${f + 1}: ${fmt(e, 1)} ${r.foldInSample![f] ? 'in-sample' : 'held out'}`).join('; ')}.`
        : '';
    return `MIXED: ${r.foldsBelowThreshold} of ${r.folds} folds have an effective sample size below ${r.essThreshold}: their spells' forecasts are the full fit's (in-sample), the other folds' are held out. Each spell is ranked against the benchmarks of its own fold's kind (the "by fold" columns; docs/calibration-record.md, "Validation").${perFold}`;
  }
  return `Held out: every fold's effective sample size is at least ${r.essThreshold}; the model's scores are ranked against the base rate and the Cox model refitted per fold.`;
}

export function renderValidation(r: ValidationResult): string {
  const out: string[] = [];
  out.push(
    `Cross-validation: ${r.folds === new Set(r.forecasts.map((f) => f.id)).size ? 'leave-one-out' : `${r.folds}-fold`} (${r.folds} folds), ${r.runs} runs per held-out case, seed ${r.seed}; posterior: ${r.posterior}.`,
  );
  out.push(
    `Refit without the held-out cases: ${r.refit}; effective sample size per fold ${fmt(Math.min(...r.foldEss), 1)} - ${fmt(Math.max(...r.foldEss), 1)}.`,
  );
  out.push(inSampleNote(r));
  const kind = kindLabel(r.scoresAre);
  const cols = benchmarkColumns(r.scoresAre);
  out.push(
    `Benchmarks: the base rate (Kaplan-Meier) and a Cox model (ridge ${COX_RIDGE}) on ${COX_COVARIATES.join(', ')}, each held out (fitted per fold, without the scored case) and in-sample (fitted to every case). Like for like with the model's scores (${kind}): ${cols
      .filter((c) => c.ranked)
      .map((c) => c.label)
      .join(' and ')}.`,
  );
  for (const [score, better, digits] of [
    ['Brier', 'lower is better', 'brier'],
    ['Log score', 'higher is better', 'log'],
  ] as const) {
    out.push('');
    out.push(`${score} (${better}):`);
    out.push(
      table(
        ['horizon', 'scored', 'collapsed', `model (${kind})`, ...cols.map((c) => c.label)],
        r.scores.map((s) => [
          `${s.horizon} d`,
          s.n,
          s.events,
          fmt(s.model[digits], 3),
          ...cols.map((c) => fmt(s[c.key][digits], 3)),
        ]),
        [false, true, true, true, ...cols.map(() => true)],
      ),
    );
  }
  out.push('');
  out.push(
    `Like for like: the model's ${r.scoresAre === 'mixed' ? 'scores (by fold)' : `${kind} scores`} against the Cox model ${r.scoresAre === 'in-sample' ? 'fitted in-sample' : r.scoresAre === 'held-out' ? 'held out' : "of each spell's own kind, by fold"} (model minus Cox, mean over the scored spells, 95% interval of the paired differences):`,
  );
  out.push(
    table(
      ['horizon', 'Brier difference', 'better (Brier)', 'log-score difference', 'better (log)'],
      r.comparison.map((c) => [
        `${c.horizon} d`,
        `${fmt(c.brierDifference.mean, 3)} [${fmt(c.brierDifference.lo, 3)}, ${fmt(c.brierDifference.hi, 3)}]`,
        c.brierBetter,
        `${fmt(c.logDifference.mean, 3)} [${fmt(c.logDifference.lo, 3)}, ${fmt(c.logDifference.hi, 3)}]`,
        c.logBetter,
      ]),
      [false, true, false, true, false],
    ),
  );
  out.push('');
  out.push(
    `Reliability (all horizons pooled): mean forecast against observed frequency, by forecast bin; the model and the benchmarks of its kind (${kind}):`,
  );
  // reliabilityRows names each forecaster with its kind; the bins come in the same order.
  const bins = RELIABILITY_FORECASTERS.flatMap((k) => r.reliability[k]);
  const rows = reliabilityRows(r).map((b, i) => [
    b.forecaster,
    `${fmt(bins[i].lo, 1)}-${fmt(bins[i].hi, 1)}`,
    b.n,
    fmt(b.meanForecast, 3),
    fmt(b.observed, 3),
  ]);
  out.push(table(['forecaster', 'bin', 'n', 'mean forecast', 'observed'], rows, [false, false, true, true, true]));
  return out.join('\n');
}
