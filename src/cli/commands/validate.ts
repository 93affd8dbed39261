/** `truce validate [--posterior ID] [--folds K] [--runs N] [--seed S] [--plot FILE.svg] [--json]`: cross-validated forecast scores. */
import type { Command } from 'commander';
import { parseHTML } from 'linkedom';
import { DEFAULT_CASES, loadCases } from '../../app/case-library.js';
import { loadPosterior } from '../../app/posterior.js';
import { COX_RIDGE, validate, type ValidationResult } from '../../app/validate.js';
import { reliabilityChart } from '../../charts/calibration-charts.js';
import { COX_COVARIATES } from '../../core/calibration/scores.js';
import { progressBar } from '../../shell/progress.js';
import { addWorkerOption, defaultWorkers, storePath } from '../ensemble-cli.js';
import { fmt, table, toJson } from '../format.js';
import { parseSamples, parseSeed, parseWhole } from '../options.js';
import { writeFileAtomic } from '../write-file.js';

export function renderValidation(r: ValidationResult): string {
  const out: string[] = [];
  out.push(`Cross-validation: ${r.folds === r.forecasts.length || r.folds >= 40 ? 'leave-one-out' : `${r.folds}-fold`} (${r.folds} folds), ${r.runs} runs per held-out case, seed ${r.seed}; posterior: ${r.posterior}.`);
  out.push(`Refit without the held-out cases: ${r.refit}; effective sample size per fold ${fmt(Math.min(...r.foldEss), 1)} - ${fmt(Math.max(...r.foldEss), 1)}.`);
  out.push(`Benchmarks: the base rate (training Kaplan-Meier) and a Cox model (ridge ${COX_RIDGE}) on ${COX_COVARIATES.join(', ')}. Lower Brier is better; higher log score is better.`);
  out.push('');
  out.push(
    table(
      ['horizon', 'scored', 'collapsed', 'Brier model', 'Brier base rate', 'Brier Cox', 'log model', 'log base rate', 'log Cox'],
      r.scores.map((s) => [`${s.horizon} d`, s.n, s.events, fmt(s.model.brier, 3), fmt(s.baseRate.brier, 3), fmt(s.cox.brier, 3), fmt(s.model.log, 3), fmt(s.baseRate.log, 3), fmt(s.cox.log, 3)]),
      [false, true, true, true, true, true, true, true, true],
    ),
  );
  out.push('');
  out.push('Reliability (all horizons pooled): mean forecast against observed frequency, by forecast bin:');
  const rows = (['model', 'baseRate', 'cox'] as const).flatMap((k) => r.reliability[k].map((b) => [k, `${fmt(b.lo, 1)}-${fmt(b.hi, 1)}`, b.n, fmt(b.meanForecast, 3), fmt(b.observed, 3)]));
  out.push(table(['forecaster', 'bin', 'n', 'mean forecast', 'observed'], rows, [false, false, true, true, true]));
  return out.join('\n');
}

export function registerValidate(program: Command): void {
  const cmd = program
    .command('validate')
    .description('cross-validate the fitted model: Brier and log scores at 30/90/365 days against the base rate and a Cox model, and a reliability plot')
    .option('--cases <file.csv>', 'the case library the posterior was fitted to', DEFAULT_CASES)
    .option('--posterior <id>', 'a stored calibration (truce runs list) or "default" (shipped)', 'default')
    .option('--folds <k>', 'number of folds (the number of cases = leave-one-out)', parseWhole(2, 'a number of folds'), 46)
    .option('--runs <n>', 'runs per held-out case', parseSamples, 200)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--plot <file.svg>', 'write the reliability plot as SVG')
    .option('--db <path>', 'results database holding the posterior (default: $TRUCE_DB or ./truce.db)')
    .option('--json', 'print JSON');
  addWorkerOption(cmd).action(async (flags: { cases: string; posterior: string; folds: number; runs: number; seed: number; plot?: string; db?: string; json?: boolean; workers?: number }) => {
    const cases = loadCases(flags.cases, { requireOutcome: true });
    const posterior = loadPosterior(flags.posterior, storePath(flags));
    const bar = progressBar('validate', !flags.json);
    let r: ValidationResult;
    try {
      r = await validate(cases, posterior, { folds: flags.folds, runs: flags.runs, seed: flags.seed, workers: flags.workers ?? defaultWorkers(), onProgress: (d, t) => bar.update(d, t) });
    } finally {
      bar.stop();
    }
    if (flags.plot) {
      const { document } = parseHTML('<!doctype html><html><body></body></html>');
      const rows = (['model', 'baseRate', 'cox'] as const).flatMap((k) => r.reliability[k].map((b) => ({ forecaster: k === 'baseRate' ? 'base rate' : k === 'cox' ? 'Cox' : 'truce', meanForecast: b.meanForecast, observed: b.observed, n: b.n })));
      writeFileAtomic(flags.plot, reliabilityChart(rows, document as unknown as Document).outerHTML + '\n');
    }
    process.stdout.write((flags.json ? toJson(r) : renderValidation(r)) + '\n');
  });
}
