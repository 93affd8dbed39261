/** The stylized facts as text: holds or fails, each measure with its interval. */
import type { FactMeasure, FactNotAsked, FactResult } from '../../core/analysis/facts.js';
import { fmt } from './format.js';

/**
 * A measure's values: one value (a single quantity, or a hazard ratio, whose value is its effect) with its
 * interval; two values named by what they are (labels); else the two arms, a -> b, and the effect.
 */
function measureText(m: FactMeasure, value: (x: number | null) => string, iv: string): string {
  const ratio = m.name.startsWith('hazard ratio') && m.a === 1;
  if (m.a === null || ratio) return `${value(m.b)}${iv}`;
  const ab = m.labels ? `${m.labels.a} ${value(m.a)}, ${m.labels.b} ${value(m.b)}` : `${value(m.a)} -> ${value(m.b)}`;
  return `${ab}; effect ${value(m.effect)}${iv}`;
}

/** @param notAsked the facts the scenario cannot express, said by number and reason so that none vanishes unexplained. */
export function renderFacts(results: FactResult[], runs: number, notAsked: readonly FactNotAsked[] = []): string {
  const out = [`Stylized facts (docs/stylized-facts.md), ${runs} runs per arm; 95% intervals:`, ''];
  for (const r of results) {
    const status = r.status ?? (r.holds ? 'holds' : 'fails');
    out.push(`${status.toUpperCase().padEnd(10)} ${r.id}. ${r.statement}`);
    if (r.calibrationTarget) out.push(`            (calibration target: ${r.fittedToIt} were fitted so that it holds)`);
    if (r.arms?.length === 2) out.push(`            (a -> b: ${r.arms[0]} -> ${r.arms[1]})`);
    else if (r.arms?.length === 1) out.push(`            (one arm: ${r.arms[0]})`);
    for (const n of r.notes ?? []) out.push(`            (note: ${n})`);
    for (const m of r.measures) {
      const iv = m.lo !== null && m.hi !== null ? ` [${fmt(m.lo, 3)}, ${fmt(m.hi, 3)}]` : '';
      // Small rates (collapses per run-day) keep two significant digits instead of rounding to 0.000.
      const value = (x: number | null) =>
        x === null ? 'not estimable' : x !== 0 && Math.abs(x) < 0.01 ? x.toPrecision(2) : fmt(x, 3);
      const ms = m.byConstruction
        ? 'n/t'
        : m.informational
          ? '   '
          : m.status === 'holds'
            ? 'ok '
            : m.status === 'unresolved'
              ? '?  '
              : 'no ';
      const why = m.byConstruction
        ? ' (by construction: not a test)'
        : m.informational
          ? ' (printed, not counted)'
          : m.status === 'unresolved'
            ? m.effect === null
              ? ' (not estimable)'
              : ' (too small to resolve at this size)'
            : '';
      out.push(`            ${ms} ${m.name}: ${measureText(m, value, iv)} (expected ${m.expected})${why}`);
    }
  }
  if (notAsked.length) {
    out.push('');
    out.push('Not asked on this scenario (it lacks what the contrast needs):');
    for (const n of notAsked) out.push(`NOT ASKED  ${n.id}. ${n.statement}`, `            (${n.reason})`);
  }
  out.push('');
  const count = (st: string) => results.filter((r) => (r.status ?? (r.holds ? 'holds' : 'fails')) === st).length;
  out.push(
    `${count('holds')} of ${results.length} facts hold with 95% confidence; ${count('unresolved')} unresolved (not estimable, or too small to resolve at this size); ${count('fails')} fail${notAsked.length ? `; ${notAsked.length} not asked (${notAsked.map((n) => n.id).join(', ')})` : ''}.`,
  );
  const targets = results.filter((r) => r.calibrationTarget);
  if (targets.length) {
    const holds = (rs: FactResult[]) =>
      rs.filter((r) => (r.status ?? (r.holds ? 'holds' : 'fails')) === 'holds').length;
    const independent = results.filter((r) => !r.calibrationTarget);
    out.push(
      `Independent facts: ${holds(independent)} of ${independent.length} hold. Calibration targets (facts ${targets.map((r) => r.id).join(', ')}: the scenario's fitted values were tuned until they held, docs/model/calibration-ceasefire.md): ${holds(targets)} of ${targets.length} hold.`,
    );
  }
  return out.join('\n');
}
