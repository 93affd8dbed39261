/**
 * `truce sensitivity`: Morris screening or Sobol indices over chosen levers
 * for one output of an ensemble, or on the Ishigami test function to check
 * the method.
 */
import { cliBudget } from '../../app/budget.js';
import type { Command } from 'commander';
import { loadScenarioFile } from '../options/scenario-file.js';
import { OUTPUTS, sensitivity, sensitivityOfTestFunction, type OutputName } from '../../app/sensitivity.js';
import { openResultsStore } from '../../app/store.js';
import { loadPosterior } from '../../app/posterior.js';
import { InputError } from '../../io/errors.js';
import { storePath } from '../../io/paths.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderSensitivity } from '../render/sensitivity.js';
import {
  addStoreOptions,
  addWorkerOption,
  collect,
  parseChoice,
  parseList,
  parseDays,
  parseRuns,
  parseSamples,
  parseWhole,
  parseSeed,
  parseSettings,
  SCENARIO_ARGUMENT,
  type StoreFlags,
  addMaxWorkOption,
  addPosteriorOption,
} from '../options/flags.js';
import { interruptible } from '../options/interrupt.js';
import { addQueueOption, runnerFor } from '../options/runner.js';
import { warnOnStderr } from '../options/warning.js';

interface SensitivityFlags extends StoreFlags {
  maxWork?: number;
  method: 'morris' | 'sobol';
  levers?: string;
  output: OutputName;
  samples: number;
  runsPerPoint: number;
  seed: number;
  framework?: string;
  set?: string[];
  days?: number;
  workers?: number;
  queue?: string;
  testFunction?: 'ishigami';
  levels: number;
  posterior: string;
  json?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('sensitivity')
    .description(
      'which levers matter: Morris elementary effects or Sobol indices, for an ensemble output (or a test function)',
    )
    .argument(...SCENARIO_ARGUMENT)
    .option('--method <m>', 'morris | sobol', parseChoice(['morris', 'sobol'] as const), 'morris')
    .option('--levers <a,b,...>', 'levers to vary over their full ranges')
    .option(
      '--output <metric>',
      Object.keys(OUTPUTS).join(' | '),
      parseChoice(Object.keys(OUTPUTS) as OutputName[]),
      'pCollapse',
    )
    .option('--samples <n>', 'Sobol: base sample N (N (k + 2) points); Morris: trajectories', parseSamples, 64)
    .option('--runs-per-point <r>', 'ensemble runs at each design point', parseRuns, 200)
    .option('--levels <p>', 'Morris grid levels (even)', parseWhole(1, 'a number of levels'), 4)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--framework <name>', "framework (default: the scenario's)")
    .option('--set <lever=value>', 'fix a lever, or a documented parameter by its path (repeatable)', collect)
    .option('--days <n>', 'horizon in days', parseDays)
    .option(
      '--test-function <name>',
      'validate the method on a test function: ishigami',
      parseChoice(['ishigami'] as const),
    )
    .option('--json', 'print JSON');
  addPosteriorOption(cmd, 'none', 'each design point');
  addWorkerOption(cmd);
  addQueueOption(cmd);
  addMaxWorkOption(cmd);
  addStoreOptions(cmd);
  cmd.action(async (file: string | undefined, flags: SensitivityFlags) => {
    if (flags.method === 'morris' && flags.levels % 2 !== 0)
      throw new InputError(`--levels: expected an even number of grid levels, got ${flags.levels}`);
    const sampling = {
      method: flags.method,
      samples: flags.samples,
      levels: flags.levels,
      seed: flags.seed,
      budget: cliBudget(flags.maxWork),
    };
    if (flags.testFunction) {
      const output = sensitivityOfTestFunction(sampling);
      process.stdout.write(
        (flags.json ? toJson(output) : renderSensitivity(output, 'Ishigami function (a = 7, b = 0.1)')) + '\n',
      );
      return;
    }
    const loaded = loadScenarioFile(file);
    const levers = parseList(flags.levers, '--levers') ?? [];
    const db = openResultsStore(flags.db, flags.store);
    const progress = progressBar('sensitivity', !flags.json);
    try {
      const req = {
        ...sampling,
        levers,
        output: flags.output,
        runsPerPoint: flags.runsPerPoint,
        framework: flags.framework,
        set: parseSettings(flags.set),
        days: flags.days,
        source: 'cli',
        posterior: loadPosterior(flags.posterior, storePath(flags.db)),
      };
      const output = await interruptible((signal) =>
        sensitivity(loaded, req, { runner: runnerFor(flags, progress), db, signal, onProgress: progress.update }),
      );
      progress.stop();
      warnOnStderr(output.posteriorWarning, flags.json);
      if (flags.json) return void process.stdout.write(toJson(output) + '\n');
      const label = `${OUTPUTS[flags.output]}, ${flags.runsPerPoint} runs per point`;
      process.stdout.write(
        renderSensitivity(output, label) +
          (output.experimentId !== undefined
            ? `\nstored as experiment ${output.experimentId} in ${storePath(flags.db)}`
            : '') +
          '\n',
      );
    } finally {
      progress.stop();
      db?.close();
    }
  });
}
