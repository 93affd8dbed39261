/**
 * Phase 7, escalation utility: every state's EU terms, in the order of the
 * one table in model/escalation-utility.ts (docs/model/escalation-utility.md).
 */
import { logistic } from '../../model/decision.js';
import { marginalPunishment } from '../../model/economy.js';
import { N_TERMS, TERM } from '../../model/escalation-utility.js';
import {
  campaignSufficiency,
  defenceBurden,
  depletion,
  preemptionPressure,
  useOrLose,
  waveFear,
  windowOfOpportunity,
} from '../../model/preemption.js';
import { degradationRate } from '../../model/proxies.js';
import { fluidPass } from '../../engagement/fluid.js';
import { saturationSalvo } from '../kinetic.js';
import type { Model } from '../model.js';
import { finiteSum, type World } from '../state.js';

export function computeTerms(m: Model, w: World, i: number): void {
  const st = m.states[i];
  const rt = w.states[i];
  const t = rt.terms;
  const eco = st.spec.economy;
  // Unweighted term values first; faction-weighted below.
  // Today's PDR if the slow dynamics computed it (proxies do not change after them), else computed here.
  t[TERM.pdr] = st.role === 'revisionist' ? (rt.pdrDay === w.day ? rt.pdr : proxyDegradationRate(m, w, i)) : 0;
  t[TERM.rlp] = rt.rlp;
  t[TERM.pvAsymmetric] = rt.pvAsymmetric;
  t[TERM.pvRedlines] = rt.pvRedlines;
  t[TERM.pvSpurious] = rt.pvSpurious;
  // Read once: nothing between here and the retaliation term changes it.
  const advReadiness = opponentReadiness(m, w, i);
  if (st.role === 'defender') {
    // Finite interceptor stocks on hand, for the wave's depletion and the window.
    const finite = finiteSum(rt.inventory);
    t[TERM.rearmament] = rt.rearmSeen;
    t[TERM.rearmamentDrift] = rearmDriftReading(m, w, i);
    t[TERM.preemption] = defenderPreemption(m, w, i, finite);
    t[TERM.defenceBurden] = defenceBurden(rt.spendAverage, st.preemption.budgetUsdPerDay);
    t[TERM.window] = windowOfOpportunity(stockShare(w, i, finite), advReadiness);
    t[TERM.readiness] = 0;
  } else {
    t[TERM.rearmament] = 0;
    t[TERM.rearmamentDrift] = 0;
    t[TERM.preemption] = revisionistExposure(m, w, i);
    t[TERM.defenceBurden] = 0;
    t[TERM.window] = 0;
    // Kept as restraint, with a wide prior: a state does not start a war it
    // is not yet able to fight: its forces' readiness, times what its stocks
    // can sustain of a war (docs/model/escalation-utility.md).
    const ars = st.arsenal;
    const able = ars && rt.stocks ? campaignSufficiency(rt.stocks, ars.saturationSalvo, ars.campaignWaves) : 1;
    t[TERM.readiness] = -(1 - rt.readiness * able);
  }
  t[TERM.credibility] = -rt.credibility * st.spec.enforcementSeverity;
  t[TERM.retaliation] = -st.spec.retaliationCost * advReadiness;
  t[TERM.economic] = -marginalPunishment(rt.sanctions, eco.sanctionsSeverity);
  t[TERM.baseline] = -1;
  // The state's term k is base_k * sum_f power_f * w_f[k] (docs/model/factions.md).
  const F = st.factions.length;
  const W = st.termWeights;
  const power = rt.factionPower;
  const freeze = w.freeze;
  let eu = 0;
  for (let k = 0; k < N_TERMS; k++) {
    let weight = 0;
    for (let f = 0; f < F; f++) weight += power[f] * W[f * N_TERMS + k];
    t[k] *= weight;
    // A counterfactual replay holds a frozen pillar's terms at their day-0 values (docs/model/attribution.md).
    if (freeze !== null && freeze[k] === 1) t[k] = rt.terms0[k];
    eu += t[k];
  }
  rt.eu = eu;
}

export function proxyDegradationRate(m: Model, w: World, i: number): number {
  const W = m.pdrWindowDays;
  let pdr = 0;
  for (const pi of m.states[i].proxies) {
    const h = w.proxies[pi].history;
    const ago = h[(w.day + 1) % (W + 1)];
    pdr += m.proxies[pi].spec.value * degradationRate(ago, w.proxies[pi].strength, W);
  }
  return pdr;
}

/**
 * The stale gap (docs/model/perception.md): state i's picture is its detection
 * lag old, and it fills the days it cannot yet see with the worst-case drift,
 * so what it acts on is its belief (and rearmament estimate) plus that drift.
 */
export function beliefReading(m: Model, w: World, i: number, adv: number): number {
  const rt = w.states[i];
  return rt.belief[adv] + rt.beliefGap;
}

export function rearmDriftReading(m: Model, w: World, i: number): number {
  const rt = w.states[i];
  return rt.rearmDrift + rt.rearmGap;
}

function opponentReadiness(m: Model, w: World, i: number): number {
  const adv = m.states[i].adversaries;
  let r = 0;
  for (const a of adv) r = Math.max(r, w.states[a].readiness);
  return r;
}

/**
 * The defender's daily planning estimate of each adversary's next wave
 * (docs/model/preemption.md): the saturation salvo scaled by the adversary's
 * readiness, capped by its stocks and launchers, through the defence by the
 * mean-field pass; the pressure formula is in model/preemption.ts. With several
 * adversaries the term is the largest pressure, and the adversary that gives it
 * is the one the defender acts on (threatFrom: its strike target, and the wave
 * its leakers and leak fraction describe); ties to the first in `actors` order.
 * The hot path: scratch buffers, no allocation.
 */
function defenderPreemption(m: Model, w: World, i: number, finite: number): number {
  const st = m.states[i];
  const rt = w.states[i];
  const pre = st.preemption;
  const base = m.dynamics.nextWaveBase;
  const inventory = rt.inventory;
  let worst = 0;
  let target = -1;
  let leakFraction = 0;
  let expectedLeakers = 0;
  if (!inventory) {
    rt.threatFrom = target;
    return worst;
  }
  // The adversaries with an engagement against this defence, in `actors` order (state.ts, planningOf).
  for (const { adversary: adv, tables } of rt.planning) {
    const art = w.states[adv];
    const salvo = saturationSalvo(m.states[adv], art, base + (1 - base) * art.readiness, rt.salvoScratch);
    fluidPass(tables, salvo, inventory, rt.readiness);
    // The threats that fly: launched x reliability, summed over types in order.
    const flying = tables.flying;
    if (flying <= 0) continue;
    const leakers = tables.leakers;
    const fear = waveFear(leakers, pre.leakerTolerance, depletion(flying, finite), pre.depletionWeight);
    const pressure = preemptionPressure(logistic(beliefReading(m, w, i, adv)), fear);
    if (target < 0 || pressure > worst) {
      worst = pressure;
      target = adv;
      leakFraction = leakers / flying;
      expectedLeakers = leakers;
    }
  }
  rt.threatFrom = target;
  rt.leakFraction = leakFraction;
  rt.expectedLeakers = expectedLeakers;
  return worst;
}

/**
 * The adversary state i acts on: the one its pre-emption term weighs most
 * (threatFrom), or, for a defender with no wave to weigh (no defence, or no
 * adversary's wave flies), the one it reads as most likely to prepare a strike;
 * ties to the first in `actors` order. Its strikes, limited or at collapse, go
 * there (docs/model/preemption.md, "Several adversaries"). Read at a strike or a
 * snapshot, not every day.
 */
export function actedOn(m: Model, w: World, i: number): number {
  const from = w.states[i].threatFrom;
  if (from >= 0) return from;
  const advs = m.states[i].adversaries;
  let best = advs[0];
  let reading = -Infinity;
  for (const adv of advs) {
    const r = beliefReading(m, w, i, adv);
    if (r > reading) {
      reading = r;
      best = adv;
    }
  }
  return best;
}

/** Share of base interceptor stocks on hand (finite layers), given the finite stocks on hand. */
function stockShare(w: World, i: number, finite: number): number {
  const b = w.states[i].finiteBaseInventory;
  return b > 0 ? finite / b : 0;
}

/**
 * The revisionist's use-or-lose fear: what an adversary's first strike would destroy, by its belief that one
 * is coming; the adversary that gives the largest is the one it acts on (threatFrom).
 */
function revisionistExposure(m: Model, w: World, i: number): number {
  let worst = 0;
  let target = -1;
  for (const adv of m.states[i].adversaries) {
    const exposure = useOrLose(logistic(beliefReading(m, w, i, adv)), m.states[adv].preemption.effectiveness);
    if (target < 0 || exposure > worst) {
      worst = exposure;
      target = adv;
    }
  }
  w.states[i].threatFrom = target;
  return worst;
}
