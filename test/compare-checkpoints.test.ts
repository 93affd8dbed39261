/** `truce compare`: the chosen horizon appears, `--at` chooses the checkpoints, and the labels say what the numbers are. */
import { describe, expect, it } from 'vitest';
import { truce } from './helpers/cli.js';

describe('compare checkpoints and labels', () => {
  it('--days 400 reports P(collapse by day 400) beside the default days', () => {
    const j = JSON.parse(
      truce(['compare', '--runs', '30', '--days', '400', '--no-store', '--json', '--workers', '1']).stdout,
    );
    expect(Object.keys(j.arms[0].pCollapseBy)).toEqual(['30', '90', '180', '365', '400']);
    // By the horizon equals the overall proportion.
    expect(j.arms[0].pCollapseBy['400'].estimate).toBe(j.arms[0].pCollapse.estimate);
  });

  it('--at chooses the days exactly, and refuses days outside the horizon', () => {
    const r = truce(['compare', '--runs', '30', '--days', '400', '--at', '7,400,90', '--no-store', '--workers', '1']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/by day 7 +by day 90 +by day 400 +median survival \(days\)/);
    // Each table says what it covers: the opening exchange over collapsed runs, interceptors and costs over all runs.
    expect(r.stdout).toMatch(
      /The opening exchange, the salvo fired at the defender \(the revisionist's saturation strike, or its retaliation after the defender's pre-emptive strike\): .*; an armed defender's own strike is in none of these \(per-run opening_strike_\*\); over collapsed runs only/,
    );
    expect(r.stdout).toMatch(
      /Whole runs \(to the horizon, or to collapse and its opening exchange\), over all runs: what the revisionist and its proxies fired at the defender.*\(the defender side's own fire, an armed defender's strikes and its proxies' attacks, is in none of these: per-run defender_strikes_\*\)/,
    );
    expect(r.stdout).toMatch(/interceptors, mean +defender cost, median +attacker cost, median/);
    const bad = truce(['compare', '--runs', '30', '--days', '400', '--at', '7,500', '--no-store']);
    expect(bad.code).toBe(2);
    // The refusal's wording is src/app/compare.ts's (test/cli-input-refusals.test.ts checks it in full).
    expect(bad.stderr).toMatch(
      /^truce: --at 500: beyond the horizon \(400 days, --days\); expected days from 1 to 400$/m,
    );
  });
});
