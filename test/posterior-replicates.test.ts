// Posterior draws take disjoint replicate ranges: D draws x R runs are D x R
// independent runs. Independent expectation: a posterior whose D draws are all
// the same vector must give exactly the comparison of one draw with D x R runs
// (the same replicates 0 .. D R - 1, the same scenario). Before the fix every
// draw reused replicates 0 .. R - 1, so the D x R runs were R paths repeated D
// times and the intervals claimed D times the information they had.
import { describe, expect, it } from 'vitest';
import { compare } from '../src/app/compare.js';
import { sensitivity } from '../src/app/sensitivity.js';
import { facts } from '../src/app/facts.js';
import { runSweep, startSweep, storedSweep } from '../src/app/sweep.js';
import { openStore } from '../src/store/db.js';
import { planUnderPosterior } from '../src/app/posterior-ensemble.js';
import { loadPosterior, NO_POSTERIOR, type Posterior } from '../src/app/posterior.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { loadScenario } from '../src/app/scenario.js';
import { DEFAULT_SCENARIO } from '../src/io/paths.js';

describe('posterior draws', () => {
  const loaded = loadScenario(DEFAULT_SCENARIO);
  const shipped = loadPosterior(undefined, ':memory:');
  const repeated = (d: number): Posterior => ({ ...shipped, draws: Array.from({ length: d }, () => shipped.draws[0]) });

  it('take disjoint, consecutive replicate ranges, the same in every arm', () => {
    const arm = { scenario: loaded.scenario, profiles: loaded.profiles };
    const plan = planUnderPosterior([arm, arm], shipped, 200, ['transactional-freeze', 'structural-architecture']);
    const offsets = plan.points.map((p) => p.replicateOffset ?? 0);
    const perArm = offsets.slice(0, plan.draws);
    expect(perArm).toEqual(Array.from({ length: plan.draws }, (_, d) => d * plan.runsPerDraw));
    expect(offsets.slice(plan.draws)).toEqual(perArm);
  });

  it('of one repeated vector give exactly the runs of that vector alone', async () => {
    const ctx = { runner: threadPoolRunner(1), db: null };
    const req = { runs: 40, seed: 3, days: 120, frameworks: ['transactional-freeze'] };
    const many = await compare(loaded, { ...req, posterior: repeated(4) }, ctx);
    const one = await compare(loaded, { ...req, posterior: repeated(1) }, ctx);
    expect(many.output.posteriorDraws).toBe(4);
    expect(one.output.posteriorDraws).toBe(1);
    // Merging four accumulators sums in another order than one: equal to 10 significant digits.
    const rounded = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
    expect(rounded(many.output.arms)).toEqual(rounded(one.output.arms));
  });
});

describe('sensitivity under a posterior', () => {
  const loaded = loadScenario(DEFAULT_SCENARIO);
  const shipped = loadPosterior(undefined, ':memory:');
  const repeated = (d: number): Posterior => ({ ...shipped, draws: Array.from({ length: d }, () => shipped.draws[0]) });
  const req = {
    method: 'morris' as const,
    samples: 2,
    levels: 4,
    seed: 5,
    levers: ['verification', 'faceSaving'],
    output: 'pCollapse' as const,
    runsPerPoint: 24,
    framework: 'transactional-freeze',
    days: 120,
  };
  const ctx = { runner: threadPoolRunner(1), db: null };

  // Same independent expectation as for arms: D copies of one vector at each design point are
  // exactly that vector with D x R runs, so the per-point outputs (and the indices) must agree.
  it('of one repeated vector equals that vector alone, at every design point', async () => {
    const many = await sensitivity(loaded, { ...req, posterior: repeated(4) }, ctx);
    const one = await sensitivity(loaded, { ...req, posterior: repeated(1) }, ctx);
    expect(many.posteriorDraws).toBe(4);
    expect(one.posteriorDraws).toBe(1);
    expect(many.posterior).toBe(shipped.label);
    const rounded = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
    expect(rounded(many.indices)).toEqual(rounded(one.indices));
  });

  it('changes the answer when the draws differ from the scenario as written', async () => {
    const none = await sensitivity(loaded, req, ctx);
    const drawn = await sensitivity(loaded, { ...req, posterior: repeated(1) }, ctx);
    expect(none.posterior).toMatch(/^none/);
    expect(none.posteriorDraws).toBe(1);
    // The shipped draw moves global parameters the outputs depend on; identical indices would
    // mean the draw never reached the runs.
    expect(drawn.indices).not.toEqual(none.indices);
  });
});

describe('stylized facts under a posterior', () => {
  const loaded = loadScenario(DEFAULT_SCENARIO);
  const shipped = loadPosterior(undefined, ':memory:');
  const repeated = (d: number): Posterior => ({ ...shipped, draws: Array.from({ length: d }, () => shipped.draws[0]) });
  const ctx = { runner: threadPoolRunner(1), db: null };
  const req = { runs: 24, seed: 4, days: 120 };

  // D copies of one vector are that vector with D x R runs, arm by arm, so every fact's
  // effect and interval must agree; a fact's own settings are applied after the draw.
  it('of one repeated vector equal that vector alone', async () => {
    const many = await facts(loaded, { ...req, posterior: repeated(3) }, ctx);
    const one = await facts(loaded, { ...req, posterior: repeated(1) }, ctx);
    expect(many.posterior).toBe(shipped.label);
    const rounded = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
    expect(rounded(many.facts)).toEqual(rounded(one.facts));
    const none = await facts(loaded, req, ctx);
    expect(none.posterior).toMatch(/^none/);
    expect(rounded(none.facts)).not.toEqual(rounded(one.facts));
  });
});

describe('sweeps under a posterior', () => {
  const loaded = loadScenario(DEFAULT_SCENARIO);
  const shipped = loadPosterior(undefined, ':memory:');
  const repeated = (d: number): Posterior => ({ ...shipped, draws: Array.from({ length: d }, () => shipped.draws[0]) });
  const params = {
    design: 'lhs' as const,
    ranges: { verification: [0, 1] as [number, number] },
    points: 3,
    runsPerPoint: 24,
    seed: 2,
    framework: 'transactional-freeze',
    set: [],
    days: 120,
    posterior: 'default',
  };
  const sweepWith = async (posterior: Posterior) => {
    const db = openStore(':memory:');
    try {
      const id = startSweep(db, loaded, params);
      return await runSweep(db, storedSweep(db, id), { runner: threadPoolRunner(1), posterior });
    } finally {
      db.close();
    }
  };

  // As for arms: D copies of one vector at each point are that vector with D x R runs.
  it('of one repeated vector stores the rows of that vector alone', async () => {
    const many = await sweepWith(repeated(4));
    const one = await sweepWith(repeated(1));
    expect(many.posteriorDraws).toBe(4);
    const rounded = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
    expect(rounded(many.rows)).toEqual(rounded(one.rows));
    const none = await sweepWith(NO_POSTERIOR);
    expect(none.posterior).toMatch(/^none/);
    expect(rounded(none.rows)).not.toEqual(rounded(one.rows));
  });
});
