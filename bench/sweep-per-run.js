// What storing a sweep's per-run rows costs (issue 11; docs/analysis.md, "Per-run rows"): the same sweep run
// with and without its rows in the same process, alternately, on the same number of workers; wall time ratio
// and the store's bytes per row. Not part of the test suite.
//
//   npm run build && node bench/sweep-per-run.js [--points 10] [--runs-per-point 2000] [--days 100] [--workers 2] [--reps 2]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario } from '../dist/app/scenario.js';
import { openResultsStore } from '../dist/app/store.js';
import { threadPoolRunner } from '../dist/app/runner.js';
import { runSweep, startSweep, storedSweep } from '../dist/app/sweep.js';
import { machine } from './harness.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const points = arg('--points', 10);
const runsPerPoint = arg('--runs-per-point', 2000);
const days = arg('--days', 100);
const workers = arg('--workers', 2);
const reps = arg('--reps', 2);

const dir = mkdtempSync(join(tmpdir(), 'truce-bench-sweep-'));
const loaded = loadScenario();
const params = {
  design: 'grid',
  ranges: { verification: [0, 1] },
  points,
  runsPerPoint,
  seed: 1,
  framework: null,
  set: [],
  days,
  posterior: 'none',
};

async function once(perRun, k) {
  const path = join(dir, `${perRun ? 'rows' : 'bare'}-${k}.db`);
  const db = openResultsStore(path);
  const id = startSweep(db, loaded, params);
  const runner = threadPoolRunner(workers);
  const t0 = performance.now();
  await runSweep(db, storedSweep(db, id), { runner, perRun });
  const seconds = (performance.now() - t0) / 1000;
  const rows = db.prepare('SELECT count(*) AS n FROM run_rows').get().n;
  db.close();
  return { seconds, bytes: statSync(path).size, rows };
}

console.log(`# ${machine()}`);
console.log(`# sweep: ${points} points x ${runsPerPoint} runs x ${days} days, ${workers} workers, ${reps} pairs`);
const with_ = [];
const without = [];
for (let k = 0; k < reps; k++) {
  // Alternate the order so that a change of load falls on both.
  if (k % 2 === 0) {
    without.push(await once(false, k));
    with_.push(await once(true, k));
  } else {
    with_.push(await once(true, k));
    without.push(await once(false, k));
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const tw = median(with_.map((r) => r.seconds));
const to = median(without.map((r) => r.seconds));
const extra = median(with_.map((r, i) => (r.bytes - without[i].bytes) / r.rows));
console.log(`without rows: ${to.toFixed(2)} s; with rows: ${tw.toFixed(2)} s; ratio ${(tw / to).toFixed(2)}`);
console.log(`store: ${extra.toFixed(0)} bytes per row (${with_[0].rows} rows)`);
rmSync(dir, { recursive: true, force: true });
