// Issue 4 benchmarks: runs per second of a 10,000-run, 365-day ensemble of the
// built-in scenario on 1 and 2 workers (target: under 10 s on 2 cores), and
// peak memory (VmHWM, all threads) for 10,000 and 100,000 runs, each in a
// fresh process (target: flat, under 300 MB).
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadScenario, resolveLoaded } from '../dist/cli/load-scenario.js';
import { runEnsemble } from '../dist/shell/ensemble.js';
import { machine } from './harness.js';

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
  const lines = [`machine: ${machine()}`];
  const p = point();
  const times = {};
  for (const workers of [1, 2]) {
    const t0 = performance.now();
    await runEnsemble([p], { runs: 10_000, seed: 1, workers });
    const s = (performance.now() - t0) / 1000;
    times[workers] = s;
    lines.push(`10,000 runs, 365 days, ${workers} worker${workers > 1 ? 's' : ''}: ${s.toFixed(2)} s (${Math.round(10_000 / s)} runs/s)`);
  }
  lines.push(`speed-up 2 workers / 1 worker: ${(times[1] / times[2]).toFixed(2)}x; target: 10,000 runs under 10 s on 2 cores`);
  const self = fileURLToPath(import.meta.url);
  for (const runs of [10_000, 100_000]) {
    const out = execFileSync(process.execPath, [self, '--memory', String(runs)], { encoding: 'utf8' });
    lines.push(out.trim());
  }
  return lines;
}

if (process.argv[2] === '--memory') {
  const runs = Number(process.argv[3]);
  const t0 = performance.now();
  await runEnsemble([point()], { runs, seed: 1, workers: 2 });
  console.log(`peak RSS for ${runs.toLocaleString('en')} runs on 2 workers: ${peakRssMb().toFixed(0)} MB (${((performance.now() - t0) / 1000).toFixed(1)} s); target flat, < 300 MB`);
} else if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await benchEnsemble()).join('\n'));
}
