/** Cross-validated scores and reliability as text. */
import { COX_RIDGE, type ValidationResult } from '../../app/validate.js';
import { COX_COVARIATES } from '../../core/calibration/scores.js';
import { fmt, table } from './format.js';

/** Whether the folds' refits moved away from the full fit: the header says which kind of scores these are. */
export function inSampleNote(
  r: Pick<ValidationResult, 'inSample' | 'essThreshold' | 'foldsBelowThreshold' | 'folds'>,
): string {
  return r.inSample
    ? `IN-SAMPLE: ${r.foldsBelowThreshold} of ${r.folds} folds have an effective sample size below ${r.essThreshold}, so their refits rest on the vectors that dominate the full fit and their forecasts are the full fit's: read the model's scores as in-sample, ranked against the Cox model fitted in-sample (docs/calibration-record.md, "Cross-validated scores").`
    : `Held out: every fold's effective sample size is at least ${r.essThreshold}; the model's scores are ranked against the Cox model refitted per fold.`;
}

export function renderValidation(r: ValidationResult): string {
  const out: string[] = [];
  out.push(
    `Cross-validation: ${r.folds === r.forecasts.length || r.folds >= 40 ? 'leave-one-out' : `${r.folds}-fold`} (${r.folds} folds), ${r.runs} runs per held-out case, seed ${r.seed}; posterior: ${r.posterior}.`,
  );
  out.push(
    `Refit without the held-out cases: ${r.refit}; effective sample size per fold ${fmt(Math.min(...r.foldEss), 1)} - ${fmt(Math.max(...r.foldEss), 1)}.`,
  );
  out.push(inSampleNote(r));
  out.push(
    `Benchmarks: the base rate (Kaplan-Meier) and a Cox model (ridge ${COX_RIDGE}) on ${COX_COVARIATES.join(', ')}, each held out (fitted per fold, without the scored case) and in-sample (fitted to every case). Lower Brier is better; higher log score is better.`,
  );
  out.push('');
  out.push(
    table(
      [
        'horizon',
        'scored',
        'collapsed',
        `Brier model (${r.scoresAre})`,
        'base rate held out',
        'Cox held out',
        'Cox in-sample',
        `log model (${r.scoresAre})`,
        'base rate held out',
        'Cox held out',
        'Cox in-sample',
      ],
      r.scores.map((s) => [
        `${s.horizon} d`,
        s.n,
        s.events,
        fmt(s.model.brier, 3),
        fmt(s.baseRate.brier, 3),
        fmt(s.cox.brier, 3),
        fmt(s.coxInSample.brier, 3),
        fmt(s.model.log, 3),
        fmt(s.baseRate.log, 3),
        fmt(s.cox.log, 3),
        fmt(s.coxInSample.log, 3),
      ]),
      [false, true, true, true, true, true, true, true, true, true, true],
    ),
  );
  out.push('');
  out.push(
    `Like for like: the model's ${r.scoresAre} scores against the Cox model ${r.inSample ? 'fitted in-sample' : 'held out'} (model minus Cox, mean over the scored spells, 95% interval of the paired differences):`,
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
  out.push('Reliability (all horizons pooled): mean forecast against observed frequency, by forecast bin:');
  const rows = (['model', 'baseRate', 'cox'] as const).flatMap((k) =>
    r.reliability[k].map((b) => [
      k,
      `${fmt(b.lo, 1)}-${fmt(b.hi, 1)}`,
      b.n,
      fmt(b.meanForecast, 3),
      fmt(b.observed, 3),
    ]),
  );
  out.push(table(['forecaster', 'bin', 'n', 'mean forecast', 'observed'], rows, [false, false, true, true, true]));
  return out.join('\n');
}
