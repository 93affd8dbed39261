// Issue 3 benchmark: time of one 365-day run of the built-in scenario on one core (target < 2 ms).
import { loadScenario, modelFor, resolveLoaded } from '../dist/cli/load-scenario.js';
import { runCeasefire } from '../dist/core/engine/run.js';
import { machine } from './harness.js';
import { performance } from 'node:perf_hooks';

export function benchCeasefire() {
  const lines = [`machine: ${machine()}`];
  const loaded = loadScenario();
  for (const fw of ['transactional-freeze', 'structural-architecture']) {
    const m = modelFor(loaded, resolveLoaded(loaded, fw, {}));
    const days = 365;
    // Warm up, then time 2,000 runs; report per run and per run-day (collapsed runs stop early).
    for (let r = 0; r < 300; r++) runCeasefire(m, { seed: 99, replicate: r, days });
    const N = 2000;
    let simulatedDays = 0;
    const t0 = performance.now();
    for (let r = 0; r < N; r++) simulatedDays += runCeasefire(m, { seed: 1, replicate: r, days }).outcome.time;
    const ms = performance.now() - t0;
    lines.push(`${fw}: ${(ms / N).toFixed(3)} ms per run (mean ${(simulatedDays / N).toFixed(0)} simulated days), ${((ms / simulatedDays) * 365).toFixed(3)} ms per 365 simulated days; target < 2 ms`);
  }
  const m = modelFor(loaded, resolveLoaded(loaded, 'transactional-freeze', {}));
  const t1 = performance.now();
  for (let r = 0; r < 200; r++) runCeasefire(m, { seed: 1, replicate: r, record: true });
  lines.push(`with trajectory and events recorded: ${((performance.now() - t1) / 200).toFixed(3)} ms per run`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchCeasefire().join('\n'));
