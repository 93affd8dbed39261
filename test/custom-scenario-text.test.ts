/**
 * Text on a custom scenario (the India-Pakistan pause of test/fixtures/custom-scenario/, 180-day horizon,
 * frameworks of its own): no built-in name, horizon or rung is printed that the scenario does not have, no
 * fact vanishes unexplained, and the figures a reader adds up add up.
 */
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ablate } from '../src/app/ablate.js';
import { facts } from '../src/app/facts.js';
import { NO_POSTERIOR } from '../src/app/posterior.js';
import { report } from '../src/app/report.js';
import { sensitivity } from '../src/app/sensitivity.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { loadScenario } from '../src/app/scenario.js';
import { formatShare, formatShares, shareStep } from '../src/charts/format.js';
import { renderAblation } from '../src/cli/render/ablate.js';
import { renderCampaign } from '../src/cli/render/campaign.js';
import { renderFacts } from '../src/cli/render/facts.js';
import { renderSensitivity } from '../src/cli/render/sensitivity.js';
import { stderrWarning } from '../src/cli/options/warning.js';
import { runCampaign } from '../src/core/engagement/campaign.js';
import { pctHolds, renderReport } from '../src/report/report.js';
import { ROOT } from './helpers/cli.js';

const FILE = resolve(ROOT, 'test/fixtures/custom-scenario/india-pakistan.yaml');
const ctx = () => ({ runner: threadPoolRunner(1), db: null });

describe('facts on a custom scenario', () => {
  it('names fact 9 by the arms it runs, says which facts it cannot ask and why, and leaves out a hardliner power of nothing', async () => {
    const loaded = loadScenario(FILE);
    const o = await facts(loaded, { runs: 16, seed: 2, only: [2, 6, 9], posterior: NO_POSTERIOR }, ctx());
    const nine = o.facts.find((f) => f.id === 9)!;
    expect(nine.statement).toBe('monitored-loc holds longer than hotline-pause.');
    expect(nine.arms).toEqual(['hotline-pause', 'monitored-loc']);
    expect(nine.notes?.[0]).toMatch(/default framework and its next one/);
    // Fact 2 needs a specificity lever this scenario does not have: listed, with the reason, not dropped.
    expect(o.notAsked).toEqual([expect.objectContaining({ id: 2, reason: 'no lever specificity' })]);
    // Pakistan has no hardliner faction: no "hardliner power 0.000 -> 0.000", a note instead.
    const six = o.facts.find((f) => f.id === 6)!;
    expect(six.measures.some((m) => m.name.includes('hardliner'))).toBe(false);
    expect(six.notes).toEqual([expect.stringMatching(/^pakistan has no hardliner faction/)]);
    const text = renderFacts(o.facts, 16, o.notAsked);
    expect(text).not.toMatch(/structural-architecture holds|transactional-freeze ->|0\.000 -> 0\.000/);
    expect(text).toMatch(/^NOT ASKED {2}2\. .*\n {12}\(no lever specificity\)$/m);
    expect(text).toMatch(/; 1 not asked \(2\)\.$/m);
  });
});

describe('ablate on a custom scenario', () => {
  it("runs to the scenario's horizonDays by default, judges no day past it, and heads its last column with the defender", async () => {
    const loaded = loadScenario(FILE);
    const { output } = await ablate(loaded, { runs: 6, seed: 1 }, ctx());
    expect(output.horizonDays).toBe(180);
    expect(output.defender).toBe('india');
    expect(Object.keys(output.baseline.pCollapseBy)).toEqual(['7', '30', '90', '180']);
    expect(output.effectDay).toBe('180');
    for (const e of output.effects) expect(Object.keys(e.byDay ?? {})).toEqual(['90', '180']);
    const text = renderAblation(output);
    expect(text).toMatch(/horizon 180 days/);
    expect(text).toMatch(/\| india first at min \/ max \|/);
    expect(text).not.toMatch(/israel|365|730/i);
    // Each row's last cell is the defender's share at min and at max, as percentages.
    const rows = text.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| parameter'));
    expect(rows.length).toBe(output.effects.length);
    for (const r of rows) expect(r).toMatch(/\| (\d+%|-) \/ (\d+%|-) \|$/);
  });
});

describe('report on a custom scenario', () => {
  it("asks its question at the days it reports, names the scenario's collapse rung, and answers in a sentence", async () => {
    const loaded = loadScenario(FILE);
    loaded.scenario.collapseRung = 3;
    const { input } = await report(loaded, { runs: 40, seed: 3, posterior: NO_POSTERIOR }, ctx());
    const html = renderReport(input);
    expect(input.question).toMatch(/^How likely is the ceasefire to hold for 30, 90 and 180 days under /);
    expect(html).not.toMatch(/180 and 180/);
    expect(html).toMatch(/collapses when a state reaches rung 3 \(the scenario's <code>collapseRung<\/code>\)/);
    // The answer: P(holds through the last day reported) for each arm, the complement of the table's figure.
    const arm = input.arms[0];
    const collapse = arm.pCollapseBy['180'].estimate;
    const answer = html.slice(html.indexOf('<p id="answer">'), html.indexOf('</p>', html.indexOf('<p id="answer">')));
    expect(answer).toContain(`holds through day 180 in ${pctHolds(collapse)} of runs under ${arm.label}`);
    // Quantiles of the distributions say they are binned, with the bin widths.
    expect(html).toMatch(
      /median \[5th, 95th percentile\], binned: quantiles read from histograms, exact to within one bin \(10 interceptors, 1 leaker, 6% of a cost\)/,
    );
  });
});

describe('Morris on a custom scenario', () => {
  it('gives each lever its range and unit, ranks by mu* over the range, and says so', async () => {
    const loaded = loadScenario(FILE);
    const o = await sensitivity(
      loaded,
      {
        method: 'morris',
        levers: ['verification', 'mediatorSpeed'],
        samples: 2,
        levels: 4,
        seed: 1,
        output: 'pCollapse',
        runsPerPoint: 8,
        days: 60,
        posterior: NO_POSTERIOR,
      },
      ctx(),
    );
    expect(o.factors).toEqual({
      verification: { min: 0, max: 1 },
      mediatorSpeed: { min: 1, max: 60, unit: 'days' },
    });
    expect(o.rankedBy).toBe('muStarScaled');
    // The contract's muStar is kept, per unit; the ranking index is it times the range.
    const m = o.indices.mediatorSpeed;
    expect(m.muStarScaled).toBeCloseTo(m.muStar * 59, 12);
    const text = renderSensitivity(o, 'P(collapse)');
    expect(text).toMatch(/mediatorSpeed +\[1, 60\] days/);
    expect(text).toMatch(/Ranked by mu\* x range/);
    const order = text
      .split('\n')
      .filter((l) => /^(verification|mediatorSpeed) /.test(l))
      .map((l) => l.split(' ')[0]);
    const byScaled = ['verification', 'mediatorSpeed'].sort(
      (a, b) => o.indices[b].muStarScaled - o.indices[a].muStarScaled,
    );
    expect(order).toEqual(byScaled);
  });
});

describe('figures that add up', () => {
  it('P(holds) shown is 100 minus P(collapse) shown, to the tenth: 0.1555 collapses read 15.6%, holds 84.4%', () => {
    // Rounded each on its own, 0.8445 and 0.1555 read 84.5% and 15.6%: 100.1.
    expect(pctHolds(0.1555)).toBe('84.4%');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), (k) => {
        const p = k / 100_000;
        const holds = Math.round(10 * Number(pctHolds(p).slice(0, -1)));
        expect(holds + Math.round(10 * Number((100 * p).toFixed(1)))).toBe(1000);
      }),
    );
  });
  it('shares: exact zeros left out, a share that rounds to 0 reads "<1%", largest first', () => {
    expect(formatShares({ china: 0, india: 0.996, pakistan: 0.004 })).toBe('india 100%, pakistan <1%');
    expect(formatShares({ a: 0, b: 0 })).toBe('-');
    expect(formatShare(0.0004, 0.1)).toBe('<0.1%');
    expect(formatShare(0.4, 10)).toBe('40%');
    expect(formatShare(0.34, 10)).toBe('30%');
  });
  it('causal shares are rounded to what their interval resolves: 10 points at ±48, whole points at ±3, tenths below', () => {
    expect(shareStep(48)).toBe(10);
    expect(shareStep(3)).toBe(1);
    expect(shareStep(0.4)).toBe(0.1);
    expect(shareStep(null)).toBe(1);
  });
});

describe('one warning on a terminal', () => {
  it('the stderr line is written for --json and for piped text, not when the text itself shows it on a terminal', () => {
    expect(stderrWarning('w', false, true)).toBe('');
    expect(stderrWarning('w', true, true)).toBe('truce: warning: w\n');
    expect(stderrWarning('w', false, false)).toBe('truce: warning: w\n');
    expect(stderrWarning(null, true, false)).toBe('');
  });
});

describe('campaign text', () => {
  it("an unlimited layer's rounds left read 'unlimited', not 'inf'", () => {
    const r = runCampaign(
      {
        days: 2,
        engagement: {
          threats: [{ type: 'drone', launched: 10, reliability: 1, unitCostUsd: 1, wave: 1 }],
          layers: [
            {
              name: 'guns',
              pKill: { drone: 0.5 },
              tracking: 1,
              doctrine: 'barrage',
              shots: 1,
              inventory: Infinity,
              channels: Infinity,
              unitCostUsd: 1,
            },
          ],
          trackCapacity: Infinity,
          saturationPKillFactor: 0.5,
          warningMinutes: Infinity,
        },
        stocks: [100],
        launcherBound: [false],
        launchers: 10,
        launchesPerLauncherPerDay: 1,
        launcherLossPerDay: 0,
        plan: [[10], [10]],
        production: [0],
        resupplyPerDay: [0],
        resupplyFromDay: [1],
        resupplyTotal: [Infinity],
        preemption: { measure: 'share', zeroPenetrationTolerance: 0.5 },
      },
      10,
      1,
    );
    const text = renderCampaign('c.yaml', r);
    expect(text).toMatch(/guns left/);
    expect(text).not.toMatch(/\binf\b/);
    expect(
      text
        .split('\n')
        .filter((l) => /^\d+ /.test(l))
        .every((l) => / unlimited /.test(l)),
    ).toBe(true);
  });
});
