/**
 * `truce calibrate [--cases FILE.csv] [--priors FILE.yaml] [--quick] [--seed S] [--out FILE.json]`:
 * fit the global parameters to the case library; the posterior is stored in
 * the results store (truce runs list) and usable with --posterior ID.
 */
import type { Command } from 'commander';
import { calibrate, FULL, QUICK, type CalibrationResult } from '../../app/calibrate.js';
import { DEFAULT_CASES, DEFAULT_PRIORS, loadCases, loadPriors } from '../../app/case-library.js';
import { checkPaths, priorsSchema } from '../../core/calibration/parameters.js';
import { caseScenario } from '../../core/calibration/coding.js';
import { defaultWorkers } from '../../app/runner.js';
import { openResultsStore } from '../../app/store.js';
import { saveCalibration } from '../../store/posteriors.js';
import { readChecked, writeFileAtomic } from '../../io/documents.js';
import { InputError as UserError } from '../../io/errors.js';
import { storePath } from '../../io/paths.js';
import { VERSION } from '../../io/version.js';
import { progressBar } from '../progress.js';
import { toJson } from '../render/format.js';
import { renderCalibration } from '../render/calibrate.js';
import { addStoreOptions, addWorkerOption, parseSeed, parseWhole, type StoreFlags } from '../shared/flags.js';

const nowIso = (): string => new Date().toISOString();

export function register(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description(
      "fit the model's global parameters to the case library (simulated likelihood of censored durations); stores a posterior",
    )
    .option('--cases <file.csv>', 'case library', DEFAULT_CASES)
    .option('--priors <file.yaml>', 'priors of the global parameters', DEFAULT_PRIORS)
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
  addStoreOptions(addWorkerOption(cmd)).action(
    async (
      flags: StoreFlags & {
        cases: string;
        priors: string;
        quick?: boolean;
        particles?: number;
        rounds?: number;
        runsPerCase?: number;
        fitRuns?: number;
        seed: number;
        label?: string;
        out?: string;
        json?: boolean;
        workers?: number;
      },
    ) => {
      const cases = loadCases(flags.cases, { requireOutcome: true });
      const { params } = loadPriors(flags.priors);
      const priors = readChecked(flags.priors, priorsSchema);
      const bad = checkPaths(params, caseScenario(cases[0].covariates));
      if (bad.length)
        throw new UserError(
          bad
            .map(
              (b) =>
                `${flags.priors}: parameters.${b.parameter}.paths: expected a path to a number of the case archetype (docs/calibration-record.md), found ${JSON.stringify(b.path)}`,
            )
            .join('\n'),
        );
      const db = openResultsStore(flags.db, flags.store);
      const base = flags.quick ? QUICK : FULL;
      const settings = {
        ...base,
        particles: flags.particles ?? base.particles,
        rounds: flags.rounds ?? base.rounds,
        runsPerCase: flags.runsPerCase ?? base.runsPerCase,
        fitRuns: flags.fitRuns ?? base.fitRuns,
      };
      const custom =
        settings.particles !== base.particles ||
        settings.rounds !== base.rounds ||
        settings.runsPerCase !== base.runsPerCase ||
        settings.fitRuns !== base.fitRuns;
      const setting = `${flags.quick ? 'quick' : 'full'}${custom ? ' (overridden)' : ''}`;
      const label = flags.label ?? `${setting} calibration, seed ${flags.seed}, ${nowIso().slice(0, 10)}`;
      const bar = progressBar('calibrate', !flags.json);
      let r: CalibrationResult;
      try {
        r = await calibrate(cases, priors, params, {
          settings,
          seed: flags.seed,
          workers: flags.workers ?? defaultWorkers(),
          label,
          onProgress: (d, t) => bar.update(d, t),
        });
      } finally {
        bar.stop();
      }
      r.posterior.createdAt = nowIso();
      let id: number | undefined;
      if (db) {
        // The draws go to their own table; the summary keeps everything else.
        const { draws, ...posteriorHead } = r.posterior;
        id = saveCalibration(
          db,
          {
            kind: 'calibration',
            truceVersion: VERSION,
            scenarioName: 'case library',
            seed: flags.seed,
            runs: settings.runsPerCase,
            params: { cases: flags.cases, priors: flags.priors, setting, ...settings },
            timings: r.timings,
            summary: { ...r, posterior: posteriorHead },
            createdAt: nowIso(),
          },
          draws,
        );
        db.close();
      }
      if (flags.out)
        writeFileAtomic(flags.out, toJson({ ...r.posterior, population: r.population, caseIds: r.caseIds }) + '\n');
      process.stdout.write((flags.json ? toJson({ experimentId: id ?? null, ...r }) : renderCalibration(r, id)) + '\n');
      if (!flags.json && id !== undefined)
        process.stderr.write(`stored as experiment ${id} in ${storePath(flags.db)} (truce runs show ${id})\n`);
    },
  );
}
