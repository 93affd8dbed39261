declare module '@stdlib/math-base-special-erfc' {
  const erfc: (x: number) => number;
  export default erfc;
}
declare module '@stdlib/stats-base-dists-normal-quantile' {
  const quantile: (p: number, mu: number, sigma: number) => number;
  export default quantile;
}
