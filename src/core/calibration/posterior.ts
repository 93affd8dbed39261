/**
 * Population Monte Carlo over the unit cube of the priors (Cappé et al. 2004;
 * docs/calibration-record.md, "Method"). Round 0 draws from the prior (a
 * Latin hypercube); each later round proposes from a Gaussian mixture, in
 * logit coordinates, centred on particles resampled from the previous round,
 * with twice its weighted covariance. Importance weights are
 * prior x likelihood / proposal, so every round's weighted sample targets the
 * posterior; the last round is the posterior sample. Pure: the likelihood
 * values come from the shell (they need the worker pool).
 */
import { latinHypercube } from '../analysis/design/latin-hypercube.js';
import { normal } from '../rng/normal.js';
import type { Stream } from '../rng/stream.js';

export interface Particle {
  /** Unit-cube coordinates. */
  u: number[];
  logLik: number;
  /** Log of prior / proposal density (0 for prior draws). */
  logCorrection: number;
}

export interface WeightedSample {
  particles: Particle[];
  /** Normalised weights. */
  weights: number[];
  /** Effective sample size (sum w)^2 / sum w^2. */
  ess: number;
}

const logit = (u: number) => Math.log(u / (1 - u));
const expit = (z: number) => 1 / (1 + Math.exp(-z));
const EPS = 1e-9;
const clampUnit = (u: number) => Math.min(1 - EPS, Math.max(EPS, u));

export function priorDraws(n: number, dims: number, rng: Stream): number[][] {
  return latinHypercube(n, dims, rng).map((row) => row.map(clampUnit));
}

export function weigh(particles: Particle[]): WeightedSample {
  const logw = particles.map((p) => p.logLik + p.logCorrection);
  const max = Math.max(...logw);
  const raw = logw.map((l) => (Number.isFinite(l) ? Math.exp(l - max) : 0));
  const total = raw.reduce((a, b) => a + b, 0);
  const weights = raw.map((w) => w / total);
  const ess = 1 / weights.reduce((a, w) => a + w * w, 0);
  return { particles, weights, ess };
}

/** Weighted mean and covariance of the particles in logit coordinates. */
function logitMoments(s: WeightedSample): { mean: number[]; cov: number[][] } {
  const d = s.particles[0].u.length;
  const z = s.particles.map((p) => p.u.map((u) => logit(clampUnit(u))));
  const mean = new Array(d).fill(0);
  z.forEach((zi, i) => zi.forEach((v, k) => (mean[k] += s.weights[i] * v)));
  const cov = Array.from({ length: d }, () => new Array(d).fill(0));
  z.forEach((zi, i) => {
    for (let a = 0; a < d; a++)
      for (let b = 0; b < d; b++) cov[a][b] += s.weights[i] * (zi[a] - mean[a]) * (zi[b] - mean[b]);
  });
  return { mean, cov };
}

/** Lower Cholesky factor of a symmetric positive semi-definite matrix (a small ridge keeps it definite). */
export function cholesky(m: number[][]): number[][] {
  const d = m.length;
  const L = Array.from({ length: d }, () => new Array(d).fill(0));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = m[i][j];
      for (let k = 0; k < j; k++) s -= L[i][k] * L[j][k];
      if (i === j) L[i][j] = Math.sqrt(Math.max(s, 1e-10));
      else L[i][j] = s / L[j][j];
    }
  }
  return L;
}

/** Systematic resampling: n indices with probabilities `weights`. */
export function resample(weights: readonly number[], n: number, u0: number): number[] {
  const out: number[] = [];
  let c = weights[0];
  let i = 0;
  for (let k = 0; k < n; k++) {
    const target = (u0 + k) / n;
    while (target > c && i < weights.length - 1) c += weights[++i];
    out.push(i);
  }
  return out;
}

export interface Proposal {
  centres: number[][];
  chol: number[][];
  logDetChol: number;
}

/** A Gaussian-mixture proposal in logit space from a weighted sample. */
export function proposalFrom(s: WeightedSample, components: number, rng: Stream): Proposal {
  const { cov } = logitMoments(s);
  const d = cov.length;
  const scaled = cov.map((row, a) => row.map((v, b) => 2 * v + (a === b ? 1e-4 : 0)));
  const chol = cholesky(scaled);
  const idx = resample(s.weights, components, rng.uniform());
  const centres = idx.map((i) => s.particles[i].u.map((u) => logit(clampUnit(u))));
  let logDetChol = 0;
  for (let k = 0; k < d; k++) logDetChol += Math.log(chol[k][k]);
  return { centres, chol, logDetChol };
}

/** Draw n points from the proposal; each with log(prior / proposal) for its weight. */
export function propose(q: Proposal, n: number, rng: Stream): { u: number[]; logCorrection: number }[] {
  const d = q.chol.length;
  const out: { u: number[]; logCorrection: number }[] = [];
  for (let i = 0; i < n; i++) {
    const c = q.centres[Math.floor(rng.uniform() * q.centres.length)];
    const e = Array.from({ length: d }, () => normal(rng));
    const z = c.map((m, a) => {
      let v = m;
      for (let b = 0; b <= a; b++) v += q.chol[a][b] * e[b];
      return v;
    });
    const u = z.map((v) => clampUnit(expit(v)));
    out.push({ u, logCorrection: logPriorLogit(z) - logProposal(q, z) });
  }
  return out;
}

/** Log density of the uniform prior on the cube, in logit coordinates: prod u (1 - u). */
function logPriorLogit(z: readonly number[]): number {
  let s = 0;
  for (const v of z) s += -Math.abs(v) - 2 * Math.log1p(Math.exp(-Math.abs(v)));
  return s;
}

function logProposal(q: Proposal, z: readonly number[]): number {
  const d = z.length;
  const terms = q.centres.map((c) => {
    // Solve L y = z - c; density N(z; c, L L^T).
    const y = new Array(d).fill(0);
    for (let a = 0; a < d; a++) {
      let v = z[a] - c[a];
      for (let b = 0; b < a; b++) v -= q.chol[a][b] * y[b];
      y[a] = v / q.chol[a][a];
    }
    return -0.5 * y.reduce((t, v) => t + v * v, 0);
  });
  const max = Math.max(...terms);
  const lse = max + Math.log(terms.reduce((t, v) => t + Math.exp(v - max), 0) / terms.length);
  return lse - q.logDetChol - (d / 2) * Math.log(2 * Math.PI);
}

/** Weighted quantile of values. */
export function weightedQuantile(values: readonly number[], weights: readonly number[], q: number): number {
  const order = values.map((v, i) => [v, weights[i]] as const).sort((a, b) => a[0] - b[0]);
  let c = 0;
  for (const [v, w] of order) {
    c += w;
    if (c >= q) return v;
  }
  return order[order.length - 1][0];
}
