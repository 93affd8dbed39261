/**
 * `truce report --validation-runs N`: the report's section on the record shows
 * the same cross-validated scores as `truce validate` for the same seed and
 * runs (an independent path through the CLI), marks the best forecaster at
 * each horizon, and draws the reliability diagram.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import type { ValidationReport } from '../src/app/contract.js';
import { truce } from './helpers/cli.js';

describe('report --validation-runs', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'truce-report-validation-')), 'r.html');
  const r = truce([
    'report',
    '--runs',
    '40',
    '--days',
    '90',
    '--seed',
    '3',
    '--validation-runs',
    '4',
    '--out',
    out,
    '--no-store',
  ]);
  const v = truce(['validate', '--runs', '4', '--seed', '3', '--json']);

  it('shows the scores truce validate gives, the best at each horizon in bold, and the reliability diagram', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(v.code, v.stderr).toBe(0);
    const scores = (JSON.parse(v.stdout) as ValidationReport).scores;
    const { document } = parseHTML(readFileSync(out, 'utf8'));
    const h2 = [...document.querySelectorAll('h2')].find(
      (h) => h.textContent === 'How the model scores against the record',
    );
    expect(h2).toBeDefined();
    const table = [...document.querySelectorAll('table')].find((t) =>
      t.querySelector('caption')?.textContent?.startsWith('Cross-validated scores'),
    )!;
    const rows = [...table.querySelectorAll('tbody tr')];
    expect(rows.length).toBe(scores.length);
    rows.forEach((row, i) => {
      const s = scores[i];
      const cells = [...row.querySelectorAll('td')].map((c) => c.textContent);
      expect(row.querySelector('th')!.textContent).toBe(`${s.horizon} days`);
      // The shipped posterior's folds are in-sample (ESS below 10): base rate and ranking are in-sample too.
      const base = s.baseRateInSample;
      // Both kinds of each benchmark are shown: held out, then in-sample.
      expect(cells).toEqual(
        [
          s.n,
          s.events,
          s.model.brier,
          s.baseRate.brier,
          base.brier,
          s.cox.brier,
          s.coxInSample.brier,
          s.model.log,
          s.baseRate.log,
          base.log,
          s.cox.log,
          s.coxInSample.log,
        ].map((x, j) => (j < 2 ? String(x) : (x as number).toFixed(3))),
      );
      const bold = [...row.querySelectorAll('strong')].map((b) => b.textContent);
      expect(bold).toContain(Math.min(s.model.brier, base.brier, s.coxInSample.brier).toFixed(3));
      expect(bold).toContain(Math.max(s.model.log, base.log, s.coxInSample.log).toFixed(3));
      // The held-out benchmarks are shown, never ranked against in-sample scores.
      for (const j of [3, 5, 8, 10]) expect(row.querySelectorAll('td')[j].querySelector('strong')).toBeNull();
    });
    const heads = [...table.querySelectorAll('thead th')].map((h) => h.textContent);
    expect(heads.slice(3, 8)).toEqual([
      'Brier: truce (in-sample)',
      'base rate (held out)',
      'base rate (in-sample)',
      'Cox (held out)',
      'Cox (in-sample)',
    ]);
    expect(JSON.parse(v.stdout).inSample).toBe(true);
    expect(h2!.nextElementSibling!.textContent).toMatch(/leave-one-out/);
    expect(h2!.nextElementSibling!.textContent).toMatch(/effectively in-sample scores/);
    expect(h2!.nextElementSibling!.textContent).toMatch(/Against the Cox model fitted in-sample/);
    const figure = table.nextElementSibling!;
    expect(figure.tagName.toLowerCase()).toBe('figure');
    expect(figure.textContent).toMatch(/Reliability/);
    // The diagram's forecasters are the model and the benchmarks of its kind, each named with it.
    for (const name of ['truce (in-sample)', 'base rate (in-sample)', 'Cox (in-sample)'])
      expect(figure.textContent).toContain(name);
    expect(figure.textContent).not.toMatch(/held out/);
  });
});
