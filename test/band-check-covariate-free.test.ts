/**
 * The fit report's band checks against a covariate-free model (audit6b C2): every
 * case given the pooled Kaplan-Meier curve of the 46 spells. It is inside the
 * overall band by construction and, on the shipped library, inside both arenas'
 * bands at all five check days, so those 15 checks cannot tell a model from no
 * model; only the provision groups discriminate (docs/calibration-record.md).
 * Independent expectation: the pooled curve computed here from the durations,
 * and the bands of the groups' own curves.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCases } from '../src/core/calibration/cases.js';
import { CHECK_DAYS, fitTable, kmAt } from '../src/core/calibration/fit.js';

const cases = parseCases(readFileSync('data/ceasefires.csv', 'utf8'), { requireOutcome: true }).filter(
  (c) => c.outcome,
);

describe('band checks a covariate-free model passes', () => {
  // Durations that never collapse: the flag does not depend on the model's durations.
  const rows = fitTable(
    cases,
    cases.map(() => [-1]),
  );

  it('flags each check by whether the pooled curve lies inside its band', () => {
    for (const r of rows) {
      const pooled = kmAt(cases, r.day).survival;
      expect(r.insideWithoutCovariates).toBe(pooled >= r.lower - 1e-9 && pooled <= r.upper + 1e-9);
    }
  });

  it('passes every overall and by-arena check, and 16 of the 35 provision-group checks', () => {
    const arenas = rows.filter((r) => r.group === 'all' || r.group.startsWith('arena='));
    expect(arenas).toHaveLength(3 * CHECK_DAYS.length);
    expect(arenas.every((r) => r.insideWithoutCovariates)).toBe(true);
    const provisions = rows.filter((r) => !arenas.includes(r));
    expect(provisions).toHaveLength(35);
    expect(provisions.filter((r) => r.insideWithoutCovariates)).toHaveLength(16);
    // The pooled curve at five years, as docs/calibration-record.md quotes it: 51.9%.
    expect(kmAt(cases, 1825).survival).toBeCloseTo(0.519, 3);
  });
});
