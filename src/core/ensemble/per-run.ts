/**
 * Per-run rows: one flat record per run, for a Cox model with covariates,
 * competing risks (who crossed first) or scenario discovery elsewhere
 * (docs/analysis.md, "Per-run rows"). Built in the worker beside the
 * accumulator and handed on chunk by chunk, so no ensemble is held whole.
 */
import type { RunOutcome } from '../engine/run.js';
import { PILLARS, type Pillar } from '../model/escalation-utility.js';

export interface PerRunRow {
  replicate: number;
  collapsed: boolean;
  /** The collapse day, or the horizon when censored (the survival time). */
  time: number;
  firstCrosser: string | null;
  primaryPillar: Pillar | null;
  /** Each pillar's share of the first crosser's change in escalation utility at collapse (0 when censored). */
  attribution: Record<Pillar, number>;
  /** The defender crossed first, so the opening exchange began with its pre-emptive strike. */
  preemptive: boolean;
  openingLeakers: number | null;
  interceptorsUsed: number;
  defenderCostUsd: number;
  attackerCostUsd: number;
  /**
   * The opening exchange alone (null when censored). Optional: rows stored by an earlier version lack
   * them, and export them as NA.
   */
  openingInterceptors?: number | null;
  openingDefenderCostUsd?: number | null;
  openingAttackerCostUsd?: number | null;
  /**
   * The causal shares of this run's collapse (docs/model/attribution.md), when it was one of the
   * collapses replayed (every CAUSAL_STRIDE-th replicate); null otherwise, absent in older rows.
   */
  causal?: { shares: Record<Pillar, number>; explained: boolean } | null;
  /**
   * A defender with an arsenal that struck first: its own salvo's threats that got through and its munitions
   * cost (0 when no such salvo flew; null when censored; absent in older rows). Not part of the opening totals
   * above, except in rows stored before `openingStrikeInterceptors` existed. docs/model/preemption.md,
   * "Kinetic exchanges".
   */
  openingStrikeLeakers?: number | null;
  openingStrikeCostUsd?: number | null;
  /** The same strike: the interceptors the adversary fired at it, and their cost (0, null, absent as above). */
  openingStrikeInterceptors?: number | null;
  openingStrikeInterceptorCostUsd?: number | null;
  /**
   * What the defender fired at its adversaries over the run (limited strikes and the opening strike), kept out
   * of the whole-run totals above: the threats that got through, the adversaries' interceptors fired at them
   * and their cost, and the defender's munitions cost (0 when it fired nothing; absent in older rows).
   */
  defenderStrikesLeakers?: number;
  defenderStrikesInterceptors?: number;
  defenderStrikesInterceptorCostUsd?: number;
  defenderStrikesCostUsd?: number;
}

export function perRunRow(replicate: number, o: RunOutcome): PerRunRow {
  return {
    replicate,
    collapsed: o.collapsed,
    time: o.time,
    firstCrosser: o.firstCrosser,
    primaryPillar: o.primaryPillar,
    attribution: Object.fromEntries(PILLARS.map((p) => [p, o.collapsed ? o.attribution[p] : 0])) as Record<
      Pillar,
      number
    >,
    preemptive: o.kinetic?.preemptive ?? false,
    openingLeakers: o.kinetic ? o.kinetic.leakers : null,
    interceptorsUsed: o.interceptorsUsed,
    defenderCostUsd: o.costUsd.defender,
    attackerCostUsd: o.costUsd.attacker,
    openingInterceptors: o.kinetic ? o.kinetic.interceptorsUsed : null,
    openingDefenderCostUsd: o.kinetic ? o.kinetic.defenderCostUsd : null,
    openingAttackerCostUsd: o.kinetic ? o.kinetic.attackerCostUsd : null,
    causal: null,
    openingStrikeLeakers: o.kinetic ? (o.kinetic.strike?.leakers ?? 0) : null,
    openingStrikeCostUsd: o.kinetic ? (o.kinetic.strike?.attackerCostUsd ?? 0) : null,
    openingStrikeInterceptors: o.kinetic ? (o.kinetic.strike?.interceptorsUsed ?? 0) : null,
    openingStrikeInterceptorCostUsd: o.kinetic ? (o.kinetic.strike?.defenderCostUsd ?? 0) : null,
    defenderStrikesLeakers: o.defenderStrikes?.leakers ?? 0,
    defenderStrikesInterceptors: o.defenderStrikes?.interceptorsUsed ?? 0,
    defenderStrikesInterceptorCostUsd: o.defenderStrikes?.interceptorCostUsd ?? 0,
    defenderStrikesCostUsd: o.defenderStrikes?.munitionsCostUsd ?? 0,
  };
}

/**
 * Where a run sits in an experiment: its arm (or design point), the lever
 * values there, and under a posterior its draw and the parameter values drawn.
 */
export interface RunContext {
  experiment: number | null;
  arm: string;
  /** A sweep's design point (the `point` of its per-point table); absent for a comparison's arms. */
  point?: number;
  framework: string | null;
  levers: Record<string, number>;
  /** The posterior draw this run's global parameters came from (null: as written in the scenario). */
  draw: number | null;
  /** The values drawn for the parameters this arm carries (empty without a posterior). */
  parameters: Record<string, number>;
}

/** Names of the levers and parameters of a set of contexts, each in first-seen order. */
export function contextNames(contexts: readonly RunContext[]): ContextNames {
  const levers = new Set<string>();
  const parameters = new Set<string>();
  let point = false;
  for (const c of contexts) {
    // A sparse list (a sweep's run points by number) has holes: skip them.
    if (!c) continue;
    for (const l of Object.keys(c.levers)) levers.add(l);
    for (const p of Object.keys(c.parameters)) parameters.add(p);
    if (c.point !== undefined) point = true;
  }
  return { levers: [...levers], parameters: [...parameters], ...(point ? { point } : {}) };
}

/** The lever and parameter names of an experiment's rows, and whether they carry a sweep's `point` column. */
export interface ContextNames {
  levers: readonly string[];
  parameters: readonly string[];
  point?: boolean;
}

/**
 * Column names of the flat table, given the experiment's lever and parameter
 * names (docs/analysis.md, "Per-run rows", says what each column holds).
 */
export function perRunColumns(names: ContextNames): string[] {
  return [
    'experiment',
    'run',
    'arm',
    ...(names.point ? ['point'] : []),
    'framework',
    ...names.levers.map((l) => `lever_${l}`),
    'draw',
    ...names.parameters.map((p) => `param_${p}`),
    'collapsed',
    'day',
    'time',
    'first_crosser',
    'primary_pillar',
    ...PILLARS.map((p) => `share_${p.replace(/-/g, '_')}`),
    'preemptive',
    'opening_leakers',
    'interceptors_used',
    'defender_cost_usd',
    'attacker_cost_usd',
    // Added after the columns above (which keep their order): the opening exchange alone, and the causal shares.
    'opening_interceptors',
    'opening_defender_cost_usd',
    'opening_attacker_cost_usd',
    'causal_replayed',
    'causal_explained',
    ...PILLARS.map((p) => `causal_share_${p.replace(/-/g, '_')}`),
    // Added after those: an armed defender's own salvo in the opening exchange.
    'opening_strike_leakers',
    'opening_strike_cost_usd',
    // Added after those: the rest of that strike's account, and what the defender fired over the run.
    'opening_strike_interceptors',
    'opening_strike_interceptor_cost_usd',
    'defender_strikes_leakers',
    'defender_strikes_interceptors',
    'defender_strikes_interceptor_cost_usd',
    'defender_strikes_cost_usd',
  ];
}

const WHOLE = new Set([
  'experiment',
  'run',
  'point',
  'draw',
  'collapsed',
  'day',
  'time',
  'preemptive',
  'causal_replayed',
  'causal_explained',
]);
const TEXT = new Set(['arm', 'framework', 'first_crosser', 'primary_pillar']);

/** What each column of `perRunColumns` holds, for typed formats (Parquet): whole numbers, any numbers or text. */
export function perRunColumnKinds(columns: readonly string[]): ('int' | 'double' | 'string')[] {
  return columns.map((c) => (TEXT.has(c) ? 'string' : WHOLE.has(c) ? 'int' : 'double'));
}

/** The flat record of a run, in `perRunColumns` order. `collapsed` is 0/1; `day` is empty when censored. */
export function perRunValues(ctx: RunContext, names: ContextNames, r: PerRunRow): (string | number | null)[] {
  return [
    ctx.experiment,
    r.replicate,
    ctx.arm,
    ...(names.point ? [ctx.point ?? null] : []),
    ctx.framework,
    ...names.levers.map((l) => ctx.levers[l] ?? null),
    ctx.draw,
    ...names.parameters.map((p) => ctx.parameters[p] ?? null),
    r.collapsed ? 1 : 0,
    r.collapsed ? r.time : null,
    r.time,
    r.firstCrosser,
    r.primaryPillar,
    ...PILLARS.map((p) => r.attribution[p]),
    r.preemptive ? 1 : 0,
    r.openingLeakers,
    r.interceptorsUsed,
    r.defenderCostUsd,
    r.attackerCostUsd,
    r.openingInterceptors ?? null,
    r.openingDefenderCostUsd ?? null,
    r.openingAttackerCostUsd ?? null,
    // Unknown (NA) for rows stored before these columns existed.
    r.causal === undefined ? null : r.causal ? 1 : 0,
    r.causal ? (r.causal.explained ? 1 : 0) : null,
    ...PILLARS.map((p) => (r.causal ? r.causal.shares[p] : null)),
    r.openingStrikeLeakers ?? null,
    r.openingStrikeCostUsd ?? null,
    r.openingStrikeInterceptors ?? null,
    r.openingStrikeInterceptorCostUsd ?? null,
    r.defenderStrikesLeakers ?? null,
    r.defenderStrikesInterceptors ?? null,
    r.defenderStrikesInterceptorCostUsd ?? null,
    r.defenderStrikesCostUsd ?? null,
  ];
}
