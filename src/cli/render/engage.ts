/** One salvo's result as text. */
import type { EngageReport } from '../../core/engagement/engage.js';
import { fmt, pct, table, usd } from './format.js';

export function renderEngage(file: string, r: EngageReport): string {
  const out: string[] = [];
  const how = r.method === 'exact' ? 'exact' : `Monte Carlo, ${r.samples} samples, seed ${r.seed}`;
  out.push(`Engagement: ${file} (${how})`);
  if (r.note) out.push(`  ${r.note}`);
  out.push('');
  const types = Object.keys(r.launched);
  const layers = Object.keys(r.interceptorsUsed);
  out.push(
    table(
      ['threat', 'launched', 'failed', ...layers.map((l) => `killed: ${l}`), 'leakers'],
      types.map((t) => [
        t,
        r.launched[t],
        fmt(r.failed[t], 1),
        ...layers.map((l) => (r.killedByLayer[l][t] === undefined ? '-' : fmt(r.killedByLayer[l][t], 1))),
        fmt(r.leakers.byType[t], 2),
      ]),
    ),
  );
  out.push('');
  const se = r.standardError ? ` (se ${fmt(r.standardError.leakersMean, 3)})` : '';
  out.push(
    `Leakers: mean ${fmt(r.leakers.mean, 2)}${se}, sd ${fmt(r.leakers.sd, 2)}; P(no leaker) ${pct(r.leakers.pZero, 2)}`,
  );
  if (r.leakers.distribution) {
    const d = r.leakers.distribution;
    const cum: string[] = [];
    let acc = 0;
    for (let k = 0; k < d.length && acc < 0.999; k++) {
      acc += d[k];
      if (k < 6 || acc > 0.9) cum.push(`P(<=${k}) ${pct(acc, 1)}`);
      if (cum.length >= 10) break;
    }
    out.push(`  ${cum.join(', ')}`);
  }
  out.push('');
  out.push(
    table(
      ['layer', 'engaged', 'interceptors', 'cost'],
      layers.map((l) => [
        l,
        fmt(r.engagedByLayer[l], 1),
        fmt(r.interceptorsUsed[l], 1),
        usd(r.costUsd.defenderByLayer[l]),
      ]),
    ),
  );
  out.push('');
  out.push(
    `Cost: attacker ${usd(r.costUsd.attacker)}, defender ${usd(r.costUsd.defender)}, exchange ratio (defender/attacker) ${fmt(r.costUsd.exchangeRatio, 2)}`,
  );
  return out.join('\n');
}
