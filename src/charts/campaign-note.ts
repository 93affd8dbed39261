/**
 * A campaign's totals and its pre-emption test in words, the same lines in `truce campaign` and under the
 * dashboard's campaign view (docs/dashboard.md), so the two faces say the same of the same file.
 */
import type { CampaignReport } from '../core/engagement/campaign.js';
import { fmt, pct, usd } from './format.js';

/** The totals line, then when the defender's test for pre-emption is met, in the words of its measure. */
export function campaignNotes(r: CampaignReport): string[] {
  return [
    `Totals: leakers ${fmt(r.totals.leakersMean, 1)}, defender ${usd(r.totals.defenderUsd)}, attacker ${usd(r.totals.attackerUsd)}, exchange ratio ${fmt(r.totals.exchangeRatio, 2)}`,
    ...preemptionLines(r),
  ];
}

function preemptionLines(r: CampaignReport): string[] {
  const p = r.preemption;
  const peak = r.days.reduce((a, d) => (d.fear > a.fear ? d : a), r.days[0]);
  if (p.measure === 'share') {
    const tol = `${pct(p.zeroPenetrationTolerance, 0)} of what is launched`;
    return [
      r.preemptionDay === null
        ? `Expected leakers stay within the defender's tolerance (${tol}) throughout.`
        : `Pre-emption pressure: from day ${r.preemptionDay}, expected leakers exceed the defender's tolerance (${tol}).`,
      "Test: the earlier share-of-launches tolerance (defender.zeroPenetrationTolerance); set defender.leakerTolerance for the ceasefire engine's measure (docs/model/engagement.md).",
    ];
  }
  const rule = `fear = expected leakers / ${fmt(p.leakerTolerance, 0)} + ${fmt(p.depletionWeight, 2)} x depletion of finite stocks`;
  return [
    r.preemptionDay === null
      ? `The defender's fear of the day's wave stays at or below 1 throughout (${rule}; highest ${fmt(peak.fear, 2)} on day ${peak.day}): no pre-emption pressure from the wave alone.`
      : `Pre-emption pressure: from day ${r.preemptionDay} the defender's fear of the day's wave exceeds 1 (${rule}; ${fmt(r.days[r.preemptionDay - 1].fear, 2)} that day), the ceasefire engine's measure (docs/model/preemption.md).`,
  ];
}
