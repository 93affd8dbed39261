/**
 * `truce sensitivity`: Morris screening or Sobol indices over chosen levers
 * for one output of an ensemble, or on the Ishigami test function to check
 * the method. Runs at every design point share replicate streams (common
 * random numbers), so differences between points are not sampling noise.
 */
import type { Command } from 'commander';
import { morrisAnalyze, morrisSample } from '../../core/analysis/sensitivity/morris.js';
import { scalePoints } from '../../core/analysis/sensitivity/scale.js';
import { saltelliSample, sobolAnalyze } from '../../core/analysis/sensitivity/sobol-indices.js';
import { ishigami } from '../../core/analysis/sensitivity/test-functions.js';
import { summarizeArm } from '../../core/ensemble/summarize.js';
import type { ArmAccumulator } from '../../core/ensemble/accumulator.js';
import { Stream } from '../../core/rng/stream.js';
import { streamEnsemble } from '../../shell/ensemble.js';
import { progressBar } from '../../shell/progress.js';
import { saveExperiment } from '../../store/experiments.js';
import { addStoreOptions, addWorkerOption, defaultWorkers, interruptible, nowIso, openStoreFor, parseList, scenarioHash, storePath, type StoreFlags } from '../ensemble-cli.js';
import { UserError } from '../errors.js';
import { fmt, table, toJson } from '../format.js';
import { DEFAULT_SCENARIO, loadScenario, parseSettings, resolveLoaded } from '../load-scenario.js';
import { parseChoice, parseSamples, parseSeed } from '../options.js';
import { VERSION } from '../version.js';
import { collect } from './run.js';

export const OUTPUTS = {
  pCollapse: 'P(collapse by the horizon)',
  medianDay: 'median day of collapse (the horizon when not reached)',
  meanSurvivalDays: 'restricted mean survival time, days',
  meanDefenderCost: "mean defender cost over the run, USD",
  meanInterceptors: 'mean interceptors used over the run',
} as const;
type OutputName = keyof typeof OUTPUTS;

export function outputOf(acc: ArmAccumulator, output: OutputName): number {
  const s = summarizeArm(acc, { label: '', framework: null, levers: {} });
  switch (output) {
    case 'pCollapse':
      return s.pCollapse.estimate;
    case 'medianDay':
      return s.medianDay ?? s.horizonDays;
    case 'meanSurvivalDays':
      return s.survival.reduce((t, p, i) => (i === 0 ? t : t + p.s), 0);
    case 'meanDefenderCost':
      return s.distributions.defenderCostUsd.mean ?? 0;
    case 'meanInterceptors':
      return s.distributions.interceptorsUsed.mean ?? 0;
  }
}

interface SensitivityFlags extends StoreFlags {
  method: 'morris' | 'sobol';
  levers?: string;
  output: OutputName;
  samples: number;
  runsPerPoint: number;
  seed: number;
  framework?: string;
  set?: string[];
  days?: number;
  workers?: number;
  testFunction?: 'ishigami';
  levels: number;
  json?: boolean;
}

export function registerSensitivity(program: Command): void {
  const cmd = program
    .command('sensitivity')
    .description('which levers matter: Morris elementary effects or Sobol indices, for an ensemble output (or a test function)')
    .argument('[file]', 'scenario file (default: the built-in iran-israel scenario)')
    .option('--method <m>', 'morris | sobol', parseChoice(['morris', 'sobol'] as const), 'morris')
    .option('--levers <a,b,...>', 'levers to vary over their full ranges')
    .option('--output <metric>', Object.keys(OUTPUTS).join(' | '), parseChoice(Object.keys(OUTPUTS) as OutputName[]), 'pCollapse')
    .option('--samples <n>', 'Sobol: base sample N (N (k + 2) points); Morris: trajectories', parseSamples, 64)
    .option('--runs-per-point <r>', 'ensemble runs at each design point', parseSamples, 200)
    .option('--levels <p>', 'Morris grid levels (even)', parseSamples, 4)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--framework <name>', 'framework (default: the scenario\'s)')
    .option('--set <lever=value>', 'fix a lever (repeatable)', collect)
    .option('--days <n>', 'horizon in days', parseSamples)
    .option('--test-function <name>', 'validate the method on a test function: ishigami', parseChoice(['ishigami'] as const))
    .option('--json', 'print JSON');
  addWorkerOption(cmd);
  addStoreOptions(cmd);
  cmd.action(async (file: string | undefined, flags: SensitivityFlags) => {
    if (flags.method === 'morris' && flags.levels % 2 !== 0) throw new UserError(`--levels: expected an even number of grid levels, got ${flags.levels}`);
    const bootRng = Stream.derive(flags.seed, 'sensitivity', 'bootstrap');
    const designRng = Stream.derive(flags.seed, 'sensitivity', 'design');
    let names: string[];
    let bounds: [number, number][];
    let evaluate: (x: number[][]) => Promise<number[]>;
    let label: string;
    let storeExtra: Record<string, unknown> = {};
    const db = flags.testFunction ? null : openStoreFor(flags);
    if (flags.testFunction === 'ishigami') {
      names = ishigami.factors;
      bounds = ishigami.bounds;
      evaluate = async (x) => x.map((p) => ishigami.evaluate(p));
      label = 'Ishigami function (a = 7, b = 0.1)';
    } else {
      const loaded = loadScenario(file ?? DEFAULT_SCENARIO);
      names = parseList(flags.levers, '--levers') ?? [];
      if (names.length === 0) throw new UserError('--levers: expected the levers to analyse, e.g. --levers verification,specificity,faceSaving');
      for (const n of names) if (!loaded.scenario.levers[n]) throw new UserError(`${loaded.file}: --levers ${n}: expected a lever of this scenario (${Object.keys(loaded.scenario.levers).join(', ')}), got ${JSON.stringify(n)}`);
      bounds = names.map((n) => [loaded.scenario.levers[n].min, loaded.scenario.levers[n].max]);
      const fixed = parseSettings(flags.set);
      resolveLoaded(loaded, flags.framework, fixed);
      const workers = flags.workers ?? defaultWorkers();
      label = `${OUTPUTS[flags.output]}, ${flags.runsPerPoint} runs per point`;
      storeExtra = { scenarioName: loaded.scenario.name, scenarioHash: scenarioHash(loaded), scenario: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles } };
      evaluate = async (x) => {
        // Points are resolved as the ensemble reaches them and only the output is kept, so memory
        // does not grow with the design (all twelve levers at N = 1,024 is 14,336 points).
        const points = {
          count: x.length,
          get: (k: number) => ({ scenario: resolveLoaded(loaded, flags.framework, { ...fixed, ...Object.fromEntries(names.map((n, i) => [n, x[k][i]])) }).scenario, profiles: loaded.profiles }),
        };
        const y = new Array<number>(x.length);
        const progress = progressBar('sensitivity', !flags.json);
        await interruptible((signal) => streamEnsemble(points, { runs: flags.runsPerPoint, seed: flags.seed, workers, days: flags.days, signal, onProgress: progress.update, onPointDone: (k, acc) => (y[k] = outputOf(acc, flags.output)) }));
        progress.stop();
        return y;
      };
    }
    const started = Date.now();
    let indices: Record<string, Record<string, number>>;
    if (flags.method === 'sobol') {
      const design = saltelliSample(names.length, flags.samples, designRng);
      const x = scalePoints(design.unit, bounds);
      const y = await evaluate(x);
      const idx = sobolAnalyze(design, y, bootRng);
      indices = Object.fromEntries(names.map((n, i) => [n, { ...idx[i] }]));
    } else {
      const design = morrisSample(names.length, flags.samples, flags.levels, designRng);
      const x = scalePoints(design.unit, bounds);
      const y = await evaluate(x);
      const idx = morrisAnalyze(design, x, y, bootRng);
      indices = Object.fromEntries(names.map((n, i) => [n, { ...idx[i] }]));
    }
    const output = { method: flags.method, target: flags.testFunction ?? 'scenario', output: flags.testFunction ? 'f(x)' : flags.output, samples: flags.samples, seed: flags.seed, indices } as Record<string, unknown>;
    if (db) {
      output.experimentId = saveExperiment(db, {
        kind: 'sensitivity',
        truceVersion: VERSION,
        ...storeExtra,
        seed: flags.seed,
        runs: flags.runsPerPoint,
        params: { method: flags.method, levers: names, output: flags.output, samples: flags.samples, levels: flags.levels, framework: flags.framework ?? null, set: flags.set ?? [], days: flags.days ?? null },
        timings: { seconds: (Date.now() - started) / 1000 },
        summary: output,
        createdAt: nowIso(),
      } as Parameters<typeof saveExperiment>[1]);
      db.close();
    }
    if (flags.json) {
      process.stdout.write(toJson(output) + '\n');
      return;
    }
    const out = [`${flags.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'} of ${label} (seed ${flags.seed}):`];
    if (flags.method === 'sobol') out.push(table(['factor', 'S1 [95% CI]', 'ST [95% CI]'], names.map((n) => { const v = indices[n]; return [n, `${fmt(v.S1, 3)} [${fmt(v.S1Lo, 3)}, ${fmt(v.S1Hi, 3)}]`, `${fmt(v.ST, 3)} [${fmt(v.STLo, 3)}, ${fmt(v.STHi, 3)}]`]; })));
    else out.push(table(['factor', 'mu*', 'mu* 95% CI', 'mu', 'sigma'], [...names].sort((a, b) => indices[b].muStar - indices[a].muStar).map((n) => { const v = indices[n]; return [n, fmt(v.muStar, 4), `[${fmt(v.muStarLo, 4)}, ${fmt(v.muStarHi, 4)}]`, fmt(v.mu, 4), fmt(v.sigma, 4)]; })));
    if (output.experimentId !== undefined) out.push(`stored as experiment ${output.experimentId} in ${storePath(flags)}`);
    process.stdout.write(out.join('\n') + '\n');
  });
}
