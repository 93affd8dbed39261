/** `truce run [FILE]`: one run of the ceasefire, told as a story, or as JSON. */
import type { Command } from 'commander';
import { cliBudget } from '../../app/budget.js';
import { runStory } from '../../app/run.js';
import { loadScenarioFile } from '../options/scenario-file.js';
import { toJson } from '../render/format.js';
import { renderRun } from '../render/run.js';
import {
  collect,
  parseDays,
  parseWhole,
  parseSeed,
  parseSettings,
  SCENARIO_ARGUMENT,
  parseMaxWork,
} from '../options/flags.js';

interface RunFlags {
  framework?: string;
  set?: string[];
  seed: number;
  days?: number;
  json?: boolean;
  events?: number;
}

export function register(program: Command): void {
  program
    .command('run')
    .description(
      'one run of the ceasefire: a timeline, the escalation utility of each state, and why it held or collapsed',
    )
    .argument(...SCENARIO_ARGUMENT)
    .option('--framework <name>', "policy framework (default: the scenario's, transactional-freeze)")
    .option(
      '--set <lever=value>',
      'set a lever, or a documented parameter by its path (repeatable); see truce levers',
      collect,
    )
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--days <n>', 'horizon in days', parseDays)
    .option('--events <n>', 'timeline lines to print', parseWhole(1, 'a number of lines'), 40)
    .option('--max-work <units>', 'refuse work estimated above this many units (docs/limits.md)', parseMaxWork)
    .option('--json', 'print one JSON object')
    .action((file: string | undefined, flags: RunFlags & { maxWork?: number }) => {
      const story = runStory(loadScenarioFile(file), {
        framework: flags.framework,
        set: parseSettings(flags.set),
        seed: flags.seed,
        days: flags.days,
        budget: cliBudget(flags.maxWork),
      });
      if (flags.json) process.stdout.write(toJson(story) + '\n');
      else process.stdout.write(renderRun(story, story, flags.events ?? 40) + '\n');
    });
}
