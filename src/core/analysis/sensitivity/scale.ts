/** Map unit-cube design points to factor ranges. */
export function scalePoints(
  unit: readonly (readonly number[])[],
  bounds: readonly (readonly [number, number])[],
): number[][] {
  return unit.map((p) => p.map((u, i) => bounds[i][0] + u * (bounds[i][1] - bounds[i][0])));
}
