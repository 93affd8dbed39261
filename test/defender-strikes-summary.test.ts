/**
 * compare's summaries of the defender side's own fire (docs/analysis.md, "Costs"; `defenderStrikes` of each arm in
 * `compare --json`): they summarize the per-run `defender_strikes_*` and `opening_strike_*` columns, the same rows
 * `--runs-csv` writes, and the text and the report show them only when an arm's defender side fired. On
 * test/fixtures/multi-adversary/ip-proxies.yaml (an armed defender and a proxy of its own attacking the
 * revisionist), and the built-in scenario (nothing to show: its text and report keep their tables).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, modelFor, resolveArm } from '../src/app/scenario.js';
import { addOutcome, emptyAccumulator, mergeAccumulator } from '../src/core/ensemble/accumulator.js';
import { histogramQuantile, STRIKE_HISTOGRAM_SPECS, binWidth } from '../src/core/ensemble/histogram.js';
import { summarizeArm } from '../src/core/ensemble/summarize.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { truce } from './helpers/cli.js';

const FIXTURE = 'test/fixtures/multi-adversary/ip-proxies.yaml';
const ARMS = 'hotline-pause,monitored-loc';

/**
 * The exact q-quantile of values as the inverse empirical CDF (R's type 1, numpy's "inverted_cdf"): the value at
 * rank ceil(q n). A binned quantile reads the bin that holds that rank, so it is within one bin of it on any draw;
 * an interpolating quantile (type 7) is not, where the values come in steps (whole salvos' costs).
 */
function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.max(0, Math.ceil(q * s.length) - 1)];
}

describe('the defender side’s fire, summarized per arm (library)', () => {
  const loaded = loadScenario(FIXTURE);
  const m = modelFor(loaded, resolveArm(loaded, 'hotline-pause', {}));
  const outcomes = Array.from({ length: 150 }, (_, r) => runCeasefire(m, { seed: 3, replicate: r }).outcome);

  it('counts and means equal those of the runs; medians within a bin; chunks merge to the whole', () => {
    const whole = emptyAccumulator(m.horizonDays);
    for (const o of outcomes) addOutcome(whole, o);
    const s = summarizeArm(whole, { label: 'a', framework: 'hotline-pause', levers: {} }).defenderStrikes!;
    expect(s).toBeDefined();
    expect(s.runsStruck).toBe(outcomes.filter((o) => o.defenderStrikes!.launched > 0).length);
    expect(s.runsStruck).toBeGreaterThan(100);
    const collapsed = outcomes.filter((o) => o.collapsed && o.kinetic);
    expect(s.openingStrikes).toBe(collapsed.filter((o) => o.kinetic!.strike).length);
    expect(s.openingStrikes).toBeGreaterThan(10);
    const runs = {
      leakers: outcomes.map((o) => o.defenderStrikes!.leakers),
      interceptorsUsed: outcomes.map((o) => o.defenderStrikes!.interceptorsUsed),
      interceptorCostUsd: outcomes.map((o) => o.defenderStrikes!.interceptorCostUsd),
      munitionsCostUsd: outcomes.map((o) => o.defenderStrikes!.munitionsCostUsd),
      openingStrikeLeakers: collapsed.map((o) => o.kinetic!.strike?.leakers ?? 0),
      openingStrikeInterceptors: collapsed.map((o) => o.kinetic!.strike?.interceptorsUsed ?? 0),
      openingStrikeInterceptorCostUsd: collapsed.map((o) => o.kinetic!.strike?.defenderCostUsd ?? 0),
      openingStrikeCostUsd: collapsed.map((o) => o.kinetic!.strike?.attackerCostUsd ?? 0),
    };
    expect(Object.keys(s.distributions).sort()).toEqual(Object.keys(runs).sort());
    for (const [k, values] of Object.entries(runs) as [keyof typeof runs, number[]][]) {
      const d = s.distributions[k];
      expect(d.n).toBe(values.length);
      expect(d.mean!).toBeCloseTo(values.reduce((a, x) => a + x, 0) / values.length, 6);
      expect([d.min, d.max]).toEqual([Math.min(...values), Math.max(...values)]);
      // A binned median: within one bin of the exact one (a factor of one bin for log bins).
      const spec = STRIKE_HISTOGRAM_SPECS[k];
      const exact = quantile(values, 0.5);
      if (spec.kind === 'linear') expect(Math.abs(d.p50! - exact)).toBeLessThanOrEqual(binWidth(spec) + 1e-9);
      else if (exact >= spec.lo)
        expect(Math.abs(Math.log10(d.p50! / exact))).toBeLessThanOrEqual(Math.log10(binWidth(spec)));
    }
    // Three chunks merged in order give the whole, to the last bit.
    const merged = emptyAccumulator(m.horizonDays);
    for (const part of [outcomes.slice(0, 40), outcomes.slice(40, 41), outcomes.slice(41)]) {
      const acc = emptyAccumulator(m.horizonDays);
      for (const o of part) addOutcome(acc, o);
      mergeAccumulator(merged, acc);
    }
    expect(merged.strikes).toEqual(whole.strikes);
    expect(histogramQuantile(merged.strikes!.metrics.leakers, 0.5)).toBe(s.distributions.leakers.p50);
  });

  it('an arm without a strike account summarizes as before: no defenderStrikes key', () => {
    const builtIn = loadScenario('scenarios/iran-israel.yaml');
    const b = modelFor(builtIn, resolveArm(builtIn, builtIn.scenario.defaultFramework!, {}));
    const acc = emptyAccumulator(b.horizonDays);
    for (let r = 0; r < 5; r++) addOutcome(acc, runCeasefire(b, { seed: 1, replicate: r }).outcome);
    expect(acc.strikes).toBeUndefined();
    expect('defenderStrikes' in summarizeArm(acc, { label: 'b', framework: null, levers: {} })).toBe(false);
  });
});

type Summary = { n: number; mean: number | null; p05: number | null; p50: number | null; p95: number | null };
type Arm = {
  label: string;
  runs: number;
  defenderStrikes?: { runsStruck: number; openingStrikes: number; distributions: Record<string, Summary> };
};

describe('truce compare and report show the defender side’s fire only where it fired', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-strikes-'));
  const csv = join(dir, 'runs.csv');
  const args = ['compare', FIXTURE, '--frameworks', ARMS, '--runs', '120', '--seed', '4', '--no-store'];
  const json = truce([...args, '--json', '--workers', '2', '--runs-csv', csv]);
  const text = truce([...args, '--workers', '1']);

  it('--json: each arm’s defenderStrikes summarizes its per-run rows (--runs-csv), the same on 1 and 2 workers', () => {
    expect(json.code).toBe(0);
    const arms = (JSON.parse(json.stdout) as { arms: Arm[] }).arms;
    const one = truce([...args, '--json', '--workers', '1']);
    expect((JSON.parse(one.stdout) as { arms: Arm[] }).arms.map((a) => a.defenderStrikes)).toEqual(
      arms.map((a) => a.defenderStrikes),
    );
    const [header, ...lines] = readFileSync(csv, 'utf8').trim().split('\n');
    const cols = header.split(',');
    const rows = lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
    for (const a of arms) {
      const mine = rows.filter((r) => r.arm === a.label);
      expect(mine.length).toBe(a.runs);
      const s = a.defenderStrikes!;
      const col = (c: string) => mine.filter((r) => r[c] !== 'NA' && r[c] !== '').map((r) => Number(r[c]));
      for (const [key, c] of [
        ['leakers', 'defender_strikes_leakers'],
        ['interceptorsUsed', 'defender_strikes_interceptors'],
        ['interceptorCostUsd', 'defender_strikes_interceptor_cost_usd'],
        ['munitionsCostUsd', 'defender_strikes_cost_usd'],
        ['openingStrikeLeakers', 'opening_strike_leakers'],
        ['openingStrikeInterceptors', 'opening_strike_interceptors'],
        ['openingStrikeInterceptorCostUsd', 'opening_strike_interceptor_cost_usd'],
        ['openingStrikeCostUsd', 'opening_strike_cost_usd'],
      ]) {
        const v = col(c);
        expect(s.distributions[key].n).toBe(v.length);
        expect(s.distributions[key].mean!).toBeCloseTo(v.reduce((x, y) => x + y, 0) / v.length, 4);
      }
      expect(s.runsStruck).toBeGreaterThan(0);
    }
  });

  it('the text has the two tables, with the runs it fired in and the opening strikes', () => {
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("The defender side's own fire at its adversaries");
    expect(text.stdout).toContain("The defender's pre-emptive strike in the opening exchange, its own salvo");
    const arms = (JSON.parse(json.stdout) as { arms: Arm[] }).arms;
    for (const a of arms)
      expect(text.stdout).toMatch(new RegExp(`${a.label} +${a.defenderStrikes!.runsStruck} of ${a.runs}`));
  });

  it('the built-in scenario (no strike account): no such table in the text, no key in --json (the report: report.test.ts)', () => {
    const b = truce(['compare', '--runs', '40', '--seed', '2', '--no-store', '--workers', '1']);
    expect(b.code).toBe(0);
    expect(b.stdout).not.toContain("The defender side's own fire at its adversaries");
    const bj = truce(['compare', '--runs', '40', '--seed', '2', '--no-store', '--workers', '1', '--json']);
    expect((JSON.parse(bj.stdout) as { arms: Arm[] }).arms.every((a) => !('defenderStrikes' in a))).toBe(true);
  });

  it('the report of the fixture has the table', () => {
    const out = join(dir, 'p.html');
    const r = truce([
      'report',
      FIXTURE,
      '--frameworks',
      ARMS,
      '--runs',
      '60',
      '--seed',
      '4',
      '--no-store',
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain("<caption>The defender side's own fire at its adversaries");
    expect(html).toMatch(/<th scope="row">hotline-pause<\/th><td>\d+ of 60<\/td>/);
  });
});
