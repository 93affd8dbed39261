/**
 * The Binomial(n, p) probability mass function over its effective support.
 *
 * Computed from the mode outward by the ratio recurrence
 * f(k+1)/f(k) = (n - k)/(k + 1) * p/(1 - p), stopping where terms fall below
 * 1e-20 of the mode, then normalised: no log-gamma, no cancellation, and
 * the mass left out is below double precision for any n a salvo can have.
 */
export interface Pmf {
  /** Smallest k with stored mass. */
  lo: number;
  /** mass[i] = P(X = lo + i). */
  mass: Float64Array;
}

const CUTOFF = 1e-20;

export function binomialPmf(n: number, p: number): Pmf {
  if (n === 0 || p <= 0) return { lo: 0, mass: Float64Array.of(1) };
  if (p >= 1) return { lo: n, mass: Float64Array.of(1) };
  const ratio = p / (1 - p);
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const up: number[] = [];
  let v = 1;
  for (let k = mode; k < n; k++) {
    v *= ((n - k) / (k + 1)) * ratio;
    if (v < CUTOFF) break;
    up.push(v);
  }
  const down: number[] = [];
  v = 1;
  for (let k = mode; k > 0; k--) {
    v *= k / (n - k + 1) / ratio;
    if (v < CUTOFF) break;
    down.push(v);
  }
  const lo = mode - down.length;
  const mass = new Float64Array(down.length + 1 + up.length);
  let i = 0;
  for (let j = down.length - 1; j >= 0; j--) mass[i++] = down[j];
  mass[i++] = 1;
  for (const u of up) mass[i++] = u;
  let total = 0;
  for (let j = 0; j < mass.length; j++) total += mass[j];
  for (let j = 0; j < mass.length; j++) mass[j] /= total;
  return { lo, mass };
}

/** A dense pmf over 0..n of a Binomial(n, p). */
export function binomialPmfDense(n: number, p: number): Float64Array {
  const out = new Float64Array(n + 1);
  const { lo, mass } = binomialPmf(n, p);
  out.set(mass, lo);
  return out;
}

/** Distribution of X + Y for independent X, Y given as dense pmfs. */
export function convolve(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length - 1);
  for (let i = 0; i < a.length; i++) {
    const ai = a[i];
    if (ai === 0) continue;
    for (let j = 0; j < b.length; j++) out[i + j] += ai * b[j];
  }
  return out;
}

export function pmfMean(d: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < d.length; k++) m += k * d[k];
  return m;
}

export function pmfVariance(d: ArrayLike<number>): number {
  const m = pmfMean(d);
  let v = 0;
  for (let k = 0; k < d.length; k++) v += (k - m) * (k - m) * d[k];
  return v;
}
