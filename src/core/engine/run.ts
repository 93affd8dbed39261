/**
 * One trajectory of the ceasefire: day by day until a state reaches the
 * collapse rung or the horizon ends (censoring). Pure: a function of the
 * model, the seed and the replicate index. Replicate r draws from streams
 * (seed, r, mechanism), so an ensemble gives the same answer on any number
 * of workers.
 */
import { Stream } from '../rng/stream.js';
import { attributeCollapse } from '../model/attribution.js';
import { logistic } from '../model/decision.js';
import { unagreedStartRung } from '../model/early-failure.js';
import { PILLARS, TERM, termsRecord, type Pillar, type TermName } from '../model/escalation-utility.js';
import type { RunEvent } from './events.js';
import {
  accountSalvo,
  fireSalvo,
  keepsStrikeAccount,
  NO_DEFENCE,
  saturationSalvo,
  type SalvoOutcome,
} from './kinetic.js';
import type { Model } from './model.js';
import { actedOn, beliefReading } from './phases/utility.js';
import { currentEngine, type Engine } from './engine-choice.js';
import { KERNEL_OUT_OF_MEMORY, kernelRefusal, runKernel } from './kernel/run-kernel.js';
import { finiteSum, initWorld, type StrikeAccount, type World } from './state.js';
import { computeTerms, proxyDegradationRate, stepDay, STREAM_KEYS, type Streams } from './step.js';

/** The window of the per-run state means, days. */
export const EARLY_WINDOW_DAYS = 90;

export { currentEngine, ENGINES, setEngine, type Engine } from './engine-choice.js';

export interface RunOptions {
  seed: number;
  replicate?: number;
  /** Keep the trajectory and the event log (for `truce run`); ensembles leave it off. */
  record?: boolean;
  /** Override the horizon. */
  days?: number;
  /** Terms (by index, 1 = frozen) held at their day-0 values: a counterfactual replay (docs/model/attribution.md). */
  freezeTerms?: Uint8Array;
  /** Which implementation runs it (docs/kernel.md); the thread's setting (setEngine) when absent. */
  engine?: Engine;
}

/** A run required of the kernel (engine `kernel`) on a model it does not cover. */
export class KernelScopeError extends Error {
  constructor(reason: string) {
    super(`TRUCE_ENGINE=kernel: the WebAssembly kernel cannot run this model: ${reason}`);
    this.name = 'KernelScopeError';
  }
}

export interface StateSnapshot {
  rung: number;
  eu: number;
  terms: Record<TermName, number>;
  envelope: number;
  credibility: number;
  /**
   * The adversary the state acts on, whose threat the two readings below are: for a defender the one whose
   * next wave gives the largest pre-emption pressure (else the one it reads as most threatening), for a
   * revisionist the largest use-or-lose exposure; its strikes go there (docs/model/preemption.md, "Several
   * adversaries"). With one adversary, that one.
   */
  threatFrom: string | null;
  /** Probability the state assigns to that adversary preparing to defect: the stored belief. */
  threatBelief: number;
  /**
   * The threat reading the decisions act on: logistic(belief + stale gap), the stored belief plus the
   * worst-case drift of the days the state cannot yet see (docs/model/perception.md, "The stale gap").
   * Equals threatBelief at verification 1 or staleGapFill 0.
   */
  threatReading: number;
  perceivedViolations: number;
  hardlinerPower: number;
  /** Power share of each faction (sums to 1). */
  factionPower: Record<string, number>;
  rlp: number;
  pdr: number;
  sanctions: number;
  readiness: number;
  interceptors?: number;
  pAnyLeaker?: number;
  leakFraction?: number;
  missiles?: number;
  launchers?: number;
}

export interface TrajectoryPoint {
  day: number;
  actors: Record<string, StateSnapshot>;
  proxies: Record<string, { strength: number; supply: number; envelope: number }>;
  mediator: { competingTheaters: number; enforcementProbability: number };
  misalignment: number;
}

/**
 * The opening exchange at collapse (docs/model/preemption.md, "Kinetic exchanges"). The salvo fields
 * (launched, leakers, interceptors, costs) are the salvo fired at the defender's side: the saturation strike, or
 * the retaliation salvo (zero when the attacker has none left). The defender's own strike, when it has an
 * arsenal, is `strike` alone, never in those fields.
 */
export interface KineticOutcome extends SalvoOutcome {
  /** The adversary side: the revisionist that fires its saturation salvo, or the state struck first (which retaliates if armed). */
  attacker: string;
  /** The side the saturation or retaliation salvo is fired at: the crosser struck, or the defender that struck first. */
  defender: string;
  preemptive: boolean;
  /** Share of the attacker's launchers destroyed by a pre-emptive strike (0 when it has none). */
  launchersDestroyed: number;
  /**
   * A defender that strikes first with an arsenal of its own: its salvo on the attacker (not in the salvo
   * fields above: its "defender" cost and interceptors are the attacker's). Absent when the defender fires
   * nothing (no arsenal, or its stocks are spent).
   */
  strike?: SalvoOutcome;
  /** States fired at that have no air defence: the threats that fly at them all land. Absent when none. */
  undefended?: string[];
}

export interface RunOutcome {
  collapsed: boolean;
  day: number | null;
  /** Days observed: the collapse day, or the horizon when censored. */
  time: number;
  firstCrosser: string | null;
  attribution: Record<Pillar, number>;
  primaryPillar: Pillar | null;
  kinetic: KineticOutcome | null;
  /**
   * Per state: means over a common early window, the first EARLY_WINDOW_DAYS days
   * (or to collapse, if sooner), for ensemble contrasts without trajectories. A
   * common window keeps arms comparable: a mean over all days observed would
   * compare short, early-collapsing runs with long ones.
   */
  stateMeans: Record<string, { eu: number; hardlinerPower: number; preemption: number }>;
  /**
   * Over the run, the opening exchange included: every salvo fired at a defender, whoever fired it (in a scenario
   * whose adversaries have opposite roles: what revisionists and the proxies attacking a defender fired): the
   * interceptors fired at it, the threats that landed, the interceptors' and the munitions' cost (a proxy's munitions
   * are not costed). Salvos fired at a revisionist are in `defenderStrikes` (accountSalvo).
   */
  interceptorsUsed: number;
  leakers: number;
  costUsd: { attacker: number; defender: number };
  /**
   * Every salvo fired at a revisionist over the run, the defender side's fire when the adversaries have opposite
   * roles: a defender's limited strikes and opening strike (`kinetic.strike`), and the attacks of proxies whose target
   * is a revisionist (a defender's proxies; their munitions are not costed). Present when some salvo can be fired at
   * a revisionist (a state with an `arsenal` and a revisionist adversary, or a proxy that can attack one; zeros when
   * nothing was fired); absent otherwise (accountSalvo, keepsStrikeAccount).
   */
  defenderStrikes?: StrikeAccount;
}

export interface RunResult {
  outcome: RunOutcome;
  trajectory: TrajectoryPoint[];
  events: RunEvent[];
  /** Munitions ledger per state, for conservation checks and cost accounting. */
  ledger: Record<
    string,
    {
      missilesStart: number;
      missilesEnd: number;
      missilesProduced: number;
      missilesLaunched: number;
      interceptorsStart: number;
      interceptorsEnd: number;
      interceptorsAdded: number;
      interceptorsFired: number;
    }
  >;
}

export function makeStreams(seed: number, replicate: number): Streams {
  // Stream (seed, replicate, mechanism) for each mechanism; the (seed, replicate) prefix is hashed once.
  const streams = Stream.deriveEach(seed, [replicate], STREAM_KEYS);
  // Properties added in one order: every run's Streams has the same shape.
  const out = {} as Streams;
  for (let i = 0; i < STREAM_KEYS.length; i++) out[STREAM_KEYS[i]] = streams[i];
  return out;
}

export function runCeasefire(m: Model, opts: RunOptions): RunResult {
  const record = opts.record ?? false;
  const horizon = opts.days ?? m.horizonDays;
  const engine = opts.engine ?? currentEngine();
  // The ensemble path: the kernel, an accelerated mirror of what follows (docs/kernel.md).
  if (engine !== 'js' && !record) {
    let refusal = kernelRefusal(m, horizon, opts.freezeTerms);
    if (refusal === null) {
      const result = runKernel(m, opts.seed, opts.replicate ?? 0, horizon, opts.freezeTerms);
      if (result) return result;
      refusal = KERNEL_OUT_OF_MEMORY;
    }
    if (engine === 'kernel') throw new KernelScopeError(refusal);
  }
  const rng = makeStreams(opts.seed, opts.replicate ?? 0);
  const w = initWorld(m, record);
  // Terms never agreed at signing: the parties start contested (docs/model/early-failure.md).
  if (m.agreement.termsUnagreed > 0 && rng.signing.uniform() < m.agreement.termsUnagreed) {
    // Nothing was agreed for the mediator to enforce: its credibility is not
    // engaged at signing (observers learn toward p_enforce from there). A halt
    // imposed on a war still being fought may restart where the fighting was,
    // one rung below the collapse rung (the second draw only when that can happen,
    // so scenarios without it keep their streams).
    const rung = unagreedStartRung(m.dynamics.unagreedRung, m.collapseRung, m.agreement.warRungRestart, () =>
      rng.signing.uniform(),
    );
    for (const rt of w.states) {
      rt.rung = rung;
      rt.envelope = 1;
      rt.credibility = 0;
    }
    for (const p of w.proxies) p.envelope = 1;
    if (w.events)
      w.events.push({
        day: 0,
        kind: 'unagreed',
        actor: m.mediator.id,
        action: 'terms-never-agreed',
        perceivedAsViolationBy: [],
        note: `the parties start at rung ${rung}`,
      });
  }
  for (let i = 0; i < m.states.length; i++) {
    computeTerms(m, w, i);
    w.states[i].terms0.set(w.states[i].terms);
  }
  // Set after day 0, whose terms are the values frozen terms keep.
  w.freeze = opts.freezeTerms ?? null;
  const trajectory: TrajectoryPoint[] = [];
  if (record) trajectory.push(snapshot(m, w));
  let collapse: { state: number; day: number } | null = null;
  const S = m.states.length;
  const euSum = new Float64Array(S);
  const hardSum = new Float64Array(S);
  const preSum = new Float64Array(S);
  const hardliner = m.states.map((st) => st.factionHardliner);
  while (w.day < horizon) {
    collapse = stepDay(m, w, rng);
    for (let i = 0; i < S && w.day <= EARLY_WINDOW_DAYS; i++) {
      const rt = w.states[i];
      euSum[i] += rt.eu;
      preSum[i] += rt.terms[TERM.preemption];
      for (let f = 0; f < rt.factionPower.length; f++) if (hardliner[i][f]) hardSum[i] += rt.factionPower[f];
    }
    if (record) trajectory.push(snapshot(m, w));
    if (collapse) break;
  }
  const stateMeans: RunOutcome['stateMeans'] = {};
  const window = Math.max(1, Math.min(w.day, EARLY_WINDOW_DAYS));
  m.states.forEach(
    (st, i) =>
      (stateMeans[st.id] = {
        eu: euSum[i] / window,
        hardlinerPower: hardSum[i] / window,
        preemption: preSum[i] / window,
      }),
  );
  let attribution = Object.fromEntries(PILLARS.map((p) => [p, 0])) as Record<Pillar, number>;
  let primaryPillar: Pillar | null = null;
  let kinetic: KineticOutcome | null = null;
  if (collapse) {
    const rt = w.states[collapse.state];
    ({ shares: attribution, primary: primaryPillar } = attributeCollapse(rt.terms, rt.terms0));
    kinetic = openingExchange(m, w, collapse.state, rng.kinetic);
    if (w.events) {
      w.events.push({
        day: w.day,
        kind: 'collapse',
        actor: m.states[collapse.state].id,
        action: 'collapse',
        perceivedAsViolationBy: [],
        note: `primary pillar: ${primaryPillar ?? 'none'}`,
      });
      if (kinetic) openingEvents(w.events, w.day, kinetic, m.states[collapse.state].id);
    }
  }
  return {
    outcome: {
      collapsed: collapse !== null,
      day: collapse ? collapse.day : null,
      time: collapse ? collapse.day : horizon,
      firstCrosser: collapse ? m.states[collapse.state].id : null,
      attribution,
      primaryPillar,
      kinetic,
      stateMeans,
      interceptorsUsed: w.interceptorsUsed,
      leakers: w.leakers,
      costUsd: { attacker: w.attackerCostUsd, defender: w.defenderCostUsd },
      ...(keepsStrikeAccount(m) ? { defenderStrikes: { ...w.defenderStrikes } } : {}),
    },
    trajectory,
    events: w.events ?? [],
    ledger: ledger(m, w),
  };
}

/**
 * The opening exchange as events (docs/model/preemption.md, "Kinetic exchanges"): a defender that crossed
 * strikes the attacker first (its own event: the launchers it destroys, and its salvo if it has an arsenal),
 * then the attacker retaliates with what is left, if it is armed; otherwise the crosser fires its saturation
 * salvo.
 */
function openingEvents(events: RunEvent[], day: number, k: KineticOutcome, crosser: string): void {
  const unintercepted = (target: string) => k.undefended?.includes(target) ?? false;
  const salvo = (action: string): RunEvent => {
    const event: RunEvent = {
      day,
      kind: 'kinetic',
      actor: k.attacker,
      action,
      target: k.defender,
      launched: k.launched,
      leakers: k.leakers,
      interceptorsUsed: k.interceptorsUsed,
      perceivedAsViolationBy: [k.defender],
    };
    if (unintercepted(k.defender)) {
      event.unintercepted = true;
      event.note = `unintercepted: ${k.defender} has no air defence`;
    }
    return event;
  };
  if (!k.preemptive) {
    events.push(salvo('saturation-strike'));
    return;
  }
  const notes: string[] = [];
  if (k.launchersDestroyed > 0)
    notes.push(`destroys ${Math.round(100 * k.launchersDestroyed)}% of ${k.attacker}'s launchers`);
  const strike: RunEvent = {
    day,
    kind: 'kinetic',
    actor: crosser,
    action: 'pre-emptive-strike',
    target: k.attacker,
    launchersDestroyed: k.launchersDestroyed,
    perceivedAsViolationBy: [k.attacker],
  };
  if (k.strike) {
    strike.launched = k.strike.launched;
    strike.leakers = k.strike.leakers;
    strike.interceptorsUsed = k.strike.interceptorsUsed;
    if (unintercepted(k.attacker)) {
      strike.unintercepted = true;
      notes.push(`unintercepted: ${k.attacker} has no air defence`);
    }
  }
  // An unarmed defender's strike is followed by the retaliation salvo, whatever it fires (as ever); an armed
  // one's only if the attacker has a salvo left to fire.
  const retaliates = !k.strike || k.launched > 0;
  if (!retaliates) notes.push(`${k.attacker} has no salvo to retaliate with`);
  strike.note = notes.join('; ');
  events.push(strike);
  if (retaliates) events.push(salvo('retaliation-salvo'));
}

function ledger(m: Model, w: World): RunResult['ledger'] {
  const out: RunResult['ledger'] = {};
  for (const st of m.states) {
    const rt = w.states[st.index];
    out[st.id] = {
      missilesStart: finiteSum(st.arsenal?.stocks),
      missilesEnd: finiteSum(rt.stocks),
      missilesProduced: rt.missilesProduced,
      missilesLaunched: rt.missilesLaunched,
      interceptorsStart: finiteSum(st.defense?.baseInventory) * (st.defense?.stocksAtSigning ?? 1),
      interceptorsEnd: finiteSum(rt.inventory),
      interceptorsAdded: rt.interceptorsAdded,
      interceptorsFired: rt.interceptorsFired,
    };
  }
  return out;
}

/**
 * The opening exchange at collapse (docs/model/preemption.md, "Kinetic exchanges"), aimed at the adversary
 * the crosser acts on (utility.ts, actedOn). A revisionist that crosses fires its saturation salvo. A
 * defender that crosses strikes first: the adversary's launchers are cut by its pre-emption effectiveness,
 * and its own saturation salvo flies if it has an arsenal; then the adversary, if armed, retaliates with
 * what is left. A state without an air defence takes a salvo unintercepted. The outcome's salvo fields are the
 * salvo at the defender alone; the defender's own goes to `strike`. Each salvo goes to the account of the state it
 * is fired at (accountSalvo, in volley). Null when nothing is fired.
 */
function openingExchange(m: Model, w: World, crosser: number, rng: Stream): KineticOutcome | null {
  const st = m.states[crosser];
  const adv = actedOn(m, w, crosser);
  const preemptive = st.role === 'defender';
  // The side that fires the saturation or retaliation salvo, and the side it is fired at.
  const attacker = preemptive ? adv : crosser;
  const defender = preemptive ? crosser : adv;
  const art = w.states[attacker];
  let destroyed = 0;
  let strike: SalvoOutcome | undefined;
  if (preemptive) {
    if (m.states[adv].arsenal) {
      destroyed = st.preemption.effectiveness;
      art.launchers = Math.floor(art.launchers * (1 - destroyed));
    }
    const own = volley(m, w, crosser, adv, rng);
    if (own && own.launched > 0) strike = own;
  }
  const out = volley(m, w, attacker, defender, rng);
  if (!out && !strike && (!preemptive || destroyed === 0)) return null;
  const undefended: string[] = [];
  if (strike && !w.states[adv].inventory) undefended.push(m.states[adv].id);
  if (out && out.launched > 0 && !w.states[defender].inventory) undefended.push(m.states[defender].id);
  // The salvo fired at the defender's side only; the defender's own strike stays in `strike`.
  const k: KineticOutcome = {
    launched: out?.launched ?? 0,
    leakers: out?.leakers ?? 0,
    interceptorsUsed: out?.interceptorsUsed ?? 0,
    fromStock: out?.fromStock ?? 0,
    attackerCostUsd: out?.attackerCostUsd ?? 0,
    defenderCostUsd: out?.defenderCostUsd ?? 0,
    attacker: m.states[attacker].id,
    defender: m.states[defender].id,
    preemptive,
    launchersDestroyed: destroyed,
  };
  if (strike) k.strike = strike;
  if (undefended.length) k.undefended = undefended;
  return k;
}

/**
 * State `from` fires its saturation salvo at `to`, through `to`'s defence if it has one (an empty inventory
 * otherwise: every threat that flies lands); the run's accounts follow. Null when `from` has no arsenal.
 */
function volley(m: Model, w: World, from: number, to: number, rng: Stream): SalvoOutcome | null {
  const as = m.states[from];
  const e = as.arsenal?.against.get(to);
  if (!e) return null;
  const art = w.states[from];
  const ds = w.states[to];
  const salvo = saturationSalvo(as, art, 1);
  const out = fireSalvo(e, salvo, ds.inventory ?? NO_DEFENCE, ds.readiness, rng);
  for (let t = 0; t < salvo.length; t++) art.stocks![t] -= salvo[t];
  art.missilesLaunched += out.launched;
  ds.interceptorsFired += out.fromStock;
  accountSalvo(w, out, m.states[to]);
  return out;
}

function snapshot(m: Model, w: World): TrajectoryPoint {
  const actors: Record<string, StateSnapshot> = {};
  for (const st of m.states) {
    const rt = w.states[st.index];
    // The adversary the state acts on (its strike target); with one adversary, that one.
    const adv = st.adversaries.length ? actedOn(m, w, st.index) : undefined;
    let hard = 0;
    const factionPower: Record<string, number> = {};
    st.factions.forEach((f, k) => {
      if (f.hardliner) hard += rt.factionPower[k];
      factionPower[f.id] = rt.factionPower[k];
    });
    const snap: StateSnapshot = {
      rung: rt.rung,
      eu: rt.eu,
      terms: termsRecord(rt.terms),
      envelope: rt.envelope,
      credibility: rt.credibility,
      threatFrom: adv === undefined ? null : m.states[adv].id,
      threatBelief: adv === undefined ? 0 : logistic(rt.belief[adv]),
      // Computed here, in record mode only, so the day loop does no extra work.
      threatReading: adv === undefined ? 0 : logistic(beliefReading(m, w, st.index, adv)),
      perceivedViolations: rt.pvAsymmetric + rt.pvRedlines + rt.pvSpurious,
      hardlinerPower: hard,
      factionPower,
      rlp: rt.rlp,
      pdr: st.role === 'revisionist' ? proxyDegradationRate(m, w, st.index) : 0,
      sanctions: rt.sanctions,
      readiness: rt.readiness,
    };
    if (rt.inventory) {
      snap.interceptors = rt.inventory.reduce((s, x) => s + (Number.isFinite(x) ? x : 0), 0);
      // fluidSalvo's P(any leaker), from the expected leakers the planning estimate keeps.
      snap.pAnyLeaker = 1 - Math.exp(-rt.expectedLeakers);
      snap.leakFraction = rt.leakFraction;
    }
    if (rt.stocks) {
      snap.missiles = rt.stocks.reduce((s, x) => s + x, 0);
      snap.launchers = rt.launchers;
    }
    actors[st.id] = snap;
  }
  const proxies: TrajectoryPoint['proxies'] = {};
  for (const p of m.proxies)
    proxies[p.id] = {
      strength: w.proxies[p.index].strength,
      supply: w.proxies[p.index].supply,
      envelope: w.proxies[p.index].envelope,
    };
  return {
    day: w.day,
    actors,
    proxies,
    mediator: { competingTheaters: w.chi, enforcementProbability: w.pEnforce },
    misalignment: m.misalignment,
  };
}
