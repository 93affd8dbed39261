/** `truce runs list`: what each experiment varied, in full (the table wraps it to the width, never cuts it). */
import type { ExperimentRecord } from '../../store/experiments.js';
import { outputWidth, table, tableLines, wrapText } from './format.js';

/** Parameters that say nothing about the experiment itself. */
const QUIET = new Set(['source']);

function valueText(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  const o = v as Record<string, unknown>;
  // --vary: { lever, values }
  if (typeof o.lever === 'string' && Array.isArray(o.values)) return `${o.lever}=${o.values.map(valueText).join(',')}`;
  return Object.entries(o)
    .map(([k, x]) =>
      Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === 'number')
        ? `${k}=${x[0]}:${x[1]}`
        : `${k}=${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`,
    )
    .join(', ');
}

const empty = (v: unknown) =>
  v === null ||
  v === undefined ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** An experiment's stored parameters as one line: `frameworks a,b; set lever=v; vary lever=v1,v2; posterior ...`. */
export function describeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([k, v]) => !QUIET.has(k) && !empty(v))
    .map(([k, v]) => `${k} ${valueText(v)}`)
    .join('; ');
}

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
