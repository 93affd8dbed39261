/**
 * The data of a report: a comparison, the scenario's levers and tagged
 * assumptions, and one run of the first arm told as a story. The HTML is
 * drawn by src/report/report.ts from this and nothing else.
 */
import { basename, isAbsolute } from 'node:path';
import { buildModel } from '../core/engine/model.js';
import { runCeasefire } from '../core/engine/run.js';
import { listLevers } from '../core/scenario/levers.js';
import { getPath } from '../core/scenario/paths.js';
import type { CeasefireScenario } from '../core/scenario/ceasefire-schema.js';
import type { ArmDifference, ReportInput } from '../report/report-input.js';
import type { Arm } from './arms.js';
import type { ArmPosterior } from './posterior-ensemble.js';
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
      `How likely is the ceasefire to hold for ${inWords(Object.keys(summaries[0].pCollapseBy))} days under ${arms.map((a) => a.label).join(' and under ')}? Who breaks it first, through which mechanism, and what does the opening exchange cost?`,
    scenarioName: s.name,
    scenarioDescription: s.description,
    // Named as the report names the file (no local folders in a report mailed on).
    scenarioWarnings: (output.scenarioWarnings ?? []).map((w) =>
      w.startsWith(`${loaded.file}:`) ? reportedName(loaded.file) + w.slice(loaded.file.length) : w,
    ),
    scenarioHash: output.scenarioHash,
    scenarioFile: reportedName(loaded.file),
    truceVersion: output.truceVersion,
    seed: req.seed,
    runs: result.output.runs,
    posterior: result.output.posterior,
    posteriorDraws: result.output.posteriorDraws,
    posteriorCarried: result.output.posteriorCarried,
    posteriorWarning: result.output.posteriorWarning,
    armDifferences: armDifferences(s, arms, result.output.posteriorCarried ?? []),
    horizonDays: summaries[0].horizonDays,
    collapseRung: arms[0].point.scenario.collapseRung,
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

/** "30, 90 and 180": the days the table reports, as the question asks them (never a day it does not report). */
export function inWords(days: readonly string[]): string {
  return days.length > 1 ? `${days.slice(0, -1).join(', ')} and ${days[days.length - 1]}` : (days[0] ?? '');
}

const num = (x: number) => String(+x.toPrecision(3));
const shown = (v: unknown) =>
  v === undefined ? 'unset (default)' : typeof v === 'number' ? num(v) : typeof v === 'string' ? v : JSON.stringify(v);

/**
 * What differs between the arms besides the levers: each path a compared framework's `set` writes (its
 * value in every arm, resolved), and each path a posterior parameter is carried to (in an arm that carries
 * it, its median and range over the draws; in one that does not, the value as written).
 */
export function armDifferences(
  scenario: CeasefireScenario,
  arms: readonly Arm[],
  carried: readonly ArmPosterior[],
): ArmDifference[] {
  const setOf = (a: Arm) => (a.framework ? (scenario.frameworks[a.framework]?.set ?? {}) : {});
  const setPaths = [...new Set(arms.flatMap((a) => Object.keys(setOf(a))))];
  const rows: ArmDifference[] = setPaths.map((path) => {
    const values = arms.map((a) => shown(getPath(a.point.scenario, path)));
    const by = [...new Set(arms.filter((a) => Object.hasOwn(setOf(a), path)).map((a) => a.framework))];
    // Kept when it changes nothing, so a reader sees the frameworks whole, but marked: the report lists it
    // apart from the differences.
    const differs = new Set(values).size > 1;
    return {
      path,
      basis: `set by framework ${by.join(', ')} (not a lever); elsewhere the scenario's value${differs ? '' : '; the same value in every arm'}`,
      values,
      differs,
    };
  });
  const paramPaths = [...new Set(carried.flatMap((c) => c.parameters.flatMap((p) => p.paths)))];
  for (const path of paramPaths)
    rows.push({
      path,
      differs: true,
      basis: 'drawn from the posterior where carried (median, range across the draws); elsewhere as written',
      values: arms.map((a, i) => {
        const c = carried[i];
        const p = c?.parameters.find((q) => q.paths.includes(path));
        return p
          ? `${num(p.median)} [${num(p.min)}, ${num(p.max)}], posterior ${p.name}, ${p.distinct} distinct of ${c.draws} draws`
          : `${shown(getPath(a.point.scenario, path))} as written`;
      }),
    });
  return rows;
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

/**
 * A scenario warning (FILE:LINE: PATH: ...) with its file named as the report names files (reportedName): for a
 * warning stored with an experiment, whose scenario file the report was not given.
 */
export function reportedWarning(w: string): string {
  const m = /^(.+?):(\d+): /.exec(w);
  return m ? reportedName(m[1]) + w.slice(m[1].length) : w;
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
