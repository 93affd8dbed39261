/**
 * Cox regression with several covariates against R (survival 3.x coxph,
 * computed with Debian's r-cran-survival; the R script is in the comments).
 * Independent expectations: R's coefficients, standard errors and log partial
 * likelihood; the one-covariate Freireich fit of docs/test-vectors.md.
 */
import { describe, expect, it } from 'vitest';
import { coxProbabilityBy, coxRegression } from '../src/core/analysis/survival/cox-regression.js';

// R: ovarian (survival package), coxph(Surv(futime, fustat) ~ age + ecog.ps + rx, data = ovarian)
const futime = [
  59, 115, 156, 421, 431, 448, 464, 475, 477, 563, 638, 744, 769, 770, 803, 855, 1040, 1106, 1129, 1206, 1227, 268, 329,
  353, 365, 377,
];
const fustat = [1, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0];
const age = [
  72.3315, 74.4932, 66.4658, 53.3644, 50.3397, 56.4301, 56.937, 59.8548, 64.1753, 55.1781, 56.7562, 50.1096, 59.6301,
  57.0521, 39.2712, 43.1233, 38.8932, 44.6, 53.9068, 44.2055, 59.589, 74.5041, 43.137, 63.2192, 64.4247, 58.3096,
];
const ecog = [1, 1, 2, 1, 1, 2, 2, 2, 1, 2, 2, 1, 2, 1, 1, 2, 2, 1, 1, 1, 2, 2, 1, 2, 1, 1];
const rx = [1, 1, 1, 2, 1, 1, 2, 2, 1, 2, 1, 2, 2, 2, 1, 1, 1, 1, 2, 2, 2, 1, 1, 2, 2, 2];

// Freireich 6-MP (group 0) and placebo (group 1), heavy ties; z = rep(c(0, 1, 1), 14).
const t6 = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
const e6 = [1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0];
const tp = [1, 1, 2, 2, 3, 4, 4, 5, 5, 8, 8, 8, 8, 11, 11, 12, 12, 15, 17, 22, 23];
const time = [...t6, ...tp];
const status = [...e6.map((e) => e === 1), ...tp.map(() => true)];
const grp = [...t6.map(() => 0), ...tp.map(() => 1)];
const z = time.map((_, i) => [0, 1, 1][i % 3]);

describe('Cox regression, Efron ties, several covariates', () => {
  it('matches R on the ovarian data (3 covariates): coefficients, standard errors, log partial likelihood', () => {
    const f = coxRegression(
      futime,
      fustat.map((s) => s === 1),
      futime.map((_, i) => [age[i], ecog[i], rx[i]]),
    );
    expect(f.converged).toBe(true);
    [0.1469892562, 0.1031796021, -0.814584764].forEach((b, k) => expect(f.beta[k]).toBeCloseTo(b, 6));
    [0.04630204804, 0.60637710474, 0.6341610249].forEach((s, k) => expect(f.se[k]).toBeCloseTo(s, 5));
    expect(f.loglik).toBeCloseTo(-27.02735833, 6);
  });
  it('matches R with heavy ties (Freireich, group + a second covariate)', () => {
    const f = coxRegression(
      time,
      status,
      time.map((_, i) => [grp[i], z[i]]),
    );
    expect(f.beta[0]).toBeCloseTo(1.5971095794, 6);
    expect(f.beta[1]).toBeCloseTo(-0.3613478001, 6);
    expect(f.se[0]).toBeCloseTo(0.4151493064, 5);
    expect(f.se[1]).toBeCloseTo(0.3834272944, 5);
  });
  it('reduces to the published one-covariate fit (Freireich: beta 1.5721, se 0.4124)', () => {
    const f = coxRegression(
      time,
      status,
      time.map((_, i) => [grp[i]]),
    );
    expect(f.beta[0]).toBeCloseTo(1.5721, 4);
    expect(f.se[0]).toBeCloseTo(0.4124, 4);
  });
  it('matches R with a ridge penalty: coxph(... ~ ridge(grp, z, theta = 1, scale = FALSE))', () => {
    const f = coxRegression(
      time,
      status,
      time.map((_, i) => [grp[i], z[i]]),
      { ridge: 1 },
    );
    expect(f.beta[0]).toBeCloseTo(1.3674411112, 5);
    expect(f.beta[1]).toBeCloseTo(-0.3021493845, 5);
  });
  it('gives probabilities of an event by t that rise with t and with the linear predictor', () => {
    const f = coxRegression(
      time,
      status,
      time.map((_, i) => [grp[i]]),
    );
    expect(coxProbabilityBy(f, [0], 0.5)).toBe(0);
    expect(coxProbabilityBy(f, [1], 10)).toBeGreaterThan(coxProbabilityBy(f, [0], 10));
    expect(coxProbabilityBy(f, [0], 20)).toBeGreaterThan(coxProbabilityBy(f, [0], 10));
  });
});
