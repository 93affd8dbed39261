/**
 * `truce sweep`: a design over lever ranges (grid, Latin hypercube or Sobol'),
 * R runs per point, stored point by point; `--resume ID` runs only the
 * missing points of an interrupted sweep.
 */
import { cliBudget } from '../../app/budget.js';
import type { Command } from 'commander';
import { loadScenarioFile } from '../options/scenario-file.js';
import { openResultsStore } from '../../app/store.js';
import { loadPosterior } from '../../app/posterior.js';
import { perRunRows } from '../../app/runs.js';
import { writePerRunCsv } from '../../app/run-rows.js';
import {
  DESIGNS,
  MAX_SWEEP_RUN_ROWS,
  runSweep,
  startSweep,
  storedSweep,
  sweepRunCount,
  type Design,
  type SweepParams,
} from '../../app/sweep.js';
import { toCsv } from '../../io/csv.js';
import { writeFileAtomic } from '../../io/documents.js';
import { InputError } from '../../io/errors.js';
import { storePath } from '../../io/paths.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderSweep } from '../render/sweep.js';
import {
  addStoreOptions,
  addWorkerOption,
  collect,
  parseChoice,
  parseRanges,
  parseDays,
  parseExperimentId,
  parseRuns,
  parseWhole,
  parseSeed,
  SCENARIO_ARGUMENT,
  type StoreFlags,
  addMaxWorkOption,
  addPosteriorOption,
} from '../options/flags.js';
import { interruptible } from '../options/interrupt.js';
import { addQueueOption, runnerFor } from '../options/runner.js';
import { warnOnStderr } from '../options/warning.js';

interface SweepFlags extends StoreFlags {
  maxWork?: number;
  design?: Design;
  ranges?: string;
  points?: number;
  runsPerPoint?: number;
  seed: number;
  framework?: string;
  set?: string[];
  days?: number;
  workers?: number;
  queue?: string;
  resume?: number;
  posterior: string;
  json?: boolean;
  csv?: string;
  runsCsv?: string;
  runsParquet?: string;
}

/** Per-run files need rows the sweep stores: refused before anything runs when it will not have them. */
function checkPerRunFiles(flags: SweepFlags, params: SweepParams): void {
  const flag = flags.runsCsv ? '--runs-csv' : '--runs-parquet';
  const file = flags.runsCsv ?? flags.runsParquet;
  if (file === undefined) return;
  if (flags.queue)
    throw new InputError(
      `${flag} ${file}: per-run rows are not handed back through the Redis queue; run without --queue`,
    );
  const runs = sweepRunCount(params);
  if (runs > MAX_SWEEP_RUN_ROWS)
    throw new InputError(
      `${flag} ${file}: this sweep has ${runs.toLocaleString('en-US')} runs, above the ${MAX_SWEEP_RUN_ROWS.toLocaleString('en-US')} whose rows a sweep stores; use fewer points or runs per point`,
    );
}

export function register(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('a design over lever ranges with runs per point, stored as a table for analysis elsewhere (resumable)')
    .argument(...SCENARIO_ARGUMENT)
    .option('--design <d>', 'grid | lhs | sobol', parseChoice(DESIGNS))
    .option('--ranges <lever=lo:hi,...>', 'levers and their ranges')
    .option('--points <n>', 'design points (grid: about n, levels^k)', parseWhole(1, 'a number of design points'))
    .option('--runs-per-point <r>', 'runs at each point', parseRuns)
    .option('--seed <s>', 'seed (design and runs)', parseSeed, 1)
    .option('--framework <name>', "framework (default: the scenario's)")
    .option(
      '--set <lever=value>',
      'fix a lever, or a documented parameter by its path, at every point (repeatable)',
      collect,
    )
    .option('--days <n>', 'horizon in days', parseDays)
    .option('--resume <id>', 'continue an interrupted sweep', parseExperimentId)
    .option('--json', 'print JSON')
    .option('--csv <file>', 'also write the table (one row per point) to FILE')
    .option(
      '--runs-csv <file>',
      `also write one row per run (its point, lever values, posterior draw, collapsed, day, first crosser, pillar shares, costs) to FILE; at most ${MAX_SWEEP_RUN_ROWS.toLocaleString('en-US')} runs`,
    )
    .option('--runs-parquet <file>', 'the same rows as a Parquet file (typed columns)');
  addPosteriorOption(cmd, 'none', 'each design point', { files: false });
  addWorkerOption(cmd);
  addQueueOption(cmd);
  addMaxWorkOption(cmd);
  addStoreOptions(cmd, false);
  cmd.action(async (file: string | undefined, flags: SweepFlags) => {
    if (flags.store === false)
      throw new InputError(
        'truce sweep stores its points as it goes: --no-store is not available (use --db to choose the file)',
      );
    const where = storePath(flags.db);
    const db = openResultsStore(flags.db)!;
    try {
      let id: number;
      if (flags.resume !== undefined) id = flags.resume;
      else {
        const loaded = loadScenarioFile(file);
        if (!flags.design) throw new InputError('--design: expected grid, lhs or sobol');
        if (!flags.ranges) throw new InputError('--ranges: expected LEVER=LO:HI,...');
        if (!flags.points) throw new InputError('--points: expected a number of points >= 1');
        if (!flags.runsPerPoint) throw new InputError('--runs-per-point: expected a number of runs >= 1');
        const params = {
          design: flags.design,
          ranges: parseRanges(flags.ranges),
          points: flags.points,
          runsPerPoint: flags.runsPerPoint,
          seed: flags.seed,
          framework: flags.framework ?? null,
          set: flags.set ?? [],
          days: flags.days ?? null,
          posterior: flags.posterior,
        };
        // A posterior that cannot be read is refused before anything is stored.
        loadPosterior(params.posterior, where, { files: false });
        checkPerRunFiles(flags, params);
        id = startSweep(db, loaded, params, undefined, undefined, cliBudget(flags.maxWork));
      }
      const sweep = storedSweep(db, id, `--resume ${id} (${where})`, where);
      if (flags.resume !== undefined) checkPerRunFiles(flags, sweep.params);
      // A resumed sweep draws from the posterior it was started with.
      const posterior = loadPosterior(sweep.params.posterior ?? 'none', where, { files: false });
      const progress = progressBar(`sweep ${id}`, !flags.json);
      const onStart = (todo: number, total: number) => {
        if (!flags.json)
          process.stderr.write(
            `sweep ${id}: ${todo} of ${total} points to run (${total - todo} already stored) in ${where}\n`,
          );
      };
      const output = await interruptible(
        (signal) =>
          runSweep(db, sweep, {
            runner: runnerFor(flags, progress),
            signal,
            onProgress: progress.update,
            onStart,
            budget: cliBudget(flags.maxWork),
            posterior,
          }),
        `interrupted: the finished points of sweep ${id} are stored; continue with truce sweep --resume ${id}`,
      ).finally(() => progress.stop());
      warnOnStderr(output.posteriorWarning, flags.json);
      if (flags.csv) writeFileAtomic(flags.csv, toCsv(output.rows));
      if (flags.runsCsv || flags.runsParquet) {
        const { contexts, rows } = perRunRows(db, id, where);
        if (flags.runsCsv) writePerRunCsv(flags.runsCsv, contexts, rows);
        if (flags.runsParquet) {
          const { writePerRunParquet } = await import('../../app/run-rows-parquet.js');
          const again = perRunRows(db, id, where);
          writePerRunParquet(flags.runsParquet, again.contexts, again.rows);
        }
      }
      if (flags.json) process.stdout.write(toJson(output) + '\n');
      else process.stdout.write(renderSweep(output, where));
    } finally {
      db.close();
    }
  });
}
