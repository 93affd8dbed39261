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
  preemptive: boolean;
  openingLeakers: number | null;
  interceptorsUsed: number;
  defenderCostUsd: number;
  attackerCostUsd: number;
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
  };
}

/** Where a run sits in an experiment: its arm (or design point) and the lever values there. */
export interface RunContext {
  experiment: number | null;
  arm: string;
  framework: string | null;
  levers: Record<string, number>;
}

/** Column names of the flat table, given the experiment's lever names. */
export function perRunColumns(leverNames: readonly string[]): string[] {
  return [
    'experiment',
    'arm',
    'framework',
    ...leverNames.map((l) => `lever_${l}`),
    'replicate',
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
  ];
}

/** The flat record of a run, in `perRunColumns` order. `collapsed` is 0/1; `day` is empty when censored. */
export function perRunValues(ctx: RunContext, leverNames: readonly string[], r: PerRunRow): (string | number | null)[] {
  return [
    ctx.experiment,
    ctx.arm,
    ctx.framework,
    ...leverNames.map((l) => ctx.levers[l] ?? null),
    r.replicate,
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
  ];
}
