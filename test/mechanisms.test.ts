/** Each mechanism against its equations (docs/model/). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { attributeCollapse } from '../src/core/model/attribution.js';
import {
  afterEnforcement,
  afterUnanswered,
  enforcementProbability,
  learnCredibility,
} from '../src/core/model/credibility.js';
import { decideStep, stepProbabilities } from '../src/core/model/decision.js';
import {
  capitalDay,
  hardship,
  marginalPunishment,
  militaryShare,
  procurementFactor,
} from '../src/core/model/economy.js';
import { N_TERMS, PILLARS, TERM } from '../src/core/model/escalation-utility.js';
import { legitimacyDay, updateFactionPower } from '../src/core/model/factions.js';
import {
  beliefDay,
  detectionLagDays,
  detectionProbability,
  ownDetection,
  spuriousRate,
} from '../src/core/model/perception.js';
import { degradationRate, reconstitute } from '../src/core/model/proxies.js';
import {
  deescalationProbability,
  effectiveRedline,
  misalignmentIndex,
  narrowEnvelope,
  widenEnvelope,
} from '../src/core/model/redlines.js';

describe('perception (3.2)', () => {
  it('d = 1 - (1 - d0)(1 - v kappa): no monitor leaves own intelligence; a full monitor sees all it covers', () => {
    expect(detectionProbability(0.3, 0, 1)).toBeCloseTo(0.3, 12);
    expect(detectionProbability(0.3, 1, 1)).toBe(1);
    expect(detectionProbability(0.3, 0.5, 0.4)).toBeCloseTo(1 - 0.7 * 0.8, 12);
    expect(ownDetection(0.8, 0.5)).toBeCloseTo(0.4, 12);
  });
  it('lag L0 (1 - v) and spurious rate lambda (1 - v) vanish with full verification', () => {
    expect(detectionLagDays(3, 0)).toBe(3);
    expect(detectionLagDays(3, 1)).toBe(0);
    expect(spuriousRate(0.2, 0.75)).toBeCloseTo(0.05, 12);
  });
  it('belief decays to the prior without evidence at full verification, and drifts worst-case without it', () => {
    let b = 2;
    for (let d = 0; d < 500; d++) b = beliefDay(b, -1, 0.05, 0.02, 1);
    expect(b).toBeCloseTo(-1, 6);
    // Fixed point with drift: b* = prior + drift (1 - v) / decay.
    let c = -1;
    for (let d = 0; d < 2000; d++) c = beliefDay(c, -1, 0.05, 0.02, 0);
    expect(c).toBeCloseTo(-1 + 0.02 / 0.05, 6);
  });
});

describe('redlines (3.3)', () => {
  it('pi_eff = s pi_agreed + (1 - s) pi_own; misalignment shrinks linearly with specificity', () => {
    expect(effectiveRedline(0.25, 0.2, 1)).toBeCloseTo(0.25 * 0.2 + 0.75, 12);
    const a = [0.9, 0.1, 0.5];
    const b = [0.2, 0.6, 0.5];
    const agreed = [0.3, 0.3, 0.3];
    const at = (s: number) =>
      misalignmentIndex(
        a.map((x, i) => effectiveRedline(s, agreed[i], x)),
        b.map((x, i) => effectiveRedline(s, agreed[i], x)),
      );
    expect(at(0)).toBeCloseTo((0.7 + 0.5 + 0) / 3, 12);
    expect(at(0.6)).toBeCloseTo(0.4 * at(0), 12);
    expect(at(1)).toBe(0);
  });
  it('envelopes widen toward 1 and narrow toward 0, staying in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        (e) =>
          widenEnvelope(e, 0.05) >= e &&
          widenEnvelope(e, 0.05) <= 1 &&
          narrowEnvelope(e, 0.15) <= e &&
          narrowEnvelope(e, 0.15) >= 0,
      ),
    );
    expect(widenEnvelope(0.5, 0.1)).toBeCloseTo(0.55, 12);
    expect(narrowEnvelope(0.5, 0.2)).toBeCloseTo(0.4, 12);
  });
  it('the de-escalation window is p0 c exp(-gamma r)', () => {
    expect(deescalationProbability(0.2, 0.5, 0.5, 2)).toBeCloseTo(0.1 * Math.exp(-1), 12);
  });
});

describe('credibility (3.4)', () => {
  it('p_enforce = g + (1 - g) k (1 - chi(t)); c0 with no shock active', () => {
    expect(enforcementProbability(0, 0.6, 0.3)).toBeCloseTo(0.6 * 0.7, 12);
    expect(enforcementProbability(0.4, 0.6, 0.3)).toBeCloseTo(0.4 + 0.6 * 0.42, 12);
    expect(enforcementProbability(1, 0, 1)).toBe(1);
  });
  it('enforcement raises, an unanswered violation lowers, learning pulls toward p_enforce', () => {
    expect(afterEnforcement(0.2, 0.1)).toBeCloseTo(0.28, 12);
    expect(afterUnanswered(0.2, 0.1)).toBeCloseTo(0.18, 12);
    expect(learnCredibility(0.2, 0.6, 0.25)).toBeCloseTo(0.3, 12);
  });
});

describe('economy (3.7)', () => {
  it('marginal punishment (1 - sanctions) severity vanishes at maximum pressure', () => {
    expect(marginalPunishment(1, 2)).toBe(0);
    expect(marginalPunishment(0.25, 2)).toBe(1.5);
  });
  it('the military share rises with the security gap; sanctions slow procurement but never stop it', () => {
    expect(militaryShare(0.05, 0.2, 0)).toBe(0.05);
    expect(militaryShare(0.05, 0.2, 1)).toBeCloseTo(0.2, 12);
    expect(militaryShare(0.05, 0.2, 5)).toBeCloseTo(0.2, 12);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        (s) => procurementFactor(0.1, 0.05, s, 2, 1, 0.5) > 0 && procurementFactor(0.1, 0.05, s, 2, 1, 0.5) <= 2,
      ),
    );
    expect(procurementFactor(0.1, 0.05, 1, 2, 1, 0.5)).toBeCloseTo(2 / 3, 12);
  });
  it('capital never goes negative; hardship adds capital lost to sanctions', () => {
    expect(capitalDay(0.0001, 0, 1, 0.01, 0.05, 0.05)).toBe(0);
    expect(capitalDay(1, 0.01, 0.5, 0.004, 0.05, 0.05)).toBeCloseTo(1.001, 12);
    expect(hardship(0.5, 0.8)).toBeCloseTo(0.7, 12);
  });
});

describe('proxies (3.6)', () => {
  it('reconstitution closes a share of the gap; PDR is the loss per 30 days over the window', () => {
    expect(reconstitute(0.5, 0.1, 0.5, 2)).toBeCloseTo(0.55, 12);
    expect(reconstitute(0.99, 10, 1, 10)).toBe(1);
    expect(degradationRate(0.5, 0.35, 30)).toBeCloseTo(0.15, 12);
    expect(degradationRate(0.3, 0.5, 30)).toBe(0);
  });
});

describe('factions and legitimacy (3.5)', () => {
  it('RLP grows with retreat times (1 - f) and decays', () => {
    expect(legitimacyDay(1, 0.1, 2, 0, 0.05, 0, 0)).toBeCloseTo(0.9 + 0.1, 12);
    expect(legitimacyDay(1, 0.1, 2, 1, 0.05, 0, 0)).toBeCloseTo(0.9, 12);
  });
  it('hardliner power grows with retreat, falls with relief, and shares always sum to 1', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        (raw, retreat, f, relief) => {
          const total = raw.reduce((s, x) => s + x, 0);
          const p0 = raw.map((x) => x / total);
          const power = Float64Array.from(p0);
          const hard = p0.map((_, i) => i === 0);
          updateFactionPower(power, p0, hard, retreat, f, relief, 0.5, 5, 0.01);
          const sum = power.reduce((s, x) => s + x, 0);
          return Math.abs(sum - 1) < 1e-12 && power.every((x) => x > 0 && x <= 1);
        },
      ),
    );
    const p0 = [0.4, 0.6];
    const up = Float64Array.from(p0);
    updateFactionPower(up, p0, [true, false], 1, 0, 0, 0.5, 5, 0.01);
    expect(up[0]).toBeGreaterThan(0.4);
    const saved = Float64Array.from(p0);
    updateFactionPower(saved, p0, [true, false], 1, 1, 0, 0.5, 5, 0.01);
    expect(saved[0]).toBeCloseTo(0.4, 12);
    const relieved = Float64Array.from(p0);
    updateFactionPower(relieved, p0, [true, false], 0, 0, 0.01, 0.5, 5, 0.01);
    expect(relieved[0]).toBeLessThan(0.4);
  });
  it('a day without retreat or relief leaves hardliners unscaled: only the pull and the renormalisation act', () => {
    // The exp of a zero exponent is skipped (it is exactly 1); the day must equal the pull alone.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 5, maxLength: 5 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (raw, now, pull) => {
          const total = raw.reduce((s, x) => s + x, 0);
          const p0 = raw.map((x) => x / total);
          const power = Float64Array.from(p0, (_, i) => now[i]);
          const expected = Array.from(power, (p, i) => Math.max(p + pull * (p0[i] - p), 1e-9));
          const sum = expected.reduce((s, x) => s + x, 0);
          updateFactionPower(
            power,
            p0,
            p0.map((_, i) => i % 2 === 0),
            0,
            0.3,
            0,
            0.5,
            5,
            pull,
          );
          return power.every((x, i) => x === expected[i] / sum);
        },
      ),
    );
  });
});

describe('decision (3.1)', () => {
  it('ordered logit: probabilities are sigmoids of the distance to the thresholds', () => {
    const th = [0, 0.2, 0.4, 0.6, 0.8];
    const { up, down } = stepProbabilities(0.1, 1, th, 0.3, 0.1);
    expect(up).toBeCloseTo(1 / (1 + Math.exp(1)), 12);
    expect(down).toBeCloseTo((1 - up) / (1 + Math.exp(4)), 12);
    expect(stepProbabilities(5, 0, th, 0.3, 0.1).down).toBe(0);
  });
  it('as the temperature goes to 0 the actor is deterministic', () => {
    const th = [0, 0.2, 0.4, 0.6, 0.8];
    for (const u of [0.001, 0.5, 0.999]) {
      expect(decideStep(0.25, 1, th, 0.3, 1e-6, u)).toBe(1);
      expect(decideStep(0.1, 1, th, 0.3, 1e-6, u)).toBe(0);
      expect(decideStep(-0.5, 1, th, 0.3, 1e-6, u)).toBe(-1);
    }
  });
  it('decideStep, which skips P(step down) when the draw already stepped up, decides as stepProbabilities says', () => {
    // The reading of the two probabilities: up if u < up, down if u < up + down (docs/model/decision.md).
    fc.assert(
      fc.property(
        fc.double({ min: -5, max: 5, noNaN: true }),
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (eu, rung, tau, u) => {
          const th = [0, 0.2, 0.4, 0.6, 0.8];
          const { up, down } = stepProbabilities(eu, rung, th, 0.3, tau);
          return decideStep(eu, rung, th, 0.3, tau, u) === (u < up ? 1 : u < up + down ? -1 : 0);
        },
      ),
    );
    // At rung 0 a draw at or above 1 / (2 - x) (with its margin) is decided without the exp: on that edge too.
    fc.assert(
      fc.property(
        fc.double({ min: -50, max: 0.5, noNaN: true }),
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        (eu, tau) => {
          const th = [0.5, 0.7];
          const x = (eu - th[0]) / tau;
          const edge = (1 / (2 - x)) * (1 + 1e-12);
          const { up } = stepProbabilities(eu, 0, th, 0.3, tau);
          return [edge, edge * (1 - 1e-15), up, up * (1 + 1e-15)].every(
            (u) => u >= 1 || decideStep(eu, 0, th, 0.3, tau, u) === (u < up ? 1 : 0),
          );
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('attribution (section 5)', () => {
  it('shares of positive changes since day 0, by pillar, sum to 1; baseline never counts', () => {
    const start = new Float64Array(N_TERMS);
    const end = new Float64Array(N_TERMS);
    start[TERM.credibility] = -0.5;
    end[TERM.credibility] = -0.2; // eroded restraint: +0.3 external retaliation
    end[TERM.pdr] = 0.6; // +0.6 proxy degradation
    end[TERM.pvSpurious] = 0.1; // +0.1 verification
    start[TERM.baseline] = -1;
    end[TERM.baseline] = -0.5; // never a pillar
    end[TERM.rlp] = -0.2; // negative change: ignored
    const { shares, primary } = attributeCollapse(end, start);
    expect(primary).toBe('proxy-degradation');
    expect(shares['proxy-degradation']).toBeCloseTo(0.6, 12);
    expect(shares['external-retaliation']).toBeCloseTo(0.3, 12);
    expect(shares.verification).toBeCloseTo(0.1, 12);
    expect(PILLARS.reduce((s, p) => s + shares[p], 0)).toBeCloseTo(1, 12);
  });
});

describe('pre-emption, burden and window (docs/model/preemption.md)', () => {
  it('fear has no dead zone and moves with leakers and depletion; pressure scales with the threat belief', async () => {
    const { waveFear, preemptionPressure, depletion, spendingAverage, defenceBurden, windowOfOpportunity, useOrLose } =
      await import('../src/core/model/preemption.js');
    expect(waveFear(0, 20, 0, 1)).toBe(0);
    expect(waveFear(10, 20, 0.5, 1)).toBeCloseTo(1, 12);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (a, b) =>
        a <= b ? waveFear(a, 20, 0, 1) <= waveFear(b, 20, 0, 1) : true,
      ),
    );
    expect(depletion(100, 400)).toBeCloseTo(0.25, 12);
    expect(depletion(100, 1200)).toBeLessThan(depletion(100, 400));
    expect(depletion(500, 100)).toBe(1);
    expect(preemptionPressure(0.5, 2)).toBe(1);
    expect(useOrLose(0.2, 0.4)).toBeCloseTo(0.08, 12);
    let avg = 0;
    for (let d = 0; d < 2000; d++) avg = spendingAverage(avg, 1e6, 30);
    expect(avg).toBeCloseTo(1e6, 0);
    expect(defenceBurden(1e6, 5e5)).toBe(2);
    expect(windowOfOpportunity(1, 0.3)).toBeCloseTo(0.3, 12);
  });
});

describe('stress test, stale readings, relief and early failure', () => {
  it('a late answer restores less; aversion delays the answer', async () => {
    const { responseDelay, timelyGain } = await import('../src/core/model/credibility.js');
    expect(responseDelay(7, 0, 2)).toBe(7);
    expect(responseDelay(7, 0.5, 2)).toBe(14);
    expect(timelyGain(0.1, 0, 14)).toBe(0.1);
    expect(timelyGain(0.1, 14, 14)).toBeCloseTo(0.1 / Math.E, 12);
  });
  it('stale readings lean to the worst case, more with a longer lag, never past 1', async () => {
    const { staleReading } = await import('../src/core/model/perception.js');
    expect(staleReading(0.3, 0, 14, 0.1)).toBe(0.3);
    expect(staleReading(0.3, 14, 14, 0.1)).toBeCloseTo(0.3 + 0.7 * 0.1 * 0.5, 12);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 60 }),
        (r, lag) =>
          staleReading(r, lag, 14, 1) <= 1 && staleReading(r, lag + 1, 14, 0.1) >= staleReading(r, lag, 14, 0.1),
      ),
    );
  });
  it('the stale gap is the worst-case drift of the days the observer cannot yet see', async () => {
    const { staleGap, beliefDay } = await import('../src/core/model/perception.js');
    // 30 unseen days at drift 0.02 and v = 0: 0.6 log-odds; nothing with no lag, full verification or fill 0.
    expect(staleGap(0.02, 0, 30, 1)).toBeCloseTo(0.6, 12);
    expect(staleGap(0.02, 0.5, 30, 0.5)).toBeCloseTo(0.15, 12);
    expect(staleGap(0.02, 0, 0, 1)).toBe(0);
    expect(staleGap(0.02, 1, 30, 1)).toBe(0);
    expect(staleGap(0.02, 0, 30, 0)).toBe(0);
    // Independent check: the gap is what `lag` days of worst-case drift add to a belief that neither decays nor sees anything.
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 0.1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 0, max: 60 }),
        (drift, v, lag) => {
          let b = 0;
          for (let d = 0; d < lag; d++) b = beliefDay(b, 0, 0, drift, v);
          return (
            Math.abs(staleGap(drift, v, lag, 1) - b) < 1e-9 &&
            staleGap(drift, v, lag + 1, 1) >= staleGap(drift, v, lag, 1)
          );
        },
      ),
    );
  });
  it('relief follows what can be verified', async () => {
    const { reliefDay } = await import('../src/core/model/economy.js');
    expect(reliefDay(0.3, 0.7, 0)).toBe(0);
    expect(reliefDay(0.3, 0.7, 0.8)).toBeCloseTo(0.003 * 0.7 * 0.8, 12);
  });
  it("a spoiler's own attack rate starts at surge x base x strength, outside the patron's restraint, and decays to 0", async () => {
    const { spoilerAutonomy, spoilerAttackRate, incidentDecisions } =
      await import('../src/core/model/early-failure.js');
    expect(spoilerAutonomy(0, 2, 10)).toBe(2);
    expect(spoilerAutonomy(10, 2, 10)).toBeCloseTo(2 / Math.E, 12);
    expect(spoilerAutonomy(1000, 2, 10)).toBe(0);
    // A proxy its patron restrains completely (restrained rate 0) still attacks right after signing.
    expect(spoilerAttackRate(0, 0.1, 0.5, spoilerAutonomy(0, 2, 10))).toBeCloseTo(0.1, 12);
    expect(spoilerAttackRate(0.01, 0.1, 0.5, 0)).toBe(0.01);
    expect(incidentDecisions(1, true, 1)).toBe(2);
    expect(incidentDecisions(2, false, 1)).toBe(2);
  });
  it('stocks bound what can be fired: sufficiency is the scarcest type against campaignWaves salvos, capped at 1', async () => {
    const { campaignSufficiency } = await import('../src/core/model/preemption.js');
    expect(campaignSufficiency([600, 2000, 150], [200, 150, 30], 3)).toBe(1);
    expect(campaignSufficiency([300, 2000, 150], [200, 150, 30], 3)).toBeCloseTo(0.5, 12);
    expect(campaignSufficiency([1000, 100, 150], [200, 150, 30], 3)).toBeCloseTo(100 / 450, 12);
    // A type the salvo does not use never binds; negative stocks count as none.
    expect(campaignSufficiency([-5, 10], [0, 5], 2)).toBe(1);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: 1, maxLength: 4 }),
        fc.double({ min: 1, max: 400, noNaN: true }),
        fc.double({ min: 1, max: 6, noNaN: true }),
        (stocks, salvo, waves) => {
          const s = campaignSufficiency(
            stocks,
            stocks.map(() => salvo),
            waves,
          );
          const more = campaignSufficiency(
            stocks.map((x) => x + 50),
            stocks.map(() => salvo),
            waves,
          );
          return s >= 0 && s <= 1 && more >= s;
        },
      ),
    );
  });
});
