/**
 * The mechanisms `truce ablate` once found dormant or against the essay, checked in the engine
 * (docs/ablation.md): spoilers act on their own right after signing; a public threat is a stress
 * test answered in words; stocks bound what can be fired; the defender starts with what the war
 * left. Paired runs (the same replicate streams at both ends) with margins that hold on any seed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { caseScenario } from '../src/core/calibration/coding.js';
import { buildModel } from '../src/core/engine/model.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { unagreedStartRung } from '../src/core/model/early-failure.js';
import { setPath } from '../src/core/scenario/paths.js';
import { model } from './helpers/scenario.js';

/** Replicate r of both models on the same streams: runs that collapse by `day` only at b, only at a. */
function paired(a: ReturnType<typeof model>, b: ReturnType<typeof model>, runs: number, day: number, seed: number) {
  let up = 0;
  let down = 0;
  for (let r = 0; r < runs; r++) {
    const x = runCeasefire(a, { seed, replicate: r, days: day }).outcome.collapsed;
    const y = runCeasefire(b, { seed, replicate: r, days: day }).outcome.collapsed;
    if (y && !x) up++;
    if (x && !y) down++;
  }
  const effect = (up - down) / runs;
  const se = Math.sqrt(((up + down) / runs - effect * effect) / (runs - 1));
  return { effect, lo: effect - 3 * se, up, down };
}

describe('spoilers act on their own, most of all right after signing', () => {
  it('spoiler surge 0 -> 5 raises P(collapse by day 30), paired, with a 3-SE margin, on several seeds', () => {
    const none = model('transactional-freeze', {}, { 'dynamics.spoilerSurge': 0 });
    const surge = model('transactional-freeze', {}, { 'dynamics.spoilerSurge': 5 });
    for (const seed of [1, 2, 3]) {
      const p = paired(none, surge, 150, 30, seed);
      expect(p.lo, `seed ${seed}: ${JSON.stringify(p)}`).toBeGreaterThan(0);
    }
  });
  it('a proxy its patron fully restrains still attacks in the first days, and not after the surge', () => {
    // Patron restraint total (no kinetic activity at patron rung 0), all else off: only spoilers attack.
    const m = model('transactional-freeze', {}, { 'dynamics.proxyKineticBase': 0, 'dynamics.proxyKineticPerRung': 0 });
    let early = 0;
    let late = 0;
    for (let r = 0; r < 40; r++) {
      const res = runCeasefire(m, { seed: 7, replicate: r, record: true, days: 400 });
      for (const e of res.events)
        if (e.action === 'proxy-attack') {
          if (e.day <= 30) early++;
          else if (e.day > 310) late++;
        }
    }
    expect(early).toBeGreaterThan(0);
    expect(late).toBe(0);
  });
});

describe('a public threat is a stress test answered in words', () => {
  it("the mediator's answer to a threat moves credibility, never the threatener's envelope", () => {
    // Only Iran acts, only by public threats; every threat is a test and nine in ten tests are answered;
    // Israel never reads a threat as a violation, so nothing else moves Iran's envelope.
    const quiet: Record<string, unknown> = {
      'actors.us.threatTestShare': 1,
      'actors.us.commitment': 0.9,
      'actors.israel.redlines.rhetorical-threat': 0,
      'actors.israel.spuriousRate': 0,
      'actors.iran.spuriousRate': 0,
      'dynamics.spoilerSurge': 0,
      'agreement.termsUnagreed': 0,
      // A late, unverified reading leans to the worst case; none here, so no threat is read as a violation.
      'dynamics.staleWorstCase': 0,
    };
    for (const a of ['replenish-interceptors', 'recalibrate-air-defence', 'isr-sortie', 'buffer-zone-presence'])
      quiet[`actors.israel.activities.${a}`] = 0;
    for (const a of ['targeted-operation', 'convoy-interdiction', 'limited-strike'])
      quiet[`actors.israel.activities.${a}`] = 0;
    for (const a of ['c2-rebuild', 'clandestine-transfer', 'missile-facility-upgrade', 'limited-strike'])
      quiet[`actors.iran.activities.${a}`] = 0;
    quiet['actors.iran.activities.rhetorical-threat'] = 3;
    quiet['actors.hezbollah.activities'] = {};
    quiet['actors.houthis.activities'] = {};
    quiet['actors.iraqi-militias.activities'] = {};
    const m = model('transactional-freeze', { attentionShocks: 0 }, quiet);
    const res = runCeasefire(m, { seed: 3, replicate: 0, record: true, days: 60 });
    const answered = res.events.filter((e) => e.action === 'enforce').length;
    expect(answered).toBeGreaterThan(10);
    const envelopes = new Set(res.trajectory.map((t) => t.actors.iran.envelope));
    expect(envelopes.size).toBe(1);
    // Credibility did move: answers restore it, tests left unanswered cost it.
    expect(new Set(res.trajectory.map((t) => t.actors.israel.credibility)).size).toBeGreaterThan(10);
  });
});

describe('an observer fills the days it cannot yet see with the worst case (docs/model/perception.md)', () => {
  const day0 = (paths: Record<string, unknown>) =>
    runCeasefire(model('transactional-freeze', { verification: 0 }, paths), {
      seed: 1,
      replicate: 0,
      record: true,
      days: 1,
    }).trajectory[0].actors;
  it("the defender's rearmament reading at signing grows in proportion to the age of its picture", () => {
    // At signing nothing has drifted yet: the rearmament-drift term is the stale gap alone, weight x drift x scale x lag.
    const at = (lag: number, fill = 1) =>
      day0({ 'actors.israel.detectionLagDays': lag, 'dynamics.staleGapFill': fill }).israel.terms.rearmamentDrift;
    expect(at(0)).toBe(0);
    expect(at(30, 0)).toBe(0);
    expect(at(30)).toBeGreaterThan(0);
    expect(at(30) / at(15)).toBeCloseTo(2, 10);
  });
  it("the revisionist's use-or-lose fear and the defender's pre-emption pressure rise with the lag at signing", () => {
    const lag0 = day0({ 'actors.israel.detectionLagDays': 0, 'actors.iran.detectionLagDays': 0 });
    const lag30 = day0({ 'actors.israel.detectionLagDays': 30, 'actors.iran.detectionLagDays': 30 });
    expect(lag30.iran.terms.preemption).toBeGreaterThan(lag0.iran.terms.preemption);
    expect(lag30.israel.terms.preemption).toBeGreaterThan(lag0.israel.terms.preemption);
  });
});

describe('stocks bound what can be fired', () => {
  it("the revisionist's readiness restraint at signing is 1 - readiness x min(1, stocks / (waves x salvo))", () => {
    const day0 = (stocks: number) =>
      runCeasefire(model('transactional-freeze', {}, { 'actors.iran.arsenal.stocks.ballistic': stocks }), {
        seed: 1,
        replicate: 0,
        record: true,
        days: 1,
      }).trajectory[0].actors.iran.terms.readiness;
    // Built-in: readiness 0.3, 3 waves of 200 ballistic missiles; the faction weights are the same at both.
    const full = day0(600);
    const half = day0(300);
    expect(full).toBeLessThan(0);
    expect(half / full).toBeCloseTo((1 - 0.3 * 0.5) / (1 - 0.3), 10);
    expect(day0(1000)).toBeCloseTo(full, 12);
  });
});

describe('the defender starts with what the war left', () => {
  it('inventories at signing are stocksAtSigning of base, infinite layers stay infinite, and replenishment refills them', () => {
    const m = model('transactional-freeze', {}, { 'actors.israel.defense.stocksAtSigning': 0.5 });
    const base = m.states.find((s) => s.id === 'israel')!.defense!.baseInventory;
    const finite = Array.from(base).filter(Number.isFinite);
    const total = finite.reduce((t, x) => t + x, 0);
    const res = runCeasefire(m, { seed: 2, replicate: 0, record: true, days: 120 });
    expect(res.trajectory[0].actors.israel.interceptors).toBeCloseTo(0.5 * total, 6);
    expect(res.ledger.israel.interceptorsStart).toBeCloseTo(0.5 * total, 6);
    const last = res.trajectory[res.trajectory.length - 1].actors.israel.interceptors!;
    expect(last).toBeGreaterThan(0.5 * total);
  });
});

describe('a truce whose terms were never agreed may restart where the fighting was (docs/model/early-failure.md)', () => {
  const never = () => {
    throw new Error('no draw when the restart cannot happen');
  };
  it('starts at unagreedRung, or one rung below collapse with probability warRungRestart; no draw at 0', () => {
    expect(unagreedStartRung(2, 4, 0, never)).toBe(2);
    expect(unagreedStartRung(2, 4, 1, () => 0.999)).toBe(3);
    expect(unagreedStartRung(2, 4, 0.3, () => 0.29)).toBe(3);
    expect(unagreedStartRung(2, 4, 0.3, () => 0.31)).toBe(2);
    // Never below unagreedRung, never at the collapse rung.
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 6 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 0.999999, noNaN: true }),
        (start, collapse, p, u) => {
          const r = unagreedStartRung(start, collapse, p, () => u);
          return r === start || r === Math.max(start, collapse - 1);
        },
      ),
    );
  });
  // A mid-war truce with nothing written down, never agreed: the coding of a row like 1982 Israel-Syria.
  const caseModel = (warRungRestart: number) => {
    const s = caseScenario({
      id: 'x',
      arena: 'interstate',
      writtenAgreement: 'no',
      monitoring: 'no',
      buffer: 'no',
      specificity: 'low',
      guarantee: 'no',
      faceSaving: 'no',
      mediated: true,
      termDays: null,
      humanitarian: false,
    });
    s.agreement.termsUnagreed = 1;
    s.agreement.warRungRestart = warRungRestart;
    // Values inside the priors of data/priors.yaml: noisy decisions and little restraint, as in a short pause.
    for (const side of ['side-a', 'side-b']) {
      setPath(s, `actors.${side}.temperature`, 0.5);
      setPath(s, `actors.${side}.weights.baseline`, 0.1);
    }
    return buildModel(s, {});
  };
  it('the share of runs that start one rung below collapse is warRungRestart (binomial, 5 SE)', () => {
    const m = caseModel(0.4);
    const n = 400;
    let war = 0;
    for (let r = 0; r < n; r++) {
      const res = runCeasefire(m, { seed: 5, replicate: r, record: true, days: 1 });
      const start = res.trajectory[0].actors['side-a'].rung;
      expect([2, 3]).toContain(start);
      if (start === 3) war++;
    }
    expect(Math.abs(war / n - 0.4)).toBeLessThan(5 * Math.sqrt((0.4 * 0.6) / n));
  });
  it('restarting where the fighting was raises P(collapse by day 7), paired, with a 3-SE margin, on several seeds', () => {
    for (const seed of [1, 2, 3]) {
      const p = paired(caseModel(0), caseModel(1), 150, 7, seed);
      expect(p.lo, `seed ${seed}: ${JSON.stringify(p)}`).toBeGreaterThan(0);
    }
  });
});
