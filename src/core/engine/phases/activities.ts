/**
 * Phase 2, activities: every state and proxy runs its pause activities
 * (Poisson counts, docs/model/activity.md); effects apply at once; observers
 * may detect each occurrence after a lag (docs/model/perception.md); the
 * monitor may attribute it, which stress-tests the mediator
 * (docs/model/credibility.md).
 */
import { PoissonSites } from '../../rng/poisson.js';
import type { Stream } from '../../rng/stream.js';
import { proxyActivityRate, stateActivityRate } from '../../model/activity.js';
import { responseDelay } from '../../model/credibility.js';
import { spoilerAttackRate, spoilerAutonomy } from '../../model/early-failure.js';
import { detectionLagDays, ownDetection } from '../../model/perception.js';
import { onReliefTrack, rearmamentForgone } from '../../model/economy.js';
import { narrowEnvelope, widenEnvelope } from '../../model/redlines.js';
import type { RunEvent } from '../events.js';
import { accountSalvo, fireSalvo, NO_DEFENCE, saturationSalvo } from '../kinetic.js';
import { CLASS_PERMITTED, CLASS_PROHIBITED, type ActionDef, type Model } from '../model.js';
import { schedule, type World } from '../state.js';
import type { Streams } from '../step.js';
import { actedOn } from './utility.js';

/**
 * Poisson draws per activity slot (actor, activity): a rate that has not
 * changed since the slot's last draw reuses its exp(-rate). A cache only:
 * every draw is poisson()'s, whichever model last used the slot.
 */
const stateSites: PoissonSites[] = [];
const proxySites: PoissonSites[] = [];

function sitesOf(table: PoissonSites[], actor: number, n: number): PoissonSites {
  let sites = table[actor];
  if (sites === undefined || sites.size < n) sites = table[actor] = new PoissonSites(n);
  return sites;
}

export function activities(m: Model, w: World, rng: Streams): void {
  // Two loops in two functions: each small enough for the compiler to inline
  // its Poisson draws (a draw that is not inlined boxes its rate).
  stateActivities(m, w, rng);
  proxyActivities(m, w, rng);
}

function stateActivities(m: Model, w: World, rng: Streams): void {
  const dyn = m.dynamics;
  const agr = m.agreement;
  for (const st of m.states) {
    const rt = w.states[st.index];
    const sites = sitesOf(stateSites, st.index, st.activities.length);
    // A relief track's verified limit on rearmament binds a state on the track (docs/model/economy.md).
    const forgo = onReliefTrack(agr.sanctionsRelief, rt.rung)
      ? rearmamentForgone(
          agr.reliefRearmamentLimit,
          agr.verification,
          agr.sanctionsRelief,
          rt.sanctions,
          rt.reliefGranted,
        )
      : 0;
    for (let k = 0; k < st.activities.length; k++) {
      const act = st.activities[k];
      const a = m.actions[act.action];
      if (!allowedAtRung(a, rt.rung)) continue;
      const rate = stateActivityRate(
        act.ratePerDay,
        a.classification === CLASS_PERMITTED,
        rt.envelope,
        rt.rung,
        dyn.rungActivityGain,
      );
      sites.rate[k] = rate;
      const n = sites.draw(rng.activity, k);
      const limited = forgo > 0 && (a.rearmament > 0 || a.proxyTransfer > 0);
      for (let j = 0; j < n; j++) {
        // Thinning on its own stream: the other streams draw as without the limit until an act is forgone.
        if (limited && rng.relief.uniform() < forgo) {
          rt.rearmamentForgone++;
          continue;
        }
        occur(m, w, rng, a, st.index, -1);
      }
    }
  }
}

function proxyActivities(m: Model, w: World, rng: Streams): void {
  const dyn = m.dynamics;
  // Spoilers act on their own, most of all right after signing (docs/model/early-failure.md).
  const autonomy = spoilerAutonomy(w.day, dyn.spoilerSurge, dyn.spoilerSurgeDays);
  for (const px of m.proxies) {
    const rt = w.proxies[px.index];
    const patronRung = w.states[px.patron].rung;
    const sites = sitesOf(proxySites, px.index, px.activities.length);
    for (let k = 0; k < px.activities.length; k++) {
      const act = px.activities[k];
      const a = m.actions[act.action];
      const kinetic = a.rung >= 3;
      const restrained = proxyActivityRate(
        act.ratePerDay,
        rt.strength,
        a.classification === CLASS_PERMITTED,
        rt.envelope,
        kinetic,
        patronRung,
        dyn.proxyKineticBase,
        dyn.proxyKineticPerRung,
      );
      sites.rate[k] = kinetic ? spoilerAttackRate(restrained, act.ratePerDay, rt.strength, autonomy) : restrained;
      const n = sites.draw(rng.activity, k);
      for (let j = 0; j < n; j++) occur(m, w, rng, a, px.patron, px.index);
    }
  }
}

/** Pause activities (rungs 0-2) are open to any actor; kinetic ones need the actor to be at that rung. */
function allowedAtRung(a: ActionDef, rung: number): boolean {
  return a.rung <= 2 || rung >= a.rung;
}

function occur(m: Model, w: World, rng: Streams, a: ActionDef, state: number, proxy: number): void {
  const event: RunEvent | undefined = w.events
    ? {
        day: w.day,
        kind: 'action',
        actor: proxy >= 0 ? m.proxies[proxy].id : m.states[state].id,
        action: a.id,
        perceivedAsViolationBy: [],
        detectedBy: [],
      }
    : undefined;
  applyEffects(m, w, rng, a, state, proxy, event);
  // The monitor sees the occurrence with probability v * kappa(domain) and
  // reports it to every party with its determination (the agreed reading).
  // What it misses, each observer may still see with its own intelligence
  // and read by its own redlines: d_j = 1 - (1 - d0_j)(1 - v kappa)
  // (docs/model/perception.md), drawn as two independent uniforms.
  const v = m.agreement.verification;
  const monitorSaw = rng.perception.uniform() < v * m.agreement.coverage[a.domain];
  for (const obs of m.states[state].adversaries) {
    const ort = w.states[obs];
    const seen =
      monitorSaw ||
      rng.perception.uniform() <
        ownDetection(Math.min(1, m.states[obs].spec.intelligence + ort.intelBoost), a.visibility);
    if (!seen) continue;
    const lag = a.rung >= 3 ? 0 : detectionLagDays(m.states[obs].spec.detectionLagDays, v);
    schedule(w, 'perceive', lag, obs, state, proxy, a.index, false, monitorSaw, event);
  }
  stressTest(m, w, rng, a, state, proxy, monitorSaw, event);
  if (event) w.events!.push(event);
}

/**
 * The stress test (docs/model/credibility.md). The mediator learns of an act
 * through the monitor, or because it is public (visibility at least
 * publicVisibility): a public threat or a visible act needs no monitor. A
 * violation of the terms (by the agreed reading) or a public threat (a share
 * threatTestShare of them) is a test: enforced with probability p_enforce,
 * the answer comes after the mediator's delay; not answered within the
 * parties' patience, it costs credibility.
 */
function stressTest(
  m: Model,
  w: World,
  rng: Streams,
  a: ActionDef,
  state: number,
  proxy: number,
  monitorSaw: boolean,
  event?: RunEvent,
): void {
  const med = m.mediator.spec;
  if (!monitorSaw && a.visibility < med.publicVisibility) return;
  // Without the monitor's determination only a plain breach (a prohibited act)
  // or a public threat is a test; an ambiguous act needs the monitor to say so.
  const violation =
    a.classification === CLASS_PERMITTED
      ? 0
      : monitorSaw
        ? a.agreedReading
        : a.classification === CLASS_PROHIBITED
          ? 1
          : 0;
  const test = a.isThreat ? Math.max(violation, med.threatTestShare) : violation;
  if (test <= 0 || rng.attribution.uniform() >= test) return;
  if (event) event.attributed = true;
  const vs = w.states[state];
  vs.lastAttributedDay = w.day;
  // Snapback: relief granted on the strength of verified restraint is withdrawn.
  if (vs.reliefGranted > 0) {
    vs.sanctions = Math.min(1, vs.sanctions + vs.reliefGranted);
    vs.reliefGranted = 0;
  }
  const patience = Math.round(med.patienceDays);
  if (rng.enforcement.uniform() < w.pEnforce) {
    const delay = Math.round(responseDelay(med.responseDays, med.domesticAversion, m.dynamics.aversionDelay));
    schedule(w, 'enforce', delay, -1, state, proxy, a.index, false, true, undefined);
    if (delay <= patience) return;
  }
  schedule(w, 'unanswered', patience, -1, state, proxy, a.index, false, true, undefined);
}

export function narrowViolator(m: Model, w: World, state: number, proxy: number): void {
  const eta = m.dynamics.envelopeNarrow;
  if (proxy >= 0) w.proxies[proxy].envelope = narrowEnvelope(w.proxies[proxy].envelope, eta);
  else w.states[state].envelope = narrowEnvelope(w.states[state].envelope, eta);
}

export function widenViolator(m: Model, w: World, state: number, proxy: number): void {
  const eta = m.dynamics.envelopeWiden;
  if (proxy >= 0) w.proxies[proxy].envelope = widenEnvelope(w.proxies[proxy].envelope, eta);
  else w.states[state].envelope = widenEnvelope(w.states[state].envelope, eta);
}

function applyEffects(
  m: Model,
  w: World,
  rng: Streams,
  a: ActionDef,
  state: number,
  proxy: number,
  event?: RunEvent,
): void {
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
    const target = pickAdversaryProxy(m, w, state, rng.targeting);
    if (target >= 0) {
      const p = w.proxies[target];
      p.strength *= 1 - a.proxyStrength;
      p.supply *= 1 - a.supplyIntegrity;
      if (event) event.target = m.proxies[target].id;
    }
  }
  if (a.salvoShare > 0) {
    // A kinetic act: a limited strike by a state, or a proxy attack.
    if (proxy >= 0) fireProxyAttack(m, w, rng.kinetic, proxy, event);
    else fireLimitedStrike(m, w, rng.kinetic, state, a.salvoShare, event);
  }
}

/** An adversary's proxy, chosen with probability proportional to strength x value. */
function pickAdversaryProxy(m: Model, w: World, state: number, rng: Stream): number {
  let total = 0;
  for (const p of m.proxies)
    if (p.target === state || m.states[state].adversaries.includes(p.patron))
      total += w.proxies[p.index].strength * p.spec.value;
  if (total <= 0) return -1;
  let u = rng.uniform() * total;
  for (const p of m.proxies) {
    if (!(p.target === state || m.states[state].adversaries.includes(p.patron))) continue;
    u -= w.proxies[p.index].strength * p.spec.value;
    if (u <= 0) return p.index;
  }
  return m.proxies[m.proxies.length - 1].index;
}

/** The launches of a proxy attack, per proxy: a buffer reused from one attack to the next. */
const proxyLaunches: Float64Array[] = [];

function fireProxyAttack(m: Model, w: World, rng: Stream, proxy: number, event?: RunEvent): void {
  const px = m.proxies[proxy];
  if (!px.attack) return;
  const target = w.states[px.target];
  const salvo = px.attack.salvo;
  let launched = proxyLaunches[proxy];
  if (launched === undefined || launched.length !== salvo.length)
    launched = proxyLaunches[proxy] = new Float64Array(salvo.length);
  const strength = w.proxies[proxy].strength;
  for (let t = 0; t < salvo.length; t++) launched[t] = Math.round(salvo[t] * strength);
  const out = fireSalvo(px.attack.engagement, launched, target.inventory ?? NO_DEFENCE, target.readiness, rng);
  target.interceptorsFired += out.fromStock;
  target.spendToday += out.defenderCostUsd;
  accountSalvo(w, out, m.states[px.target], true);
  if (event) record(event, out, m.states[px.target].id, !target.inventory);
}

/** A kinetic act's outcome on its event; a target without an air defence took it unintercepted. */
function record(
  event: RunEvent,
  out: { leakers: number; interceptorsUsed: number },
  target: string,
  undefended: boolean,
): void {
  event.leakers = out.leakers;
  event.interceptorsUsed = out.interceptorsUsed;
  event.target = target;
  if (undefended) event.unintercepted = true;
}

/**
 * A limited strike (a rung-3 act): a share of the state's saturation salvo at the adversary it acts on
 * (utility.ts, actedOn), through that adversary's defence, or unintercepted if it has none
 * (docs/model/preemption.md, "Kinetic exchanges").
 */
function fireLimitedStrike(m: Model, w: World, rng: Stream, state: number, share: number, event?: RunEvent): void {
  const st = m.states[state];
  const rt = w.states[state];
  if (!st.arsenal) return;
  const adv = actedOn(m, w, state);
  const e = st.arsenal.against.get(adv);
  if (!e) return;
  const target = w.states[adv];
  const launched = saturationSalvo(st, rt, share);
  const out = fireSalvo(e, launched, target.inventory ?? NO_DEFENCE, target.readiness, rng);
  for (let t = 0; t < launched.length; t++) rt.stocks![t] -= launched[t];
  rt.missilesLaunched += out.launched;
  target.interceptorsFired += out.fromStock;
  target.spendToday += out.defenderCostUsd;
  accountSalvo(w, out, m.states[adv]);
  if (event) record(event, out, m.states[adv].id, !target.inventory);
}
