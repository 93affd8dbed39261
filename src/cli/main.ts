#!/usr/bin/env node
/**
 * The truce command: a table of commands, each loaded only when it is
 * dispatched, so `truce --version` and `truce --help` answer without loading
 * the engine, the store, the worker pool or the chart renderer. Expected
 * failures (InputError) print one clear message and exit 2 (130 when
 * interrupted); a bug prints its message (stack only with TRUCE_DEBUG=1) and
 * exits 70.
 */
import { Command, CommanderError } from 'commander';
import { checkOutputPath } from '../io/output.js';
import { InputError } from '../io/errors.js';
import { VERSION } from '../io/version.js';
import { EXIT_BAD_INPUT, EXIT_BUG, exitCodeOf, ReportedFailure } from './errors.js';
import { installInterruptHandler } from './options/interrupt.js';
import { applyEngineEnvironment } from '../shell/engine-env.js';

interface CommandModule {
  register(program: Command): void;
}

/** name -> what `truce --help` says, the arguments it shows, and how to load the command. */
const COMMANDS: Record<string, { summary: string; args?: string; load: () => Promise<CommandModule> }> = {
  run: {
    summary: 'one run of the ceasefire: a timeline, the escalation utility of each state, and why it held or collapsed',
    args: '[file]',
    load: () => import('./commands/run.js'),
  },
  compare: {
    summary:
      'ensembles of the ceasefire under each framework (times each --vary value): survival, P(collapse by day), who breaks it and why',
    args: '[file]',
    load: () => import('./commands/compare.js'),
  },
  sensitivity: {
    summary:
      'which levers matter: Morris elementary effects or Sobol indices, for an ensemble output (or a test function)',
    args: '[file]',
    load: () => import('./commands/sensitivity.js'),
  },
  sweep: {
    summary: 'a design over lever ranges with runs per point, stored as a table for analysis elsewhere (resumable)',
    args: '[file]',
    load: () => import('./commands/sweep.js'),
  },
  ablate: {
    summary:
      "every lever and documented parameter to each end of its range, one at a time (common random numbers): effects against the essay's sign",
    args: '[file]',
    load: () => import('./commands/ablate.js'),
  },
  discover: {
    summary:
      'scenario discovery (PRIM) over a stored sweep: boxes of lever space that keep P(collapse by day d) below a threshold',
    args: '<id>',
    load: () => import('./commands/discover.js'),
  },
  facts: {
    summary:
      'check the stylized facts of docs/stylized-facts.md as ensemble contrasts: direction, effect size, interval',
    args: '[file]',
    load: () => import('./commands/facts.js'),
  },
  calibrate: {
    summary:
      'fit global parameters to the case library: population Monte Carlo on a simulated likelihood, posterior stored',
    load: () => import('./commands/calibrate.js'),
  },
  validate: {
    summary:
      'score the model on held-out cases (labelled in-sample when the refit cannot move from the full fit): Brier and log scores against the base rate and a Cox model of the same kind, reliability',
    load: () => import('./commands/validate.js'),
  },
  forecast: {
    summary: 'forecast collapse for ceasefires in the case format (any rows; outcome columns are ignored)',
    load: () => import('./commands/forecast.js'),
  },
  runs: { summary: 'experiments in the results store (list, show, export)', load: () => import('./commands/runs.js') },
  report: {
    summary:
      'run a comparison and write a self-contained HTML report (charts, tables, methods, assumptions with sources)',
    args: '[file]',
    load: () => import('./commands/report.js'),
  },
  serve: { summary: 'the analyst dashboard in the browser, on 127.0.0.1', load: () => import('./commands/serve.js') },
  levers: {
    summary: "list a scenario's levers: range, default, meaning, and the paths they set",
    args: '[file]',
    load: () => import('./commands/levers.js'),
  },
  scenario: { summary: 'check or show a scenario (validate, show)', load: () => import('./commands/scenario.js') },
  engage: {
    summary: 'a salvo against a layered air defence: leakers, interceptors, costs (exact or Monte Carlo)',
    args: '<file>',
    load: () => import('./commands/engage.js'),
  },
  campaign: {
    summary: 'a multi-day war of salvos: interceptor depletion, resupply, the day each layer runs dry',
    args: '<file>',
    load: () => import('./commands/campaign.js'),
  },
  worker: {
    summary: 'run ensemble work from a Redis queue (start any number, on any machine that reaches Redis)',
    load: () => import('./commands/worker.js'),
  },
  queue: {
    summary: 'inspect the Redis queue of distributed ensembles (status)',
    load: () => import('./commands/queue.js'),
  },
};

export const COMMAND_NAMES = Object.keys(COMMANDS);

/** The command a command line dispatches to (`truce help NAME` counts as NAME), if any. */
function dispatched(argv: readonly string[]): string | undefined {
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

/** The program with the dispatched command loaded in full and every other one as a one-line entry for help. */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command();
  program
    .name('truce')
    .description('Simulate how externally brokered ceasefires degrade into war, and what keeps them standing.')
    .version(VERSION)
    .addHelpText(
      'after',
      '\nEnvironment:\n' +
        '  TRUCE_DB      the store (default ./truce.db; --db overrides it)\n' +
        '  TRUCE_ENGINE  auto (default): ensemble runs through the WebAssembly kernel, the same results bit for bit;\n' +
        '                js: the JavaScript engine always; kernel: refuse a model the kernel does not cover (docs/kernel.md)\n' +
        '  TRUCE_DEBUG   print the stack of an internal error',
    )
    .exitOverride();
  const name = dispatched(argv);
  for (const [n, c] of Object.entries(COMMANDS)) {
    if (n === name) (await c.load()).register(program);
    else {
      const stub = program.command(n).description(c.summary);
      if (c.args) stub.argument(c.args);
    }
  }
  hintAfterErrors(program, 'truce');
  checkOutputsFirst(program);
  return program;
}

/**
 * A refused command line (unknown option, missing argument, bad choice) prints its one error line and where to
 * read more, not the whole help: the error is what the user needs to see.
 */
function hintAfterErrors(cmd: Command, path: string): void {
  cmd.showHelpAfterError(`(see ${path} --help)`);
  for (const sub of cmd.commands) hintAfterErrors(sub, `${path} ${sub.name()}`);
}

/** Options that name a file the command writes (every command uses these names for its outputs only). */
const OUTPUT_OPTIONS = ['out', 'csv', 'runsCsv', 'runsParquet', 'plot', 'chart', 'markdown'];

/**
 * Every output path is checked before the command runs: a run of minutes must not end in "cannot write"
 * (docs/limits.md). The write itself is still all or nothing.
 */
function checkOutputsFirst(program: Command): void {
  program.hook('preAction', (_program, action) => {
    const opts = action.opts<Record<string, unknown>>();
    for (const name of OUTPUT_OPTIONS) {
      const value = opts[name];
      if (typeof value === 'string') checkOutputPath(value);
    }
  });
}

export async function main(argv: string[]): Promise<number> {
  try {
    const engineProblem = applyEngineEnvironment();
    if (engineProblem) throw new InputError(engineProblem);
    const program = await buildProgram(argv);
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return err.exitCode === 0 ? 0 : EXIT_BAD_INPUT;
    }
    if (err instanceof ReportedFailure) return err.exitCode;
    if (err instanceof InputError) {
      process.stderr.write(`truce: ${err.message}\n`);
      return exitCodeOf(err);
    }
    const e = err as Error;
    // TRUCE_ENGINE=kernel on a model the kernel does not cover (core/engine/run.ts, KernelScopeError; from a worker
    // the error arrives by its message): a user's setting, not a bug.
    if (typeof e?.message === 'string' && e.message.startsWith('TRUCE_ENGINE=kernel:')) {
      process.stderr.write(`truce: ${e.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`truce: internal error (please report): ${e?.message ?? String(err)}\n`);
    if (process.env.TRUCE_DEBUG) process.stderr.write(`${e?.stack}\n`);
    return EXIT_BUG;
  }
}

installInterruptHandler();
// A reader that stops early (`truce runs export 1 | head -1`) closes the pipe: end quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0);
    throw err;
  });
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = EXIT_BUG;
  },
);
