/** `truce ablate`: the variants, the verdict against the essay, and the JSON contract (reduced size). */
import { describe, expect, it } from 'vitest';
import { ablationEffect, ablationVariants, variantScenario } from '../src/core/analysis/ablation.js';
import { getPath } from '../src/core/scenario/paths.js';
import { resolveScenario } from '../src/core/scenario/levers.js';
import { truce } from './helpers/cli.js';
import { builtIn } from './helpers/scenario.js';

describe('ablation variants', () => {
  it('moves every lever and every documented parameter to both ends of its range, one at a time', () => {
    const s = builtIn().scenario;
    const vs = ablationVariants(s, 'transactional-freeze');
    expect(vs.length).toBe(2 * (Object.keys(s.levers).length + Object.keys(s.parameters).length));
    const base = resolveScenario(s, 'transactional-freeze', {}).scenario;
    for (const v of vs.filter((x) => x.kind === 'parameter')) {
      const r = variantScenario(s, 'transactional-freeze', v).scenario;
      expect(getPath(r, v.parameter)).toBe(v.value);
      // Nothing else moves: the variant equals the baseline once the parameter is put back.
      const back = structuredClone(r);
      const parts = v.parameter.split('.');
      let o = back as unknown as Record<string, unknown>;
      for (const k of parts.slice(0, -1)) o = o[k] as Record<string, unknown>;
      o[parts[parts.length - 1]] = getPath(base, v.parameter);
      expect(back).toEqual(base);
    }
  });
  it('an effect counts only when its interval excludes zero, and is judged against the essay', () => {
    const p = (estimate: number) => ({ estimate, lo: estimate, hi: estimate });
    expect(ablationEffect('x', '365', p(0.5), p(0.52), 400, 'raises').verdict).toBe('none');
    expect(ablationEffect('x', '365', p(0.3), p(0.6), 400, 'raises').verdict).toBe('with');
    expect(ablationEffect('x', '365', p(0.3), p(0.6), 400, 'lowers').verdict).toBe('against');
    expect(ablationEffect('x', '365', p(0.6), p(0.3), 400).verdict).toBe('unsigned');
  });
});

describe('truce ablate --json (reduced size)', () => {
  it('answers the contract: framework, runs, seed, baseline, variants with pCollapseBy, medianDay, firstCrosser, causalAttribution', () => {
    const r = truce(['ablate', '--runs', '12', '--seed', '3', '--days', '100', '--json', '--workers', '1']);
    expect(r.code).toBe(0);
    const o = JSON.parse(r.stdout);
    expect(o.framework).toBe('transactional-freeze');
    expect(o.runs).toBe(12);
    expect(o.seed).toBe(3);
    expect(Object.keys(o.baseline)).toEqual(expect.arrayContaining(['pCollapseBy', 'medianDay']));
    const s = builtIn().scenario;
    expect(o.variants).toHaveLength(2 * (Object.keys(s.levers).length + Object.keys(s.parameters).length));
    for (const v of o.variants) {
      expect(Object.keys(v)).toEqual(
        expect.arrayContaining(['parameter', 'value', 'pCollapseBy', 'medianDay', 'firstCrosser', 'causalAttribution']),
      );
      expect(Object.keys(v.pCollapseBy)).toEqual(['7', '30', '90']);
      expect(Object.keys(v.pCollapseBy['90']).sort()).toEqual(['estimate', 'hi', 'lo']);
    }
  });
  it('an unknown framework is an input error naming it, exit 2', () => {
    const r = truce(['ablate', '--framework', 'nope', '--runs', '5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/nope/);
  });
});
