/** Cross-validated scores and reliability as text. */
import { COX_RIDGE, type ValidationResult } from '../../app/validate.js';
import { COX_COVARIATES } from '../../core/calibration/scores.js';
import { fmt, table } from './format.js';

export function renderValidation(r: ValidationResult): string {
  const out: string[] = [];
  out.push(
    `Cross-validation: ${r.folds === r.forecasts.length || r.folds >= 40 ? 'leave-one-out' : `${r.folds}-fold`} (${r.folds} folds), ${r.runs} runs per held-out case, seed ${r.seed}; posterior: ${r.posterior}.`,
  );
  out.push(
    `Refit without the held-out cases: ${r.refit}; effective sample size per fold ${fmt(Math.min(...r.foldEss), 1)} - ${fmt(Math.max(...r.foldEss), 1)}.`,
  );
  out.push(
    `Benchmarks: the base rate (training Kaplan-Meier) and a Cox model (ridge ${COX_RIDGE}) on ${COX_COVARIATES.join(', ')}. Lower Brier is better; higher log score is better.`,
  );
  out.push('');
  out.push(
    table(
      [
        'horizon',
        'scored',
        'collapsed',
        'Brier model',
        'Brier base rate',
        'Brier Cox',
        'log model',
        'log base rate',
        'log Cox',
      ],
      r.scores.map((s) => [
        `${s.horizon} d`,
        s.n,
        s.events,
        fmt(s.model.brier, 3),
        fmt(s.baseRate.brier, 3),
        fmt(s.cox.brier, 3),
        fmt(s.model.log, 3),
        fmt(s.baseRate.log, 3),
        fmt(s.cox.log, 3),
      ]),
      [false, true, true, true, true, true, true, true, true],
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
