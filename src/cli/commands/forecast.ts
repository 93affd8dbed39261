/** `truce forecast --cases FILE.csv [--posterior ID] [--runs N] [--seed S] [--json]`: collapse probabilities for cases in the case format. */
import type { Command } from 'commander';
import { loadCases } from '../../app/case-library.js';
import { forecast, FORECAST_DAYS, type ForecastResult } from '../../app/forecast.js';
import { loadPosterior } from '../../app/posterior.js';
import { progressBar } from '../../shell/progress.js';
import { addWorkerOption, defaultWorkers, storePath } from '../ensemble-cli.js';
import { pct, table, toJson } from '../format.js';
import { parseSamples, parseSeed } from '../options.js';

export function renderForecast(r: ForecastResult): string {
  const head = [`Forecast: ${r.runs} runs per case, seed ${r.seed}; posterior: ${r.posterior}.`, 'P(collapse by day d) with 95% Wilson intervals; median days to collapse (> 5 y: more than half the runs last five years).', ''];
  const rows = r.cases.map((c) => [c.id, ...FORECAST_DAYS.map((d) => `${pct(c.pCollapseBy[d].estimate)} [${pct(c.pCollapseBy[d].lo)}, ${pct(c.pCollapseBy[d].hi)}]`), c.medianDay === null ? '> 5 y' : String(c.medianDay)]);
  return head.join('\n') + table(['case', ...FORECAST_DAYS.map((d) => `by ${d}`), 'median'], rows, [false, true, true, true, true, true, true]) + '\n';
}

export function registerForecast(program: Command): void {
  const cmd = program
    .command('forecast')
    .description('forecast collapse for ceasefires in the case format (any rows; outcome columns are ignored)')
    .requiredOption('--cases <file.csv>', 'cases in the format of data/ceasefires.csv (see data/README.md)')
    .option('--posterior <id>', 'draw global parameters from this stored calibration (truce runs list), "default" (shipped) or "none"', 'default')
    .option('--runs <n>', 'runs per case', parseSamples, 400)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--db <path>', 'results database holding the posterior (default: $TRUCE_DB or ./truce.db)')
    .option('--json', 'print JSON');
  addWorkerOption(cmd).action(async (flags: { cases: string; posterior: string; runs: number; seed: number; db?: string; json?: boolean; workers?: number }) => {
    const cases = loadCases(flags.cases);
    const posterior = loadPosterior(flags.posterior, storePath(flags));
    const bar = progressBar('forecast', !flags.json);
    try {
      const r = await forecast(cases, posterior, { runs: flags.runs, seed: flags.seed, workers: flags.workers ?? defaultWorkers(), onProgress: (d, t) => bar.update(d, t) });
      bar.stop();
      process.stdout.write(flags.json ? toJson(r) + '\n' : renderForecast(r));
    } finally {
      bar.stop();
    }
  });
}
