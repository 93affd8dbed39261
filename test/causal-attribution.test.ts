/** Causal attribution (docs/model/attribution.md): counterfactual replays with a pillar's terms frozen, Shapley over pillars. */
import { describe, expect, it } from 'vitest';
import { causalAttribution } from '../src/core/engine/causal.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { N_TERMS, PILLARS } from '../src/core/model/escalation-utility.js';
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
});
