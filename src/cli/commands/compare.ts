/** `truce compare`: arms (frameworks x --vary values), survival, comparison, stored. */
import type { Command } from 'commander';
import { compare } from '../../app/compare.js';
import { loadScenarioFile } from '../options/scenario-file.js';
import { openResultsStore } from '../../app/store.js';
import { writeFileAtomic } from '../../io/documents.js';
import { toCsv } from '../../io/csv.js';
import { InputError } from '../../io/errors.js';
import { storePath } from '../../io/paths.js';
import { armRows, comparisonRows } from '../../store/export.js';
import { progressBar } from '../progress.js';
import { renderCompare } from '../render/compare.js';
import { toJson } from '../render/format.js';
import { comparisonOptions, comparisonRequest, type ComparisonFlags } from '../options/comparison-flags.js';
import { interruptible } from '../options/interrupt.js';
import { runnerFor } from '../options/runner.js';
import { warnOnStderr } from '../options/warning.js';

interface CompareFlags extends ComparisonFlags {
  json?: boolean;
  csv?: string;
  runsCsv?: string;
  runsParquet?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('compare')
    .description(
      'ensembles of the ceasefire under each framework (times each --vary value): survival, P(collapse by day), who breaks it and why',
    );
  comparisonOptions(cmd)
    .option('--json', 'print one JSON object')
    .option('--csv <file>', 'also write the tidy long-form table (with hazard ratios and log-rank tests) to FILE')
    .option(
      '--runs-csv <file>',
      'also write one row per run (run, arm, levers, parameters drawn, collapsed, day, first crosser, primary pillar, pillar shares, interceptors, costs) to FILE',
    )
    .option('--runs-parquet <file>', 'the same rows as a Parquet file (typed columns)');
  cmd.action(async (file: string | undefined, flags: CompareFlags) => {
    const perRunFile = flags.runsCsv ?? flags.runsParquet;
    if (perRunFile && flags.queue)
      throw new InputError(
        `${flags.runsCsv ? '--runs-csv' : '--runs-parquet'} ${perRunFile}: per-run rows are not handed back through the Redis queue; run without --queue`,
      );
    // Every output path (--csv, --runs-csv, --runs-parquet) was checked before this action (src/cli/main.ts).
    const loaded = loadScenarioFile(file);
    const req = {
      ...comparisonRequest(flags),
      ...(flags.runsCsv ? { runsCsv: flags.runsCsv } : {}),
      ...(flags.runsParquet ? { runsParquet: flags.runsParquet } : {}),
    };
    const db = openResultsStore(flags.db, flags.store);
    const progress = progressBar('compare', !flags.json);
    try {
      const { output, seconds, workers } = await interruptible((signal) =>
        compare(loaded, req, { runner: runnerFor(flags, progress), db, signal, onProgress: progress.update }),
      );
      progress.stop();
      warnOnStderr(output.posteriorWarning, flags.json);
      if (flags.csv)
        writeFileAtomic(
          flags.csv,
          toCsv([
            ...output.arms.flatMap((s) => armRows(output.experimentId ?? 0, 'compare', s)),
            ...comparisonRows(
              output.experimentId ?? 0,
              'compare',
              output.comparisons,
              Object.fromEntries(output.arms.map((s) => [s.label, s.framework])),
            ),
          ]),
        );
      process.stdout.write((flags.json ? toJson(output) : renderCompare(output, seconds, workers)) + '\n');
      if (!flags.json && output.experimentId !== undefined)
        process.stderr.write(
          `stored as experiment ${output.experimentId} in ${storePath(flags.db)} (truce runs show ${output.experimentId})\n`,
        );
    } finally {
      progress.stop();
      db?.close();
    }
  });
}
