// Ensemble benchmarks: a 10,000-run, 365-day ensemble of the built-in
// scenario on 1 and 2 workers (target: under 10 s on 2 cores), and peak
// memory (VmHWM, all threads) for 10,000 and 100,000 runs, each in a fresh
// process (target: flat, under 300 MB).
//
// runEnsemble starts its worker pool per call, so an end-to-end time includes
// starting and warming the workers. Every configuration is warmed up once, and
// the warm speed-up is measured as the marginal rate between 2,000 and 10,000
// runs, which cancels the pool's start and the workers' JIT warm-up.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadScenario, resolveArm as resolveLoaded } from '../dist/app/scenario.js';
import { runEnsemble } from '../dist/shell/ensemble.js';
import { interleave } from './harness.js';

function point() {
  const loaded = loadScenario();
  const r = resolveLoaded(loaded, 'transactional-freeze', {});
  return { scenario: r.scenario, profiles: loaded.profiles };
}

function peakRssMb() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

export async function benchEnsemble() {
  const lines = [];
  const p = point();
  const configs = {};
  for (const workers of [1, 2])
    for (const runs of [2_000, 10_000])
      configs[`${workers}w ${runs}`] = () => runEnsemble([p], { runs, seed: 1, workers });
  const t = await interleave(configs, { warmup: 1, rounds: 3 });
  const figures = { configs: t };
  for (const workers of [1, 2]) {
    const big = t[`${workers}w 10000`];
    const s = big.medianMs / 1000;
    lines.push(
      `10,000 runs, 365 days, ${workers} worker${workers > 1 ? 's' : ''}: ${s.toFixed(2)} s wall (${Math.round(10_000 / s)} runs/s), ${(big.cpuMedianMs / 1000).toFixed(2)} s CPU (${(big.cpuMedianMs / 10_000).toFixed(3)} ms CPU per run, all threads)`,
    );
  }
  const marginal = (w) => 8_000 / ((t[`${w}w 10000`].medianMs - t[`${w}w 2000`].medianMs) / 1000);
  figures.speedUpEndToEnd = t['1w 10000'].medianMs / t['2w 10000'].medianMs;
  figures.speedUpWarm = marginal(2) / marginal(1);
  lines.push(
    `speed-up 2 workers / 1 worker: ${figures.speedUpEndToEnd.toFixed(2)}x end to end (pool start included), ${figures.speedUpWarm.toFixed(2)}x warm (marginal rate 2,000 -> 10,000 runs); target: 10,000 runs under 10 s on 2 cores`,
  );
  lines.push(
    '(median of 3 interleaved rounds after a warm-up of each configuration; wall speed-ups on a shared machine are indicative only)',
  );
  const self = fileURLToPath(import.meta.url);
  figures.peakRssMb = {};
  for (const runs of [10_000, 100_000]) {
    const out = execFileSync(process.execPath, [self, '--memory', String(runs)], { encoding: 'utf8' }).trim();
    figures.peakRssMb[runs] = Number(/: (\d+) MB/.exec(out)?.[1]);
    lines.push(out);
  }
  return { lines, figures };
}

if (process.argv[2] === '--memory') {
  const runs = Number(process.argv[3]);
  const t0 = performance.now();
  await runEnsemble([point()], { runs, seed: 1, workers: 2 });
  console.log(
    `peak RSS for ${runs.toLocaleString('en')} runs on 2 workers: ${peakRssMb().toFixed(0)} MB (${((performance.now() - t0) / 1000).toFixed(1)} s); target flat, < 300 MB`,
  );
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await benchEnsemble()).lines.join('\n'));
}
