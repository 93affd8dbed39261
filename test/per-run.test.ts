/**
 * Per-run rows (docs/analysis.md, "Per-run rows"): `compare --runs-csv FILE`
 * and `runs export ID --per-run` give the same rows; refitting the project's
 * own Cox routine and log-rank test on them gives exactly what `compare`
 * reported; the tidy table carries hazard ratios and log-rank results; a
 * closed pipe ends a command quietly.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coxBinary } from '../src/core/analysis/survival/cox.js';
import { lifeTableFromObservations, totalSubjects, type LifeTable } from '../src/core/analysis/survival/life-table.js';
import { logRank } from '../src/core/analysis/survival/log-rank.js';
import { renderCompare } from '../src/cli/render/compare.js';
import { PILLARS } from '../src/core/model/escalation-utility.js';
import { CLI, ROOT, truce } from './helpers/cli.js';

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('per-run rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-perrun-'));
  const db = join(dir, 't.db');
  const csv = join(dir, 'runs.csv');
  const out = truce([
    'compare',
    '--runs',
    '300',
    '--days',
    '200',
    '--seed',
    '5',
    '--runs-csv',
    csv,
    '--json',
    '--db',
    db,
    '--workers',
    '2',
  ]);
  const compared = JSON.parse(out.stdout);
  const text = readFileSync(csv, 'utf8');
  const rows = parseCsv(text);

  it('one row per run and arm, with the documented columns, consistent with the arm summaries', () => {
    expect(out.code).toBe(0);
    expect(rows).toHaveLength(600);
    const cols = text.split('\n')[0].split(',');
    for (const c of [
      'experiment',
      'arm',
      'framework',
      'run',
      'lever_verification',
      'draw',
      'param_unagreedUnwritten',
      'collapsed',
      'day',
      'time',
      'first_crosser',
      'primary_pillar',
      'preemptive',
      'opening_leakers',
      'interceptors_used',
      'defender_cost_usd',
      'attacker_cost_usd',
    ])
      expect(cols).toContain(c);
    for (const p of PILLARS) expect(cols).toContain(`share_${p.replace(/-/g, '_')}`);
    for (const arm of compared.arms) {
      const mine = rows.filter((r) => r.arm === arm.label);
      expect(mine.map((r) => Number(r.run))).toEqual(Array.from({ length: 300 }, (_, i) => i));
      expect(mine.filter((r) => r.collapsed === '1').length).toBe(arm.collapsed);
      for (const [crosser, share] of Object.entries<number>(arm.firstCrosser)) {
        expect(mine.filter((r) => r.first_crosser === crosser).length).toBe(Math.round(share * arm.collapsed));
      }
      for (const r of mine) {
        if (r.collapsed === '1') {
          expect(r.day).toBe(r.time);
          const total = PILLARS.reduce((s, p) => s + Number(r[`share_${p.replace(/-/g, '_')}`]), 0);
          expect(total).toBeCloseTo(1, 9);
        } else {
          expect(r.day).toBe('NA');
          expect(r.time).toBe('200');
        }
      }
    }
  });

  it('the causal shares compare prints are the mean of the replayed rows, and n is their count', () => {
    const col = (p: string) => `causal_share_${p.replace(/-/g, '_')}`;
    for (const arm of compared.arms) {
      const mine = rows.filter((r) => r.arm === arm.label);
      // Replayed: exactly the collapses of every CAUSAL_STRIDE-th (4th) run (docs/model/attribution.md).
      for (const r of mine)
        expect(r.causal_replayed, `run ${r.run}`).toBe(r.collapsed === '1' && Number(r.run) % 4 === 0 ? '1' : '0');
      const replayed = mine.filter((r) => r.causal_replayed === '1');
      expect(replayed.length).toBeGreaterThan(10);
      expect(replayed.length).toBe(arm.causalSample.collapses);
      expect(replayed.filter((r) => r.causal_explained === '0').length).toBe(arm.causalSample.unexplained);
      for (const p of PILLARS) {
        const x = replayed.map((r) => Number(r[col(p)]));
        const mean = x.reduce((s, v) => s + v, 0) / x.length;
        expect(mean, p).toBeCloseTo(arm.causalAttribution[p], 12);
        // Its Monte Carlo 95% interval: mean +- 1.96 sample sd / sqrt(n), from the rows.
        const sd = Math.sqrt(x.reduce((s, v) => s + (v - mean) ** 2, 0) / (x.length - 1));
        const ci = arm.causalAttributionInterval[p];
        expect(ci.lo, p).toBeCloseTo(mean - (1.96 * sd) / Math.sqrt(x.length), 10);
        expect(ci.hi, p).toBeCloseTo(mean + (1.96 * sd) / Math.sqrt(x.length), 10);
      }
      for (const r of replayed) {
        // One collapse's shares sum to 1 when some pillar explains it, else 0.
        const total = PILLARS.reduce((s, p) => s + Number(r[col(p)]), 0);
        expect(total).toBeCloseTo(r.causal_explained === '1' ? 1 : 0, 9);
      }
      for (const r of mine.filter((x) => x.causal_replayed === '0')) {
        expect(r.causal_explained).toBe('NA');
        for (const p of PILLARS) expect(r[col(p)]).toBe('NA');
      }
    }
  });

  it('the opening exchange has its own interceptors and costs, over collapsed runs, within the whole run', () => {
    for (const arm of compared.arms) {
      const mine = rows.filter((r) => r.arm === arm.label);
      const collapsed = mine.filter((r) => r.collapsed === '1');
      const d = arm.distributions;
      expect(d.openingInterceptors.n).toBe(arm.collapsed);
      const mean = (k: string) => collapsed.reduce((s, r) => s + Number(r[k]), 0) / collapsed.length;
      expect(mean('opening_interceptors')).toBeCloseTo(d.openingInterceptors.mean, 9);
      expect(mean('opening_defender_cost_usd') / d.openingDefenderCostUsd.mean).toBeCloseTo(1, 12);
      expect(mean('opening_attacker_cost_usd') / d.openingAttackerCostUsd.mean).toBeCloseTo(1, 12);
      for (const r of collapsed) {
        // Part of the run's totals: the opening exchange is counted in the whole run.
        expect(Number(r.opening_interceptors)).toBeGreaterThan(0);
        expect(Number(r.opening_interceptors)).toBeLessThanOrEqual(Number(r.interceptors_used));
        expect(Number(r.opening_defender_cost_usd)).toBeLessThanOrEqual(Number(r.defender_cost_usd) * (1 + 1e-12));
        expect(Number(r.opening_attacker_cost_usd)).toBeLessThanOrEqual(Number(r.attacker_cost_usd) * (1 + 1e-12));
        // "Defender struck first" is the defender crossing first (docs/analysis.md).
        expect(r.preemptive).toBe(r.first_crosser === 'israel' ? '1' : '0');
        // The built-in defender has no arsenal: no salvo of its own in the exchange.
        expect([
          r.opening_strike_leakers,
          r.opening_strike_cost_usd,
          r.opening_strike_interceptors,
          r.opening_strike_interceptor_cost_usd,
        ]).toEqual(['0', '0', '0', '0']);
      }
      // Nor any strike over the run, collapsed or not.
      for (const r of mine)
        for (const k of [
          'defender_strikes_leakers',
          'defender_strikes_interceptors',
          'defender_strikes_interceptor_cost_usd',
          'defender_strikes_cost_usd',
        ])
          expect(r[k]).toBe('0');
      for (const r of mine.filter((x) => x.collapsed === '0'))
        for (const k of [
          'opening_interceptors',
          'opening_defender_cost_usd',
          'opening_attacker_cost_usd',
          'opening_strike_leakers',
          'opening_strike_cost_usd',
          'opening_strike_interceptors',
          'opening_strike_interceptor_cost_usd',
        ])
          expect(r[k]).toBe('NA');
    }
  });

  it("compare's text says what each figure is over, with the causal n and the opening exchange's interceptors", () => {
    // Wide enough that no table wraps, whatever the terminal running the tests.
    const columns = process.env.COLUMNS;
    process.env.COLUMNS = '1000';
    const text = renderCompare(compared, 1, 2);
    if (columns === undefined) delete process.env.COLUMNS;
    else process.env.COLUMNS = columns;
    const lines = text.split('\n');
    const who = lines.findIndex((l) => /defender struck first/.test(l) && /why \(causal share; n replayed\)/.test(l));
    expect(who).toBeGreaterThan(0);
    expect(text).not.toMatch(/\bpre-emptive\s{2}/);
    const opening = lines.findIndex(
      (l) => l.startsWith('The opening exchange') && l.includes('over collapsed runs only'),
    );
    expect(opening).toBeGreaterThan(who);
    expect(lines[opening + 1]).toMatch(/arm \(collapsed runs\) +leakers +interceptors +defender cost +attacker cost/);
    const whole = lines.findIndex((l) => l.startsWith('Whole runs') && l.includes('over all runs'));
    expect(whole).toBeGreaterThan(opening);
    for (const arm of compared.arms) {
      const row = lines.slice(who + 2).find((l) => l.startsWith(arm.label))!;
      expect(row).toContain(`(n = ${arm.causalSample.collapses};`);
      const o = lines.slice(opening + 3, whole).find((l) => l.startsWith(arm.label))!;
      const d = arm.distributions.openingInterceptors;
      expect(o).toContain(`${d.p50.toFixed(0)} [${d.p05.toFixed(0)}, ${d.p95.toFixed(0)}]`);
      expect(o.split(/\s{2,}/)[0]).toBe(`${arm.label} (${arm.collapsed})`);
    }
  });

  it('each run names its posterior draw and the values drawn, from the shipped posterior, the same in every arm', () => {
    const shipped = JSON.parse(readFileSync(join(ROOT, 'data', 'posterior.json'), 'utf8')) as {
      draws: Record<string, number>[];
    };
    // 300 runs over the shipped posterior's 100 draws: R = 3 replicates per draw, draw d = runs 3d .. 3d + 2.
    expect(compared.posteriorDraws).toBe(Math.min(300, shipped.draws.length));
    const perDraw = compared.runs / compared.posteriorDraws;
    expect(Number.isInteger(perDraw)).toBe(true);
    for (const r of rows) {
      const d = Number(r.draw);
      expect(d).toBe(Math.floor(Number(r.run) / perDraw));
      // Only parameters with the same meaning in the scenario carry over (data/priors.yaml, scenarioPaths):
      // the temperature and the weights are fitted as a ratio to the cases' own weights, so they stay behind.
      expect(r.param_temperature).toBeUndefined();
    }
    // The never-agreed probability carries under the transactional freeze only (data/priors.yaml, scenarioPaths).
    const freeze = rows.filter((r) => r.framework === 'transactional-freeze');
    const structural = rows.filter((r) => r.framework === 'structural-architecture');
    expect(freeze.length).toBe(300);
    for (const r of freeze)
      expect(Number(r.param_unagreedUnwritten)).toBe(shipped.draws[Number(r.draw)].unagreedUnwritten);
    for (const r of structural) expect(r.param_unagreedUnwritten).toBe('NA');
  });

  it('without a posterior the runs carry no draw and no parameter columns', () => {
    const file = join(dir, 'none.csv');
    const r = truce([
      'compare',
      '--runs',
      '40',
      '--days',
      '60',
      '--posterior',
      'none',
      '--runs-csv',
      file,
      '--no-store',
      '--workers',
      '1',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const none = parseCsv(readFileSync(file, 'utf8'));
    expect(none).toHaveLength(80);
    expect(Object.keys(none[0]).filter((c) => c.startsWith('param_'))).toEqual([]);
    for (const x of none) {
      expect(x.draw).toBe('NA');
      expect(x.experiment).toBe('NA');
    }
  });

  it('refitting the Cox model and the log-rank test on the rows gives what compare reported', () => {
    const table = (label: string) => {
      const mine = rows.filter((r) => r.arm === label);
      return lifeTableFromObservations(
        mine.map((r) => Number(r.time)),
        mine.map((r) => r.collapsed === '1'),
      );
    };
    const [a, b] = compared.arms.map((x: { label: string }) => table(x.label));
    const cox = coxBinary(a, b);
    const c = compared.comparisons[0];
    expect(cox.hazardRatio).toBeCloseTo(c.hazardRatio, 10);
    expect(cox.lower).toBeCloseTo(c.hrLo, 10);
    expect(cox.upper).toBeCloseTo(c.hrHi, 10);
    expect(logRank(a, b).chiSquare).toBeCloseTo(c.logRankChiSquare, 10);
  });

  it('the restricted mean survival of each arm is the mean of its rows’ survival times', () => {
    for (const arm of compared.arms) {
      const mine = rows.filter((r) => r.arm === arm.label);
      expect(arm.meanSurvivalDays).toBeCloseTo(mine.reduce((t, r) => t + Number(r.time), 0) / mine.length, 9);
    }
  });

  it('the hazard ratios by window are Cox fits on the rows still at risk on the first day, censored at the last', () => {
    const c = compared.comparisons[0];
    expect(c.hazardRatioWindows.map((w: { from: number; to: number }) => [w.from, w.to])).toEqual([
      [1, 30],
      [31, 180],
      [181, 200],
    ]);
    for (const w of c.hazardRatioWindows) {
      const table = (label: string) => {
        const mine = rows.filter((r) => r.arm === label && Number(r.time) >= w.from);
        return lifeTableFromObservations(
          mine.map((r) => Math.min(Number(r.time), w.to)),
          mine.map((r) => r.collapsed === '1' && Number(r.time) <= w.to),
        );
      };
      const [a, b] = compared.arms.map((x: { label: string }) => table(x.label)) as LifeTable[];
      expect(w.atRiskA).toBe(totalSubjects(a));
      if (w.hazardRatio === null) continue;
      const cox = coxBinary(a, b);
      expect(cox.hazardRatio).toBeCloseTo(w.hazardRatio, 10);
      expect(cox.lower).toBeCloseTo(w.hrLo, 10);
    }
  });

  it('runs export --per-run gives the same rows from the store, as CSV and as JSON', () => {
    const again = truce(['runs', 'export', String(compared.experimentId), '--per-run', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toBe(text);
    const json = JSON.parse(
      truce(['runs', 'export', String(compared.experimentId), '--per-run', '--format', 'json', '--db', db]).stdout,
    );
    expect(json).toHaveLength(600);
    expect(json[0]).toMatchObject({ experiment: compared.experimentId, arm: compared.arms[0].label, run: 0 });
  });

  it('the tidy table carries the hazard ratio and the log-rank test', () => {
    const tidy = parseCsv(truce(['runs', 'export', String(compared.experimentId), '--db', db]).stdout);
    const hr = tidy.find((r) => r.metric === 'hazard_ratio')!;
    expect(hr.arm).toBe(compared.arms[1].label);
    expect(hr.key).toBe(compared.arms[0].label);
    expect(Number(hr.value)).toBeCloseTo(compared.comparisons[0].hazardRatio, 10);
    expect(Number(tidy.find((r) => r.metric === 'log_rank_p')!.value)).toBeCloseTo(
      compared.comparisons[0].logRankP,
      12,
    );
    const c = compared.comparisons[0];
    expect(Number(tidy.find((r) => r.metric === 'ph_test_chi_square')!.value)).toBeCloseTo(
      c.proportionalHazards.chiSquare,
      10,
    );
    const windows = tidy.filter((r) => r.metric === 'hazard_ratio_window');
    expect(windows.map((r) => Number(r.day))).toEqual(c.hazardRatioWindows.map((w: { to: number }) => w.to));
    // P(holds through day d) is 1 - P(collapse by day d) with the interval turned over.
    for (const held of tidy.filter((r) => r.metric === 'p_holds_by')) {
      const by = tidy.find((r) => r.metric === 'p_collapse_by' && r.arm === held.arm && r.day === held.day)!;
      expect(Number(held.value)).toBeCloseTo(1 - Number(by.value), 12);
      expect(Number(held.lo)).toBeCloseTo(1 - Number(by.hi), 12);
      expect(Number(held.hi)).toBeCloseTo(1 - Number(by.lo), 12);
    }
    // The causal shares and the n they rest on, beside the descriptive attribution_share.
    for (const arm of compared.arms) {
      const mine = tidy.filter((r) => r.arm === arm.label);
      expect(Number(mine.find((r) => r.metric === 'causal_collapses')!.value)).toBe(arm.causalSample.collapses);
      for (const p of PILLARS) {
        const share = mine.find((r) => r.metric === 'causal_attribution_share' && r.key === p)!;
        expect(Number(share.value)).toBeCloseTo(arm.causalAttribution[p], 12);
        expect(Number(share.lo)).toBeCloseTo(arm.causalAttributionInterval[p].lo, 12);
        expect(Number(share.hi)).toBeCloseTo(arm.causalAttributionInterval[p].hi, 12);
      }
    }
  });

  it('an experiment without per-run rows says so', () => {
    const r = truce(['runs', 'export', '99', '--per-run', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no experiment 99/);
  });

  it('per-run files are refused up front with --queue or into a missing folder, before any run', () => {
    const queued = truce(['compare', '--runs-csv', join(dir, 'q.csv'), '--queue', 'redis://127.0.0.1:1', '--no-store']);
    expect(queued.code).toBe(2);
    expect(queued.stderr).toMatch(/--runs-csv .*q\.csv: per-run rows are not handed back through the Redis queue/);
    const missing = join(dir, 'no-such-folder', 'runs.parquet');
    const r = truce(['compare', '--runs-parquet', missing, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no-such-folder\/runs\.parquet: cannot write: its folder does not exist/);
    expect(r.stdout).toBe('');
  });

  it('a closed pipe ends the command quietly (exit 0, no stack trace)', () => {
    for (const args of [
      ['runs', 'export', String(compared.experimentId), '--per-run', '--db', db],
      ['run', '--json'],
    ]) {
      const r = spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${CLI}" ${args.map((a) => `'${a}'`).join(' ')} | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`,
        ],
        { cwd: ROOT, encoding: 'utf8' },
      );
      expect(r.stderr).not.toMatch(/EPIPE|Error/);
      expect(r.stdout.trim()).toBe('0');
    }
  });
});
