/** `truce forecast --cases FILE.csv [--posterior ID] [--runs N] [--seed S] [--json]`: collapse probabilities for cases in the case format. */
import type { Command } from 'commander';
import { runForecast } from '../../app/forecast.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderForecast } from '../render/forecast.js';
import { addWorkerOption, parseRuns, parseSeed } from '../options/flags.js';
import { interruptible } from '../options/interrupt.js';
import { addQueueOption, runnerFor, type RunnerFlags } from '../options/runner.js';

export function register(program: Command): void {
  const cmd = program
    .command('forecast')
    .description('forecast collapse for ceasefires in the case format (any rows; outcome columns are ignored)')
    .requiredOption('--cases <file.csv>', 'cases in the format of data/ceasefires.csv (see data/README.md)')
    .option(
      '--posterior <id>',
      'draw global parameters from this stored calibration (truce runs list), a posterior file (.json), "default" (shipped) or "none"',
      'default',
    )
    .option('--runs <n>', 'runs per case', parseRuns, 400)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--db <path>', 'results database holding the posterior (default: $TRUCE_DB or ./truce.db)')
    .option('--json', 'print JSON');
  addQueueOption(addWorkerOption(cmd)).action(
    async (
      flags: RunnerFlags & {
        cases: string;
        posterior: string;
        runs: number;
        seed: number;
        db?: string;
        json?: boolean;
      },
    ) => {
      const bar = progressBar('forecast', !flags.json);
      try {
        const r = await interruptible(
          (signal) => runForecast(flags, { runner: runnerFor(flags, bar), signal, onProgress: bar.update }),
          'interrupted',
        );
        bar.stop();
        process.stdout.write(flags.json ? toJson(r) + '\n' : renderForecast(r));
      } finally {
        bar.stop();
      }
    },
  );
}
