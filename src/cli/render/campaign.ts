/** A campaign's days, layers running dry, totals. */
import type { CampaignReport } from '../../core/engagement/campaign.js';
import { fmt, pct, table, usd } from './format.js';

export function renderCampaign(file: string, r: CampaignReport): string {
  const layers = Object.keys(r.dryDay);
  const out: string[] = [`Campaign: ${file} (${r.replicates} replicates, seed ${r.seed})`, ''];
  out.push(
    table(
      ['day', 'launched', 'leakers', 'P(leak)', ...layers.map((l) => `${l} left`), 'defender', 'attacker'],
      r.days.map((d) => [
        d.day,
        fmt(
          Object.values(d.launched).reduce((s, x) => s + x, 0),
          0,
        ),
        fmt(d.leakersMean, 1),
        pct(d.pLeak, 0),
        ...layers.map((l) => fmt(d.interceptorsLeft[l].mean, 0)),
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
  out.push(
    r.preemptionDay === null
      ? `Expected leakers stay within the defender's tolerance (${pct(r.zeroPenetrationTolerance, 0)} of what is launched) throughout.`
      : `Pre-emption pressure: from day ${r.preemptionDay}, expected leakers exceed the defender's tolerance (${pct(r.zeroPenetrationTolerance, 0)} of what is launched).`,
  );
  return out.join('\n');
}
