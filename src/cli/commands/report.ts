/** `truce report`: run a comparison and write it as one self-contained HTML file. */
import type { Command } from 'commander';
import { writeFileAtomic } from '../write-file.js';
import { buildModel } from '../../core/engine/model.js';
import { runCeasefire } from '../../core/engine/run.js';
import { listLevers } from '../../core/scenario/levers.js';
import { renderReport, taggedAssumptions } from '../../report/report.js';
import { nowIso, storePath } from '../ensemble-cli.js';
import { DEFAULT_SCENARIO } from '../load-scenario.js';
import { readText } from '../read-document.js';
import { VERSION } from '../version.js';
import { addComparisonOptions, compareFromFlags, renderCompare, type ComparisonFlags } from './compare.js';

interface ReportFlags extends ComparisonFlags {
  out: string;
  question?: string;
}

export function registerReport(program: Command): void {
  const cmd = program.command('report').description('run a comparison and write a self-contained HTML report (charts, tables, methods, assumptions with sources)');
  addComparisonOptions(cmd).option('--out <file>', 'the HTML file to write', 'report.html').option('--question <text>', 'the question the report answers');
  cmd.action(async (file: string | undefined, flags: ReportFlags) => {
    const path = file ?? DEFAULT_SCENARIO;
    const { loaded, arms, output, seconds: elapsed, workers } = await compareFromFlags(path, flags, { progress: true, params: { report: flags.out } });
    const summaries = output.arms;
    const comparisons = output.comparisons;
    const hash = output.scenarioHash;
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
    writeFileAtomic(flags.out, html);
    process.stdout.write(renderCompare(output, elapsed, workers) + '\n');
    process.stderr.write(`report written to ${flags.out}${output.experimentId !== undefined ? `; stored as experiment ${output.experimentId} in ${storePath(flags)}` : ''}\n`);
  });
}
