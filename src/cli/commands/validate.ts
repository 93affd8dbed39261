/** `truce validate [--posterior ID] [--folds K] [--runs N] [--seed S] [--plot FILE.svg] [--json]`: cross-validated forecast scores. */
import { Option, type Command } from 'commander';
import { DEFAULT_CASES } from '../../app/case-library.js';
import { reliabilityPlot, runValidation } from '../../app/validate.js';
import { writeFileAtomic } from '../../io/documents.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderValidation } from '../render/validate.js';
import { addWorkerOption, parseRuns, parseSeed, parseWhole } from '../options/flags.js';
import { interruptible } from '../options/interrupt.js';
import { addQueueOption, runnerFor, type RunnerFlags } from '../options/runner.js';

export function register(program: Command): void {
  const cmd = program
    .command('validate')
    .description(
      'cross-validate the fitted model: Brier and log scores at 30/90/365 days against the base rate and a Cox model, and a reliability plot; below an effective sample size of 10 per fold the scores are labelled in-sample and ranked against the Cox model fitted in-sample',
    )
    .addOption(
      new Option('--cases <file.csv>', 'the case library the posterior was fitted to').default(
        DEFAULT_CASES,
        'data/ceasefires.csv, shipped',
      ),
    )
    .option(
      '--posterior <id>',
      'a stored calibration (truce runs list), a posterior file (.json) or "default" (shipped)',
      'default',
    )
    .option(
      '--folds <k>',
      'number of folds (the number of cases = leave-one-out)',
      parseWhole(2, 'a number of folds'),
      46,
    )
    .option('--runs <n>', 'runs per held-out case', parseRuns, 200)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--plot <file.svg>', 'write the reliability plot as SVG')
    .option('--db <path>', 'results database holding the posterior (default: $TRUCE_DB or ./truce.db)')
    .option('--json', 'print JSON');
  addQueueOption(addWorkerOption(cmd)).action(
    async (
      flags: RunnerFlags & {
        cases: string;
        posterior: string;
        folds: number;
        runs: number;
        seed: number;
        plot?: string;
        db?: string;
        json?: boolean;
      },
    ) => {
      const bar = progressBar('validate', !flags.json);
      try {
        const r = await interruptible(
          (signal) => runValidation(flags, { runner: runnerFor(flags, bar), signal, onProgress: bar.update }),
          'interrupted',
        );
        bar.stop();
        if (flags.plot) writeFileAtomic(flags.plot, await reliabilityPlot(r));
        process.stdout.write((flags.json ? toJson(r) : renderValidation(r)) + '\n');
      } finally {
        bar.stop();
      }
    },
  );
}
