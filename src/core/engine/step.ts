/**
 * One day of the ceasefire (docs/model/reference.md 2-3). The order is part of the model:
 *
 *   1. attention   the mediator's competing theaters flare or calm; p_enforce(t)
 *   2. activities  every state and proxy runs its pause activities (Poisson
 *                  counts at rates scaled by envelope, rung and strength);
 *                  effects apply at once; observers may detect each occurrence
 *                  (after a lag); the monitor may attribute it, which stress-
 *                  tests the mediator (enforce now, or unanswered after R days)
 *   3. spurious    false reports from ambiguous intelligence reach observers
 *   4. perception  detections whose lag has run out are read against redlines:
 *                  perceived violations, beliefs, seen rearmament; the observer
 *                  answers the violation itself or absorbs it (retreat)
 *   5. unanswered  violations the mediator left unanswered for R days erode
 *                  credibility and widen the violator's envelope
 *   6. slow        belief drift, decay of perceived violations, credibility
 *                  learning, proxy reconstitution and PDR, economy, readiness,
 *                  production, legitimacy pressure and faction power
 *   7. utility     every state's EU terms
 *   8. decisions   ordered-logit rung steps (more per day at rungs >= 3), then
 *                  the mediator's de-escalation window
 *   9. collapse    the first state at the collapse rung ends the ceasefire; the
 *                  opening kinetic exchange runs through the engagement engine
 *
 * Each mechanism draws from its own stream, so a draw added in one does not
 * reshuffle another.
 */
import { poisson } from '../rng/poisson.js';
import type { Stream } from '../rng/stream.js';
import { afterEnforcement, afterUnanswered, enforcementProbability, learnCredibility } from '../model/credibility.js';
import { decideStep } from '../model/decision.js';
import { capitalDay, hardship, marginalPunishment, militaryShare, procurementFactor } from '../model/economy.js';
import { N_TERMS, TERM } from '../model/escalation-utility.js';
import { legitimacyDay, updateFactionPower } from '../model/factions.js';
import { beliefDay, detectionLagDays, logistic, ownDetection, rungWeight, spuriousRate } from '../model/perception.js';
import { degradationRate, reconstitute, recoverSupply } from '../model/proxies.js';
import { deescalationProbability, narrowEnvelope, widenEnvelope } from '../model/redlines.js';
import { fluidSalvo } from '../engagement/fluid.js';
import type { RunEvent } from './events.js';
import { CLASS_PERMITTED, CLASS_PROHIBITED, type ActionDef, type Model } from './model.js';
import { fireSalvo, saturationSalvo } from './kinetic.js';
import type { Pending, World } from './state.js';

export interface Streams {
  attention: Stream;
  activity: Stream;
  perception: Stream;
  decision: Stream;
  kinetic: Stream;
}

/** Legitimacy pressure per unit of unanswered, rung-weighted violation. */
const LEGITIMACY_PER_RETREAT = 0.01;
/** Hardliner growth scale per unit of retreat (retreat is rung-weighted counts). */
const RETREAT_SCALE = 0.01;

export interface CollapseInfo {
  state: number;
  day: number;
}

export function stepDay(m: Model, w: World, rng: Streams): CollapseInfo | null {
  w.day++;
  for (const s of w.states) {
    s.retreatToday = 0;
    s.reliefToday = 0;
  }
  attention(m, w, rng.attention);
  activities(m, w, rng);
  spurious(m, w, rng.perception);
  processPending(m, w, rng.perception);
  slowDynamics(m, w);
  for (let i = 0; i < m.states.length; i++) computeTerms(m, w, i);
  return decisions(m, w, rng);
}

// 1. attention ---------------------------------------------------------------
function attention(m: Model, w: World, rng: Stream): void {
  const med = m.mediator.spec;
  const n = poisson(rng, med.attentionShockRate);
  for (let k = 0; k < n; k++) {
    w.shocks.push({ end: w.day + med.attentionShockDays, size: med.attentionShockSize * med.attentionShockScale });
    log(w, { day: w.day, kind: 'attention-shock', actor: m.mediator.id, action: 'attention-shock', perceivedAsViolationBy: [] });
  }
  if (w.shocks.length) w.shocks = w.shocks.filter((s) => s.end > w.day);
  let chi = med.competingTheaters;
  for (const s of w.shocks) chi += s.size;
  w.chi = Math.min(1, chi);
  w.pEnforce = enforcementProbability(m.agreement.guarantee, med.commitment, med.domesticAversion, w.chi);
}

// 2. activities ----------------------------------------------------------------
function activities(m: Model, w: World, rng: Streams): void {
  for (const st of m.states) {
    const rt = w.states[st.index];
    for (const act of st.activities) {
      const a = m.actions[act.action];
      if (!allowedAtRung(a, rt.rung)) continue;
      const rate = act.ratePerDay * (a.classification === CLASS_PERMITTED ? 1 : rt.envelope) * (1 + 0.25 * rt.rung);
      const n = poisson(rng.activity, rate);
      for (let k = 0; k < n; k++) occur(m, w, rng, a, st.index, -1);
    }
  }
  for (const px of m.proxies) {
    const rt = w.proxies[px.index];
    const patronRung = w.states[px.patron].rung;
    for (const act of px.activities) {
      const a = m.actions[act.action];
      const kineticScale = a.rung >= 3 ? 0.25 + 0.5 * patronRung : 1;
      const rate = act.ratePerDay * rt.strength * (a.classification === CLASS_PERMITTED ? 1 : rt.envelope) * kineticScale;
      const n = poisson(rng.activity, rate);
      for (let k = 0; k < n; k++) occur(m, w, rng, a, px.patron, px.index);
    }
  }
}

/** Pause activities (rungs 0-2) are open to any actor; kinetic ones need the actor to be at that rung. */
function allowedAtRung(a: ActionDef, rung: number): boolean {
  return a.rung <= 2 || rung >= a.rung;
}

function occur(m: Model, w: World, rng: Streams, a: ActionDef, state: number, proxy: number): void {
  const actorId = proxy >= 0 ? m.proxies[proxy].id : m.states[state].id;
  const event: RunEvent | undefined = w.events ? { day: w.day, kind: 'action', actor: actorId, action: a.id, perceivedAsViolationBy: [], detectedBy: [] } : undefined;
  applyEffects(m, w, rng, a, state, proxy, event);
  // The monitor sees the occurrence with probability v * kappa(domain). What it
  // sees it reports to every party with its determination (the agreed
  // reading): verification works through attribution, telling deliberate from
  // accidental (Clayton and Sticher 2021). What it misses, each observer may
  // still see with its own intelligence and read by its own redlines. So
  // d_j = 1 - (1 - d0_j)(1 - v kappa) as in docs/model/reference.md 3.2, and the reading
  // depends on who saw it.
  const v = m.agreement.verification;
  const monitorSaw = rng.perception.uniform() < v * m.agreement.coverage[a.domain];
  for (const obs of m.states[state].adversaries) {
    const ort = w.states[obs];
    const seen = monitorSaw || rng.perception.uniform() < ownDetection(Math.min(1, m.states[obs].spec.intelligence + ort.intelBoost), a.visibility);
    if (!seen) continue;
    const lag = a.rung >= 3 ? 0 : detectionLagDays(m.states[obs].spec.detectionLagDays, v);
    w.pending.push({ due: w.day + lag, kind: 'perceive', observer: obs, violatorState: state, violatorProxy: proxy, action: a.index, spurious: false, verified: monitorSaw, event });
  }
  // Attribution of a violation of the terms stress-tests the mediator.
  if (monitorSaw && a.classification !== CLASS_PERMITTED && rng.perception.uniform() < a.agreedReading) {
    if (event) event.attributed = true;
    const med = m.mediator.spec;
    if (rng.perception.uniform() < w.pEnforce) {
      for (const s of w.states) s.credibility = afterEnforcement(s.credibility, med.credibilityGain);
      narrowViolator(w, state, proxy);
      const vs = w.states[state];
      vs.sanctions += med.sanctionsPerEnforcement * (1 - vs.sanctions);
      log(w, { day: w.day, kind: 'enforcement', actor: m.mediator.id, action: 'enforce', target: actorId, perceivedAsViolationBy: [], note: `${a.id} by ${actorId}` });
    } else {
      w.pending.push({ due: w.day + Math.round(med.responseDays), kind: 'unanswered', observer: -1, violatorState: state, violatorProxy: proxy, action: a.index, spurious: false, verified: true });
    }
  }
  if (event) w.events!.push(event);
}

function narrowViolator(w: World, state: number, proxy: number): void {
  if (proxy >= 0) w.proxies[proxy].envelope = narrowEnvelope(w.proxies[proxy].envelope);
  else w.states[state].envelope = narrowEnvelope(w.states[state].envelope);
}

function widenViolator(w: World, state: number, proxy: number): void {
  if (proxy >= 0) w.proxies[proxy].envelope = widenEnvelope(w.proxies[proxy].envelope);
  else w.states[state].envelope = widenEnvelope(w.states[state].envelope);
}

function applyEffects(m: Model, w: World, rng: Streams, a: ActionDef, state: number, proxy: number, event?: RunEvent): void {
  const st = m.states[state];
  const rt = w.states[state];
  if (a.interceptors > 0 && st.defense && rt.inventory) {
    for (let l = 0; l < rt.inventory.length; l++) {
      const base = st.defense.baseInventory[l];
      if (!Number.isFinite(base)) continue;
      const next = Math.min(base, rt.inventory[l] + a.interceptors * base * rt.procurement);
      rt.interceptorsAdded += Math.max(0, next - rt.inventory[l]);
      rt.inventory[l] = Math.max(rt.inventory[l], next);
    }
  }
  if (a.readiness > 0) rt.readiness += a.readiness * (1 - rt.readiness);
  if (a.intelligence > 0) rt.intelBoost = Math.max(rt.intelBoost, a.intelligence);
  if (a.rearmament > 0) {
    if (proxy >= 0) {
      const p = w.proxies[proxy];
      p.strength += a.rearmament * p.supply * (1 - p.strength);
    } else rt.readiness = Math.min(1, rt.readiness + a.rearmament * rt.procurement * (1 - rt.readiness));
  }
  if (a.proxyTransfer > 0) {
    const own = proxy >= 0 ? [proxy] : st.proxies;
    for (const pi of own) {
      const p = w.proxies[pi];
      p.strength = Math.min(1, p.strength + a.proxyTransfer * p.supply * rt.procurement * (1 - p.strength));
    }
  }
  if (a.proxyStrength > 0 || a.supplyIntegrity > 0) {
    const target = pickAdversaryProxy(m, w, state, rng.activity);
    if (target >= 0) {
      const p = w.proxies[target];
      p.strength *= 1 - a.proxyStrength;
      p.supply *= 1 - a.supplyIntegrity;
      if (event) event.target = m.proxies[target].id;
    }
  }
  if (a.salvoShare > 0) {
    // A kinetic act: a limited strike by a state, or a proxy attack.
    const out = proxy >= 0 ? fireProxyAttack(m, w, rng.kinetic, proxy) : fireLimitedStrike(m, w, rng.kinetic, state, a.salvoShare);
    if (event && out) {
      event.leakers = out.leakers;
      event.interceptorsUsed = out.interceptorsUsed;
      event.target = out.target;
    }
  }
}

/** An adversary's proxy, chosen with probability proportional to strength x value. */
function pickAdversaryProxy(m: Model, w: World, state: number, rng: Stream): number {
  let total = 0;
  for (const p of m.proxies) if (p.target === state || m.states[state].adversaries.includes(p.patron)) total += w.proxies[p.index].strength * p.spec.value;
  if (total <= 0) return -1;
  let u = rng.uniform() * total;
  for (const p of m.proxies) {
    if (!(p.target === state || m.states[state].adversaries.includes(p.patron))) continue;
    u -= w.proxies[p.index].strength * p.spec.value;
    if (u <= 0) return p.index;
  }
  return m.proxies[m.proxies.length - 1].index;
}

function fireProxyAttack(m: Model, w: World, rng: Stream, proxy: number) {
  const px = m.proxies[proxy];
  if (!px.attack) return null;
  const target = w.states[px.target];
  const launched = Float64Array.from(px.attack.salvo, (n) => Math.round(n * w.proxies[proxy].strength));
  const out = fireSalvo(px.attack.engagement, launched, target.inventory!, target.readiness, rng);
  target.interceptorsFired += out.fromStock;
  account(w, out, false);
  return { ...out, target: m.states[px.target].id };
}

function fireLimitedStrike(m: Model, w: World, rng: Stream, state: number, share: number) {
  const st = m.states[state];
  const rt = w.states[state];
  for (const adv of st.adversaries) {
    const e = st.arsenal?.against.get(adv);
    const target = w.states[adv];
    if (!e || !target.inventory) continue;
    const launched = saturationSalvo(st, rt, share);
    const out = fireSalvo(e, launched, target.inventory, target.readiness, rng);
    for (let t = 0; t < launched.length; t++) rt.stocks![t] -= launched[t];
    rt.missilesLaunched += out.launched;
    target.interceptorsFired += out.fromStock;
    account(w, out, true);
    return { ...out, target: m.states[adv].id };
  }
  return null;
}

function account(w: World, out: { leakers: number; interceptorsUsed: number; attackerCostUsd: number; defenderCostUsd: number }, stateAttacker: boolean): void {
  w.interceptorsUsed += out.interceptorsUsed;
  w.leakers += out.leakers;
  w.defenderCostUsd += out.defenderCostUsd;
  if (stateAttacker) w.attackerCostUsd += out.attackerCostUsd;
}

// 3. spurious ------------------------------------------------------------------
function spurious(m: Model, w: World, rng: Stream): void {
  const v = m.agreement.verification;
  for (const st of m.states) {
    const rt = w.states[st.index];
    if (!st.adversaries.length) continue;
    // Decision-cycle compression: at rungs >= 3 more readings reach decision makers.
    const compression = rt.rung >= 3 ? 1 + (rt.rung - 2) : 1;
    const n = poisson(rng, spuriousRate(st.spec.spuriousRate, v) * compression);
    for (let k = 0; k < n; k++) {
      const suspect = st.adversaries[Math.floor(rng.uniform() * st.adversaries.length)];
      const event: RunEvent | undefined = w.events ? { day: w.day, kind: 'spurious', actor: m.states[suspect].id, action: 'spurious-report', perceivedAsViolationBy: [], detectedBy: [st.id] } : undefined;
      if (event) w.events!.push(event);
      w.pending.push({ due: w.day, kind: 'perceive', observer: st.index, violatorState: suspect, violatorProxy: -1, action: -1, spurious: true, verified: false, event });
    }
  }
}

// 4-5. perception and unanswered violations --------------------------------------
function processPending(m: Model, w: World, rng: Stream): void {
  if (!w.pending.length) return;
  const keep: Pending[] = [];
  for (const p of w.pending) {
    if (p.due > w.day) {
      keep.push(p);
      continue;
    }
    if (p.kind === 'perceive') perceive(m, w, rng, p);
    else {
      const med = m.mediator.spec;
      // docs/model/reference.md 3.4: an unanswered violation costs the mediator credibility. The
      // violator's envelope is not widened here: whether the probe went
      // unanswered is settled when its victim perceives it (self-help or not).
      for (const s of w.states) s.credibility = afterUnanswered(s.credibility, med.credibilityLoss);
      const who = p.violatorProxy >= 0 ? m.proxies[p.violatorProxy].id : m.states[p.violatorState].id;
      log(w, { day: w.day, kind: 'no-response', actor: m.mediator.id, action: 'no-response', target: who, perceivedAsViolationBy: [], note: `${m.actions[p.action].id} by ${who} left unanswered for ${Math.round(med.responseDays)} days` });
    }
  }
  w.pending = keep;
}

function perceive(m: Model, w: World, rng: Stream, p: Pending): void {
  const obs = m.states[p.observer];
  const ort = w.states[p.observer];
  const spec = obs.spec;
  if (p.event && !p.spurious) p.event.detectedBy!.push(obs.id);
  const a = p.spurious ? null : m.actions[p.action];
  // Rearmament seen, whether or not it is read as a violation (the defender's planning).
  if (a && (a.rearmament > 0 || a.proxyTransfer > 0)) ort.rearmSeen += (a.rearmament + a.proxyTransfer) * (1 - ort.rearmSeen);
  // A worst-case (spurious) reading is a violation by construction; a verified
  // occurrence is read as the monitor determines it.
  const reading = a ? (p.verified ? a.agreedReading : obs.redline[a.index]) : 1;
  if (rng.uniform() >= reading) return;
  const rung = a ? a.rung : 1;
  const weight = rungWeight(rung);
  // Pillars: a reading the agreement shares is asymmetric objectives (the other
  // side used the pause as the terms forbid); the excess of the private reading
  // over the agreed one is redline misalignment.
  if (p.spurious) ort.pvSpurious += weight;
  else if (a!.classification === CLASS_PROHIBITED) ort.pvAsymmetric += weight;
  else {
    const shared = reading > 0 ? Math.min(1, a!.agreedReading / reading) : 1;
    ort.pvAsymmetric += weight * shared;
    ort.pvRedlines += weight * (1 - shared);
  }
  ort.belief[p.violatorState] += spec.beliefStep * weight;
  if (p.event) p.event.perceivedAsViolationBy.push(obs.id);
  // Self-help: answered at rung >= 2, or by propensity; otherwise absorbed as visible retreat.
  if (ort.rung >= 2 || rng.uniform() < spec.retaliationPropensity) {
    if (!p.spurious) narrowViolator(w, p.violatorState, p.violatorProxy);
    log(w, { day: w.day, kind: 'answered', actor: obs.id, action: 'answer', target: p.violatorProxy >= 0 ? m.proxies[p.violatorProxy].id : m.states[p.violatorState].id, perceivedAsViolationBy: [] });
  } else {
    if (!p.spurious) widenViolator(w, p.violatorState, p.violatorProxy);
    ort.retreatToday += weight;
  }
}

// 6. slow dynamics -------------------------------------------------------------
function slowDynamics(m: Model, w: World): void {
  const v = m.agreement.verification;
  const med = m.mediator.spec;
  const W = m.pdrWindowDays;
  for (const px of m.proxies) {
    const rt = w.proxies[px.index];
    const patron = w.states[px.patron];
    rt.strength = reconstitute(rt.strength, px.spec.reconstitution, rt.supply, patron.procurement);
    rt.supply = recoverSupply(rt.supply, px.spec.supplyRecovery, patron.procurement);
    rt.history[w.day % (W + 1)] = rt.strength;
  }
  for (const st of m.states) {
    const rt = w.states[st.index];
    const spec = st.spec;
    const eco = spec.economy;
    for (const adv of st.adversaries) rt.belief[adv] = beliefDay(rt.belief[adv], spec.beliefPrior, spec.beliefDecay, spec.beliefDrift, v);
    const decay = 1 - spec.pvDecay;
    rt.pvAsymmetric *= decay;
    rt.pvRedlines *= decay;
    rt.pvSpurious *= decay;
    rt.rearmSeen *= 1 - spec.beliefDecay;
    rt.rearmDrift = rt.rearmDrift * (1 - spec.beliefDecay) + spec.beliefDrift * 0.1 * (1 - v);
    rt.credibility = learnCredibility(rt.credibility, w.pEnforce, med.credibilityLearning);
    rt.intelBoost = Math.max(0, rt.intelBoost - 1 / 30);
    // Economy: the security gap drives the military share, which drives procurement.
    const gap = securityGap(m, w, st.index);
    rt.militaryShare = militaryShare(eco.militaryShare, eco.militaryShareMax, gap);
    rt.capital = capitalDay(rt.capital, eco.income, rt.sanctions, eco.spending, rt.militaryShare, eco.militaryShare);
    rt.procurement = procurementFactor(rt.militaryShare, eco.militaryShare, rt.sanctions, eco.leadTimePerSanctions, rt.capital);
    if (m.agreement.sanctionsRelief > 0 && rt.sanctions > 0 && rt.rung <= 1) {
      rt.reliefToday = (m.agreement.sanctionsRelief / 100) * rt.sanctions;
      rt.sanctions -= rt.reliefToday;
    }
    rt.readiness = Math.max(0, rt.readiness * (1 - spec.readinessDecay));
    if (st.arsenal && rt.stocks) {
      for (let t = 0; t < rt.stocks.length; t++) {
        const made = st.arsenal.productionPerDay[t] * rt.procurement;
        rt.stocks[t] += made;
        rt.missilesProduced += made;
      }
    }
    if (st.defense && rt.inventory) {
      for (let l = 0; l < rt.inventory.length; l++) {
        const base = st.defense.baseInventory[l];
        if (!Number.isFinite(base)) continue;
        const next = Math.min(base, rt.inventory[l] + st.defense.replenishPerDay * base * Math.min(1, rt.procurement));
        if (next > rt.inventory[l]) {
          rt.interceptorsAdded += next - rt.inventory[l];
          rt.inventory[l] = next;
        }
      }
    }
    const retreat = rt.retreatToday * RETREAT_SCALE;
    rt.rlp = legitimacyDay(rt.rlp, spec.legitimacyDecay, rt.retreatToday, m.agreement.faceSaving, LEGITIMACY_PER_RETREAT, spec.hardshipWeight, hardship(rt.sanctions, rt.capital));
    updateFactionPower(rt.factionPower, st.factionPower0, st.factionHardliner, retreat, m.agreement.faceSaving, rt.reliefToday, spec.hardlinerGrowth, spec.reliefDampening);
  }
}

/** Revisionist: its network's loss and PDR; defender: perceived adversary rearmament. */
function securityGap(m: Model, w: World, i: number): number {
  const st = m.states[i];
  const rt = w.states[i];
  if (st.role === 'defender') return Math.min(1, rt.rearmSeen + rt.rearmDrift);
  let lost = 0;
  let value = 0;
  for (const pi of st.proxies) {
    const p = m.proxies[pi];
    lost += p.spec.value * Math.max(0, p.spec.strength - w.proxies[pi].strength);
    value += p.spec.value * p.spec.strength;
  }
  return Math.min(1, (value > 0 ? lost / value : 0) + proxyDegradationRate(m, w, i));
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

// 7. escalation utility ---------------------------------------------------------
export function computeTerms(m: Model, w: World, i: number): void {
  const st = m.states[i];
  const rt = w.states[i];
  const t = rt.terms;
  const eco = st.spec.economy;
  // Unweighted term values first; faction-weighted below.
  t[TERM.pdr] = st.role === 'revisionist' ? proxyDegradationRate(m, w, i) : 0;
  t[TERM.rlp] = rt.rlp;
  t[TERM.pvAsymmetric] = rt.pvAsymmetric;
  t[TERM.pvRedlines] = rt.pvRedlines;
  t[TERM.pvSpurious] = rt.pvSpurious;
  if (st.role === 'defender') {
    t[TERM.rearmament] = rt.rearmSeen;
    t[TERM.rearmamentDrift] = rt.rearmDrift;
    t[TERM.preemption] = preemptionPressure(m, w, i);
    t[TERM.readiness] = 0;
  } else {
    t[TERM.rearmament] = 0;
    t[TERM.rearmamentDrift] = 0;
    t[TERM.preemption] = 0;
    t[TERM.readiness] = -(1 - rt.readiness);
  }
  t[TERM.credibility] = -rt.credibility * st.spec.enforcementSeverity;
  t[TERM.retaliation] = -st.spec.retaliationCost * opponentReadiness(m, w, i);
  t[TERM.economic] = -marginalPunishment(rt.sanctions, eco.sanctionsSeverity);
  t[TERM.baseline] = -1;
  // The state's term k is base_k * sum_f power_f * w_f[k] (docs/model/reference.md 3.5).
  const F = st.factions.length;
  const W = st.termWeights;
  let eu = 0;
  for (let k = 0; k < N_TERMS; k++) {
    let weight = 0;
    for (let f = 0; f < F; f++) weight += rt.factionPower[f] * W[f * N_TERMS + k];
    t[k] *= weight;
    eu += t[k];
  }
  rt.eu = eu;
}

function opponentReadiness(m: Model, w: World, i: number): number {
  const adv = m.states[i].adversaries;
  let r = 0;
  for (const a of adv) r = Math.max(r, w.states[a].readiness);
  return r;
}

/**
 * docs/model/reference.md 3.9: the defender's pressure to pre-empt grows when its estimate
 * of penetration by the adversary's next wave exceeds its zero-penetration
 * tolerance, in proportion to its belief that the adversary prepares to strike:
 *   preemption = belief * max(0, leakFraction - tolerance) / (1 - tolerance).
 * Change from the reference design (docs/model/reference.md): the estimate is the expected leak fraction of the wave
 * (expected leakers / threats that fly) rather than P(at least one leaker).
 * For a single-threat wave the two are equal; for a salvo of more than a few
 * dozen ballistic missiles P(at least one leaker) is 1 whatever the stocks, so
 * it could not register interceptor depletion, which is what drives the
 * switch to pre-emption. The next wave is the saturation salvo scaled by the
 * adversary's readiness (its rebuilt C2 and forces), capped by its stocks and
 * launchers.
 */
function preemptionPressure(m: Model, w: World, i: number): number {
  const st = m.states[i];
  const rt = w.states[i];
  const tol = st.spec.preemption?.tolerance ?? 0.2;
  let worst = 0;
  for (const adv of st.adversaries) {
    const as = m.states[adv];
    const e = as.arsenal?.against.get(i);
    if (!e || !rt.inventory) continue;
    const art = w.states[adv];
    const salvo = saturationSalvo(as, art, 0.5 + 0.5 * art.readiness, rt.salvoScratch);
    let flying = 0;
    for (let t = 0; t < salvo.length; t++) flying += salvo[t] * e.threats[t].reliability;
    if (flying <= 0) continue;
    const { leakers, pAnyLeaker } = fluidSalvo(e, salvo, rt.inventory, rt.readiness, rt.fluidScratch);
    rt.pAnyLeaker = pAnyLeaker;
    rt.leakFraction = leakers / flying;
    const excess = Math.max(0, rt.leakFraction - tol) / Math.max(1e-9, 1 - tol);
    worst = Math.max(worst, logistic(rt.belief[adv]) * excess);
  }
  return worst;
}

// 8-9. decisions and collapse ----------------------------------------------------
function decisions(m: Model, w: World, rng: Streams): CollapseInfo | null {
  const med = m.mediator.spec;
  let crosser = -1;
  let margin = -Infinity;
  for (const st of m.states) {
    const rt = w.states[st.index];
    const spec = st.spec;
    const cycles = rt.rung >= 3 ? 1 + (rt.rung - 2) : 1;
    for (let c = 0; c < cycles && rt.rung < m.collapseRung; c++) {
      const step = decideStep(rt.eu, rt.rung, spec.rungThresholds, spec.stepDownGap, spec.temperature, rng.decision.uniform());
      if (step === 0) continue;
      const from = rt.rung;
      rt.rung = Math.max(0, rt.rung + step);
      log(w, { day: w.day, kind: 'rung', actor: st.id, action: step > 0 ? 'step-up' : 'step-down', rung: rt.rung, perceivedAsViolationBy: [], note: `rung ${from} -> ${rt.rung}, EU ${rt.eu.toFixed(3)}` });
    }
    if (rt.rung >= m.collapseRung) {
      const mgn = rt.eu - spec.rungThresholds[Math.min(m.collapseRung - 1, spec.rungThresholds.length - 1)];
      if (mgn > margin) {
        margin = mgn;
        crosser = st.index;
      }
    } else if (rt.rung > 0 && rng.decision.uniform() < deescalationProbability(med.deescalation, rt.credibility, med.deescalationDecay, rt.rung)) {
      rt.rung--;
      log(w, { day: w.day, kind: 'mediated-step-down', actor: st.id, action: 'mediated-step-down', rung: rt.rung, perceivedAsViolationBy: [], note: `${m.mediator.id} brokered a step down` });
    }
  }
  if (crosser < 0) return null;
  return { state: crosser, day: w.day };
}

function log(w: World, e: RunEvent): void {
  if (w.events) w.events.push(e);
}

