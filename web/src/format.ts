export const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
