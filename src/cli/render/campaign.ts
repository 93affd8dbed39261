/** A campaign's days, layers running dry, totals. */
import type { CampaignReport } from '../../core/engagement/campaign.js';
import { fmt, pct, table, usd } from './format.js';

const left = (x: number) => (x === Infinity ? 'unlimited' : fmt(x, 0));

export function renderCampaign(file: string, r: CampaignReport): string {
  const layers = Object.keys(r.dryDay);
  const out: string[] = [`Campaign: ${file} (${r.replicates} replicates, seed ${r.seed})`, ''];
  out.push(
    table(
      ['day', 'launched', 'leakers', 'P(leak)', 'fear', ...layers.map((l) => `${l} left`), 'defender', 'attacker'],
      r.days.map((d) => [
        d.day,
        fmt(
          Object.values(d.launched).reduce((s, x) => s + x, 0),
          0,
        ),
        fmt(d.leakersMean, 1),
        pct(d.pLeak, 0),
        fmt(d.fear, 2),
        // A layer without a finite stock (guns) has no count to run down: 'unlimited', not 'inf'.
        ...layers.map((l) => left(d.interceptorsLeft[l].mean)),
        usd(d.costUsd.defender),
        usd(d.costUsd.attacker),
      ]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['layer', 'P(dry by end)', 'median dry day'],
      layers.map((l) => [l, pct(r.dryDay[l].pDryByEnd, 1), r.dryDay[l].median ?? '-']),
    ),
  );
  out.push('');
  out.push(
    `Totals: leakers ${fmt(r.totals.leakersMean, 1)}, defender ${usd(r.totals.defenderUsd)}, attacker ${usd(r.totals.attackerUsd)}, exchange ratio ${fmt(r.totals.exchangeRatio, 2)}`,
  );
  out.push(...preemptionLines(r));
  return out.join('\n');
}

/** When the defender's test for pre-emption is met, in the words of its measure. */
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
