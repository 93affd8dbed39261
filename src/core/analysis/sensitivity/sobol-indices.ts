/**
 * Variance-based (Sobol') sensitivity indices by Saltelli's sampling scheme
 * (Saltelli et al., Comput. Phys. Commun. 181, 2010): base matrices A and B
 * (N x k, from the two halves of a 2k-dimensional Sobol' sequence) and, for
 * each factor i, AB_i = A with column i taken from B; N (k + 2) evaluations.
 * Estimators:
 *   S1_i = mean(f(B) (f(AB_i) - f(A))) / V          (Saltelli 2010, eq. (b))
 *   ST_i = mean((f(A) - f(AB_i))^2) / (2 V)         (Jansen 1999)
 * with V the variance of f over A and B together. Intervals: percentile
 * bootstrap over the N rows.
 */
import type { Stream } from '../../rng/stream.js';
import { SobolSequence } from '../design/sobol-sequence.js';

export interface SaltelliDesign {
  k: number;
  n: number;
  /** Unit-cube points: A rows, then B rows, then AB_1 rows, ..., AB_k rows. */
  unit: number[][];
}

export function saltelliSample(k: number, n: number, rng: Stream): SaltelliDesign {
  const seq = new SobolSequence(2 * k, rng);
  seq.next(); // skip the origin, as is customary
  const a: number[][] = [];
  const b: number[][] = [];
  for (let r = 0; r < n; r++) {
    const p = seq.next();
    a.push(p.slice(0, k));
    b.push(p.slice(k));
  }
  const unit = [...a, ...b];
  for (let i = 0; i < k; i++) for (let r = 0; r < n; r++) unit.push(a[r].map((v, j) => (j === i ? b[r][i] : v)));
  return { k, n, unit };
}

export interface SobolIndex {
  S1: number;
  ST: number;
  S1Lo: number;
  S1Hi: number;
  STLo: number;
  STHi: number;
}

function estimate(y: readonly number[], k: number, n: number, rows: ArrayLike<number>): { s1: number[]; st: number[] } {
  let mean = 0;
  for (let r = 0; r < n; r++) mean += y[rows[r]] + y[n + rows[r]];
  mean /= 2 * n;
  let v = 0;
  for (let r = 0; r < n; r++) v += (y[rows[r]] - mean) ** 2 + (y[n + rows[r]] - mean) ** 2;
  v /= 2 * n - 1;
  const s1: number[] = [];
  const st: number[] = [];
  for (let i = 0; i < k; i++) {
    let a = 0;
    let b = 0;
    for (let r = 0; r < n; r++) {
      const fa = y[rows[r]];
      const fb = y[n + rows[r]];
      const fab = y[(2 + i) * n + rows[r]];
      a += fb * (fab - fa);
      b += (fa - fab) ** 2;
    }
    s1.push(v > 0 ? a / n / v : 0);
    st.push(v > 0 ? b / (2 * n) / v : 0);
  }
  return { s1, st };
}

export function sobolAnalyze(
  design: SaltelliDesign,
  y: readonly number[],
  rng: Stream,
  bootstrap = 500,
  level = 0.95,
): SobolIndex[] {
  const { k, n } = design;
  const all = Int32Array.from({ length: n }, (_, r) => r);
  const point = estimate(y, k, n, all);
  const s1Boot: number[][] = Array.from({ length: k }, () => []);
  const stBoot: number[][] = Array.from({ length: k }, () => []);
  const rows = new Int32Array(n);
  for (let b = 0; b < bootstrap; b++) {
    for (let r = 0; r < n; r++) rows[r] = rng.integerBelow(n);
    const e = estimate(y, k, n, rows);
    for (let i = 0; i < k; i++) {
      s1Boot[i].push(e.s1[i]);
      stBoot[i].push(e.st[i]);
    }
  }
  const q = (arr: number[], p: number) => {
    arr.sort((x, z) => x - z);
    return arr[Math.min(arr.length - 1, Math.max(0, Math.floor(p * arr.length)))];
  };
  const lo = (1 - level) / 2;
  return point.s1.map((s1, i) => ({
    S1: s1,
    ST: point.st[i],
    S1Lo: q(s1Boot[i], lo),
    S1Hi: q(s1Boot[i], 1 - lo),
    STLo: q(stBoot[i], lo),
    STHi: q(stBoot[i], 1 - lo),
  }));
}
