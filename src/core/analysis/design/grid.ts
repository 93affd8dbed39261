/**
 * A full-factorial grid in [0, 1]^k with `levels` values per dimension
 * (0, 1/(levels-1), ..., 1), levels^k points, last dimension fastest.
 */
export function grid(levels: number, k: number): number[][] {
  const vals = levels === 1 ? [0.5] : Array.from({ length: levels }, (_, i) => i / (levels - 1));
  const out: number[][] = [];
  const idx = new Array<number>(k).fill(0);
  const total = levels ** k;
  for (let n = 0; n < total; n++) {
    out.push(idx.map((i) => vals[i]));
    for (let d = k - 1; d >= 0; d--) {
      if (++idx[d] < levels) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Levels per dimension so that levels^k is about n (at least 2). */
export function gridLevelsFor(n: number, k: number): number {
  return Math.max(2, Math.round(Math.pow(n, 1 / Math.max(1, k))));
}
