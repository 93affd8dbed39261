/** Causal attribution (docs/model/attribution.md): counterfactual replays with a pillar's terms frozen, Shapley over pillars. */
import { describe, expect, it } from 'vitest';
import { causalAttribution, exactCausalAttribution } from '../src/core/engine/causal.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { N_TERMS, PILLARS } from '../src/core/model/escalation-utility.js';
import { truce } from './helpers/cli.js';
import { model } from './helpers/scenario.js';

const ZERO = {
  pdr: 0,
  rlp: 0,
  pv: 0,
  rearmament: 0,
  preemption: 0,
  burden: 0,
  window: 0,
  credibility: 0,
  retaliation: 0,
  economic: 0,
  readiness: 0,
};

describe('causal attribution', () => {
  it('freezing no term replays the run exactly', () => {
    const m = model();
    for (let r = 0; r < 20; r++) {
      const a = runCeasefire(m, { seed: 3, replicate: r, days: 400 }).outcome;
      const b = runCeasefire(m, { seed: 3, replicate: r, days: 400, freezeTerms: new Uint8Array(N_TERMS) }).outcome;
      expect(b).toEqual(a);
    }
  });

  it("when only one pillar can move a state to war, every explained collapse is that pillar's, with share 1", () => {
    // Iran weighs only its proxy network's degradation against a standing cost; Israel never crosses.
    const m = model(
      'transactional-freeze',
      { proxyDegradation: 3 },
      {
        'actors.iran.weights': { ...ZERO, pdr: 8, baseline: 0.3 },
        'actors.iran.factions': undefined,
        'actors.israel.weights': { ...ZERO, baseline: 50 },
      },
    );
    let checked = 0;
    for (let r = 0; r < 60 && checked < 8; r++) {
      const o = runCeasefire(m, { seed: 5, replicate: r, days: 365 }).outcome;
      if (!o.collapsed) continue;
      checked++;
      const c = causalAttribution(m, 5, r, o.day!);
      expect(c.explained).toBe(true);
      expect(c.shares['proxy-degradation']).toBe(1);
      for (const p of PILLARS) if (p !== 'proxy-degradation') expect(c.shares[p]).toBe(0);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('shares of an explained collapse sum to 1 (efficiency); each is a change of a collapse indicator', () => {
    const m = model();
    let checked = 0;
    for (let r = 0; r < 40 && checked < 6; r++) {
      const o = runCeasefire(m, { seed: 11, replicate: r, days: 365 }).outcome;
      if (!o.collapsed) continue;
      checked++;
      const c = causalAttribution(m, 11, r, o.day!);
      const sum = PILLARS.reduce((s, p) => s + c.shares[p], 0);
      expect(sum).toBe(c.explained ? 1 : 0);
      for (const p of PILLARS) expect([-1, 0, 1]).toContain(c.shares[p]);
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("one run's exact Shapley shares: efficiency, the single-pillar case, and the one-order estimate agrees on what is explained", () => {
    const m = model();
    let checked = 0;
    for (let r = 0; r < 40 && checked < 3; r++) {
      const o = runCeasefire(m, { seed: 11, replicate: r, days: 365 }).outcome;
      if (!o.collapsed) continue;
      checked++;
      const exact = exactCausalAttribution(m, 11, r, o.day!);
      const sum = PILLARS.reduce((t, p) => t + exact.shares[p], 0);
      expect(sum).toBeCloseTo(exact.explained ? 1 : 0, 12);
      // The one-order estimate agrees on whether the collapse is explained at all.
      expect(causalAttribution(m, 11, r, o.day!).explained).toBe(exact.explained);
    }
    expect(checked).toBeGreaterThan(0);
    const single = model(
      'transactional-freeze',
      { proxyDegradation: 3 },
      {
        'actors.iran.weights': { ...ZERO, pdr: 8, baseline: 0.3 },
        'actors.iran.factions': undefined,
        'actors.israel.weights': { ...ZERO, baseline: 50 },
      },
    );
    for (let r = 0; r < 60; r++) {
      const o = runCeasefire(single, { seed: 5, replicate: r, days: 365 }).outcome;
      if (!o.collapsed) continue;
      const c = exactCausalAttribution(single, 5, r, o.day!);
      if (!c.explained) continue;
      expect(c.shares['proxy-degradation']).toBeCloseTo(1, 12);
      break;
    }
  });

  it('`truce run` prints the causal shares of its collapse beside the descriptive ones, and --json carries them', () => {
    const r = truce(['run', '--seed', '2']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Why \(causal\): /);
    expect(r.stdout).toMatch(/Why \(descriptive\): /);
    const j = JSON.parse(truce(['run', '--seed', '2', '--json']).stdout);
    expect(Object.keys(j.causalAttribution.shares).sort()).toEqual([...PILLARS].sort());
  });
});
