/**
 * Analytic test functions with known sensitivity indices, shipped so the
 * sensitivity code can be validated (SALib's practice).
 */

/**
 * Ishigami and Homma (1990): f(x) = sin x1 + a sin^2 x2 + b x3^4 sin x1 on
 * [-pi, pi]^3 with a = 7, b = 0.1. Exact indices (test-vectors.md):
 * S1 = 0.3139, 0.4424, 0; ST = 0.5576, 0.4424, 0.2437.
 */
export const ishigami = {
  name: 'ishigami',
  factors: ['x1', 'x2', 'x3'],
  bounds: [
    [-Math.PI, Math.PI],
    [-Math.PI, Math.PI],
    [-Math.PI, Math.PI],
  ] as [number, number][],
  evaluate(x: readonly number[], a = 7, b = 0.1): number {
    return Math.sin(x[0]) + a * Math.sin(x[1]) ** 2 + b * x[2] ** 4 * Math.sin(x[0]);
  },
  /** Closed-form indices for given a, b (Ishigami and Homma 1990; Sobol' and Levitan 1999). */
  exact(a = 7, b = 0.1) {
    const pi4 = Math.PI ** 4;
    const pi8 = Math.PI ** 8;
    const v1 = 0.5 * (1 + (b * pi4) / 5) ** 2;
    const v2 = (a * a) / 8;
    const v13 = (b * b * pi8) / 18 - (b * b * pi8) / 50;
    const v = v1 + v2 + v13;
    return { S1: [v1 / v, v2 / v, 0], ST: [(v1 + v13) / v, v2 / v, v13 / v] };
  },
};

/** A linear function f = sum b_i x_i: every Morris elementary effect equals b_i (mu* = |b_i|, sigma = 0). */
export function linear(coefficients: readonly number[]) {
  return {
    name: 'linear',
    factors: coefficients.map((_, i) => `x${i + 1}`),
    bounds: coefficients.map(() => [0, 1] as [number, number]),
    evaluate: (x: readonly number[]) => x.reduce((s, xi, i) => s + coefficients[i] * xi, 0),
  };
}
