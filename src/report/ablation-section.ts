/**
 * The report's ablation section (issue 9): every lever and parameter moved
 * to each end of its range, one at a time, with common random numbers; the
 * paired effect on P(collapse by the effect day) against the essay's sign
 * (docs/ablation.md). Drawn from a stored ablation or one run for the report.
 */

export interface ReportAblation {
  experimentId?: number;
  framework: string | null;
  runs: number;
  seed: number;
  horizonDays: number;
  effectDay: string;
  effects: {
    parameter: string;
    effect: number;
    lo: number;
    hi: number;
    essay?: 'raises' | 'lowers';
    verdict: string;
    /** Days (of 90, 365, 730 and the horizon) whose paired interval excludes zero; of those, the ones against the essay. */
    resolvedAt?: string[];
    againstAt?: string[];
    paired?: { up: number; down: number };
  }[];
  /** Variant values, in effect order: [min, max] per parameter. */
  ranges: [number, number][];
  /** The count corrected for multiplicity (Holm over every parameter-day test), when the ablation has it. */
  holm?: { tests: number; level: number; resolved: number };
  /**
   * The warnings of the scenario the ablation ran (values outside their documented ranges), files named as the
   * report names them; the report repeats them in its warning block. Absent for an ablation stored before them.
   */
  scenarioWarnings?: string[];
}

import { holmSentence } from '../charts/ablation-note.js';

const esc = (s: unknown) =>
  String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pts = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}`;
const num = (x: number) => (Number.isInteger(x) ? String(x) : Number(x.toPrecision(3)).toString());

export function renderAblationSection(a: ReportAblation): string {
  const rows = a.effects
    .map(
      (e, i) =>
        `<tr><th scope="row"><code>${esc(e.parameter)}</code></th><td>${num(a.ranges[i][0])} - ${num(a.ranges[i][1])}</td><td>${pts(e.effect)} <small>[${pts(e.lo)}, ${pts(e.hi)}]</small></td><td>${e.paired ? `${e.paired.up} / ${e.paired.down}` : '-'}</td><td>${esc(e.essay ?? '-')}</td><td>${esc(e.verdict === 'against' && e.againstAt?.length ? `against at ${e.againstAt.join(', ')}` : e.verdict)}${e.resolvedAt?.length ? ` <small>(resolved at ${esc(e.resolvedAt.join(', '))})</small>` : ''}</td></tr>`,
    )
    .join('\n');
  const count = (v: string) => a.effects.filter((e) => e.verdict === v).length;
  const against = a.effects.filter((e) => e.verdict === 'against').map((e) => e.parameter);
  return `<h2>Every mechanism, one at a time</h2>
<p>Each lever and documented parameter moved from the minimum to the maximum of its range, everything else as ${esc(a.framework ?? 'the scenario')} leaves it: ${a.runs} runs per end, seed ${a.seed}, horizon ${a.horizonDays} days, the same random streams at both ends${a.experimentId !== undefined ? ` (stored as experiment ${a.experimentId})` : ''}. The effect is P(collapse by day ${esc(a.effectDay)}) at the maximum minus at the minimum, in points, with a paired 95% interval; "runs up / down" counts the runs that collapse only at the maximum / only at the minimum. The verdict reads the paired intervals at days 90, 365 and 730 within the horizon, and at the horizon (day ${a.horizonDays}): a parameter resolves an effect when one of them excludes zero, and is against the essay when a resolved effect has the other sign at any of them (the days are named). ${a.effects.length - count('none') - count('dormant')} of ${a.effects.length} resolve an effect; ${count('with')} with the essay's sign, ${against.length} against${against.length ? ` (${against.map(esc).join(', ')})` : ''}; ${count('none')} unresolved at this size; ${count('dormant')} dormant. Method and discussion: docs/ablation.md.</p>${
    a.holm
      ? `
<p>${esc(holmSentence(a.holm, a.effects.length))}</p>`
      : ''
  }
<table class="long"><caption>Ablation: effect of min -> max on P(collapse by day ${esc(a.effectDay)})</caption><thead><tr><th scope="col">parameter</th><th scope="col">range</th><th scope="col">effect, points [paired 95% CI]</th><th scope="col">runs up / down</th><th scope="col">essay: raising it</th><th scope="col">verdict</th></tr></thead><tbody>${rows}</tbody></table>
`;
}
