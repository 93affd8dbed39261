/** `truce validate [--posterior ID] [--folds K] [--runs N] [--seed S] [--plot FILE.svg] [--json]`: cross-validated forecast scores. */
import type { Command } from 'commander';
import { parseHTML } from 'linkedom';
import { DEFAULT_CASES, loadCases } from '../../app/case-library.js';
import { loadPosterior } from '../../app/posterior.js';
import { validate, type ValidationResult } from '../../app/validate.js';
import { reliabilityChart } from '../../charts/calibration-charts.js';
import { defaultWorkers } from '../../app/runner.js';
import { writeFileAtomic } from '../../io/documents.js';
import { storePath } from '../../io/paths.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderValidation } from '../render/validate.js';
import { addWorkerOption, parseSamples, parseSeed, parseWhole } from '../shared/flags.js';

export function register(program: Command): void {
  const cmd = program
    .command('validate')
    .description(
      'cross-validate the fitted model: Brier and log scores at 30/90/365 days against the base rate and a Cox model, and a reliability plot',
    )
    .option('--cases <file.csv>', 'the case library the posterior was fitted to', DEFAULT_CASES)
    .option('--posterior <id>', 'a stored calibration (truce runs list) or "default" (shipped)', 'default')
    .option(
      '--folds <k>',
      'number of folds (the number of cases = leave-one-out)',
      parseWhole(2, 'a number of folds'),
      46,
    )
    .option('--runs <n>', 'runs per held-out case', parseSamples, 200)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--plot <file.svg>', 'write the reliability plot as SVG')
    .option('--db <path>', 'results database holding the posterior (default: $TRUCE_DB or ./truce.db)')
    .option('--json', 'print JSON');
  addWorkerOption(cmd).action(
    async (flags: {
      cases: string;
      posterior: string;
      folds: number;
      runs: number;
      seed: number;
      plot?: string;
      db?: string;
      json?: boolean;
      workers?: number;
    }) => {
      const cases = loadCases(flags.cases, { requireOutcome: true });
      const posterior = loadPosterior(flags.posterior, storePath(flags.db));
      const bar = progressBar('validate', !flags.json);
      let r: ValidationResult;
      try {
        r = await validate(cases, posterior, {
          folds: flags.folds,
          runs: flags.runs,
          seed: flags.seed,
          workers: flags.workers ?? defaultWorkers(),
          onProgress: (d, t) => bar.update(d, t),
        });
      } finally {
        bar.stop();
      }
      if (flags.plot) {
        const { document } = parseHTML('<!doctype html><html><body></body></html>');
        const rows = (['model', 'baseRate', 'cox'] as const).flatMap((k) =>
          r.reliability[k].map((b) => ({
            forecaster: k === 'baseRate' ? 'base rate' : k === 'cox' ? 'Cox' : 'truce',
            meanForecast: b.meanForecast,
            observed: b.observed,
            n: b.n,
          })),
        );
        writeFileAtomic(flags.plot, reliabilityChart(rows, document as unknown as Document).outerHTML + '\n');
      }
      process.stdout.write((flags.json ? toJson(r) : renderValidation(r)) + '\n');
    },
  );
}
