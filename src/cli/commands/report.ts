/** `truce report`: run a comparison and write it as one self-contained HTML file. */
import type { Command } from 'commander';
import { ablate, ablationForReport, storedAblation } from '../../app/ablate.js';
import { report } from '../../app/report.js';
import { LEAVE_ONE_OUT, runValidation, validationForReport } from '../../app/validate.js';
import { loadScenarioFile } from '../options/scenario-file.js';
import { openResultsStore } from '../../app/store.js';
import { writeFileAtomic } from '../../io/documents.js';
import { storePath } from '../../io/paths.js';
import { renderReport } from '../../report/report.js';
import { progressBar } from '../progress.js';
import { renderCompare } from '../render/compare.js';
import { comparisonOptions, comparisonRequest, type ComparisonFlags } from '../options/comparison-flags.js';
import { parseExperimentId, parseRuns } from '../options/flags.js';
import { interruptible } from '../options/interrupt.js';
import { runnerFor } from '../options/runner.js';
import { warnOnStderr } from '../options/warning.js';

interface ReportFlags extends ComparisonFlags {
  out: string;
  ablation?: number;
  ablationRuns?: number;
  validationRuns?: number;
  question?: string;
}

export function register(program: Command): void {
  const cmd = program
    .command('report')
    .description(
      'run a comparison and write a self-contained HTML report (charts, tables, methods, assumptions with sources)',
    );
  comparisonOptions(cmd)
    .option('--out <file>', 'the HTML file to write', 'report.html')
    .option('--question <text>', 'the question the report answers')
    .option('--ablation <id>', 'add the ablation table of a stored `truce ablate` (truce runs list)', parseExperimentId)
    .option(
      '--ablation-runs <n>',
      'add an ablation table, run here with n runs per end (the seed and days of the report)',
      parseRuns,
    )
    .option(
      '--validation-runs <n>',
      "add the cross-validated scores against the case library (leave-one-out, n runs per held-out case; the report's posterior, or the shipped one under --posterior none)",
      parseRuns,
    );
  cmd.action(async (file: string | undefined, flags: ReportFlags) => {
    const loaded = loadScenarioFile(file);
    const db = openResultsStore(flags.db, flags.store);
    const progress = progressBar('compare', true);
    try {
      // A stored ablation is read (and refused if it is not one) before anything runs.
      let stored = null;
      if (flags.ablation !== undefined) {
        const store = db ?? openResultsStore(flags.db, true, 'read')!;
        try {
          stored = storedAblation(store, flags.ablation);
        } finally {
          if (store !== db) store.close();
        }
      }
      const req = { ...comparisonRequest(flags), question: flags.question, params: { report: flags.out } };
      const { input, result } = await interruptible((signal) =>
        report(loaded, req, { runner: runnerFor(flags, progress), db, signal, onProgress: progress.update }),
      );
      if (stored) {
        input.ablation = ablationForReport(stored);
      } else if (flags.ablationRuns !== undefined) {
        const runs = flags.ablationRuns;
        const { output } = await interruptible((signal) =>
          ablate(
            loaded,
            { runs, seed: flags.seed, days: flags.days },
            { runner: runnerFor(flags, progress), db, signal, onProgress: progress.update },
          ),
        );
        input.ablation = ablationForReport(output);
      }
      if (flags.validationRuns !== undefined) {
        const runs = flags.validationRuns;
        const validation = await interruptible((signal) =>
          runValidation(
            {
              // The forecasts are of the fitted model: a refit needs a posterior's population.
              posterior: flags.posterior === 'none' ? 'default' : (flags.posterior ?? 'default'),
              db: flags.db,
              folds: LEAVE_ONE_OUT,
              runs,
              seed: flags.seed,
            },
            { runner: runnerFor(flags, progress), signal, onProgress: progress.update },
          ),
        );
        input.validation = validationForReport(validation);
      }
      progress.stop();
      warnOnStderr(result.output.posteriorWarning, false);
      writeFileAtomic(flags.out, renderReport(input));
      process.stdout.write(renderCompare(result.output, result.seconds, result.workers) + '\n');
      process.stderr.write(
        `report written to ${flags.out}${result.output.experimentId !== undefined ? `; stored as experiment ${result.output.experimentId} in ${storePath(flags.db)}` : ''}\n`,
      );
    } finally {
      progress.stop();
      db?.close();
    }
  });
}
