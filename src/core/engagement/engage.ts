/**
 * The engagement analysis behind `truce engage`: choose a method, solve, and
 * put the costs on it. Pure: the shell reads files and prints.
 */
import { exactBeyondScope, solveExact, type ExactResult } from './exact.js';
import { channelsSpentEarly } from './layer-order.js';
import { runMonteCarlo, type MonteCarloResult } from './monte-carlo.js';
import type { Engagement } from './types.js';

export type EngageMethod = 'auto' | 'exact' | 'monte-carlo';

export interface EngageOptions {
  method: EngageMethod;
  samples: number;
  seed: number;
}

export interface EngageReport {
  method: 'exact' | 'monte-carlo';
  /** Why auto did not use the exact method, when it did not. */
  note?: string;
  samples?: number;
  seed?: number;
  launched: Record<string, number>;
  failed: Record<string, number>;
  leakers: { mean: number; sd: number; pZero: number; byType: Record<string, number>; distribution?: number[] };
  killedByLayer: Record<string, Record<string, number>>;
  engagedByLayer: Record<string, number>;
  interceptorsUsed: Record<string, number>;
  costUsd: { attacker: number; defender: number; exchangeRatio: number; defenderByLayer: Record<string, number> };
  standardError?: { leakersMean: number; pZero: number };
  histogram?: number[];
  /**
   * One sentence per layer whose channels were used up before a type it engages (and that leaked) reached it
   * (layer-order.ts; docs/model/engagement.md); empty when none.
   */
  notes: string[];
}

/** Attacker cost: every launched threat, failures included. */
export function attackerCostUsd(e: Engagement): number {
  return e.threats.reduce((s, t) => s + t.launched * t.unitCostUsd, 0);
}

export function analyzeEngagement(e: Engagement, opts: EngageOptions): EngageReport {
  let result: ExactResult | MonteCarloResult;
  let note: string | undefined;
  if (opts.method === 'exact') result = solveExact(e);
  else if (opts.method === 'monte-carlo') result = runMonteCarlo(e, opts.samples, opts.seed);
  else {
    const reason = exactBeyondScope(e);
    if (reason) {
      note = `Monte Carlo, because ${reason}`;
      result = runMonteCarlo(e, opts.samples, opts.seed);
    } else result = solveExact(e);
  }
  const defenderByLayer: Record<string, number> = {};
  let defender = 0;
  for (const layer of e.layers) {
    const c = (result.interceptorsUsed[layer.name] ?? 0) * layer.unitCostUsd;
    defenderByLayer[layer.name] = c;
    defender += c;
  }
  const attacker = attackerCostUsd(e);
  const launched: Record<string, number> = {};
  for (const t of e.threats) launched[t.type] = t.launched;
  const report: EngageReport = {
    method: result.method,
    ...(note ? { note } : {}),
    launched,
    failed: result.failedByType,
    leakers: {
      mean: result.leakersMean,
      sd: result.leakersSd,
      pZero: result.pZero,
      byType: result.leakersByType,
      ...(result.method === 'exact' ? { distribution: Array.from(result.distribution) } : {}),
    },
    killedByLayer: result.killedByLayer,
    engagedByLayer: result.engagedByLayer,
    interceptorsUsed: result.interceptorsUsed,
    costUsd: {
      attacker,
      defender,
      exchangeRatio: attacker > 0 ? defender / attacker : defender > 0 ? Infinity : 0,
      defenderByLayer,
    },
    notes: [],
  };
  if (result.method === 'monte-carlo') {
    report.samples = result.samples;
    report.seed = result.seed;
    report.standardError = result.standardError;
    report.histogram = result.histogram;
  }
  report.notes = channelsSpentEarly(e, report);
  return report;
}
