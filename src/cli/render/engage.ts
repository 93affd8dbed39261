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
    const q = (p: number) => leakerQuantile(d, p);
    out.push(`  5% / median / 95% of salvos: ${q(0.05)} / ${q(0.5)} / ${q(0.95)} leakers`);
    // The cumulative distribution where it says something: from the first count
    // with at least 0.5% below it (a large salvo has none near 0), ten steps at most.
    const cum: string[] = [];
    let acc = 0;
    for (let k = 0; k < d.length && acc < 0.999 && cum.length < 10; k++) {
      acc += d[k];
      if (acc >= 0.005 && (k < 6 || acc > 0.9 || cum.length < 6)) cum.push(`P(<=${k}) ${pct(acc, 1)}`);
    }
    if (cum.length) out.push(`  ${cum.join(', ')}`);
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
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push('');
  out.push(
    `Cost: attacker ${usd(r.costUsd.attacker)}, defender ${usd(r.costUsd.defender)}, exchange ratio (defender/attacker) ${fmt(r.costUsd.exchangeRatio, 2)}`,
  );
  return out.join('\n');
}

/** The smallest count whose cumulative probability reaches p. */
function leakerQuantile(d: readonly number[], p: number): number {
  let acc = 0;
  for (let k = 0; k < d.length; k++) {
    acc += d[k];
    if (acc >= p - 1e-12) return k;
  }
  return d.length - 1;
}
