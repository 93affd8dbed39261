/** `truce runs list`: what each experiment varied, in full (the table wraps it to the width, never cuts it). */
import type { ExperimentRecord } from '../../store/experiments.js';
import { describeParams } from '../../app/contract.js';
import { outputWidth, table, tableLines, wrapText } from './format.js';

export { describeParams };

/** Below this many characters for "what was varied", it goes on its own lines under each row instead. */
const NARROWEST_DESCRIPTION = 30;

export function renderRunsList(list: readonly ExperimentRecord[], width = outputWidth()): string {
  const header = ['id', 'kind', 'status', 'created', 'scenario', 'runs', 'seed'];
  const align = [true, false, false, false, false, true, true];
  const rows = list.map((e) => [
    e.id,
    e.kind,
    e.status,
    e.createdAt.replace('T', ' ').slice(0, 19),
    e.scenarioName ?? '-',
    e.runs ?? '-',
    e.seed ?? '-',
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
