import type { LifeTable } from './life-table.js';
import { totalSubjects } from './life-table.js';

/** Two life tables on a common time axis: events and numbers at risk per group at each time. */
export interface MergedStep {
  time: number;
  da: number;
  db: number;
  na: number;
  nb: number;
}

export function mergeTimes(a: LifeTable, b: LifeTable): MergedStep[] {
  let na = totalSubjects(a);
  let nb = totalSubjects(b);
  let i = 0;
  let j = 0;
  const out: MergedStep[] = [];
  while (i < a.times.length || j < b.times.length) {
    const t = Math.min(i < a.times.length ? a.times[i] : Infinity, j < b.times.length ? b.times[j] : Infinity);
    const da = i < a.times.length && a.times[i] === t ? a.events[i] : 0;
    const ca = i < a.times.length && a.times[i] === t ? a.censored[i] : 0;
    const db = j < b.times.length && b.times[j] === t ? b.events[j] : 0;
    const cb = j < b.times.length && b.times[j] === t ? b.censored[j] : 0;
    out.push({ time: t, da, db, na, nb });
    na -= da + ca;
    nb -= db + cb;
    if (i < a.times.length && a.times[i] === t) i++;
    if (j < b.times.length && b.times[j] === t) j++;
  }
  return out;
}
