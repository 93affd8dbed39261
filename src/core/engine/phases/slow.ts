/**
 * Phase 6, slow dynamics: belief drift, decay of perceived violations,
 * credibility learning, proxy reconstitution and PDR, economy, readiness,
 * production, legitimacy pressure and faction power (docs/model/perception.md,
 * proxies.md, economy.md, factions.md, credibility.md).
 */
import { learnCredibility } from '../../model/credibility.js';
import {
  capitalDay,
  hardship,
  militaryShare,
  procurementFactor,
  onReliefTrack,
  reliefDay,
} from '../../model/economy.js';
import { spendingAverage } from '../../model/preemption.js';
import { legitimacyDay, updateFactionPower } from '../../model/factions.js';
import { beliefDay, intelBoostDay, rearmDriftDay } from '../../model/perception.js';
import { recoverSupply, reconstitute } from '../../model/proxies.js';
import type { Model } from '../model.js';
import type { World } from '../state.js';
import { proxyDegradationRate, rearmDriftReading } from './utility.js';

export function slowDynamics(m: Model, w: World): void {
  const v = m.agreement.verification;
  const med = m.mediator.spec;
  const dyn = m.dynamics;
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
    for (const adv of st.adversaries)
      rt.belief[adv] = beliefDay(rt.belief[adv], spec.beliefPrior, spec.beliefDecay, spec.beliefDrift, v);
    const decay = 1 - spec.pvDecay;
    rt.pvAsymmetric *= decay;
    rt.pvRedlines *= decay;
    rt.pvSpurious *= decay;
    rt.rearmSeen *= 1 - spec.beliefDecay;
    rt.rearmDrift = rearmDriftDay(rt.rearmDrift, spec.beliefDecay, spec.beliefDrift, dyn.rearmDriftScale, v);
    rt.credibility = learnCredibility(rt.credibility, w.pEnforce, med.credibilityLearning);
    rt.intelBoost = intelBoostDay(rt.intelBoost, dyn.intelBoostDays);
    // Economy: the security gap drives the military share, which drives procurement.
    const gap = securityGap(m, w, st.index);
    rt.militaryShare = militaryShare(eco.militaryShare, eco.militaryShareMax, gap);
    rt.capital = capitalDay(rt.capital, eco.income, rt.sanctions, eco.spending, rt.militaryShare, eco.militaryShare);
    rt.procurement = procurementFactor(
      rt.militaryShare,
      eco.militaryShare,
      rt.sanctions,
      eco.leadTimePerSanctions,
      rt.capital,
      dyn.exhaustedProcurement,
    );
    // Relief is conditional on verified restraint: only what the monitor can
    // verify, never within reliefWindowDays of an attributed violation
    // (docs/model/economy.md).
    if (
      rt.sanctions > 0 &&
      onReliefTrack(m.agreement.sanctionsRelief, rt.rung) &&
      w.day - rt.lastAttributedDay > m.agreement.reliefWindowDays
    ) {
      rt.reliefToday = reliefDay(m.agreement.sanctionsRelief, rt.sanctions, v);
      rt.sanctions -= rt.reliefToday;
      rt.reliefGranted += rt.reliefToday;
    }
    rt.spendAverage = spendingAverage(rt.spendAverage, rt.spendToday, dyn.burdenMemoryDays);
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
    const retreat = rt.retreatToday * dyn.hardlinerRetreatScale;
    rt.rlp = legitimacyDay(
      rt.rlp,
      spec.legitimacyDecay,
      rt.retreatToday,
      m.agreement.faceSaving,
      dyn.legitimacyPerRetreat,
      spec.hardshipWeight,
      hardship(rt.sanctions, rt.capital),
    );
    updateFactionPower(
      rt.factionPower,
      st.factionPower0,
      st.factionHardliner,
      retreat,
      m.agreement.faceSaving,
      rt.reliefToday,
      spec.hardlinerGrowth,
      spec.reliefDampening,
      dyn.factionPull,
    );
  }
}

/** Revisionist: its network's loss and PDR; defender: perceived adversary rearmament. */
function securityGap(m: Model, w: World, i: number): number {
  const st = m.states[i];
  const rt = w.states[i];
  if (st.role === 'defender') return Math.min(1, rt.rearmSeen + rearmDriftReading(m, w, i));
  let lost = 0;
  let value = 0;
  for (const pi of st.proxies) {
    const p = m.proxies[pi];
    lost += p.spec.value * Math.max(0, p.spec.strength - w.proxies[pi].strength);
    value += p.spec.value * p.spec.strength;
  }
  // Proxies do not change again today: the EU terms reuse this PDR (utility.ts).
  rt.pdr = proxyDegradationRate(m, w, i);
  rt.pdrDay = w.day;
  return Math.min(1, (value > 0 ? lost / value : 0) + rt.pdr);
}
