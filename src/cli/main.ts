#!/usr/bin/env node
/**
 * The truce command: a table of commands over the core library. Expected
 * failures print one clear message and exit non-zero; a bug prints its
 * message (stack only with TRUCE_DEBUG=1) and exits 70.
 */
import { Command, CommanderError } from 'commander';
import { registerCalibrate } from './commands/calibrate.js';
import { registerValidate } from './commands/validate.js';
import { registerCampaign } from './commands/campaign.js';
import { registerCompare } from './commands/compare.js';
import { registerFacts } from './commands/facts.js';
import { registerForecast } from './commands/forecast.js';
import { registerReport } from './commands/report.js';
import { registerRuns } from './commands/runs.js';
import { registerServe } from './commands/serve.js';
import { registerSensitivity } from './commands/sensitivity.js';
import { registerSweep } from './commands/sweep.js';
import { registerEngage } from './commands/engage.js';
import { registerLevers } from './commands/levers.js';
import { registerRun } from './commands/run.js';
import { registerScenario } from './commands/scenario.js';
import { EXIT_BAD_INPUT, EXIT_BUG, UserError } from './errors.js';
import { VERSION } from './version.js';

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('truce')
    .description('Simulate how externally brokered ceasefires degrade into war, and what keeps them standing.')
    .version(VERSION)
    .showHelpAfterError()
    .exitOverride();
  registerRun(program);
  registerCompare(program);
  registerSensitivity(program);
  registerSweep(program);
  registerFacts(program);
  registerForecast(program);
  registerCalibrate(program);
  registerValidate(program);
  registerRuns(program);
  registerReport(program);
  registerServe(program);
  registerLevers(program);
  registerScenario(program);
  registerEngage(program);
  registerCampaign(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (err instanceof UserError) {
      process.stderr.write(`truce: ${err.message}\n`);
      return err.exitCode;
    }
    const e = err as Error;
    process.stderr.write(`truce: internal error (please report): ${e?.message ?? String(err)}\n`);
    if (process.env.TRUCE_DEBUG) process.stderr.write(`${e?.stack}\n`);
    return EXIT_BUG;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT_BUG;
  },
);
