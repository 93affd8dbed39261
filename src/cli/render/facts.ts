/** The stylized facts as text: holds or fails, each measure with its interval. */
import type { FactResult } from '../../core/analysis/facts.js';
import { fmt } from './format.js';

export function renderFacts(results: FactResult[], runs: number): string {
  const out = [`Stylized facts (docs/stylized-facts.md), ${runs} runs per arm; 95% intervals:`, ''];
  for (const r of results) {
    out.push(`${r.holds ? 'HOLDS ' : 'FAILS '} ${r.id}. ${r.statement}`);
    for (const m of r.measures) {
      const iv = m.lo !== null && m.hi !== null ? ` [${fmt(m.lo, 3)}, ${fmt(m.hi, 3)}]` : '';
      const ab = m.a !== null ? `${fmt(m.a, 3)} -> ${fmt(m.b ?? NaN, 3)}` : fmt(m.b ?? NaN, 3);
      out.push(`         ${m.holds ? 'ok ' : 'no '} ${m.name}: ${ab}; effect ${m.effect === null ? 'n/a' : fmt(m.effect, 3)}${iv} (expected ${m.expected})`);
    }
  }
  out.push('');
  out.push(`${results.filter((r) => r.holds).length} of ${results.length} facts hold with 95% confidence.`);
  return out.join('\n');
}

