/** The stylized facts as text: holds or fails, each measure with its interval. */
import type { FactResult } from '../../core/analysis/facts.js';
import { fmt } from './format.js';

export function renderFacts(results: FactResult[], runs: number): string {
  const out = [`Stylized facts (docs/stylized-facts.md), ${runs} runs per arm; 95% intervals:`, ''];
  for (const r of results) {
    const status = r.status ?? (r.holds ? 'holds' : 'fails');
    out.push(`${status.toUpperCase().padEnd(10)} ${r.id}. ${r.statement}`);
    for (const m of r.measures) {
      const iv = m.lo !== null && m.hi !== null ? ` [${fmt(m.lo, 3)}, ${fmt(m.hi, 3)}]` : '';
      const ab = m.a !== null ? `${fmt(m.a, 3)} -> ${fmt(m.b ?? NaN, 3)}` : fmt(m.b ?? NaN, 3);
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
      out.push(
        `            ${ms} ${m.name}: ${ab}; effect ${m.effect === null ? 'not estimable' : fmt(m.effect, 3)}${iv} (expected ${m.expected})${why}`,
      );
    }
  }
  out.push('');
  const count = (st: string) => results.filter((r) => (r.status ?? (r.holds ? 'holds' : 'fails')) === st).length;
  out.push(
    `${count('holds')} of ${results.length} facts hold with 95% confidence; ${count('unresolved')} unresolved (not estimable, or too small to resolve at this size); ${count('fails')} fail.`,
  );
  return out.join('\n');
}
