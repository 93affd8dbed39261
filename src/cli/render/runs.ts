/** `truce runs list`: what each experiment varied, in full (the table wraps it to the width, never cuts it). */
import type { ExperimentRecord } from '../../store/experiments.js';
import type { AblationOutput } from '../../app/ablate.js';
import type { CalibrationResult } from '../../app/calibrate.js';
import type { ComparisonOutput } from '../../app/compare.js';
import { describeParams, designText } from '../../app/contract.js';
import type { FactsOutput } from '../../app/facts.js';
import { describeRunRows, describeScenarioWarnings, type ListedRun, type ShownRun } from '../../app/runs.js';
import { OUTPUTS, type OutputName, type SensitivityOutput } from '../../app/sensitivity.js';
import type { SweepOutput } from '../../app/sweep.js';
import { renderAblation } from './ablate.js';
import { renderCalibration } from './calibrate.js';
import { renderCompare } from './compare.js';
import { renderFacts } from './facts.js';
import { outputWidth, table, tableLines, toJson, wrapText } from './format.js';
import { renderSensitivity } from './sensitivity.js';
import { renderSweep } from './sweep.js';

export { describeParams };

/** Below this many characters for "what was varied", it goes on its own lines under each row instead. */
const NARROWEST_DESCRIPTION = 30;

/**
 * The list as a table. A `design` column (a sensitivity analysis's method and size, a sweep's design) is added
 * after `seed` when some experiment has one, so a store of comparisons lists as it always did.
 */
export function renderRunsList(list: readonly (ExperimentRecord | ListedRun)[], width = outputWidth()): string {
  const designed = list.some((e) => 'design' in e && e.design);
  const header = ['id', 'kind', 'status', 'created', 'scenario', 'runs', 'seed', ...(designed ? ['design'] : [])];
  const align = [true, false, false, false, false, true, true, ...(designed ? [false] : [])];
  const rows = list.map((e) => [
    e.id,
    e.kind,
    e.status,
    e.createdAt.replace('T', ' ').slice(0, 19),
    e.scenarioName ?? '-',
    e.runs ?? '-',
    e.seed ?? '-',
    ...(designed ? [designText(e.kind, 'design' in e ? e.design : undefined)] : []),
  ]);
  const said = list.map((e) => describeParams(e.params) || '-');
  const natural = tableLines(header, rows, align, Infinity).head[0].length;
  const widest = Math.max(...said.map((d) => d.length));
  if (natural + 2 + Math.min(widest, NARROWEST_DESCRIPTION) <= width)
    return table(
      [...header, 'what was varied'],
      rows.map((r, i) => [...r, said[i]]),
      [...align, false],
      width,
    );
  // Narrow output: each experiment's line(s), then what it varied, indented, across the whole width.
  const t = tableLines(header, rows, align, width);
  return [
    ...t.head,
    ...t.rows.flatMap((lines, i) => [...lines, ...wrapText(said[i], Math.max(10, width - 4)).map((l) => `    ${l}`)]),
  ].join('\n');
}

/**
 * `truce runs show ID`: what was run and when, then the result as the command that made it printed it (the
 * same render functions), so a stored sensitivity or sweep reads as it did, not as raw JSON. `sweep` is the
 * stored sweep with its rows (storedSweepOutput). A kind with no table, or a result stored in a shape this
 * version does not read, is printed as JSON.
 */
export function renderShownRun(e: ShownRun, where: string, sweep?: SweepOutput): string {
  // The scenario's warnings get lines of their own (sentences, not settings), not a place in the parameters' JSON.
  const { scenarioWarnings: _warnings, ...params } = e.params;
  const head = `experiment ${e.id}: ${e.kind} (${e.status}), ${e.createdAt}, truce ${e.truceVersion}, scenario ${e.scenarioName ?? '-'} (${(e.scenarioHash ?? '').slice(0, 12)}), seed ${e.seed ?? '-'}\n${describeScenarioWarnings(e)}parameters: ${JSON.stringify(params)}\ntimings: ${JSON.stringify(e.timings)}\nengine: ${e.engine ?? 'unknown (stored before truce recorded it)'}\n${describeRunRows(e)}\n`;
  let body: string | null = null;
  try {
    body = resultText(e, where, sweep);
  } catch {
    body = null;
  }
  if (body !== null) return `${head}\n${body.replace(/\n$/, '')}\n`;
  return head + (e.points ? `${e.points.length} points stored\n` : '') + toJson(e.summary) + '\n';
}

function resultText(e: ShownRun, where: string, sweep: SweepOutput | undefined): string | null {
  const t = (e.timings ?? {}) as { seconds?: number; workers?: number };
  const seconds = Number(t.seconds ?? 0);
  const workers = Number(t.workers ?? 1);
  if (e.kind === 'sweep') return sweep ? renderSweep(sweep, where, e.status, e.resume) : null;
  if (!e.summary) return null;
  switch (e.kind) {
    case 'compare':
      return renderCompare(e.summary as ComparisonOutput, seconds, workers);
    case 'sensitivity': {
      const o = e.summary as SensitivityOutput;
      const output = OUTPUTS[o.output as OutputName] ?? o.output;
      return renderSensitivity(o, `${output}, ${e.runs ?? '?'} runs per point`);
    }
    case 'ablation':
      return renderAblation(e.summary as AblationOutput, seconds, workers);
    case 'facts': {
      const o = e.summary as FactsOutput;
      return `${renderFacts(o.facts, o.runs, o.notAsked ?? [])}\nglobal parameters: ${o.posterior}`;
    }
    case 'calibration':
      return renderCalibration(e.summary as CalibrationResult, e.id);
    default:
      return null;
  }
}
