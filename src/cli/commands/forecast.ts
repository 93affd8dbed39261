/** `truce forecast --cases FILE.csv [--posterior ID] [--runs N] [--seed S] [--json]`: collapse probabilities for cases in the case format. */
import type { Command } from 'commander';
import { loadCases } from '../../app/case-library.js';
import { forecast } from '../../app/forecast.js';
import { loadPosterior } from '../../app/posterior.js';
import { defaultWorkers } from '../../app/runner.js';
import { storePath } from '../../io/paths.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderForecast } from '../render/forecast.js';
import { addWorkerOption, parseSamples, parseSeed } from '../shared/flags.js';

export function register(program: Command): void {
  const cmd = program
    .command('forecast')
    .description('forecast collapse for ceasefires in the case format (any rows; outcome columns are ignored)')
    .requiredOption('--cases <file.csv>', 'cases in the format of data/ceasefires.csv (see data/README.md)')
    .option(
      '--posterior <id>',
      'draw global parameters from this stored calibration (truce runs list), "default" (shipped) or "none"',
      'default',
    )
    .option('--runs <n>', 'runs per case', parseSamples, 400)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--db <path>', 'results database holding the posterior (default: $TRUCE_DB or ./truce.db)')
    .option('--json', 'print JSON');
  addWorkerOption(cmd).action(
    async (flags: {
      cases: string;
      posterior: string;
      runs: number;
      seed: number;
      db?: string;
      json?: boolean;
      workers?: number;
    }) => {
      const cases = loadCases(flags.cases);
      const posterior = loadPosterior(flags.posterior, storePath(flags.db));
      const bar = progressBar('forecast', !flags.json);
      try {
        const r = await forecast(cases, posterior, {
          runs: flags.runs,
          seed: flags.seed,
          workers: flags.workers ?? defaultWorkers(),
          onProgress: (d, t) => bar.update(d, t),
        });
        bar.stop();
        process.stdout.write(flags.json ? toJson(r) + '\n' : renderForecast(r));
      } finally {
        bar.stop();
      }
    },
  );
}
