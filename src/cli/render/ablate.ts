/** The ablation as a Markdown table (so docs/ablation.md is the command's own output). */
import type { AblationOutput } from '../../app/ablate.js';
import { pct } from './format.js';
import { holmSentence } from '../../charts/ablation-note.js';

const ci = (p: { estimate: number; lo: number; hi: number } | undefined) =>
  p ? `${pct(p.estimate, 1)} [${pct(p.lo, 1)}, ${pct(p.hi, 1)}]` : '-';
const num = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(3)).toString());
const survived = (x: { effect: number; lo: number; hi: number } | undefined) =>
  x ? `${x.effect >= 0 ? '+' : ''}${x.effect.toFixed(1)} [${x.lo.toFixed(1)}, ${x.hi.toFixed(1)}]` : '-';
const signed = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;

/** The verdict and the days it rests on: "with (90 +3.1, 365 +2.0)", "against at 90 (90 -2.4)". */
export function verdictText(e: {
  verdict: string;
  resolvedAt?: string[];
  againstAt?: string[];
  byDay?: Record<string, { effect: number }>;
}): string {
  const at = e.resolvedAt ?? [];
  if (!at.length || !e.byDay) return e.verdict;
  const list = at.map((d) => `${d} ${signed(e.byDay![d].effect)}`).join(', ');
  return e.verdict === 'against' && e.againstAt?.length
    ? `against at ${e.againstAt.join(', ')} (${list})`
    : `${e.verdict} (${list})`;
}

export function ablationSummary(o: AblationOutput): {
  withEffect: number;
  total: number;
  against: string[];
  none: string[];
  dormant: string[];
} {
  return {
    withEffect: o.effects.filter((e) => e.verdict !== 'none' && e.verdict !== 'dormant').length,
    total: o.effects.length,
    against: o.effects.filter((e) => e.verdict === 'against').map((e) => e.parameter),
    none: o.effects.filter((e) => e.verdict === 'none').map((e) => e.parameter),
    dormant: o.effects.filter((e) => e.verdict === 'dormant').map((e) => e.parameter),
  };
}

/** The days the verdict reads ("90, 365 or 730"). */
export function verdictDays(o: AblationOutput): string {
  const ds = Object.keys(o.effects[0]?.byDay ?? { [o.effectDay]: 0 });
  return ds.length > 1 ? `${ds.slice(0, -1).join(', ')} or ${ds[ds.length - 1]}` : ds[0];
}

export function renderAblation(o: AblationOutput, seconds?: number, workers?: number): string {
  const out: string[] = [];
  const d = o.effectDay;
  const days = Object.keys(o.baseline.pCollapseBy);
  out.push(
    `Scenario ${o.scenario}, framework ${o.framework ?? 'none'}: ${o.runs} runs per variant, seed ${o.seed}, horizon ${o.horizonDays} days, common random numbers${seconds !== undefined ? ` (${seconds.toFixed(1)} s on ${workers} worker${workers === 1 ? '' : 's'})` : ''}.`,
  );
  out.push('');
  out.push(
    `Baseline: ${days.map((k) => `P(collapse by ${k}) ${ci(o.baseline.pCollapseBy[k])}`).join('; ')}; median survival ${o.baseline.medianDay ?? `> ${o.horizonDays}`} days.`,
  );
  out.push('');
  // The defender's share of the collapses it starts (pre-emption), or, in an ablation stored without its
  // defender, the largest first-crosser share.
  const firstHeader = o.defender ? `${o.defender} first` : 'first crosser';
  out.push(
    `| parameter | min | max | P(by ${d}) at min | P(by ${d}) at max | effect, points [paired 95% CI] | runs up / down | days survived, max - min [95% CI] | essay: raising it | verdict | ${firstHeader} at min / max |`,
  );
  out.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (let i = 0; i + 1 < o.variants.length; i += 2) {
    const lo = o.variants[i];
    const hi = o.variants[i + 1];
    const e = o.effects[i / 2];
    const first = (v: typeof lo) => {
      if (o.defender) return Object.hasOwn(v.firstCrosser, o.defender) ? pct(v.firstCrosser[o.defender], 0) : '-';
      const top = Object.entries(v.firstCrosser).sort((a, b) => b[1] - a[1])[0];
      return top ? `${top[0]} ${pct(top[1], 0)}` : '-';
    };
    out.push(
      `| ${lo.parameter} | ${num(lo.value)} | ${num(hi.value)} | ${ci(lo.pCollapseBy[d])} | ${ci(hi.pCollapseBy[d])} | ${signed(e.effect)} [${signed(e.lo)}, ${signed(e.hi)}] | ${e.paired ? `${e.paired.up} / ${e.paired.down}` : '-'} | ${survived(e.daysSurvived)} | ${e.essay ?? '-'} | ${verdictText(e)} | ${first(lo)} / ${first(hi)} |`,
    );
  }
  const s = ablationSummary(o);
  out.push('');
  out.push(
    `${s.withEffect} of ${s.total} parameters move P(collapse by ${verdictDays(o)}) with a paired 95% interval that excludes zero at one of those days at least; ${s.against.length} against the essay's sign at one of them${s.against.length ? ` (${s.against.join(', ')})` : ''}.`,
  );
  if (o.holm) out.push(holmSentence(o.holm, s.total));
  if (s.dormant.length)
    out.push(`Dormant (no run's collapse day changes between min and max): ${s.dormant.join(', ')}.`);
  if (s.none.length) out.push(`No resolvable effect at this size: ${s.none.join(', ')}.`);
  return out.join('\n');
}
