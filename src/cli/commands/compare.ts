/** `truce compare`: arms (frameworks x --vary values), survival, comparison, stored. */
import type { Command } from 'commander';
import { writeFileAtomic } from '../write-file.js';
import { runComparison, type ComparisonOutput } from '../../shell/comparison.js';
import { progressBar } from '../../shell/progress.js';
import { armRows, toCsv } from '../../store/export.js';
import { addStoreOptions, addWorkerOption, buildArms, defaultWorkers, interruptible, nowIso, openStoreFor, parseList, parseVary, scenarioHash, storePath, type StoreFlags } from '../ensemble-cli.js';
import { fmt, pct, table, toJson } from '../format.js';
import { DEFAULT_SCENARIO, loadScenario, parseSettings } from '../load-scenario.js';
import { parseSamples, parseSeed } from '../options.js';
import { survivalPlot } from '../plot.js';
import { VERSION } from '../version.js';
import { collect } from './run.js';


export type CompareOutput = ComparisonOutput;

/** The options every comparison command shares (compare, report). */
export function addComparisonOptions(cmd: Command): Command {
  cmd
    .argument('[file]', 'scenario file (default: the built-in iran-israel scenario)')
    .option('--frameworks <a,b>', 'frameworks to compare (default: transactional-freeze,structural-architecture)')
    .option('--set <lever=value>', 'set a lever in every arm (repeatable)', collect)
    .option('--vary <lever=v1,v2,...>', 'one arm per value of a lever, for each framework')
    .option('--runs <n>', 'runs per arm', parseSamples, 2000)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--days <n>', 'horizon in days', parseSamples);
  addWorkerOption(cmd);
  addStoreOptions(cmd);
  return cmd;
}

export interface ComparisonFlags extends StoreFlags {
  frameworks?: string;
  set?: string[];
  vary?: string;
  runs: number;
  seed: number;
  workers?: number;
  days?: number;
}

/** Load the scenario, build the arms, run and store the comparison the flags describe. */
export async function compareFromFlags(file: string | undefined, flags: ComparisonFlags, extra: { progress: boolean; params?: Record<string, unknown> }) {
  const loaded = loadScenario(file ?? DEFAULT_SCENARIO);
  const frameworks = parseList(flags.frameworks, '--frameworks') ?? defaultFrameworks(Object.keys(loaded.scenario.frameworks));
  const arms = buildArms(loaded, frameworks, parseSettings(flags.set), parseVary(flags.vary));
  const db = openStoreFor(flags);
  const workers = flags.workers ?? defaultWorkers();
  const progress = progressBar('compare', extra.progress);
  try {
    const { output, seconds } = await interruptible((signal) =>
      runComparison({
        scenarioName: loaded.scenario.name,
        scenarioHash: scenarioHash(loaded),
        scenarioRecord: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles },
        truceVersion: VERSION,
        arms,
        runs: flags.runs,
        seed: flags.seed,
        workers,
        days: flags.days,
        params: { frameworks, set: flags.set ?? [], vary: flags.vary ?? null, days: flags.days ?? null, ...extra.params },
        db,
        signal,
        onProgress: progress.update,
        now: nowIso,
      }),
    );
    return { loaded, arms, output, seconds, workers };
  } finally {
    progress.stop();
    db?.close();
  }
}

interface CompareFlags extends ComparisonFlags {
  json?: boolean;
  csv?: string;
}

export function registerCompare(program: Command): void {
  const cmd = program.command('compare').description('ensembles of the ceasefire under each framework (times each --vary value): survival, P(collapse by day), who breaks it and why');
  addComparisonOptions(cmd).option('--json', 'print one JSON object').option('--csv <file>', 'also write the tidy long-form table to FILE');
  cmd.action(async (file: string | undefined, flags: CompareFlags) => {
    const { output, seconds, workers } = await compareFromFlags(file, flags, { progress: !flags.json });
    if (flags.csv) {
      writeFileAtomic(flags.csv, toCsv(output.arms.flatMap((s) => armRows(output.experimentId ?? 0, 'compare', s))));
    }
    process.stdout.write((flags.json ? toJson(output) : renderCompare(output, seconds, workers)) + '\n');
    if (!flags.json && output.experimentId !== undefined) process.stderr.write(`stored as experiment ${output.experimentId} in ${storePath(flags)} (truce runs show ${output.experimentId})\n`);
  });
}

export function defaultFrameworks(available: string[]): string[] {
  const wanted = ['transactional-freeze', 'structural-architecture'].filter((f) => available.includes(f));
  return wanted.length ? wanted : available.slice(0, 2);
}

const ci = (p: { estimate: number; lo: number; hi: number }) => `${pct(p.estimate, 1)} [${pct(p.lo, 1)}, ${pct(p.hi, 1)}]`;

export function renderCompare(o: CompareOutput, seconds: number, workers: number): string {
  const out: string[] = [];
  out.push(`Scenario ${o.scenario}: ${o.runs} runs per arm, seed ${o.seed}, horizon ${o.horizonDays} days (${seconds.toFixed(1)} s on ${workers} worker${workers > 1 ? 's' : ''})`);
  out.push('');
  const days = Object.keys(o.arms[0]?.pCollapseBy ?? {});
  out.push('P(collapse by day d), 95% Wilson interval:');
  out.push(table(['arm', ...days.map((d) => `by day ${d}`), 'median day'], o.arms.map((a) => [a.label, ...days.map((d) => ci(a.pCollapseBy[d])), a.medianDay ?? `> ${a.horizonDays}`])));
  out.push('');
  out.push('Who breaks it, and through which pillar (shares of collapses):');
  out.push(
    table(
      ['arm', 'collapses', 'first crosser', 'pre-emptive', 'attribution (mean share)'],
      o.arms.map((a) => [
        a.label,
        a.collapsed,
        Object.entries(a.firstCrosser).map(([k, v]) => `${k} ${pct(v, 0)}`).join(', ') || '-',
        a.collapsed ? pct(a.preemptiveShare, 0) : '-',
        Object.entries(a.attribution).filter(([, v]) => v >= 0.005).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${pct(v, 0)}`).join(', ') || '-',
      ]),
      [false, true, false, true, false],
    ),
  );
  out.push('');
  out.push('If it breaks: the opening exchange (per collapsed run) and interceptors used over the run:');
  out.push(
    table(
      ['arm', 'leakers p50 [p05, p95]', 'interceptors mean', 'defender cost p50', 'attacker cost p50'],
      o.arms.map((a) => {
        const d = a.distributions;
        const q = (x: { p50: number | null; p05: number | null; p95: number | null }) => (x.p50 === null ? '-' : `${fmt(x.p50, 0)} [${fmt(x.p05!, 0)}, ${fmt(x.p95!, 0)}]`);
        const usdM = (x: number | null) => (x === null ? '-' : `$${(x / 1e6).toFixed(0)} M`);
        return [a.label, q(d.openingLeakers), d.interceptorsUsed.mean === null ? '-' : fmt(d.interceptorsUsed.mean, 0), usdM(d.defenderCostUsd.p50), usdM(d.attackerCostUsd.p50)];
      }),
      [false, true, true, true, true],
    ),
  );
  if (o.comparisons.length) {
    out.push('');
    out.push(`Against ${o.comparisons[0].a}: hazard ratio of collapse (Cox, Efron ties) and log-rank test:`);
    const p = (x: number) => (x < 1e-16 ? '< 1e-16' : x < 1e-4 ? x.toExponential(1) : fmt(x, 4));
    out.push(table(['arm', 'hazard ratio [95% CI]', 'log-rank p'], o.comparisons.map((c) => [c.b, c.hazardRatio === null ? (c.note ?? "not estimable") : `${fmt(c.hazardRatio, 2)} [${fmt(c.hrLo!, 2)}, ${fmt(c.hrHi!, 2)}]`, p(c.logRankP)])));
  }
  out.push('');
  out.push(survivalPlot(o.arms.map((a) => ({ label: a.label, points: a.survival }))));
  return out.join('\n');
}
