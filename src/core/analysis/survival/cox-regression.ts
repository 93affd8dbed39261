/**
 * Cox proportional hazards with several covariates (the one-covariate,
 * two-group case is cox.ts), Efron's method for ties (R coxph's default),
 * fitted by Newton-Raphson with step halving, optionally with a ridge
 * penalty (theta / 2) * sum beta^2 (R: coxph(... ~ ridge(x1, x2, theta = ..,
 * scale = FALSE))). At each distinct event time with d events, risk set R
 * and event set D, r_j = exp(x_j beta), for l = 0..d-1 with f = l / d:
 *   S0_l = sum_R r - f sum_D r,  S1_l = sum_R r x - f sum_D r x,
 *   S2_l likewise with x x^T;
 *   loglik += sum_D x beta - sum_l log S0_l
 *   score  += sum_D x - sum_l S1_l / S0_l
 *   info   += sum_l (S2_l / S0_l - (S1_l / S0_l)(S1_l / S0_l)^T).
 * Standard errors from the inverse information. The baseline cumulative
 * hazard is Breslow's, H0(t) = sum_{t_i <= t} d_i / sum_R r, so that
 * P(T <= t | x) = 1 - exp(-H0(t) exp(x beta)). Checked against R's coxph
 * (test/cox-regression.test.ts).
 */

export interface CoxFit {
  beta: number[];
  se: number[];
  loglik: number;
  converged: boolean;
  iterations: number;
  /** Distinct event times and the Breslow cumulative baseline hazard after each. */
  baseline: { time: number; cumHazard: number }[];
}

interface Prepared {
  order: number[];
  times: readonly number[];
  events: readonly boolean[];
  X: readonly (readonly number[])[];
  p: number;
}

function evaluate(d: Prepared, beta: number[], ridge: number) {
  const { p, X, times, events, order } = d;
  const n = order.length;
  const r = order.map((i) => Math.exp(X[i].reduce((t, x, k) => t + x * beta[k], 0)));
  let loglik = 0;
  const score = new Array(p).fill(0);
  const info = Array.from({ length: p }, () => new Array(p).fill(0));
  // Risk-set sums, accumulated from the longest time down (order is by descending time).
  let s0 = 0;
  const s1 = new Array(p).fill(0);
  const s2 = Array.from({ length: p }, () => new Array(p).fill(0));
  let i = 0;
  while (i < n) {
    const t = times[order[i]];
    let j = i;
    const dIdx: number[] = [];
    while (j < n && times[order[j]] === t) {
      const k = order[j];
      const rk = r[j];
      s0 += rk;
      for (let a = 0; a < p; a++) {
        s1[a] += rk * X[k][a];
        for (let b = 0; b < p; b++) s2[a][b] += rk * X[k][a] * X[k][b];
      }
      if (events[k]) dIdx.push(j);
      j++;
    }
    const dn = dIdx.length;
    if (dn > 0) {
      let e0 = 0;
      const e1 = new Array(p).fill(0);
      const e2 = Array.from({ length: p }, () => new Array(p).fill(0));
      for (const q of dIdx) {
        const k = order[q];
        e0 += r[q];
        for (let a = 0; a < p; a++) {
          e1[a] += r[q] * X[k][a];
          loglik += X[k][a] * beta[a];
          score[a] += X[k][a];
          for (let b = 0; b < p; b++) e2[a][b] += r[q] * X[k][a] * X[k][b];
        }
      }
      for (let l = 0; l < dn; l++) {
        const f = l / dn;
        const S0 = s0 - f * e0;
        loglik -= Math.log(S0);
        const m = s1.map((v, a) => (v - f * e1[a]) / S0);
        for (let a = 0; a < p; a++) {
          score[a] -= m[a];
          for (let b = 0; b < p; b++) info[a][b] += (s2[a][b] - f * e2[a][b]) / S0 - m[a] * m[b];
        }
      }
    }
    i = j;
  }
  for (let a = 0; a < p; a++) {
    loglik -= (ridge / 2) * beta[a] * beta[a];
    score[a] -= ridge * beta[a];
    info[a][a] += ridge;
  }
  return { loglik, score, info };
}

/** Solve A x = b for symmetric positive definite A (Gaussian elimination with partial pivoting); null if singular. */
export function solve(A: number[][], b: number[]): number[] | null {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r][c]) > Math.abs(M[piv][c])) piv = r;
    if (Math.abs(M[piv][c]) < 1e-12) return null;
    [M[c], M[piv]] = [M[piv], M[c]];
    for (let r = c + 1; r < n; r++) {
      const f = M[r][c] / M[c][c];
      for (let k = c; k <= n; k++) M[r][k] -= f * M[c][k];
    }
  }
  const x = new Array(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = M[r][n];
    for (let k = r + 1; k < n; k++) s -= M[r][k] * x[k];
    x[r] = s / M[r][r];
  }
  return x;
}

export function coxRegression(
  times: readonly number[],
  events: readonly boolean[],
  X: readonly (readonly number[])[],
  opts: { ridge?: number; maxIter?: number } = {},
): CoxFit {
  const ridge = opts.ridge ?? 0;
  const p = X[0]?.length ?? 0;
  const order = times.map((_, i) => i).sort((a, b) => times[b] - times[a]);
  const d: Prepared = { order, times, events, X, p };
  let beta = new Array(p).fill(0);
  let cur = evaluate(d, beta, ridge);
  let converged = false;
  let it = 0;
  for (; it < (opts.maxIter ?? 50); it++) {
    const step = solve(cur.info, cur.score);
    if (!step) break;
    let scale = 1;
    let next = beta.map((b, k) => b + step[k]);
    let cand = evaluate(d, next, ridge);
    // Step halving: Newton may overshoot when a covariate nearly separates the data.
    while (!(cand.loglik >= cur.loglik - 1e-12) && scale > 1e-6) {
      scale /= 2;
      next = beta.map((b, k) => b + scale * step[k]);
      cand = evaluate(d, next, ridge);
    }
    const change = Math.abs(cand.loglik - cur.loglik);
    beta = next;
    cur = cand;
    if (change < 1e-10) {
      converged = true;
      break;
    }
  }
  const inv = Array.from({ length: p }, (_, k) =>
    solve(
      cur.info,
      Array.from({ length: p }, (_, j) => (j === k ? 1 : 0)),
    ),
  );
  const se = inv.map((col, k) => (col ? Math.sqrt(Math.max(0, col[k])) : Infinity));
  // Breslow baseline.
  const r = times.map((_, i) => Math.exp(X[i].reduce((t, x, k) => t + x * beta[k], 0)));
  const distinct = [...new Set(times.filter((_, i) => events[i]))].sort((a, b) => a - b);
  let H = 0;
  const baseline = distinct.map((t) => {
    let dN = 0;
    let risk = 0;
    times.forEach((ti, i) => {
      if (ti >= t) risk += r[i];
      if (ti === t && events[i]) dN++;
    });
    H += dN / risk;
    return { time: t, cumHazard: H };
  });
  return {
    beta,
    se,
    loglik: cur.loglik,
    converged: converged && beta.every((b) => Math.abs(b) < 30),
    iterations: it + 1,
    baseline,
  };
}

/** P(T <= t | x) under a fitted Cox model (Breslow baseline; 0 before the first event time). */
export function coxProbabilityBy(fit: CoxFit, x: readonly number[], t: number): number {
  let H = 0;
  for (const b of fit.baseline) {
    if (b.time > t) break;
    H = b.cumHazard;
  }
  return 1 - Math.exp(-H * Math.exp(x.reduce((s, v, k) => s + v * fit.beta[k], 0)));
}
