/**
 * The data of a report: a comparison, the scenario's levers and tagged
 * assumptions, and one run of the first arm told as a story. The HTML is
 * drawn by src/report/report.ts from this and nothing else.
 */
import { basename, isAbsolute } from 'node:path';
import { buildModel } from '../core/engine/model.js';
import { runCeasefire } from '../core/engine/run.js';
import { listLevers } from '../core/scenario/levers.js';
import type { ReportInput } from '../report/report-input.js';
import { taggedAssumptions } from '../report/assumptions.js';
import { wallClock, type UseCaseContext } from './context.js';
import { compare, type CompareRequest, type CompareResult } from './compare.js';
import { FLAG_NAMES, statesByRole, type InputNames, type LoadedScenario } from './scenario.js';

export interface ReportRequest extends CompareRequest {
  question?: string;
}

export function reportData(
  loaded: LoadedScenario,
  req: ReportRequest,
  result: CompareResult,
  now: () => string = wallClock,
): ReportInput {
  const { output, arms } = result;
  const summaries = output.arms;
  const s = loaded.scenario;
  const { revisionist } = statesByRole(s);
  const example = runCeasefire(buildModel(arms[0].point.scenario, loaded.profiles), {
    seed: req.seed,
    record: true,
    days: req.days,
  });
  return {
    title: `How likely is the ${s.name} ceasefire to hold? ${arms.map((a) => a.label).join(' against ')}`,
    question:
      req.question ??
      `How likely is the ceasefire to hold for 30, 90, 180 and ${summaries[0].horizonDays} days under ${arms.map((a) => a.label).join(' and under ')}? Who breaks it first, through which mechanism, and what does the opening exchange cost?`,
    scenarioName: s.name,
    scenarioDescription: s.description,
    scenarioHash: output.scenarioHash,
    scenarioFile: reportedName(loaded.file),
    truceVersion: output.truceVersion,
    seed: req.seed,
    runs: result.output.runs,
    posterior: result.output.posterior,
    horizonDays: summaries[0].horizonDays,
    generatedAt: now(),
    arms: summaries,
    comparisons: output.comparisons,
    levers: listLevers(s),
    sources: s.sources ?? [],
    assumptions: taggedAssumptions(loaded.text ?? ''),
    example: { arm: arms[0].label, seed: req.seed, run: example, revisionist },
    experimentId: output.experimentId,
  };
}

/**
 * How the report names the scenario file: a path inside the package or
 * relative to the working folder as given, anything else (an absolute path,
 * a path climbing out with `..`) by its file name, so a report mailed on
 * carries no local folder names.
 */
export function reportedName(file: string): string {
  return isAbsolute(file) || file.split(/[\\/]/).includes('..') ? basename(file) : file;
}

/** Run the comparison and gather the report's data. */
export async function report(
  loaded: LoadedScenario,
  req: ReportRequest,
  ctx: UseCaseContext,
  names: InputNames = FLAG_NAMES,
): Promise<{ input: ReportInput; result: CompareResult }> {
  const result = await compare(loaded, req, ctx, names);
  return { input: reportData(loaded, req, result, ctx.now), result };
}
