/**
 * `truce validate` says when its folds are effectively in-sample (audit6b A1,
 * D3) and ranks the model only against a Cox model of the same kind.
 * Independent expectations: the in-sample ridge Cox scores R's survival
 * package gives on data/ceasefires.csv (test/r/validation-cox.R), the paired
 * differences recomputed here from the per-case forecasts, and a closed form
 * for the paired interval.
 */
import { describe, expect, it } from 'vitest';
import { pairedDifference } from '../src/core/calibration/scores.js';
import { inSampleNote } from '../src/cli/render/validate.js';
import { truce } from './helpers/cli.js';

// Rscript test/r/validation-cox.R: horizon, spells scored, Brier, log score of the in-sample Cox model.
const R_IN_SAMPLE_COX = [
  [30, 46, 0.0496909397971, -0.197887280058],
  [90, 45, 0.0647635458607, -0.23900780957],
  [365, 43, 0.0991253490686, -0.320550168357],
] as const;

interface Forecast {
  horizon: number;
  y: number;
  model: number;
  cox: number;
  coxInSample: number;
}

describe('validate: in-sample folds and like-for-like ranking', () => {
  const json = truce(['validate', '--runs', '2', '--seed', '1', '--json', '--workers', '1']);
  const text = truce(['validate', '--runs', '2', '--seed', '1', '--workers', '1']);

  it('scores the Cox model fitted to every spell as R does', () => {
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as {
      scores: { horizon: number; n: number; coxInSample: { brier: number; log: number } }[];
    };
    R_IN_SAMPLE_COX.forEach(([h, n, b, l], i) => {
      expect(r.scores[i].horizon).toBe(h);
      expect(r.scores[i].n).toBe(n);
      expect(r.scores[i].coxInSample.brier).toBeCloseTo(b, 9);
      expect(r.scores[i].coxInSample.log).toBeCloseTo(l, 9);
    });
  });

  it('labels the shipped posterior in-sample (every fold ESS below the threshold) in the header and --json', () => {
    const r = JSON.parse(json.stdout) as {
      foldEss: number[];
      essThreshold: number;
      foldsBelowThreshold: number;
      inSample: boolean;
      scoresAre: string;
    };
    expect(r.essThreshold).toBe(10);
    expect(r.foldsBelowThreshold).toBe(r.foldEss.filter((e) => e < 10).length);
    expect(r.foldsBelowThreshold).toBeGreaterThan(0);
    expect(r.inSample).toBe(true);
    expect(r.scoresAre).toBe('in-sample');
    expect(text.code, text.stderr).toBe(0);
    const header = text.stdout.split('\n\n')[0];
    expect(header).toMatch(/IN-SAMPLE: \d+ of 46 folds have an effective sample size below 10/);
    expect(text.stdout).toMatch(/Like for like: the model's in-sample scores against the Cox model fitted in-sample/);
  });

  it('ranks the model against the in-sample Cox model, from the paired per-case differences', () => {
    const r = JSON.parse(json.stdout) as {
      forecasts: Forecast[];
      comparison: {
        horizon: number;
        cox: string;
        brierDifference: { mean: number; lo: number; hi: number };
        brierBetter: string;
        logBetter: string;
        logDifference: { mean: number; lo: number; hi: number };
      }[];
    };
    for (const c of r.comparison) {
      expect(c.cox).toBe('in-sample');
      const rows = r.forecasts.filter((f) => f.horizon === c.horizon);
      const d = rows.map((f) => (f.model - f.y) ** 2 - (f.coxInSample - f.y) ** 2);
      const mean = d.reduce((t, x) => t + x, 0) / d.length;
      expect(c.brierDifference.mean).toBeCloseTo(mean, 12);
      // Not the held-out Cox model's difference (unless the two fits agree on every case).
      const heldOut = rows.reduce((t, f) => t + (f.model - f.y) ** 2 - (f.cox - f.y) ** 2, 0) / rows.length;
      expect(Math.abs(c.brierDifference.mean - heldOut)).toBeGreaterThan(1e-6);
      const expected = c.brierDifference.hi < 0 ? 'model' : c.brierDifference.lo > 0 ? 'Cox' : 'level';
      expect(c.brierBetter).toBe(expected);
      const expectedLog = c.logDifference.lo > 0 ? 'model' : c.logDifference.hi < 0 ? 'Cox' : 'level';
      expect(c.logBetter).toBe(expectedLog);
    }
  });

  it('paired difference: mean and a normal 95% interval of the differences (closed form)', () => {
    // Differences 1, 2, 3, 4: mean 2.5, sd sqrt(5/3), half-width 1.96 sd / 2.
    const p = pairedDifference([2, 4, 6, 8], [1, 2, 3, 4]);
    expect(p.mean).toBeCloseTo(2.5, 12);
    const half = (1.96 * Math.sqrt(5 / 3)) / 2;
    expect(p.lo).toBeCloseTo(2.5 - half, 12);
    expect(p.hi).toBeCloseTo(2.5 + half, 12);
  });

  it('says held out when every fold clears the threshold', () => {
    expect(inSampleNote({ scoresAre: 'held-out', essThreshold: 10, foldsBelowThreshold: 0, folds: 5 })).toMatch(
      /^Held out: every fold's effective sample size is at least 10/,
    );
  });

  it('prints the in-sample base rate beside the held-out one, with the --json values, and labels the reliability rows', () => {
    const r = JSON.parse(json.stdout) as {
      scores: Record<
        'model' | 'baseRate' | 'baseRateInSample' | 'cox' | 'coxInSample',
        { brier: number; log: number }
      >[];
    };
    for (const [title, key] of [
      ['Brier', 'brier'],
      ['Log score', 'log'],
    ] as const) {
      const block = text.stdout.split('\n\n').find((b) => b.startsWith(title))!;
      const [, head, , ...body] = block.split('\n');
      const cols = head.trim().split(/ {2,}/);
      const cell = (i: number, col: string) => body[i].trim().split(/ {2,}/)[cols.indexOf(col)];
      expect(body).toHaveLength(r.scores.length);
      r.scores.forEach((s, i) => {
        expect(cell(i, 'model (in-sample)')).toBe(s.model[key].toFixed(3));
        expect(cell(i, 'base rate (in-sample)')).toBe(s.baseRateInSample[key].toFixed(3));
        expect(cell(i, 'base rate (held out)')).toBe(s.baseRate[key].toFixed(3));
        expect(cell(i, 'Cox (in-sample)')).toBe(s.coxInSample[key].toFixed(3));
        expect(cell(i, 'Cox (held out)')).toBe(s.cox[key].toFixed(3));
      });
    }
    // The reliability rows are the model and the benchmarks of its kind, each named with it.
    const rel = text.stdout.split('\n\n').find((b) => b.startsWith('Reliability'))!;
    const forecasters = new Set(
      rel
        .split('\n')
        .slice(3)
        .filter(Boolean)
        .map((l) => l.split(/ {2,}/)[0]),
    );
    expect([...forecasters].sort()).toEqual(['Cox (in-sample)', 'base rate (in-sample)', 'truce (in-sample)']);
  });
});
