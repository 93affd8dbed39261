/** `truce facts [FILE]`: the stylized facts as ensemble contrasts. */
import { cliBudget } from '../../app/budget.js';
import type { Command } from 'commander';
import { facts } from '../../app/facts.js';
import { loadScenarioFile } from '../options/scenario-file.js';
import { openResultsStore } from '../../app/store.js';
import { loadPosterior } from '../../app/posterior.js';
import { storePath } from '../../io/paths.js';
import { progressBar } from '../progress.js';
import { renderFacts } from '../render/facts.js';
import { toJson } from '../render/format.js';
import {
  addStoreOptions,
  addWorkerOption,
  parseDays,
  parseRuns,
  parseSeed,
  SCENARIO_ARGUMENT,
  type StoreFlags,
  addMaxWorkOption,
  addPosteriorOption,
} from '../options/flags.js';
import { interruptible } from '../options/interrupt.js';
import { addQueueOption, runnerFor } from '../options/runner.js';
import { warnOnStderr } from '../options/warning.js';

export function register(program: Command): void {
  const cmd = program
    .command('facts')
    .description(
      'check the stylized facts of docs/stylized-facts.md as ensemble contrasts: direction, effect size, interval',
    )
    .argument(...SCENARIO_ARGUMENT)
    .option('--runs <n>', 'runs per arm', parseRuns, 2000)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--days <n>', 'horizon in days', parseDays)
    .option('--json', 'print JSON');
  addPosteriorOption(cmd, 'default');
  addWorkerOption(cmd);
  addQueueOption(cmd);
  addMaxWorkOption(cmd);
  addStoreOptions(cmd);
  cmd.action(
    async (
      file: string | undefined,
      flags: StoreFlags & {
        maxWork?: number;
        runs: number;
        seed: number;
        days?: number;
        workers?: number;
        queue?: string;
        posterior: string;
        json?: boolean;
      },
    ) => {
      const loaded = loadScenarioFile(file);
      const posterior = loadPosterior(flags.posterior, storePath(flags.db));
      const db = openResultsStore(flags.db, flags.store);
      const progress = progressBar('facts', !flags.json);
      try {
        const output = await interruptible((signal) =>
          facts(
            loaded,
            { runs: flags.runs, seed: flags.seed, days: flags.days, budget: cliBudget(flags.maxWork), posterior },
            { runner: runnerFor(flags, progress), db, signal, onProgress: progress.update },
          ),
        );
        progress.stop();
        warnOnStderr(output.posteriorWarning, flags.json);
        const warning = output.posteriorWarning ? `\nWarning: ${output.posteriorWarning}` : '';
        process.stdout.write(
          (flags.json
            ? toJson(output)
            : renderFacts(output.facts, flags.runs, output.notAsked) +
              `\nglobal parameters: ${output.posterior}${warning}`) + '\n',
        );
      } finally {
        progress.stop();
        db?.close();
      }
    },
  );
}
