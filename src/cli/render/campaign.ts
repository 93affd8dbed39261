/** A campaign's days, layers running dry, totals. */
import type { CampaignReport } from '../../core/engagement/campaign.js';
import { campaignNotes } from '../../charts/campaign-note.js';
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
  out.push(...campaignNotes(r));
  return out.join('\n');
}
