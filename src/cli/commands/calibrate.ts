/**
 * `truce calibrate [--cases FILE.csv] [--priors FILE.yaml] [--quick] [--seed S] [--out FILE.json]`:
 * fit the global parameters to the case library; the posterior is stored in
 * the results store (truce runs list) and usable with --posterior ID.
 */
import { Option, type Command } from 'commander';
import { FULL, posteriorFile, QUICK, runCalibration, type CalibrationRequest } from '../../app/calibrate.js';
import { DEFAULT_CASES, DEFAULT_PRIORS } from '../../app/case-library.js';
import { openResultsStore } from '../../app/store.js';
import { writeFileAtomic } from '../../io/documents.js';
import { storePath } from '../../io/paths.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderCalibration } from '../render/calibrate.js';
import { addStoreOptions, addWorkerOption, parseSeed, parseWhole, type StoreFlags } from '../options/flags.js';
import { interruptible } from '../options/interrupt.js';
import { addQueueOption, runnerFor, type RunnerFlags } from '../options/runner.js';

export function register(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description(
      "fit the model's global parameters to the case library (simulated likelihood of censored durations); stores a posterior",
    )
    // The shipped files by their place in the package: help never prints an install path.
    .addOption(new Option('--cases <file.csv>', 'case library').default(DEFAULT_CASES, 'data/ceasefires.csv, shipped'))
    .addOption(
      new Option('--priors <file.yaml>', 'priors of the global parameters').default(
        DEFAULT_PRIORS,
        'data/priors.yaml, shipped',
      ),
    )
    .option(
      '--quick',
      `quick setting (${QUICK.rounds} rounds x ${QUICK.particles} vectors, ${QUICK.runsPerCase} runs per case): minutes; the full setting is ${FULL.rounds} x ${FULL.particles}, ${FULL.runsPerCase} runs`,
    )
    .option('--particles <n>', 'override: parameter vectors per round', parseWhole(4, 'a number of parameter vectors'))
    .option('--rounds <n>', 'override: rounds of population Monte Carlo', parseWhole(1, 'a number of rounds'))
    .option(
      '--runs-per-case <n>',
      'override: runs per case per likelihood evaluation',
      parseWhole(1, 'a number of runs'),
    )
    .option('--fit-runs <n>', 'override: runs per case for the fit report', parseWhole(1, 'a number of runs'))
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--label <text>', 'a name for the posterior')
    .option('--out <file.json>', 'also write the posterior as a file (the format of data/posterior.json)')
    .option('--json', 'print JSON');
  addQueueOption(addStoreOptions(addWorkerOption(cmd))).action(
    async (flags: StoreFlags & RunnerFlags & CalibrationRequest & { out?: string; json?: boolean }) => {
      const db = openResultsStore(flags.db, flags.store);
      const bar = progressBar('calibrate', !flags.json);
      try {
        const { result: r, experimentId: id } = await interruptible((signal) =>
          runCalibration(flags, { runner: runnerFor(flags, bar), db, signal, onProgress: bar.update }),
        );
        bar.stop();
        if (flags.out) writeFileAtomic(flags.out, toJson(posteriorFile(r)) + '\n');
        process.stdout.write(
          (flags.json ? toJson({ experimentId: id ?? null, ...r }) : renderCalibration(r, id)) + '\n',
        );
        if (!flags.json && id !== undefined)
          process.stderr.write(`stored as experiment ${id} in ${storePath(flags.db)} (truce runs show ${id})\n`);
      } finally {
        bar.stop();
        db?.close();
      }
    },
  );
}
