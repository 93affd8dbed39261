/** `truce report`: run a comparison and write it as one self-contained HTML file. */
import { renameSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { buildModel } from '../../core/engine/model.js';
import { runCeasefire } from '../../core/engine/run.js';
import { listLevers } from '../../core/scenario/levers.js';
import { renderReport, taggedAssumptions } from '../../report/report.js';
import { runComparison } from '../../shell/comparison.js';
import { progressBar } from '../../shell/progress.js';
import { addStoreOptions, addWorkerOption, buildArms, defaultWorkers, interruptible, nowIso, openStoreFor, parseList, parseVary, scenarioHash, storePath, type StoreFlags } from '../ensemble-cli.js';
import { DEFAULT_SCENARIO, loadScenario, parseSettings } from '../load-scenario.js';
import { parseSamples, parseSeed } from '../options.js';
import { readText } from '../read-document.js';
import { VERSION } from '../version.js';
import { defaultFrameworks, renderCompare } from './compare.js';
import { collect } from './run.js';

interface ReportFlags extends StoreFlags {
  frameworks?: string;
  set?: string[];
  vary?: string;
  runs: number;
  seed: number;
  days?: number;
  workers?: number;
  out: string;
  question?: string;
}

export function registerReport(program: Command): void {
  const cmd = program
    .command('report')
    .description('run a comparison and write a self-contained HTML report (charts, tables, methods, assumptions with sources)')
    .argument('[file]', 'scenario file (default: the built-in iran-israel scenario)')
    .option('--frameworks <a,b>', 'frameworks to compare')
    .option('--set <lever=value>', 'set a lever in every arm (repeatable)', collect)
    .option('--vary <lever=v1,v2,...>', 'one arm per value of a lever, for each framework')
    .option('--runs <n>', 'runs per arm', parseSamples, 2000)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--days <n>', 'horizon in days', parseSamples)
    .option('--out <file>', 'the HTML file to write', 'report.html')
    .option('--question <text>', 'the question the report answers');
  addWorkerOption(cmd);
  addStoreOptions(cmd);
  cmd.action(async (file: string | undefined, flags: ReportFlags) => {
    const path = file ?? DEFAULT_SCENARIO;
    const loaded = loadScenario(path);
    const frameworks = parseList(flags.frameworks, '--frameworks') ?? defaultFrameworks(Object.keys(loaded.scenario.frameworks));
    const arms = buildArms(loaded, frameworks, parseSettings(flags.set), parseVary(flags.vary));
    const db = openStoreFor(flags);
    const workers = flags.workers ?? defaultWorkers();
    const progress = progressBar('report', true);
    const hash = scenarioHash(loaded);
    const { output, seconds: elapsed } = await interruptible((signal) =>
      runComparison({
        scenarioName: loaded.scenario.name,
        scenarioHash: hash,
        scenarioRecord: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles },
        truceVersion: VERSION,
        arms,
        runs: flags.runs,
        seed: flags.seed,
        workers,
        days: flags.days,
        params: { frameworks, set: flags.set ?? [], vary: flags.vary ?? null, days: flags.days ?? null, report: flags.out },
        db,
        signal,
        onProgress: progress.update,
        now: nowIso,
      }),
    );
    progress.stop();
    db?.close();
    const summaries = output.arms;
    const comparisons = output.comparisons;
    const states = Object.entries(loaded.scenario.actors).filter(([, a]) => a.kind === 'state');
    const revisionist = states.find(([, a]) => a.kind === 'state' && a.role === 'revisionist')?.[0] ?? states[0][0];
    const example = runCeasefire(buildModel(arms[0].point.scenario, loaded.profiles), { seed: flags.seed, record: true, days: flags.days });
    const s = loaded.scenario;
    const html = renderReport({
      title: `How likely is the ${s.name} ceasefire to hold? ${arms.map((a) => a.label).join(' against ')}`,
      question: flags.question ?? `How likely is the ceasefire to hold for 30, 90, 180 and ${summaries[0].horizonDays} days under ${arms.map((a) => a.label).join(' and under ')}? Who breaks it first, through which mechanism, and what does the opening exchange cost?`,
      scenarioName: s.name,
      scenarioDescription: s.description,
      scenarioHash: hash,
      scenarioFile: loaded.file,
      truceVersion: VERSION,
      seed: flags.seed,
      runs: flags.runs,
      horizonDays: summaries[0].horizonDays,
      generatedAt: nowIso(),
      arms: summaries,
      comparisons,
      levers: listLevers(s),
      sources: s.sources ?? [],
      assumptions: taggedAssumptions(readText(path)),
      example: { arm: arms[0].label, seed: flags.seed, run: example, revisionist },
      experimentId: output.experimentId,
    });
    const tmp = `${flags.out}.tmp-${process.pid}`;
    writeFileSync(tmp, html);
    renameSync(tmp, flags.out);
    process.stdout.write(renderCompare(output, elapsed, workers) + '\n');
    process.stderr.write(`report written to ${flags.out}${output.experimentId !== undefined ? `; stored as experiment ${output.experimentId} in ${storePath(flags)}` : ''}\n`);
  });
}
