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
import { progressBar } from '../../shell/progress.js';
import { saveCalibration } from '../../store/posteriors.js';
import { addStoreOptions, addWorkerOption, defaultWorkers, nowIso, openStoreFor, storePath, type StoreFlags } from '../ensemble-cli.js';
import { UserError } from '../errors.js';
import { fmt, pct, table, toJson } from '../format.js';
import { readChecked } from '../read-document.js';
import { parseSeed, parseWhole } from '../options.js';
import { VERSION } from '../version.js';
import { writeFileAtomic } from '../write-file.js';

const sig = (x: number) => (Math.abs(x) >= 100 ? fmt(x, 0) : Math.abs(x) >= 1 ? fmt(x, 2) : x.toPrecision(2));

export function renderCalibration(r: CalibrationResult, id: number | undefined): string {
  const out: string[] = [];
  const s = r.settings;
  out.push(`Calibration to ${r.cases} ceasefire spells: population Monte Carlo, ${s.rounds} rounds x ${s.particles} parameter vectors, ${s.runsPerCase} runs per case per likelihood; seed ${r.seed}; ${(r.timings.totalMs / 1000).toFixed(0)} s (${fmt(r.timings.msPerEvaluation, 0)} ms per likelihood evaluation).`);
  out.push('');
  out.push('Fitted global parameters: posterior median and 90% interval (shrinkage: posterior sd / prior sd on the prior scale; < 1 = informed by the record):');
  out.push(table(['parameter', 'median', '90% interval', 'prior', 'shrinkage'], r.parameters.map((p) => [p.name, sig(p.median), `[${sig(p.lo)}, ${sig(p.hi)}]`, p.prior, fmt(p.shrinkage, 2)]), [false, true, true, false, true]));
  out.push('');
  out.push('Convergence: effective sample size per round, largest shift of a posterior mean (in posterior sds), best log-likelihood:');
  out.push(table(['round', 'ESS', 'of', 'max mean shift', 'max log-lik'], r.rounds.map((x) => [x.round, fmt(x.ess, 1), x.particles, x.maxMeanShift === null ? '-' : fmt(x.maxMeanShift, 2), fmt(x.maxLogLik, 1)]), [true, true, true, true, true]));
  out.push(`Monte Carlo sd of the log-likelihood estimate at the posterior median: ${fmt(r.logLikNoiseSd, 2)}`);
  out.push('');
  out.push(`Fit: the model's survival (runs drawing from the posterior, ${s.fitRuns} per case) against the record's Kaplan-Meier curve and its 95% band:`);
  const inside = r.fit.filter((f) => f.inside).length;
  out.push(
    table(
      ['group', 'n', 'day', 'KM', '95% band', 'model', 'inside'],
      r.fit.map((f) => [f.group, f.cases, f.day, pct(f.km), `[${pct(f.lower)}, ${pct(f.upper)}]`, pct(f.model), f.inside ? 'yes' : 'NO']),
      [false, true, true, true, true, true, false],
    ),
  );
  out.push(`${inside} of ${r.fit.length} checks inside the band.`);
  if (id !== undefined) out.push('', `Posterior stored as experiment ${id}: use --posterior ${id} with forecast, compare, report, facts, sensitivity, sweep.`);
  return out.join('\n');
}

export function registerCalibrate(program: Command): void {
  const cmd = program
    .command('calibrate')
    .description('fit the model\'s global parameters to the case library (simulated likelihood of censored durations); stores a posterior')
    .option('--cases <file.csv>', 'case library', DEFAULT_CASES)
    .option('--priors <file.yaml>', 'priors of the global parameters', DEFAULT_PRIORS)
    .option('--quick', `quick setting (${QUICK.rounds} rounds x ${QUICK.particles} vectors, ${QUICK.runsPerCase} runs per case): minutes; the full setting is ${FULL.rounds} x ${FULL.particles}, ${FULL.runsPerCase} runs`)
    .option('--particles <n>', 'override: parameter vectors per round', parseWhole(4, 'a number of parameter vectors'))
    .option('--rounds <n>', 'override: rounds of population Monte Carlo', parseWhole(1, 'a number of rounds'))
    .option('--runs-per-case <n>', 'override: runs per case per likelihood evaluation', parseWhole(1, 'a number of runs'))
    .option('--fit-runs <n>', 'override: runs per case for the fit report', parseWhole(1, 'a number of runs'))
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--label <text>', 'a name for the posterior')
    .option('--out <file.json>', 'also write the posterior as a file (the format of data/posterior.json)')
    .option('--json', 'print JSON');
  addStoreOptions(addWorkerOption(cmd)).action(async (flags: StoreFlags & { cases: string; priors: string; quick?: boolean; particles?: number; rounds?: number; runsPerCase?: number; fitRuns?: number; seed: number; label?: string; out?: string; json?: boolean; workers?: number }) => {
    const cases = loadCases(flags.cases, { requireOutcome: true });
    const { params } = loadPriors(flags.priors);
    const priors = readChecked(flags.priors, priorsSchema);
    const bad = checkPaths(params, caseScenario(cases[0].covariates));
    if (bad.length) throw new UserError(bad.map((b) => `${flags.priors}: parameters.${b.parameter}.paths: expected a path to a number of the case archetype (docs/calibration-record.md), found ${JSON.stringify(b.path)}`).join('\n'));
    const db = openStoreFor(flags);
    const base = flags.quick ? QUICK : FULL;
    const settings = { ...base, particles: flags.particles ?? base.particles, rounds: flags.rounds ?? base.rounds, runsPerCase: flags.runsPerCase ?? base.runsPerCase, fitRuns: flags.fitRuns ?? base.fitRuns };
    const custom = settings.particles !== base.particles || settings.rounds !== base.rounds || settings.runsPerCase !== base.runsPerCase || settings.fitRuns !== base.fitRuns;
    const setting = `${flags.quick ? 'quick' : 'full'}${custom ? ' (overridden)' : ''}`;
    const label = flags.label ?? `${setting} calibration, seed ${flags.seed}, ${nowIso().slice(0, 10)}`;
    const bar = progressBar('calibrate', !flags.json);
    let r: CalibrationResult;
    try {
      r = await calibrate(cases, priors, params, { settings, seed: flags.seed, workers: flags.workers ?? defaultWorkers(), label, onProgress: (d, t) => bar.update(d, t) });
    } finally {
      bar.stop();
    }
    r.posterior.createdAt = nowIso();
    let id: number | undefined;
    if (db) {
      // The draws go to their own table; the summary keeps everything else.
      const { draws, ...posteriorHead } = r.posterior;
      id = saveCalibration(db, {
        kind: 'calibration',
        truceVersion: VERSION,
        scenarioName: 'case library',
        seed: flags.seed,
        runs: settings.runsPerCase,
        params: { cases: flags.cases, priors: flags.priors, setting, ...settings },
        timings: r.timings,
        summary: { ...r, posterior: posteriorHead },
        createdAt: nowIso(),
      }, draws);
      db.close();
    }
    if (flags.out) writeFileAtomic(flags.out, toJson({ ...r.posterior, population: r.population, caseIds: r.caseIds }) + '\n');
    process.stdout.write((flags.json ? toJson({ experimentId: id ?? null, ...r }) : renderCalibration(r, id)) + '\n');
    if (!flags.json && id !== undefined) process.stderr.write(`stored as experiment ${id} in ${storePath(flags)} (truce runs show ${id})\n`);
  });
}
