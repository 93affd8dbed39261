/** The mutable state of one run, initialised from the model. */
import { fluidTables, type FluidTables } from '../engagement/fluid.js';
import { N_TERMS } from '../model/escalation-utility.js';
import { enforcementProbability } from '../model/credibility.js';
import { detectionLagDays, staleGap } from '../model/perception.js';
import type { Model } from './model.js';
import type { RunEvent } from './events.js';

export interface StateRuntime {
  rung: number;
  envelope: number;
  readiness: number;
  intelBoost: number;
  /** Perceived mediator credibility. */
  credibility: number;
  /** Log-odds belief that each state (by index) prepares to defect. */
  belief: Float64Array;
  pvAsymmetric: number;
  pvRedlines: number;
  pvSpurious: number;
  /** Defender: perceived adversary rearmament seen through detections, and its worst-case drift. */
  rearmSeen: number;
  rearmDrift: number;
  rlp: number;
  /** Revisionist: its proxy degradation rate as of day pdrDay (slow dynamics compute it; the EU terms reuse it that day). */
  pdr: number;
  pdrDay: number;
  retreatToday: number;
  /** A kinetic violation perceived today: decision cycles compress (docs/model/early-failure.md). */
  incidentToday: boolean;
  /** Defender: interception spending today and its exponential average, USD (docs/model/preemption.md). */
  spendToday: number;
  spendAverage: number;
  /** Last day the monitor (or the public record) attributed a violation to this state; -Infinity if never. */
  lastAttributedDay: number;
  /** Sanctions relief granted so far, which an attributed violation snaps back. */
  reliefGranted: number;
  reliefToday: number;
  /** Own rearmament acts forgone under a relief track's verified limit (docs/model/economy.md). */
  rearmamentForgone: number;
  capital: number;
  sanctions: number;
  militaryShare: number;
  procurement: number;
  factionPower: Float64Array;
  /**
   * The stale gap (docs/model/perception.md), a constant of the run: the
   * worst-case drift over the days this state's picture lags, added to its
   * belief and to its rearmament estimate when it reads them.
   */
  beliefGap: number;
  rearmGap: number;
  terms: Float64Array;
  terms0: Float64Array;
  eu: number;
  /**
   * Defender: expected leak fraction of the next wave of the adversary it acts on (threatFrom), 0 when no
   * adversary's wave would fly.
   */
  leakFraction: number;
  /** Defender: expected leakers of that wave (P(any leaker) = 1 - exp(-expectedLeakers)). */
  expectedLeakers: number;
  /**
   * The adversary (state index) whose threat today's pre-emption term acts on: for a defender, the one whose
   * next wave gives the largest pressure; for a revisionist, the largest use-or-lose exposure; ties to the
   * first in \`actors\` order. -1 when the defender has no wave to weigh (utility.ts, actedOn). Its strikes
   * go there (docs/model/preemption.md, "Several adversaries").
   */
  threatFrom: number;
  inventory?: Float64Array;
  /** Defender: its base interceptor stocks over the finite layers, a constant of the run (0 without a defence). */
  finiteBaseInventory: number;
  stocks?: Float64Array;
  launchers: number;
  /** Munitions ledger, for conservation: stocks(end) = stocks(0) + produced - launched. */
  missilesProduced: number;
  missilesLaunched: number;
  interceptorsAdded: number;
  interceptorsFired: number;
  /** Reused buffer for the daily planning estimate. */
  salvoScratch: Float64Array;
  /**
   * The daily planning estimate's adversaries, a constant of the run: each
   * adversary (in \`actors\` order) whose arsenal has an engagement against this state's
   * defence, with that engagement's fluid tables.
   */
  planning: { adversary: number; tables: FluidTables }[];
}

export interface ProxyRuntime {
  strength: number;
  supply: number;
  envelope: number;
  /** Strength at the end of each of the last W + 1 days (ring buffer). */
  history: Float64Array;
}

export interface Pending {
  due: number;
  kind: 'perceive' | 'unanswered' | 'enforce';
  /** Days between the occurrence and its reading (stale information, docs/model/perception.md); for 'enforce', the answer's delay. */
  lag: number;
  observer: number;
  /** State held responsible (a proxy's patron). */
  violatorState: number;
  /** Proxy index if a proxy acted, else -1. */
  violatorProxy: number;
  action: number;
  spurious: boolean;
  /** Seen by the monitor: read by the agreed reading. */
  verified: boolean;
  event?: RunEvent;
}

/**
 * Pending items that have been processed, kept for reuse: detections and the
 * mediator's clocks come and go every day, and a reused item allocates
 * nothing. Items carry no run state once released (their event is dropped).
 */
const spare: Pending[] = [];

/** Schedule an item `lag` days from today (0: later today). */
export function schedule(
  w: World,
  kind: Pending['kind'],
  lag: number,
  observer: number,
  violatorState: number,
  violatorProxy: number,
  action: number,
  spurious: boolean,
  verified: boolean,
  event: RunEvent | undefined,
): void {
  const due = w.day + lag;
  let p = spare.pop();
  if (p === undefined) {
    p = { due, lag, kind, observer, violatorState, violatorProxy, action, spurious, verified, event };
  } else {
    p.due = due;
    p.lag = lag;
    p.kind = kind;
    p.observer = observer;
    p.violatorState = violatorState;
    p.violatorProxy = violatorProxy;
    p.action = action;
    p.spurious = spurious;
    p.verified = verified;
    p.event = event;
  }
  w.pending.push(p);
}

/** Return a processed item for reuse. */
export function release(p: Pending): void {
  p.event = undefined;
  spare.push(p);
}

export interface World {
  /** Terms held at their day-0 values (causal attribution's counterfactual replays), or null. */
  freeze: Uint8Array | null;
  day: number;
  states: StateRuntime[];
  proxies: ProxyRuntime[];
  chi: number;
  shocks: { end: number; size: number }[];
  pEnforce: number;
  pending: Pending[];
  events: RunEvent[] | null;
  /**
   * Totals over the run, pre-collapse exchanges included: the salvos fired at defenders, whoever fired them
   * (accountSalvo, docs/model/preemption.md, "Kinetic exchanges").
   */
  interceptorsUsed: number;
  leakers: number;
  attackerCostUsd: number;
  defenderCostUsd: number;
  /** The salvos fired at revisionists over the run (the defender side's fire), kept out of the totals above. */
  defenderStrikes: StrikeAccount;
}

/**
 * The salvos fired at revisionists, the defender side's fire (a defender's limited strikes and its opening strike
 * when it has an arsenal; the attacks of proxies whose target is a revisionist; accountSalvo): threats launched,
 * those that got through, the interceptors the revisionists fired at them, the munitions cost (a proxy's are not
 * costed) and the revisionists' interceptor cost.
 */
export interface StrikeAccount {
  launched: number;
  leakers: number;
  interceptorsUsed: number;
  munitionsCostUsd: number;
  interceptorCostUsd: number;
}

export function initWorld(m: Model, record: boolean): World {
  const med = m.mediator.spec;
  const c0 = enforcementProbability(m.agreement.guarantee, med.commitment, 0);
  const states: StateRuntime[] = m.states.map((s) => {
    const belief = new Float64Array(m.states.length).fill(s.spec.beliefPrior);
    const v = m.agreement.verification;
    const lag = detectionLagDays(s.spec.detectionLagDays, v);
    return {
      rung: 0,
      envelope: s.spec.envelope,
      readiness: s.spec.readiness,
      intelBoost: 0,
      credibility: c0,
      belief,
      pvAsymmetric: 0,
      pvRedlines: 0,
      pvSpurious: 0,
      rearmSeen: 0,
      rearmDrift: 0,
      rlp: 0,
      pdr: 0,
      pdrDay: -1,
      retreatToday: 0,
      incidentToday: false,
      spendToday: 0,
      spendAverage: 0,
      lastAttributedDay: -Infinity,
      reliefGranted: 0,
      reliefToday: 0,
      rearmamentForgone: 0,
      capital: s.spec.economy.capital,
      sanctions: s.spec.economy.sanctions,
      militaryShare: s.spec.economy.militaryShare,
      procurement: 1,
      factionPower: s.factionPower0.slice(),
      beliefGap: staleGap(s.spec.beliefDrift, v, lag, m.dynamics.staleGapFill),
      rearmGap: staleGap(s.spec.beliefDrift * m.dynamics.rearmDriftScale, v, lag, m.dynamics.staleGapFill),
      terms: new Float64Array(N_TERMS),
      terms0: new Float64Array(N_TERMS),
      eu: 0,
      leakFraction: 0,
      expectedLeakers: 0,
      threatFrom: -1,
      // What the war before signing left (docs/model/preemption.md); infinite layers stay infinite.
      inventory: s.defense ? scaled(s.defense.baseInventory, s.defense.stocksAtSigning) : undefined,
      finiteBaseInventory: s.defense ? finiteSum(s.defense.baseInventory) : 0,
      stocks: s.arsenal ? s.arsenal.stocks.slice() : undefined,
      launchers: s.arsenal?.launchers ?? 0,
      missilesProduced: 0,
      missilesLaunched: 0,
      interceptorsAdded: 0,
      interceptorsFired: 0,
      salvoScratch: new Float64Array(maxArsenalTypes(m)),
      planning: planningOf(m, s.index),
    };
  });
  const proxies: ProxyRuntime[] = m.proxies.map((p) => ({
    strength: p.spec.strength,
    supply: p.spec.supplyIntegrity,
    envelope: p.spec.envelope,
    history: new Float64Array(m.pdrWindowDays + 1).fill(p.spec.strength),
  }));
  return {
    freeze: null,
    day: 0,
    states,
    proxies,
    chi: 0,
    shocks: [],
    pEnforce: c0,
    pending: [],
    events: record ? [] : null,
    interceptorsUsed: 0,
    leakers: 0,
    attackerCostUsd: 0,
    defenderCostUsd: 0,
    defenderStrikes: { launched: 0, leakers: 0, interceptorsUsed: 0, munitionsCostUsd: 0, interceptorCostUsd: 0 },
  };
}

function planningOf(m: Model, i: number): StateRuntime['planning'] {
  const out: StateRuntime['planning'] = [];
  if (!m.states[i].defense) return out;
  for (const adversary of m.states[i].adversaries) {
    const e = m.states[adversary].arsenal?.against.get(i);
    if (e) out.push({ adversary, tables: fluidTables(e) });
  }
  return out;
}

/** Stocks on hand as a share of base; an unlimited layer (Infinity: guns, lasers) stays unlimited at any share (Infinity x 0 is NaN). */
function scaled(a: Float64Array, k: number): Float64Array {
  const out = new Float64Array(a.length);
  for (let l = 0; l < a.length; l++) out[l] = a[l] === Infinity ? Infinity : a[l] * k;
  return out;
}

/**
 * Sum over the finite entries, in index order (infinite layers and stocks are
 * unlimited, not counted): interceptor stocks for the planning estimate, the
 * munitions ledger.
 */
export function finiteSum(a: ArrayLike<number> | undefined): number {
  let s = 0;
  if (a) for (let i = 0; i < a.length; i++) if (Number.isFinite(a[i])) s += a[i];
  return s;
}

function maxArsenalTypes(m: Model): number {
  let n = 0;
  for (const s of m.states) n = Math.max(n, s.arsenal?.types.length ?? 0);
  return n;
}
