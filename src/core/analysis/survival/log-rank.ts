/**
 * The log-rank test of two survival curves (Mantel-Haenszel form, as R
 * survdiff): at each event time with d events among n at risk, n_a in group
 * a, the expected events in a are d n_a / n and the hypergeometric variance
 * d (n_a / n)(1 - n_a / n)(n - d)/(n - 1); chi-square = (O_a - E_a)^2 / V on
 * 1 degree of freedom. Freireich data: 16.79, p = 4.17e-5.
 */
import { chiSquare1Upper } from '../normal.js';
import { mergeTimes } from './merge.js';
import type { LifeTable } from './life-table.js';

export interface LogRankResult {
  chiSquare: number;
  p: number;
  observed: [number, number];
  expected: [number, number];
}

export function logRank(a: LifeTable, b: LifeTable): LogRankResult {
  let oa = 0;
  let ea = 0;
  let ob = 0;
  let eb = 0;
  let v = 0;
  for (const s of mergeTimes(a, b)) {
    const d = s.da + s.db;
    const n = s.na + s.nb;
    if (d === 0 || n === 0) continue;
    oa += s.da;
    ob += s.db;
    ea += (d * s.na) / n;
    eb += (d * s.nb) / n;
    if (n > 1) v += (d * (s.na / n) * (1 - s.na / n) * (n - d)) / (n - 1);
  }
  const chiSquare = v > 0 ? ((oa - ea) * (oa - ea)) / v : 0;
  return { chiSquare, p: chiSquare1Upper(chiSquare), observed: [oa, ob], expected: [ea, eb] };
}
