/**
 * Streamed aggregation of run outcomes for one arm. Everything is a count, a
 * per-day count or a fixed-bin histogram, so memory does not grow with the
 * number of runs, and accumulators merge. Merging chunk results in chunk
 * order makes floating-point sums identical whatever the number of workers.
 */
import { PILLARS, type Pillar } from '../model/escalation-utility.js';
import type { RunOutcome } from '../engine/run.js';
import type { PerRunRow } from './per-run.js';
import {
  addToHistogram,
  emptyHistogram,
  HISTOGRAM_SPECS,
  mergeHistogram,
  STRIKE_HISTOGRAM_SPECS,
  type Histogram,
} from './histogram.js';

export type MetricName = keyof typeof HISTOGRAM_SPECS;
export type StrikeMetricName = keyof typeof STRIKE_HISTOGRAM_SPECS;

/**
 * The defender side's own fire (RunOutcome.defenderStrikes, kinetic.strike; docs/analysis.md, "Costs"): the runs in
 * which it fired, the collapses whose opening exchange had its strike, and the distributions of what it fired,
 * over all runs (the whole run) or over collapsed runs (the opening strike).
 */
export interface StrikeAccumulator {
  runsStruck: number;
  openingStrikes: number;
  metrics: Record<StrikeMetricName, Histogram>;
}

function emptyStrikes(): StrikeAccumulator {
  return {
    runsStruck: 0,
    openingStrikes: 0,
    metrics: Object.fromEntries(
      Object.entries(STRIKE_HISTOGRAM_SPECS).map(([k, spec]) => [k, emptyHistogram(spec)]),
    ) as Record<StrikeMetricName, Histogram>,
  };
}

export interface ArmAccumulator {
  horizon: number;
  runs: number;
  /** eventsByDay[d]: runs that collapsed on day d. */
  eventsByDay: number[];
  /** censoredByDay[d]: runs censored on day d (the horizon). */
  censoredByDay: number[];
  firstCrosser: Record<string, number>;
  primaryPillar: Record<string, number>;
  /** Sum over collapsed runs of each pillar's attribution share. */
  attributionSum: Record<Pillar, number>;
  /** Collapses whose opening exchange began with the defender's pre-emptive strike (the defender crossed first). */
  preemptive: number;
  /** Causal attribution (docs/model/attribution.md): sampled collapses, the sum of their Shapley shares, and how many no pillar explains. */
  causal: { runs: number; unexplained: number; sum: Record<Pillar, number>; sumSq: Record<Pillar, number> };
  metrics: Record<MetricName, Histogram>;
  /** Per state: sums and sums of squares over runs of each run's mean EU, hardliner power, pre-emption pressure. */
  stateStats: Record<string, StateStats>;
  /**
   * The defender side's own fire, when the runs have a strike account (some salvo can be fired at a revisionist:
   * keepsStrikeAccount); absent otherwise, so an arm without one summarizes as before.
   */
  strikes?: StrikeAccumulator;
  /**
   * A chunk's per-run rows when asked for (ChunkBatch.perRun). Never merged:
   * the coordinator hands them on and drops them before folding the chunk.
   */
  runRows?: PerRunRow[];
}

export interface StateStats {
  eu: [number, number];
  hardlinerPower: [number, number];
  preemption: [number, number];
}

export function emptyAccumulator(horizon: number): ArmAccumulator {
  return {
    horizon,
    runs: 0,
    eventsByDay: new Array(horizon + 1).fill(0),
    censoredByDay: new Array(horizon + 1).fill(0),
    firstCrosser: {},
    primaryPillar: {},
    attributionSum: Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>,
    preemptive: 0,
    causal: {
      runs: 0,
      unexplained: 0,
      sum: Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>,
      sumSq: Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>,
    },
    metrics: {
      interceptorsUsed: emptyHistogram(HISTOGRAM_SPECS.interceptorsUsed),
      openingLeakers: emptyHistogram(HISTOGRAM_SPECS.openingLeakers),
      defenderCostUsd: emptyHistogram(HISTOGRAM_SPECS.defenderCostUsd),
      attackerCostUsd: emptyHistogram(HISTOGRAM_SPECS.attackerCostUsd),
      openingInterceptors: emptyHistogram(HISTOGRAM_SPECS.openingInterceptors),
      openingDefenderCostUsd: emptyHistogram(HISTOGRAM_SPECS.openingDefenderCostUsd),
      openingAttackerCostUsd: emptyHistogram(HISTOGRAM_SPECS.openingAttackerCostUsd),
    },
    stateStats: {},
  };
}

export function addOutcome(acc: ArmAccumulator, o: RunOutcome): void {
  acc.runs++;
  if (o.collapsed) {
    acc.eventsByDay[o.day!]++;
    acc.firstCrosser[o.firstCrosser!] = (acc.firstCrosser[o.firstCrosser!] ?? 0) + 1;
    if (o.primaryPillar) acc.primaryPillar[o.primaryPillar] = (acc.primaryPillar[o.primaryPillar] ?? 0) + 1;
    for (const p of PILLARS) acc.attributionSum[p] += o.attribution[p];
    if (o.kinetic) {
      if (o.kinetic.preemptive) acc.preemptive++;
      addToHistogram(acc.metrics.openingLeakers, o.kinetic.leakers);
      addToHistogram(acc.metrics.openingInterceptors, o.kinetic.interceptorsUsed);
      addToHistogram(acc.metrics.openingDefenderCostUsd, o.kinetic.defenderCostUsd);
      addToHistogram(acc.metrics.openingAttackerCostUsd, o.kinetic.attackerCostUsd);
    }
  } else acc.censoredByDay[o.time]++;
  addToHistogram(acc.metrics.interceptorsUsed, o.interceptorsUsed);
  addToHistogram(acc.metrics.defenderCostUsd, o.costUsd.defender);
  addToHistogram(acc.metrics.attackerCostUsd, o.costUsd.attacker);
  if (o.defenderStrikes) {
    const s = (acc.strikes ??= emptyStrikes());
    const d = o.defenderStrikes;
    if (d.launched > 0) s.runsStruck++;
    addToHistogram(s.metrics.leakers, d.leakers);
    addToHistogram(s.metrics.interceptorsUsed, d.interceptorsUsed);
    addToHistogram(s.metrics.interceptorCostUsd, d.interceptorCostUsd);
    addToHistogram(s.metrics.munitionsCostUsd, d.munitionsCostUsd);
    if (o.collapsed && o.kinetic) {
      const k = o.kinetic.strike;
      if (k) s.openingStrikes++;
      addToHistogram(s.metrics.openingStrikeLeakers, k?.leakers ?? 0);
      addToHistogram(s.metrics.openingStrikeInterceptors, k?.interceptorsUsed ?? 0);
      addToHistogram(s.metrics.openingStrikeInterceptorCostUsd, k?.defenderCostUsd ?? 0);
      addToHistogram(s.metrics.openingStrikeCostUsd, k?.attackerCostUsd ?? 0);
    }
  }
  for (const [id, m] of Object.entries(o.stateMeans)) {
    const st = (acc.stateStats[id] ??= { eu: [0, 0], hardlinerPower: [0, 0], preemption: [0, 0] });
    st.eu[0] += m.eu;
    st.eu[1] += m.eu * m.eu;
    st.hardlinerPower[0] += m.hardlinerPower;
    st.hardlinerPower[1] += m.hardlinerPower * m.hardlinerPower;
    st.preemption[0] += m.preemption;
    st.preemption[1] += m.preemption * m.preemption;
  }
}

/** Add one sampled collapse's causal shares. */
export function addCausal(acc: ArmAccumulator, shares: Record<Pillar, number>, explained: boolean): void {
  acc.causal.runs++;
  if (!explained) acc.causal.unexplained++;
  for (const p of PILLARS) {
    acc.causal.sum[p] += shares[p];
    acc.causal.sumSq[p] += shares[p] * shares[p];
  }
}

/** a += b. */
export function mergeAccumulator(a: ArmAccumulator, b: ArmAccumulator): void {
  if (a.horizon !== b.horizon) throw new Error(`cannot merge horizons ${a.horizon} and ${b.horizon}`);
  a.runs += b.runs;
  for (let d = 0; d <= a.horizon; d++) {
    a.eventsByDay[d] += b.eventsByDay[d];
    a.censoredByDay[d] += b.censoredByDay[d];
  }
  for (const [k, v] of Object.entries(b.firstCrosser)) a.firstCrosser[k] = (a.firstCrosser[k] ?? 0) + v;
  for (const [k, v] of Object.entries(b.primaryPillar)) a.primaryPillar[k] = (a.primaryPillar[k] ?? 0) + v;
  for (const p of PILLARS) a.attributionSum[p] += b.attributionSum[p];
  a.preemptive += b.preemptive;
  a.causal.runs += b.causal.runs;
  a.causal.unexplained += b.causal.unexplained;
  for (const p of PILLARS) {
    a.causal.sum[p] += b.causal.sum[p];
    a.causal.sumSq[p] += b.causal.sumSq[p];
  }
  for (const m of Object.keys(a.metrics) as MetricName[]) mergeHistogram(a.metrics[m], b.metrics[m]);
  if (b.strikes) {
    const s = (a.strikes ??= emptyStrikes());
    s.runsStruck += b.strikes.runsStruck;
    s.openingStrikes += b.strikes.openingStrikes;
    for (const m of Object.keys(s.metrics) as StrikeMetricName[]) mergeHistogram(s.metrics[m], b.strikes.metrics[m]);
  }
  for (const [id, s] of Object.entries(b.stateStats)) {
    const t = (a.stateStats[id] ??= { eu: [0, 0], hardlinerPower: [0, 0], preemption: [0, 0] });
    for (const k of ['eu', 'hardlinerPower', 'preemption'] as const) {
      t[k][0] += s[k][0];
      t[k][1] += s[k][1];
    }
  }
}
