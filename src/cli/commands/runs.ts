/** `truce runs list | show ID | export ID --format csv|json`: the results store, given back. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { perRunText, writeBlocksAtomic } from '../../app/run-rows.js';
import { exportRun, listRuns, perRunRows, showRun, storedSweepOutput } from '../../app/runs.js';
import { openResultsStore } from '../../app/store.js';
import { toCsv } from '../../io/csv.js';
import { InputError } from '../../io/errors.js';
import { writeFileAtomic } from '../../io/documents.js';
import { storePath } from '../../io/paths.js';
import { renderRunsList, renderShownRun } from '../render/runs.js';
import { toJson } from '../render/format.js';
import { parseChoice, parseExperimentId } from '../options/flags.js';

export function register(program: Command): void {
  const runs = program
    .command('runs')
    .description('experiments in the results store')
    .option('--db <path>', 'results database (default: $TRUCE_DB or ./truce.db)');
  const dbFlag = () => (runs.opts() as { db?: string }).db;
  const withStore = <T>(f: (db: NonNullable<ReturnType<typeof openResultsStore>>) => T): T => {
    // Reading never creates a store: a path that holds none is most likely a typo.
    const path = storePath(dbFlag());
    if (!existsSync(path))
      throw new InputError(
        `${path}: no results store there (commands that store results, such as truce compare, create it; choose another with --db or $TRUCE_DB)`,
        { kind: 'not-found' },
      );
    const db = openResultsStore(dbFlag(), true, 'read')!;
    try {
      return f(db);
    } finally {
      db.close();
    }
  };
  runs
    .command('list')
    .description('every stored experiment')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const list = withStore(listRuns);
      if (flags.json) return void process.stdout.write(toJson(list) + '\n');
      if (list.length === 0) return void process.stdout.write(`no experiments in ${storePath(dbFlag())}\n`);
      process.stdout.write(renderRunsList(list) + '\n');
    });
  runs
    .command('show')
    .description('one experiment: its parameters and results')
    .argument('<id>', 'experiment id', parseExperimentId)
    .option('--json', 'print JSON')
    .action((id: number, flags: { json?: boolean }) => {
      const where = storePath(dbFlag());
      const { e, sweep } = withStore((db) => {
        const shown = showRun(db, id, where);
        return { e: shown, sweep: !flags.json && shown.kind === 'sweep' ? storedSweepOutput(db, shown) : undefined };
      });
      if (flags.json) {
        const { arms: _arms, ...rest } = e;
        return void process.stdout.write(toJson(rest) + '\n');
      }
      process.stdout.write(renderShownRun(e, where, sweep));
    });
  runs
    .command('export')
    .description(
      'an experiment as a tidy long-form table (CSV, JSON or Parquet) for pandas or R; --per-run: one row per run',
    )
    .argument('<id>', 'experiment id', parseExperimentId)
    .option(
      '--format <f>',
      'csv | json | parquet (parquet needs --out)',
      parseChoice(['csv', 'json', 'parquet'] as const),
      'csv',
    )
    .option(
      '--per-run',
      'one row per run: run, arm, levers, posterior draw and parameters drawn, collapsed, day, first crosser, primary pillar, pillar shares, interceptors, costs',
    )
    .option('--out <file>', 'write to a file instead of standard output')
    .action(async (id: number, flags: { format: 'csv' | 'json' | 'parquet'; out?: string; perRun?: boolean }) => {
      const format = flags.format;
      if (format === 'parquet' && !flags.out)
        throw new InputError('--format parquet: a binary file, written with --out FILE (not to standard output)');
      if (format === 'parquet') {
        // The Parquet writer is loaded only when asked for (start-up time, bench/startup.js).
        const parquet = await import('../../app/run-rows-parquet.js');
        if (flags.perRun)
          return withStore((db) => {
            const { contexts, rows } = perRunRows(db, id, storePath(dbFlag()));
            parquet.writePerRunParquet(flags.out!, contexts, rows);
          });
        return parquet.writeTidyParquet(
          flags.out!,
          withStore((db) => exportRun(db, id, storePath(dbFlag()))),
        );
      }
      if (flags.perRun) {
        return withStore((db) => {
          const { contexts, rows } = perRunRows(db, id, storePath(dbFlag()));
          const blocks = perRunText(format, contexts, rows);
          if (flags.out) writeBlocksAtomic(flags.out, blocks);
          else for (const b of blocks) process.stdout.write(b);
        });
      }
      const rows = withStore((db) => exportRun(db, id, storePath(dbFlag())));
      const text = format === 'csv' ? toCsv(rows) : toJson(rows) + '\n';
      if (flags.out) writeFileAtomic(flags.out, text);
      else process.stdout.write(text);
    });
}
