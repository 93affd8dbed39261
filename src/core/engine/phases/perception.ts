/**
 * Phases 3-5: spurious reports from ambiguous intelligence; detections whose
 * lag has run out read against redlines (perceived violations, beliefs, seen
 * rearmament; the observer answers or absorbs as visible retreat); violations
 * the mediator left unanswered for R days erode credibility
 * (docs/model/perception.md, redlines.md, credibility.md).
 */
import { PoissonSites } from '../../rng/poisson.js';
import type { Stream } from '../../rng/stream.js';
import { decisionCycles } from '../../model/activity.js';
import { afterEnforcement, afterUnanswered, timelyGain } from '../../model/credibility.js';
import { rungWeight, spuriousRate, staleReading } from '../../model/perception.js';
import type { RunEvent } from '../events.js';
import { CLASS_PROHIBITED, type Model } from '../model.js';
import { release, schedule, type Pending, type World } from '../state.js';
import { narrowViolator, widenViolator } from './activities.js';

/** Per observer state: the spurious-report rate changes only with the rung, so exp(-rate) is cached (every draw is poisson()'s). */
let spuriousSites = new PoissonSites(0);

export function spurious(m: Model, w: World, rng: Stream): void {
  const v = m.agreement.verification;
  for (const st of m.states) {
    const rt = w.states[st.index];
    if (!st.adversaries.length) continue;
    // Decision-cycle compression: at rungs >= 3 more readings reach decision makers.
    if (spuriousSites.size <= st.index) spuriousSites = new PoissonSites(m.states.length);
    spuriousSites.rate[st.index] =
      spuriousRate(st.spec.spuriousRate, v) * decisionCycles(rt.rung, m.dynamics.compressionPerRung);
    const n = spuriousSites.draw(rng, st.index);
    for (let k = 0; k < n; k++) {
      const suspect = st.adversaries[Math.floor(rng.uniform() * st.adversaries.length)];
      const event: RunEvent | undefined = w.events
        ? {
            day: w.day,
            kind: 'spurious',
            actor: m.states[suspect].id,
            action: 'spurious-report',
            perceivedAsViolationBy: [],
            detectedBy: [st.id],
          }
        : undefined;
      if (event) w.events!.push(event);
      schedule(w, 'perceive', 0, st.index, suspect, -1, -1, true, false, event);
    }
  }
}

export function processPending(m: Model, w: World, rng: Stream): void {
  if (!w.pending.length) return;
  // Compacted in place (no array a day): items not yet due move down to
  // `kept`, in order; items pushed while the day is processed are visited too.
  const list = w.pending;
  let kept = 0;
  for (let i = 0; i < list.length; i++) {
    const p = list[i];
    if (p.due > w.day) {
      list[kept++] = p;
      continue;
    }
    if (p.kind === 'perceive') perceive(m, w, rng, p);
    else if (p.kind === 'enforce') enforce(m, w, p);
    else {
      const med = m.mediator.spec;
      // An unanswered violation costs the mediator credibility. The violator's
      // envelope is not widened here: whether the probe went unanswered is
      // settled when its victim perceives it (self-help or not).
      for (const s of w.states) s.credibility = afterUnanswered(s.credibility, med.credibilityLoss);
      const who = p.violatorProxy >= 0 ? m.proxies[p.violatorProxy].id : m.states[p.violatorState].id;
      w.events?.push({
        day: w.day,
        kind: 'no-response',
        actor: m.mediator.id,
        action: 'no-response',
        target: who,
        perceivedAsViolationBy: [],
        note: `${m.actions[p.action].id} by ${who} left unanswered for ${Math.round(med.responseDays)} days`,
      });
    }
    // Processed: the item is reused by a later schedule() (its slot here is
    // behind the cursor, overwritten by a kept item or cut off below).
    release(p);
  }
  if (kept < list.length) list.length = kept;
}

/** The mediator's answer arrives: credibility restored (less if late), the violator's envelope narrowed, sanctions tightened. */
function enforce(m: Model, w: World, p: Pending): void {
  const med = m.mediator.spec;
  const gain = timelyGain(med.credibilityGain, p.lag, med.timelinessDays);
  for (const s of w.states) s.credibility = afterEnforcement(s.credibility, gain);
  // A public threat is answered in words (docs/model/credibility.md): the answer
  // restores credibility; only a probe of the terms is punished (envelope, sanctions).
  if (!m.actions[p.action].isThreat) {
    narrowViolator(m, w, p.violatorState, p.violatorProxy);
    const vs = w.states[p.violatorState];
    vs.sanctions += med.sanctionsPerEnforcement * (1 - vs.sanctions);
  }
  const who = p.violatorProxy >= 0 ? m.proxies[p.violatorProxy].id : m.states[p.violatorState].id;
  w.events?.push({
    day: w.day,
    kind: 'enforcement',
    actor: m.mediator.id,
    action: 'enforce',
    target: who,
    perceivedAsViolationBy: [],
    note: `${m.actions[p.action].id} by ${who}, answered after ${p.lag} days`,
  });
}

function perceive(m: Model, w: World, rng: Stream, p: Pending): void {
  const obs = m.states[p.observer];
  const ort = w.states[p.observer];
  const spec = obs.spec;
  if (p.event && !p.spurious) p.event.detectedBy!.push(obs.id);
  const a = p.spurious ? null : m.actions[p.action];
  // Rearmament seen, whether or not it is read as a violation (the defender's planning).
  if (a && (a.rearmament > 0 || a.proxyTransfer > 0))
    ort.rearmSeen += (a.rearmament + a.proxyTransfer) * (1 - ort.rearmSeen);
  // A worst-case (spurious) reading is a violation by construction; a verified
  // occurrence is read as the monitor determines it.
  // Stale information (a reading that arrives late, unverified) leans to the worst case.
  const reading = a
    ? p.verified
      ? a.agreedReading
      : staleReading(obs.redline[a.index], p.lag, m.dynamics.staleHalfDays, m.dynamics.staleWorstCase)
    : 1;
  if (rng.uniform() >= reading) return;
  const rung = a ? a.rung : 1;
  if (rung >= 3) ort.incidentToday = true;
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
    if (!p.spurious) narrowViolator(m, w, p.violatorState, p.violatorProxy);
    w.events?.push({
      day: w.day,
      kind: 'answered',
      actor: obs.id,
      action: 'answer',
      target: p.violatorProxy >= 0 ? m.proxies[p.violatorProxy].id : m.states[p.violatorState].id,
      perceivedAsViolationBy: [],
    });
  } else {
    if (!p.spurious) widenViolator(m, w, p.violatorState, p.violatorProxy);
    ort.retreatToday += weight;
  }
}
