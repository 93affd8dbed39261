/**
 * The q-quantile of sorted values by linear interpolation between order
 * statistics (R's type 7, numpy's default); NaN for no values. Equal ends need
 * no interpolation, so an unlimited stock (Infinity in every replicate) stays
 * Infinity instead of Infinity - Infinity = NaN.
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  if (sorted[lo] === sorted[hi] || pos === lo) return sorted[lo];
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
