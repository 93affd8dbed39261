/**
 * The Kaplan-Meier median is a survival time: every table, chart and view
 * says "median survival (days)" (censored: "> horizon"), never "median day",
 * which reads as the median day of the collapses alone (issue 11).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SweepOutput } from '../src/app/sweep.js';
import { parseHTML } from 'linkedom';
import * as C from '../src/charts/charts.js';
import { renderSweep } from '../src/cli/render/sweep.js';
import { ROOT } from './helpers/cli.js';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx|html)$/.test(f) ? [p] : [];
  });
}

describe('median survival labels', () => {
  it('no label in the CLI tables, the report, the charts or the dashboard says "median day"', () => {
    const offenders = ['src/cli', 'src/report', 'src/charts', 'src/core/analysis', 'web/src']
      .flatMap((d) => files(join(ROOT, d)))
      .filter((f) => /median day/i.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('a sensitivity chart of the median names it in words, not by its key', () => {
    const doc = parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
    const rows = [{ factor: 'verification', index: 'S1', value: 0.5, lo: 0.4, hi: 0.6 }];
    const text = C.sobolChart(rows, 'medianDay', doc).textContent ?? '';
    expect(text).toContain('Sobol indices of median survival (days)');
    expect(text).not.toContain('medianDay');
  });

  it('the sweep table labels the median as survival in days and shows a censored median as "> horizon"', () => {
    const row = (point: number, median: number | null) => ({
      experiment: 1,
      point,
      lever_verification: 0.5,
      p_collapse: 0.3,
      p_collapse_lo: 0.2,
      p_collapse_hi: 0.4,
      median_day: median,
      mean_defender_cost_usd: 1e6,
    });
    const out: SweepOutput = {
      experimentId: 1,
      posterior: 'none',
      posteriorDraws: 1,
      points: 2,
      design: 'grid',
      ranges: { verification: [0, 1] },
      horizonDays: 730,
      rows: [row(0, 212), row(1, null)],
    };
    const text = renderSweep(out, 'x.db');
    expect(text).toContain('median survival (days)');
    expect(text).not.toMatch(/median day/i);
    const lines = text.split('\n');
    expect(lines.find((l) => /^\s*0\s/.test(l))).toContain('212');
    expect(lines.find((l) => /^\s*1\s/.test(l))).toContain('> 730');
  });
});
