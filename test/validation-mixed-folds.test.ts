/**
 * `truce validate` when some folds' refits are in-sample and others are not
 * (review M3, L1): each spell is paired with the benchmarks of its own fold's
 * kind, `scoresAre` says "mixed", and the text shows the held-out and the
 * in-sample base rate beside the model with the values `--json` gives.
 *
 * The posterior is built so that the folds' effective sample sizes are known
 * in closed form: the shipped population's vectors with flat weights, except
 * that one spell's log-likelihood is -20 j for vector j. The fold holding that
 * spell out weighs every vector equally (ESS = the population size), every
 * other fold trains on it (ESS = (sum e^-20j)^2 / sum e^-40j, about 1). A
 * flat population (every log-likelihood 0) makes every fold held out.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { validationForReport, type ValidationResult } from '../src/app/validate.js';
import { renderValidationSection } from '../src/report/validation-section.js';
import { renderValidation } from '../src/cli/render/validate.js';
import { truce } from './helpers/cli.js';

interface Forecast {
  id: string;
  horizon: number;
  y: number;
  fold: number;
  inSample: boolean;
  model: number;
  baseRate: number;
  cox: number;
  baseRateInSample: number;
  coxInSample: number;
  baseRateMatched: number;
  coxMatched: number;
}
type Score = { brier: number; log: number };
interface Result {
  folds: number;
  foldEss: number[];
  foldInSample: boolean[];
  essThreshold: number;
  foldsBelowThreshold: number;
  inSample: boolean;
  scoresAre: string;
  scores: {
    horizon: number;
    n: number;
    model: Score;
    baseRate: Score;
    cox: Score;
    baseRateInSample: Score;
    coxInSample: Score;
    baseRateMatched: Score;
    coxMatched: Score;
  }[];
  comparison: {
    horizon: number;
    cox: string;
    casesInSample: number;
    brierDifference: { mean: number };
    logDifference: { mean: number };
  }[];
  forecasts: Forecast[];
}

const dir = mkdtempSync(join(tmpdir(), 'truce-validate-mixed-'));
const lines = readFileSync('data/ceasefires.csv', 'utf8').split(/\r?\n/);
// Six spells spread over the library (each row of data/ceasefires.csv is one line).
const rows = lines.slice(1).filter((l, i) => l && i % 8 === 0);
const ids = rows.map((l) => l.split(',')[0]);
const SHARP = ids[0];
const casesFile = join(dir, 'cases.csv');
writeFileSync(casesFile, [lines[0], ...rows].join('\n') + '\n');
const doc = JSON.parse(readFileSync('data/posterior.json', 'utf8')) as {
  caseIds: string[];
  population: { u: number[]; logCorrection: number; caseLogLik: number[] }[];
};
const sharpCol = doc.caseIds.indexOf(SHARP);
doc.population = doc.population.map((p, j) => ({
  u: p.u,
  logCorrection: 0,
  caseLogLik: doc.caseIds.map((_, c) => (c === sharpCol ? -20 * j : 0)),
}));
const N = doc.population.length;
const posteriorFile = join(dir, 'posterior.json');
writeFileSync(posteriorFile, JSON.stringify(doc));
// Flat: every vector weighs the same in every fold (ESS = N everywhere), so every fold is held out.
const flatFile = join(dir, 'flat.json');
writeFileSync(
  flatFile,
  JSON.stringify({ ...doc, population: doc.population.map((p) => ({ ...p, caseLogLik: p.caseLogLik.map(() => 0) })) }),
);
const args = ['validate', '--posterior', posteriorFile, '--cases', casesFile, '--folds', '3', '--runs', '20'];
const json = truce([...args, '--seed', '5', '--json', '--workers', '1']);
const text = truce([...args, '--seed', '5', '--workers', '1']);
const flatArgs = [
  'validate',
  '--posterior',
  flatFile,
  '--cases',
  casesFile,
  '--folds',
  '3',
  '--runs',
  '20',
  '--seed',
  '5',
];
const flatJson = truce([...flatArgs, '--json', '--workers', '1']);
const flatText = truce([...flatArgs, '--workers', '1']);

const sq = (p: number, y: number) => (p - y) ** 2;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
/** The cells of the text table whose header line holds `first` (no wrapping: COLUMNS is unset). */
function textTable(out: string, title: string): Record<string, string>[] {
  const block = out.split('\n\n').find((b) => b.startsWith(title))!;
  const [, head, , ...body] = block.split('\n');
  const cols = head.trim().split(/ {2,}/);
  return body.map((l) =>
    Object.fromEntries(
      l
        .trim()
        .split(/ {2,}/)
        .map((c, i) => [cols[i], c]),
    ),
  );
}

describe('validate with some folds in-sample and others held out', () => {
  it('has the closed-form fold ESS and labels the run mixed, per fold', () => {
    expect(json.code, json.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as Result;
    expect(sharpCol).toBeGreaterThanOrEqual(0);
    expect(r.folds).toBe(3);
    const sharpFold = r.forecasts.find((f) => f.id === SHARP)!.fold;
    const q = Math.exp(-20);
    const low = (1 / (1 - q)) ** 2 * (1 - q * q);
    r.foldEss.forEach((e, f) => expect(e).toBeCloseTo(f === sharpFold ? N : low, 6));
    expect(r.foldInSample).toEqual(r.foldEss.map((_, f) => f !== sharpFold));
    expect(r.essThreshold).toBe(10);
    expect(r.foldsBelowThreshold).toBe(2);
    expect(r.inSample).toBe(true);
    expect(r.scoresAre).toBe('mixed');
  });

  it('pairs each spell with the benchmarks of its own fold and ranks the model against them', () => {
    const r = JSON.parse(json.stdout) as Result;
    const sharpFold = r.forecasts.find((f) => f.id === SHARP)!.fold;
    for (const f of r.forecasts) {
      const inSample = f.fold !== sharpFold;
      expect(f.inSample).toBe(inSample);
      expect(f.coxMatched).toBe(inSample ? f.coxInSample : f.cox);
      expect(f.baseRateMatched).toBe(inSample ? f.baseRateInSample : f.baseRate);
    }
    let differs = false;
    for (const c of r.comparison) {
      const rows = r.forecasts.filter((f) => f.horizon === c.horizon);
      const heldOut = rows.filter((f) => f.fold === sharpFold);
      expect(heldOut.length).toBeGreaterThan(0);
      expect(c.cox).toBe('mixed');
      expect(c.casesInSample).toBe(rows.length - heldOut.length);
      const d = rows.map((f) => sq(f.model, f.y) - sq(f.fold === sharpFold ? f.cox : f.coxInSample, f.y));
      expect(c.brierDifference.mean).toBeCloseTo(mean(d), 12);
      // Not the old pairing of every spell with the in-sample Cox model (unless the two fits agree on the held-out spells).
      const allIn = mean(rows.map((f) => sq(f.model, f.y) - sq(f.coxInSample, f.y)));
      if (Math.abs(c.brierDifference.mean - allIn) > 1e-9) differs = true;
      const s = r.scores.find((x) => x.horizon === c.horizon)!;
      const matched = mean(rows.map((f) => sq(f.fold === sharpFold ? f.baseRate : f.baseRateInSample, f.y)));
      expect(s.baseRateMatched.brier).toBeCloseTo(matched, 12);
    }
    expect(differs).toBe(true);
  });

  it('prints MIXED with each fold, and the held-out, in-sample and by-fold benchmarks with the --json values', () => {
    expect(text.code, text.stderr).toBe(0);
    const r = JSON.parse(json.stdout) as Result;
    expect(text.stdout).toMatch(/MIXED: 2 of 3 folds have an effective sample size below 10/);
    r.foldEss.forEach((e, f) =>
      expect(text.stdout).toContain(`${f + 1}: ${e.toFixed(1)} ${r.foldInSample[f] ? 'in-sample' : 'held out'}`),
    );
    for (const [title, key] of [
      ['Brier', 'brier'],
      ['Log score', 'log'],
    ] as const) {
      const t = textTable(text.stdout, title);
      expect(t).toHaveLength(r.scores.length);
      r.scores.forEach((s, i) => {
        expect(t[i]['model (by fold)']).toBe(s.model[key].toFixed(3));
        expect(t[i]['base rate (held out)']).toBe(s.baseRate[key].toFixed(3));
        expect(t[i]['base rate (in-sample)']).toBe(s.baseRateInSample[key].toFixed(3));
        expect(t[i]['Cox (in-sample)']).toBe(s.coxInSample[key].toFixed(3));
        expect(t[i]['base rate (by fold)']).toBe(s.baseRateMatched[key].toFixed(3));
        expect(t[i]['Cox (by fold)']).toBe(s.coxMatched[key].toFixed(3));
      });
    }
    const rel = text.stdout.split('\n\n').find((b) => b.startsWith('Reliability'))!;
    expect(rel).toContain('truce (by fold)');
    expect(rel).toContain('base rate (by fold)');
    expect(rel).toContain('Cox (by fold)');
  });

  it('the report shows every benchmark column and ranks the model only against the by-fold ones', () => {
    const r = JSON.parse(json.stdout) as Result;
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const html = renderValidationSection(
      validationForReport(JSON.parse(json.stdout) as ValidationResult),
      document as unknown as Document,
    );
    const page = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
    expect(page.querySelector('p')!.textContent).toMatch(/These scores are mixed: 2 of 3 folds/);
    const heads = [...page.querySelectorAll('thead th')].map((h) => h.textContent);
    const brierCols = heads.slice(3, 10);
    expect(brierCols).toEqual([
      'Brier: truce (by fold)',
      'base rate (held out)',
      'base rate (in-sample)',
      'Cox (held out)',
      'Cox (in-sample)',
      'base rate (by fold)',
      'Cox (by fold)',
    ]);
    [...page.querySelectorAll('tbody tr')].forEach((row, i) => {
      const s = r.scores[i];
      const td = [...row.querySelectorAll('td')];
      expect(td.map((c) => c.textContent).slice(2, 9)).toEqual(
        [s.model, s.baseRate, s.baseRateInSample, s.cox, s.coxInSample, s.baseRateMatched, s.coxMatched].map((x) =>
          x.brier.toFixed(3),
        ),
      );
      // Bold only among the model and the by-fold benchmarks (cells 2, 7, 8 of each score).
      const best = Math.min(s.model.brier, s.baseRateMatched.brier, s.coxMatched.brier).toFixed(3);
      const bold = td.flatMap((c, j) => (c.querySelector('strong') && j < 9 ? [j] : []));
      expect(bold.length).toBeGreaterThan(0);
      for (const j of bold) {
        expect([2, 7, 8]).toContain(j);
        expect(td[j].textContent).toBe(best);
      }
    });
  });

  it('every fold held out: scoresAre held-out, each spell ranked against the per-fold refits', () => {
    expect(flatJson.code, flatJson.stderr).toBe(0);
    const r = JSON.parse(flatJson.stdout) as Result;
    r.foldEss.forEach((e) => expect(e).toBeCloseTo(N, 6));
    expect(r.foldInSample).toEqual([false, false, false]);
    expect(r.foldsBelowThreshold).toBe(0);
    expect(r.inSample).toBe(false);
    expect(r.scoresAre).toBe('held-out');
    for (const f of r.forecasts) {
      expect(f.inSample).toBe(false);
      expect(f.coxMatched).toBe(f.cox);
      expect(f.baseRateMatched).toBe(f.baseRate);
    }
    for (const c of r.comparison) {
      const rows = r.forecasts.filter((f) => f.horizon === c.horizon);
      expect(c.cox).toBe('held-out');
      expect(c.casesInSample).toBe(0);
      expect(c.brierDifference.mean).toBeCloseTo(mean(rows.map((f) => sq(f.model, f.y) - sq(f.cox, f.y))), 12);
    }
    expect(flatText.code, flatText.stderr).toBe(0);
    expect(flatText.stdout).toMatch(/Held out: every fold's effective sample size is at least 10/);
    const t = textTable(flatText.stdout, 'Brier');
    r.scores.forEach((s, i) => {
      expect(t[i]['model (held out)']).toBe(s.model.brier.toFixed(3));
      expect(t[i]['base rate (held out)']).toBe(s.baseRate.brier.toFixed(3));
      expect(t[i]['base rate (in-sample)']).toBe(s.baseRateInSample.brier.toFixed(3));
    });
    expect(flatText.stdout).toContain('truce (held out)');
  });
});

describe('the header names the cross-validation', () => {
  it('says leave-one-out when there are as many folds as spells, k-fold otherwise', () => {
    const r = JSON.parse(flatJson.stdout) as ValidationResult;
    const spells = new Set(r.forecasts.map((f) => f.id)).size;
    // Three horizons per spell: the forecasts outnumber the spells, which the header once compared the folds with.
    expect(r.forecasts.length).toBeGreaterThan(spells);
    expect(renderValidation(r)).toMatch(/^Cross-validation: 3-fold \(3 folds\)/);
    expect(renderValidation({ ...r, folds: spells })).toMatch(
      new RegExp(`^Cross-validation: leave-one-out \\(${spells} folds\\)`),
    );
  });
});
