/**
 * Scenario discovery by PRIM, the Patient Rule Induction Method (Friedman and
 * Fisher, "Bump hunting in high-dimensional data", Statistics and Computing
 * 9, 1999), as used for scenario discovery in the EMA Workbench (Kwakkel
 * 2017; Bryant and Lempert 2010). See docs/analysis.md, "Scenario discovery".
 *
 * Input: cases (here, design points of a sweep) with lever values `x` and a
 * 0/1 label `y` (1 = a case of interest, e.g. "P(collapse by day d) stays
 * below the threshold"). PRIM starts from the box that holds every case and
 * peels: at each step it considers cutting off the `alpha` share of the
 * cases in the box at the low or the high end of one lever, and takes the
 * cut that leaves the highest share of cases of interest in the box (ties:
 * the larger box). It stops when the next box would hold less than
 * `minMass` of all cases, or when the box is pure. Every step is kept: the
 * peeling trajectory, a trade-off between
 *   coverage = cases of interest in the box / all cases of interest, and
 *   density  = cases of interest in the box / cases in the box.
 * No pasting (as in the EMA Workbench's default use). On a lever with few
 * distinct values (a grid), a cut that would remove no case removes the
 * extreme value instead, so grids peel too.
 */

export interface PrimOptions {
  /** Share of the box's cases a peel removes (EMA Workbench default 0.05). */
  alpha?: number;
  /** Smallest box, as a share of all cases (EMA Workbench default 0.05). */
  minMass?: number;
}

export interface PrimBox {
  /** Per lever: [lower, upper], inclusive; the whole observed range if not restricted. */
  limits: Record<string, [number, number]>;
  /** Levers whose range the box restricts. */
  restricted: string[];
  cases: number;
  casesOfInterest: number;
  coverage: number;
  density: number;
  /** Share of all cases in the box. */
  mass: number;
}

export interface PrimResult {
  levers: string[];
  totalCases: number;
  totalOfInterest: number;
  /** Step 0 is the box of all cases. */
  trajectory: PrimBox[];
}

export function prim(
  levers: readonly string[],
  x: readonly (readonly number[])[],
  y: readonly (0 | 1 | boolean)[],
  opts: PrimOptions = {},
): PrimResult {
  const alpha = opts.alpha ?? 0.05;
  const minMass = opts.minMass ?? 0.05;
  if (!(alpha > 0 && alpha < 0.5)) throw new RangeError(`alpha: expected a share in (0, 0.5), got ${alpha}`);
  if (!(minMass > 0 && minMass <= 1)) throw new RangeError(`minMass: expected a share in (0, 1], got ${minMass}`);
  if (x.length !== y.length) throw new RangeError(`x has ${x.length} cases, y ${y.length}`);
  const n = x.length;
  const k = levers.length;
  for (const row of x)
    if (row.length !== k) throw new RangeError(`a case has ${row.length} lever values, expected ${k}`);
  const label = y.map((v) => (v === true || v === 1 ? 1 : 0));
  const total = label.reduce<number>((s, v) => s + v, 0);

  let inBox = Array.from({ length: n }, (_, i) => i);
  const full: [number, number][] = levers.map((_, j) => [
    Math.min(...x.map((r) => r[j])),
    Math.max(...x.map((r) => r[j])),
  ]);
  const limits = full.map((l) => [...l] as [number, number]);

  const boxOf = (idx: number[]): PrimBox => {
    const hit = idx.reduce((s, i) => s + label[i], 0);
    return {
      limits: Object.fromEntries(levers.map((l, j) => [l, [limits[j][0], limits[j][1]] as [number, number]])),
      restricted: levers.filter((_, j) => limits[j][0] > full[j][0] || limits[j][1] < full[j][1]),
      cases: idx.length,
      casesOfInterest: hit,
      coverage: total > 0 ? hit / total : 0,
      density: idx.length > 0 ? hit / idx.length : 0,
      mass: n > 0 ? idx.length / n : 0,
    };
  };

  const trajectory = [boxOf(inBox)];
  for (;;) {
    const current = trajectory[trajectory.length - 1];
    if (current.density === 1 || current.cases === 0) break;
    let best: { keep: number[]; j: number; side: 0 | 1; bound: number; density: number } | null = null;
    for (let j = 0; j < k; j++) {
      const values = inBox.map((i) => x[i][j]).sort((a, b) => a - b);
      const m = values.length;
      for (const side of [0, 1] as const) {
        // The alpha-quantile from the peeled end; all cases beyond it go.
        const q = side === 0 ? values[Math.floor(alpha * (m - 1))] : values[Math.ceil((1 - alpha) * (m - 1))];
        // Cutting strictly beyond q also removes q's ties: on a grid, that is the extreme value.
        const keep = inBox.filter((i) => (side === 0 ? x[i][j] > q : x[i][j] < q));
        if (keep.length === 0 || keep.length / n < minMass) continue;
        let cut = x[keep[0]][j];
        for (const i of keep) cut = side === 0 ? Math.min(cut, x[i][j]) : Math.max(cut, x[i][j]);
        const hit = keep.reduce((s, i) => s + label[i], 0);
        const density = hit / keep.length;
        if (
          !best ||
          density > best.density + 1e-12 ||
          (Math.abs(density - best.density) <= 1e-12 && keep.length > best.keep.length)
        ) {
          best = { keep, j, side, bound: cut, density };
        }
      }
    }
    if (!best) break;
    limits[best.j][best.side] = best.bound;
    inBox = best.keep;
    trajectory.push(boxOf(inBox));
  }
  return { levers: [...levers], totalCases: n, totalOfInterest: total, trajectory };
}

/** The box of highest coverage among those with at least the given density (null if none reaches it). */
export function chooseBox(result: PrimResult, minDensity: number): PrimBox | null {
  let best: PrimBox | null = null;
  for (const b of result.trajectory) {
    if (b.density + 1e-12 >= minDensity && (!best || b.coverage > best.coverage)) best = b;
  }
  return best;
}
