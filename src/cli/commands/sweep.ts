/**
 * `truce sweep`: a design over lever ranges (grid, Latin hypercube or Sobol'),
 * R runs per point, stored point by point. Each point is written in its own
 * transaction as soon as it is complete, so an interrupted sweep keeps every
 * finished point and `--resume ID` runs only the missing ones: nothing is
 * lost and nothing is repeated. The design is a function of the seed, so a
 * resumed sweep regenerates exactly the same points.
 */
import type { Command } from 'commander';
import { writeFileAtomic } from '../write-file.js';
import { grid, gridLevelsFor } from '../../core/analysis/design/grid.js';
import { latinHypercube } from '../../core/analysis/design/latin-hypercube.js';
import { SobolSequence } from '../../core/analysis/design/sobol-sequence.js';
import { summarizeArm } from '../../core/ensemble/summarize.js';
import type { ArmAccumulator } from '../../core/ensemble/accumulator.js';
import { Stream } from '../../core/rng/stream.js';
import type { CeasefireScenario } from '../../core/scenario/ceasefire-schema.js';
import type { DefenseProfile } from '../../core/engagement/schema.js';
import { streamEnsemble } from '../../shell/ensemble.js';
import { progressBar } from '../../shell/progress.js';
import { openStore } from '../../store/db.js';
import { addSweepPoint, claimExperiment, finishExperiment, getExperiment, getScenarioJson, getSweepPoints, startExperiment } from '../../store/experiments.js';
import { toCsv } from '../../store/export.js';
import { addStoreOptions, addWorkerOption, defaultWorkers, interruptible, nowIso, scenarioHash, storePath, type StoreFlags } from '../ensemble-cli.js';
import { UserError } from '../errors.js';
import { fmt, pct, table, toJson } from '../format.js';
import { DEFAULT_SCENARIO, loadScenario, parseSettings, resolveLoaded, type LoadedScenario } from '../load-scenario.js';
import { parseChoice, parseSamples, parseSeed } from '../options.js';
import { VERSION } from '../version.js';
import { collect } from './run.js';

type Design = 'grid' | 'lhs' | 'sobol';

interface SweepParams {
  design: Design;
  ranges: Record<string, [number, number]>;
  points: number;
  runsPerPoint: number;
  seed: number;
  framework: string | null;
  set: string[];
  days: number | null;
}

interface SweepFlags extends StoreFlags {
  design?: Design;
  ranges?: string;
  points?: number;
  runsPerPoint?: number;
  seed: number;
  framework?: string;
  set?: string[];
  days?: number;
  workers?: number;
  resume?: number;
  json?: boolean;
  csv?: string;
}

export function parseRanges(flag: string, loaded: LoadedScenario): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const part of flag.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^([A-Za-z][\w-]*)=(-?[\d.eE+-]+):(-?[\d.eE+-]+)$/.exec(part);
    if (!m) throw new UserError(`--ranges ${part}: expected LEVER=LO:HI, e.g. verification=0:1`);
    const [, name, loS, hiS] = m;
    const lo = Number(loS);
    const hi = Number(hiS);
    const lever = loaded.scenario.levers[name];
    if (!lever) throw new UserError(`${loaded.file}: --ranges ${name}: expected a lever of this scenario (${Object.keys(loaded.scenario.levers).join(', ')}), got ${JSON.stringify(name)}`);
    if (!(Number.isFinite(lo) && Number.isFinite(hi)) || !(lo < hi)) throw new UserError(`--ranges ${part}: expected a non-empty range LO < HI, got ${lo}:${hi}`);
    if (lo < lever.min || hi > lever.max) throw new UserError(`--ranges ${part}: expected a range within [${lever.min}, ${lever.max}], got [${lo}, ${hi}]`);
    if (Object.hasOwn(out, name)) throw new UserError(`--ranges ${name}: expected each lever once, found it twice`);
    out[name] = [lo, hi];
  }
  if (Object.keys(out).length === 0) throw new UserError('--ranges: expected at least one LEVER=LO:HI');
  return out;
}

/** The design's points in lever units; deterministic in (design, ranges, points, seed). */
export function designPoints(p: Pick<SweepParams, 'design' | 'ranges' | 'points' | 'seed'>): Record<string, number>[] {
  const names = Object.keys(p.ranges);
  const k = names.length;
  const rng = Stream.derive(p.seed, 'sweep-design');
  let unit: number[][];
  if (p.design === 'grid') unit = grid(gridLevelsFor(p.points, k), k);
  else if (p.design === 'lhs') unit = latinHypercube(p.points, k, rng);
  else {
    const seq = new SobolSequence(k, rng);
    unit = Array.from({ length: p.points }, () => seq.next());
  }
  return unit.map((u) => Object.fromEntries(names.map((n, i) => [n, p.ranges[n][0] + u[i] * (p.ranges[n][1] - p.ranges[n][0])])));
}

function pointOutcomes(acc: ArmAccumulator) {
  const s = summarizeArm(acc, { label: '', framework: null, levers: {} });
  return {
    runs: s.runs,
    collapsed: s.collapsed,
    pCollapse: s.pCollapse,
    medianDay: s.medianDay,
    meanSurvivalDays: s.survival.reduce((t, p, i) => (i === 0 ? t : t + p.s), 0),
    firstCrosser: s.firstCrosser,
    attribution: s.attribution,
    meanInterceptorsUsed: s.distributions.interceptorsUsed.mean,
    meanDefenderCostUsd: s.distributions.defenderCostUsd.mean,
  };
}

export function registerSweep(program: Command): void {
  const cmd = program
    .command('sweep')
    .description('a design over lever ranges with runs per point, stored as a table for analysis elsewhere (resumable)')
    .argument('[file]', 'scenario file (default: the built-in iran-israel scenario)')
    .option('--design <d>', 'grid | lhs | sobol', parseChoice(['grid', 'lhs', 'sobol'] as const))
    .option('--ranges <lever=lo:hi,...>', 'levers and their ranges')
    .option('--points <n>', 'design points (grid: about n, levels^k)', parseSamples)
    .option('--runs-per-point <r>', 'runs at each point', parseSamples)
    .option('--seed <s>', 'seed (design and runs)', parseSeed, 1)
    .option('--framework <name>', 'framework (default: the scenario\'s)')
    .option('--set <lever=value>', 'fix a lever at every point (repeatable)', collect)
    .option('--days <n>', 'horizon in days', parseSamples)
    .option('--resume <id>', 'continue an interrupted sweep', parseSamples)
    .option('--json', 'print JSON')
    .option('--csv <file>', 'also write the table (one row per point) to FILE');
  addWorkerOption(cmd);
  addStoreOptions(cmd);
  cmd.action(async (file: string | undefined, flags: SweepFlags) => {
    if (flags.store === false) throw new UserError('truce sweep stores its points as it goes: --no-store is not available (use --db to choose the file)');
    const db = openStore(storePath(flags));
    let id: number;
    let params: SweepParams;
    let loaded: LoadedScenario;
    if (flags.resume !== undefined) {
      const e = getExperiment(db, flags.resume);
      if (!e || e.kind !== 'sweep') throw new UserError(`--resume ${flags.resume}: expected the id of a sweep in ${storePath(flags)}, found ${e ? `a ${e.kind}` : 'nothing'}`);
      if (e.status === 'complete') throw new UserError(`--resume ${flags.resume}: that sweep is already complete`);
      claimExperiment(db, e.id, storePath(flags));
      id = e.id;
      params = e.params as unknown as SweepParams;
      const stored = getScenarioJson(db, id) as { file: string; scenario: CeasefireScenario; profiles: Record<string, DefenseProfile>; document: unknown };
      loaded = { file: stored.file, scenario: stored.scenario, profiles: stored.profiles, raw: stored.document };
    } else {
      loaded = loadScenario(file ?? DEFAULT_SCENARIO);
      if (!flags.design) throw new UserError('--design: expected grid, lhs or sobol');
      if (!flags.ranges) throw new UserError('--ranges: expected LEVER=LO:HI,...');
      if (!flags.points) throw new UserError('--points: expected a number of points >= 1');
      if (!flags.runsPerPoint) throw new UserError('--runs-per-point: expected a number of runs >= 1');
      params = { design: flags.design, ranges: parseRanges(flags.ranges, loaded), points: flags.points, runsPerPoint: flags.runsPerPoint, seed: flags.seed, framework: flags.framework ?? null, set: flags.set ?? [], days: flags.days ?? null };
      // Check the framework and fixed levers before anything is stored.
      const fixedLevers = parseSettings(params.set);
      const both = Object.keys(params.ranges).filter((k) => Object.hasOwn(fixedLevers, k));
      if (both.length) throw new UserError(`--ranges ${both[0]}: expected a lever either swept by --ranges or fixed by --set, found it in both`);
      resolveLoaded(loaded, params.framework ?? undefined, fixedLevers);
      id = startExperiment(db, {
        kind: 'sweep',
        truceVersion: VERSION,
        scenarioName: loaded.scenario.name,
        scenarioHash: scenarioHash(loaded),
        scenario: { file: loaded.file, scenario: loaded.scenario, profiles: loaded.profiles, document: loaded.raw },
        seed: params.seed,
        runs: params.runsPerPoint,
        params: params as unknown as Record<string, unknown>,
        createdAt: nowIso(),
      });
    }
    const points = designPoints(params);
    const done = new Set(getSweepPoints(db, id).map((p) => p.point));
    const todo = points.map((levers, i) => ({ i, levers })).filter((p) => !done.has(p.i));
    const fixed = parseSettings(params.set);
    // Resolved as the ensemble reaches them, so memory does not grow with the design.
    const design = { count: todo.length, get: (k: number) => ({ scenario: resolveLoaded(loaded, params.framework ?? undefined, { ...fixed, ...todo[k].levers }).scenario, profiles: loaded.profiles }) };
    const workers = flags.workers ?? defaultWorkers();
    const started = Date.now();
    const progress = progressBar(`sweep ${id}`, !flags.json);
    if (!flags.json) process.stderr.write(`sweep ${id}: ${todo.length} of ${points.length} points to run (${done.size} already stored) in ${storePath(flags)}\n`);
    await interruptible((signal) =>
      streamEnsemble(design, {
        runs: params.runsPerPoint,
        seed: params.seed,
        workers,
        days: params.days ?? undefined,
        signal,
        onProgress: progress.update,
        onPointDone: (k, acc) => addSweepPoint(db, id, todo[k].i, todo[k].levers, pointOutcomes(acc)),
      }),
    ).catch((err) => {
      progress.stop();
      if (err instanceof UserError && err.exitCode === 130) throw new UserError(`interrupted: the finished points of sweep ${id} are stored; continue with truce sweep --resume ${id}`, 130);
      throw err;
    });
    progress.stop();
    const rows = getSweepPoints(db, id);
    const summary = { points: rows.length, design: params.design, ranges: params.ranges };
    finishExperiment(db, id, nowIso(), summary, { seconds: (Date.now() - started) / 1000, workers });
    db.close();
    const flat = rows.map((r) => ({ experiment: id, point: r.point, ...Object.fromEntries(Object.entries(r.levers).map(([k, v]) => [`lever_${k}`, v])), ...flatOutcomes(r.outcomes) }));
    if (flags.csv) {
      writeFileAtomic(flags.csv, toCsv(flat));
    }
    if (flags.json) process.stdout.write(toJson({ experimentId: id, ...summary, rows: flat }) + '\n');
    else {
      const names = Object.keys(params.ranges);
      process.stdout.write(
        table(
          ['point', ...names, 'P(collapse)', 'median day', 'defender cost'],
          rows.slice(0, 30).map((r) => [r.point, ...names.map((n) => fmt(r.levers[n], 3)), pct((r.outcomes.pCollapse as { estimate: number }).estimate, 1), (r.outcomes.medianDay as number | null) ?? '-', `$${(((r.outcomes.meanDefenderCostUsd as number) ?? 0) / 1e6).toFixed(0)} M`]),
        ) + `${rows.length > 30 ? `\n... ${rows.length - 30} more (truce runs export ${id})` : ''}\nsweep ${id} complete: ${rows.length} points stored in ${storePath(flags)}\n`,
      );
    }
  });
}

export function flatOutcomes(o: Record<string, unknown>): Record<string, number | null> {
  const p = o.pCollapse as { estimate: number; lo: number; hi: number };
  const out: Record<string, number | null> = {
    runs: o.runs as number,
    collapsed: o.collapsed as number,
    p_collapse: p.estimate,
    p_collapse_lo: p.lo,
    p_collapse_hi: p.hi,
    median_day: o.medianDay as number | null,
    mean_survival_days: o.meanSurvivalDays as number,
    mean_interceptors_used: o.meanInterceptorsUsed as number | null,
    mean_defender_cost_usd: o.meanDefenderCostUsd as number | null,
  };
  for (const [k, v] of Object.entries(o.firstCrosser as Record<string, number>)) out[`first_crosser_${k}`] = v;
  for (const [k, v] of Object.entries(o.attribution as Record<string, number>)) out[`attribution_${k.replace(/-/g, '_')}`] = v;
  return out;
}
