/**
 * A life table: at each distinct time, how many events and how many
 * censorings. Kaplan-Meier, log-rank and Cox all work from these counts, so
 * ensembles can stream them (memory does not grow with the number of runs).
 */
export interface LifeTable {
  /** Distinct times, ascending. */
  times: number[];
  events: number[];
  censored: number[];
}

/** Build a life table from individual (time, event) observations. */
export function lifeTableFromObservations(times: readonly number[], events: readonly boolean[]): LifeTable {
  const map = new Map<number, [number, number]>();
  times.forEach((t, i) => {
    const c = map.get(t) ?? [0, 0];
    if (events[i]) c[0]++;
    else c[1]++;
    map.set(t, c);
  });
  const sorted = [...map.keys()].sort((a, b) => a - b);
  return { times: sorted, events: sorted.map((t) => map.get(t)![0]), censored: sorted.map((t) => map.get(t)![1]) };
}

/** A life table from per-day counts (index = day), dropping empty days. */
export function lifeTableFromDailyCounts(eventsByDay: ArrayLike<number>, censoredByDay: ArrayLike<number>): LifeTable {
  const out: LifeTable = { times: [], events: [], censored: [] };
  for (let d = 0; d < eventsByDay.length; d++) {
    if (eventsByDay[d] === 0 && censoredByDay[d] === 0) continue;
    out.times.push(d);
    out.events.push(eventsByDay[d]);
    out.censored.push(censoredByDay[d]);
  }
  return out;
}

export function totalSubjects(t: LifeTable): number {
  let n = 0;
  for (let i = 0; i < t.times.length; i++) n += t.events[i] + t.censored[i];
  return n;
}
