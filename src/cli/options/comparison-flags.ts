/** The options of every comparison command (compare, report) and the request they make. */
import type { Command } from 'commander';
import type { CompareRequest } from '../../app/compare.js';
import { addQueueOption } from './runner.js';
import { loadPosterior } from '../../app/posterior.js';
import { storePath } from '../../io/paths.js';
import { cliBudget } from '../../app/budget.js';
import { InputError } from '../../io/errors.js';
import {
  addMaxWorkOption,
  type BudgetFlags,
  addStoreOptions,
  addWorkerOption,
  collect,
  parseList,
  parseDays,
  parseRuns,
  parseSeed,
  parseSettings,
  parseVary,
  SCENARIO_ARGUMENT,
  type StoreFlags,
} from './flags.js';

export interface ComparisonFlags extends StoreFlags, BudgetFlags {
  frameworks?: string;
  set?: string[];
  vary?: string;
  runs: number;
  seed: number;
  workers?: number;
  queue?: string;
  days?: number;
  posterior?: string;
  at?: string;
}

export function comparisonOptions(cmd: Command): Command {
  cmd
    .argument(...SCENARIO_ARGUMENT)
    .option('--frameworks <a,b>', 'frameworks to compare (default: transactional-freeze,structural-architecture)')
    .option(
      '--set <lever=value>',
      'set a lever in every arm, or a documented parameter by its path, within its documented range (PATH=V; truce levers lists both; repeatable)',
      collect,
    )
    .option(
      '--vary <lever=v1,v2,...>',
      'one arm per value of a lever (or of a documented parameter, by its path), for each framework',
    )
    .option('--runs <n>', 'runs per arm', parseRuns, 2000)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--days <n>', 'horizon in days', parseDays)
    .option(
      '--posterior <id>',
      'draw each run\'s global parameters from this posterior: a stored calibration (truce runs list), "default" (shipped, fitted to the case library), a posterior file (.json) or "none"',
      'default',
    )
    .option('--at <d1,d2,...>', 'days of P(collapse by day d) (default: 30,90,180,365 and the horizon)');
  addWorkerOption(cmd);
  addQueueOption(cmd);
  addMaxWorkOption(cmd);
  addStoreOptions(cmd);
  return cmd;
}

export function comparisonRequest(flags: ComparisonFlags): CompareRequest {
  return {
    frameworks: parseList(flags.frameworks, '--frameworks'),
    set: parseSettings(flags.set),
    vary: parseVary(flags.vary),
    runs: flags.runs,
    seed: flags.seed,
    days: flags.days,
    source: 'cli',
    budget: cliBudget(flags.maxWork),
    posterior: loadPosterior(flags.posterior, storePath(flags.db)),
    ...(flags.at !== undefined ? { at: parseAt(flags.at) } : {}),
  };
}

/** `--at 7,30,90`: whole days from 1; days past the horizon are refused once the scenario is read (src/app/compare.ts). */
export function parseAt(flag: string): number[] {
  const items = parseList(flag, '--at') ?? [];
  const out = items.map((x) => Number(x));
  const bad = items.find((x, i) => !/^\d+$/.test(x) || out[i] < 1);
  if (bad !== undefined)
    throw new InputError(`--at ${flag}: expected whole days from 1 to the horizon, got ${JSON.stringify(bad)}`);
  return out;
}
