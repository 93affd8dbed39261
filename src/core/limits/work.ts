/**
 * The work a command or request asks for, estimated before it starts
 * (docs/limits.md). One work unit is about one actor-day of one ceasefire run,
 * or one threat-layer step of one engagement sample: roughly a microsecond on
 * one core of the reference machine. The estimates are upper bounds of the
 * loops the engines run, and memory is counted too: every number an engine
 * keeps for the whole run (a campaign's replicate x day x layer table) costs
 * MEMORY_UNITS_PER_CELL units, so a request that would exhaust memory is
 * refused like one that would run for hours.
 */

/** The default budget: about half an hour of one core. `--max-work` raises or lowers it. */
export const DEFAULT_MAX_WORK = 2e9;
/**
 * The dashboard's budget per request: the CLI's default. The largest comparison
 * its form accepts (2 arms x 200,000 runs x 365 days x 7 actors, about 1.0e9)
 * fits; its jobs show progress and can be cancelled, and its single runs are
 * also held to the task threads' time limit.
 */
export const SERVER_MAX_WORK = DEFAULT_MAX_WORK;
/** Units per number held for the whole run (8 bytes): 2e9 units allow 160 MB of such tables. */
export const MEMORY_UNITS_PER_CELL = 100;
/** Work units per second of one core, measured on the reference machine (bench/). */
export const UNITS_PER_CORE_SECOND = 1e6;

export interface WorkEstimate {
  units: number;
  /** How the estimate is made, in the user's terms: "2 arms x 2000 runs x 365 days x 7 actors". */
  detail: string;
}

const mul = (...xs: number[]) => xs.reduce((p, x) => p * Math.max(0, x), 1);

/** Ceasefire ensembles (run, compare, report, facts, sweep, sensitivity): points x runs x days x actors. */
export function ensembleWork(p: {
  points: number;
  runs: number;
  days: number;
  actors: number;
  what?: string;
}): WorkEstimate {
  const units = mul(p.points, p.runs, p.days, Math.max(1, p.actors));
  const head = p.points === 1 ? '' : `${p.points} ${p.what ?? 'arms'} x `;
  return { units, detail: `${head}${p.runs} runs x ${p.days} days x ${p.actors} actors` };
}

/**
 * One salvo against layers. Monte Carlo: samples x layers x (types + threats).
 * Exact: each layer transforms a distribution over 0..N survivors with an
 * O(N^2) kernel per type, so layers x sum of N^2.
 */
export function engagementWork(p: {
  launched: readonly number[];
  layers: number;
  samples: number | null;
}): WorkEstimate {
  const threats = p.launched.reduce((s, n) => s + Math.max(0, n), 0);
  if (p.samples === null) {
    const sq = p.launched.reduce((s, n) => s + (n + 1) * (n + 1), 0);
    return { units: mul(p.layers, sq), detail: `exact method: ${p.layers} layers x ${threats} threats squared` };
  }
  return {
    units: mul(p.samples, p.layers, p.launched.length + threats),
    detail: `${p.samples} samples x ${p.layers} layers x ${threats} threats`,
  };
}

/** A campaign: replicates x days x layers x (types + largest daily salvo), and its replicate x day x layer table. */
export function campaignWork(p: {
  replicates: number;
  days: number;
  layers: number;
  types: number;
  maxDailySalvo: number;
}): WorkEstimate {
  const compute = mul(p.replicates, p.days, Math.max(1, p.layers), p.types + p.maxDailySalvo);
  const memory = mul(p.replicates, p.days, Math.max(1, p.layers) + 2) * MEMORY_UNITS_PER_CELL;
  return {
    units: Math.max(compute, memory),
    detail: `${p.replicates} replicates x ${p.days} days x ${p.layers} layers, up to ${p.maxDailySalvo} threats a day`,
  };
}

/** A number of units for people: 2.4e9. */
export function formatUnits(units: number): string {
  if (!Number.isFinite(units)) return 'an unbounded number of';
  return units < 1e4 ? String(Math.round(units)) : units.toExponential(1).replace('e+', 'e');
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'forever';
  if (seconds < 120) return `${Math.max(1, Math.round(seconds))} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} days`;
}

/**
 * The refusal sentence when an estimate is above the budget, else null.
 * `raise` says how to raise it (a flag for the CLI, nothing for the server).
 */
export function overBudget(e: WorkEstimate, maxWork: number, raise = '--max-work'): string | null {
  if (e.units <= maxWork) return null;
  const time = formatDuration(e.units / UNITS_PER_CORE_SECOND);
  return `this asks for about ${formatUnits(e.units)} work units (${e.detail}; about ${time} on one core), above the budget of ${formatUnits(maxWork)}${raise ? `: ask for less, or raise the budget with ${raise} ${formatUnits(Math.ceil(e.units * 1.01))}` : ': ask for less'}`;
}
