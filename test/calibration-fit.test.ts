/** Calibration machinery: the simulated likelihood, population Monte Carlo against a closed form, and a tiny end-to-end fit. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrate } from '../src/app/calibrate.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { parseCases } from '../src/core/calibration/cases.js';
import { fitTable, kmAt } from '../src/core/calibration/fit.js';
import { BIN_EDGES, logLikelihood, targetOf } from '../src/core/calibration/likelihood.js';
import { applyToCase, fromUnit, parameterList, priorsSchema, toUnit } from '../src/core/calibration/parameters.js';
import { caseScenario } from '../src/core/calibration/coding.js';
import { priorDraws, propose, proposalFrom, weigh, type Particle } from '../src/core/calibration/posterior.js';
import { normal } from '../src/core/rng/normal.js';
import { Stream } from '../src/core/rng/stream.js';
import { parse } from 'yaml';
import { truce } from './helpers/cli.js';

const cases = parseCases(readFileSync('data/ceasefires.csv', 'utf8'), { requireOutcome: true });

describe('simulated likelihood of censored durations', () => {
  it('scores a collapse by its duration bin and a censored spell by survival past its day, Jeffreys-smoothed', () => {
    expect(targetOf({ days: 0, collapsed: true })).toEqual({ kind: 'event', lo: 0, hi: 7 });
    expect(targetOf({ days: 27, collapsed: true })).toEqual({ kind: 'event', lo: 7, hi: 30 });
    expect(targetOf({ days: 594, collapsed: false })).toEqual({ kind: 'survive', beyond: 594 });
    // Beyond five years: administratively censored.
    expect(targetOf({ days: 2804, collapsed: true })).toEqual({ kind: 'survive', beyond: 1825 });
    const d = [0, 5, 20, 25, -1, 700];
    expect(logLikelihood({ kind: 'event', lo: 7, hi: 30 }, d)).toBeCloseTo(Math.log(2.5 / 7), 12);
    expect(logLikelihood({ kind: 'survive', beyond: 594 }, d)).toBeCloseTo(Math.log(2.5 / 7), 12);
    expect(logLikelihood({ kind: 'event', lo: 30, hi: 90 }, d)).toBeCloseTo(Math.log(0.5 / 7), 12);
    expect(BIN_EDGES[BIN_EDGES.length - 1]).toBe(1825);
  });
});

describe('priors', () => {
  it('map the unit cube through the quantile function and back', () => {
    const priors = priorsSchema.parse(parse(readFileSync('data/priors.yaml', 'utf8')));
    for (const p of parameterList(priors)) {
      expect(fromUnit(p, 0)).toBeCloseTo(p.min, 12);
      expect(fromUnit(p, 1)).toBeCloseTo(p.max, 12);
      for (const u of [0.1, 0.5, 0.77]) expect(toUnit(p, fromUnit(p, u))).toBeCloseTo(u, 10);
    }
  });
});

describe('parameters that depend on provision levels', () => {
  it('apply only to matching cases, later ones overriding earlier ones at the same path', () => {
    const priors = priorsSchema.parse(parse(readFileSync('data/priors.yaml', 'utf8')));
    const params = parameterList(priors);
    const values = Object.fromEntries(params.map((p, k) => [p.name, fromUnit(p, (k + 1) / (params.length + 1))]));
    const baseline = (id: string) => {
      const c = cases.find((x) => x.covariates.id === id)!.covariates;
      const s = applyToCase(caseScenario(c), c, params, values);
      return (s.actors['side-a'] as { weights: { baseline: number } }).weights.baseline;
    };
    expect(baseline('il_eg_1949_armistice')).toBe(values.restraint); // written yes, no fixed term
    expect(baseline('il_arab_1948_truce2')).toBe(values.restraintUnwritten); // written partial
    expect(baseline('il_hamas_2014_aug05')).toBe(values.restraintShortPause); // 72 hours
  });
});

describe('population Monte Carlo', () => {
  it('recovers a known posterior: uniform prior, Gaussian likelihood N(0.3, 0.05) -> mean 0.3, sd 0.05', () => {
    for (const seed of [1, 2, 3]) {
      const rng = Stream.derive(seed, 'pmc-test');
      const ll = (u: number[]) => -0.5 * ((u[0] - 0.3) / 0.05) ** 2 - 0.5 * ((u[1] - 0.6) / 0.1) ** 2;
      let pop: Particle[] = priorDraws(400, 2, rng).map((u) => ({ u, logLik: ll(u), logCorrection: 0 }));
      for (let round = 0; round < 3; round++)
        pop = propose(proposalFrom(weigh(pop), 400, rng), 2000, rng).map((p) => ({ ...p, logLik: ll(p.u) }));
      const w = weigh(pop);
      const mean = [0, 1].map((k) => pop.reduce((t, p, i) => t + w.weights[i] * p.u[k], 0));
      const sd = [0, 1].map((k) => Math.sqrt(pop.reduce((t, p, i) => t + w.weights[i] * (p.u[k] - mean[k]) ** 2, 0)));
      // Standard errors of these weighted estimates at ESS > 500 are below 0.005; margins are 3-4 times that.
      expect(w.ess).toBeGreaterThan(500);
      expect(mean[0]).toBeCloseTo(0.3, 1);
      expect(Math.abs(mean[0] - 0.3)).toBeLessThan(0.015);
      expect(Math.abs(mean[1] - 0.6)).toBeLessThan(0.03);
      expect(Math.abs(sd[0] - 0.05)).toBeLessThan(0.012);
      expect(Math.abs(sd[1] - 0.1)).toBeLessThan(0.025);
    }
  });
  it('pooling the rounds after the first keeps the target and lifts the ESS when the likelihood is noisy (pseudo-marginal)', () => {
    // Log-likelihood noise of sd 1.2, as a simulated likelihood with few runs per case has: one round's weights
    // are dominated by lucky draws (ESS about N exp(-1.44), a quarter of N).
    let lifted = 0;
    const seeds = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    for (const seed of seeds) {
      const rng = Stream.derive(seed, 'pmc-pool-test');
      const noise = Stream.derive(seed, 'pmc-pool-noise');
      const ll = (u: number[]) => -0.5 * ((u[0] - 0.3) / 0.05) ** 2 + 1.2 * normal(noise);
      let pop: Particle[] = priorDraws(300, 1, rng).map((u) => ({ u, logLik: ll(u), logCorrection: 0 }));
      const pool: Particle[] = [];
      for (let round = 1; round < 5; round++) {
        pop = propose(proposalFrom(weigh(pop), 300, rng), 300, rng).map((p) => ({ ...p, logLik: ll(p.u) }));
        pool.push(...pop);
      }
      const pooled = weigh(pool);
      if (pooled.ess > 1.5 * weigh(pop).ess) lifted++;
      const mean = pool.reduce((t, p, i) => t + pooled.weights[i] * p.u[0], 0);
      const sd = Math.sqrt(pool.reduce((t, p, i) => t + pooled.weights[i] * (p.u[0] - mean) ** 2, 0));
      // The noise multiplies every weight by an independent factor: the target is unchanged, the estimate noisier
      // (at the pooled ESS, 70 or more, the mean's standard error is below 0.006).
      expect(Math.abs(mean - 0.3), `seed ${seed}: ESS ${pooled.ess}`).toBeLessThan(0.02);
      expect(Math.abs(sd - 0.05), `seed ${seed}: ESS ${pooled.ess}`).toBeLessThan(0.015);
    }
    // One lucky particle of an early round can still dominate the pool; on most seeds the pool is far larger.
    expect(lifted).toBeGreaterThanOrEqual(8);
  });
});

describe('the fit table', () => {
  it("puts the record's own Kaplan-Meier curve inside its band, and a model that never collapses outside it", () => {
    const never = cases.map(() => Int32Array.from({ length: 50 }, () => -1));
    const rows = fitTable(cases, never);
    const all = rows.filter((r) => r.group === 'all');
    expect(all.map((r) => r.day)).toEqual([7, 30, 90, 365, 1825]);
    expect(all.every((r) => r.model === 1 && !r.inside)).toBe(true);
    expect(kmAt(cases, 30).survival).toBeCloseTo(0.804, 3);
  });
});

describe('calibrate (tiny setting)', () => {
  it('returns a posterior inside the priors, diagnostics and a fit table; the same seed gives the same posterior on 1 or 2 workers', async () => {
    const priors = priorsSchema.parse(parse(readFileSync('data/priors.yaml', 'utf8')));
    const params = parameterList(priors);
    const some = cases.filter((_, i) => i % 6 === 0);
    const settings = { particles: 6, rounds: 2, runsPerCase: 2, fitRuns: 4, posteriorSize: 5 };
    const a = await calibrate(some, priors, params, { settings, seed: 5, runner: threadPoolRunner(1), label: 'test' });
    const b = await calibrate(some, priors, params, { settings, seed: 5, runner: threadPoolRunner(2), label: 'test' });
    expect(b.posterior.draws).toEqual(a.posterior.draws);
    expect(a.posterior.draws).toHaveLength(5);
    for (const draw of a.posterior.draws)
      for (const p of params) {
        expect(draw[p.name]).toBeGreaterThanOrEqual(p.min * (1 - 1e-9));
        expect(draw[p.name]).toBeLessThanOrEqual(p.max * (1 + 1e-9));
      }
    expect(a.rounds).toHaveLength(2);
    for (const r of a.rounds) {
      expect(r.ess).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(r.ess).toBeLessThanOrEqual(6 + 1e-9);
    }
    expect(a.population[0].caseLogLik).toHaveLength(some.length);
    expect(a.fit.filter((f) => f.group === 'all')).toHaveLength(5);
  }, 120_000);
});

describe('truce calibrate -> runs list -> forecast --posterior ID', () => {
  it('stores the posterior, lists it, and forecasts with it, saying which posterior was used', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-cal-'));
    const db = join(dir, 'r.db');
    const lines = readFileSync('data/ceasefires.csv', 'utf8').split(/\r?\n/);
    const file = join(dir, 'few.csv');
    // Header plus a handful of single-line rows.
    writeFileSync(
      file,
      [lines[0], ...lines.slice(1, 8).filter((l) => l.startsWith('il_') || l.startsWith('nk_'))].join('\n') + '\n',
    );
    const c = truce([
      'calibrate',
      '--cases',
      file,
      '--quick',
      '--particles',
      '4',
      '--rounds',
      '1',
      '--runs-per-case',
      '2',
      '--fit-runs',
      '2',
      '--db',
      db,
      '--json',
      '--workers',
      '1',
      '--out',
      join(dir, 'fit.json'),
    ]);
    expect(c.stderr).toBe('');
    expect(c.code).toBe(0);
    const j = JSON.parse(c.stdout);
    expect(j.experimentId).toBe(1);
    // The posterior file says what made it (audit6b B1): the version and the setting.
    const written = JSON.parse(readFileSync(join(dir, 'fit.json'), 'utf8'));
    expect(written.fittedWith.truceVersion).toMatch(/^\d+\.\d+\.\d+/);
    expect(written.fittedWith.settings).toBe('--particles 4 --rounds 1 --runs-per-case 2 --fit-runs 2 --seed 1');
    const list = JSON.parse(truce(['runs', 'list', '--db', db, '--json']).stdout);
    expect(list.map((e: { kind: string }) => e.kind)).toEqual(['calibration']);
    const f = truce([
      'forecast',
      '--cases',
      file,
      '--posterior',
      '1',
      '--db',
      db,
      '--runs',
      '8',
      '--json',
      '--workers',
      '1',
    ]);
    expect(f.code).toBe(0);
    expect(JSON.parse(f.stdout).posterior).toMatch(/^calibration 1 /);
    const v = truce([
      'validate',
      '--cases',
      file,
      '--posterior',
      '1',
      '--db',
      db,
      '--runs',
      '4',
      '--json',
      '--workers',
      '1',
      '--plot',
      join(dir, 'rel.svg'),
    ]);
    expect(v.stderr).toBe('');
    const vj = JSON.parse(v.stdout);
    expect(vj.scores.map((s: { horizon: number }) => s.horizon)).toEqual([30, 90, 365]);
    for (const s of vj.scores)
      for (const k of ['model', 'baseRate', 'cox']) expect(s[k].brier).toSatisfy((b: number) => b >= 0 && b <= 1);
    expect(readFileSync(join(dir, 'rel.svg'), 'utf8')).toMatch(/^<(svg|figure)/);
    const missing = truce(['forecast', '--cases', file, '--posterior', '9', '--db', db, '--runs', '8']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--posterior 9: expected the id of a stored calibration/);
  }, 120_000);
});
