// Issue 2 benchmarks, one core:
//  - exact solve of a 1,000-threat single-type salvo through 4 limited layers (target < 50 ms)
//  - Monte Carlo salvos per second on the reference salvo (target >= 1,000,000/s)
import os from 'node:os';
import { solveExact } from '../dist/core/engagement/exact.js';
import { SalvoSampler } from '../dist/core/engagement/salvo-sampler.js';
import { runMonteCarlo } from '../dist/core/engagement/monte-carlo.js';
import { Stream } from '../dist/core/rng/stream.js';
import { machine, measure } from './harness.js';

const layer = (name, p, shots, channels, inventory, tracking = 1) => ({
  name, pKill: { ballistic: p }, tracking, doctrine: 'barrage', shots, inventory, channels, unitCostUsd: 0,
});
const engagement = (n, layers) => ({
  threats: [{ type: 'ballistic', launched: n, reliability: 1, unitCostUsd: 0, wave: 1 }],
  layers, trackCapacity: Infinity, saturationPKillFactor: 0.5, warningMinutes: Infinity,
});
const referenceLayers = [layer('l1', 0.8, 2, 200, 250), layer('l2', 0.7, 2, 150, 250), layer('l3', 0.75, 1, 100, 150), layer('l4', 0.9, 1, 120, 400)];
const limited1000 = [layer('l1', 0.8, 2, 600, 900), layer('l2', 0.7, 2, 400, 700), layer('l3', 0.75, 1, 300, 300), layer('l4', 0.9, 1, 250, 400)];

export function benchEngagement() {
  const lines = [`machine: ${machine()}, ${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores`];
  const ex1 = measure('exact, 1,000 threats, 4 limited layers, tracking 1', () => solveExact(engagement(1000, limited1000)));
  const tracked = limited1000.map((l, i) => ({ ...l, tracking: 0.85 + 0.03 * i }));
  const ex2 = measure('exact, 1,000 threats, 4 limited layers, tracking 0.85-0.94', () => solveExact(engagement(1000, tracked)), { repeats: 7 });
  for (const r of [ex1, ex2]) lines.push(`${r.name}: median ${r.medianMs.toFixed(1)} ms (min ${r.minMs.toFixed(1)}, max ${r.maxMs.toFixed(1)}); target < 50 ms`);

  const e = engagement(300, referenceLayers);
  const sampler = new SalvoSampler(e);
  const rng = Stream.derive(1, 'bench');
  const N = 2_000_000;
  const mc = measure('Monte Carlo, reference salvo (sampler loop)', () => { for (let i = 0; i < N; i++) sampler.sample(rng); }, { warmup: 1, repeats: 5 });
  const rate = N / (mc.medianMs / 1000);
  lines.push(`${mc.name}: ${(rate / 1e6).toFixed(2)} M salvos/s (median of 5 x ${N / 1e6} M); target >= 1 M/s; ratio to the 2.4 M/s C loop: ${(rate / 2.4e6).toFixed(2)}`);
  const full = measure('Monte Carlo, reference salvo (runMonteCarlo with aggregation)', () => runMonteCarlo(e, 1_000_000, 1), { warmup: 1, repeats: 5 });
  lines.push(`${full.name}: ${(1e6 / (full.medianMs / 1000) / 1e6).toFixed(2)} M salvos/s`);
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchEngagement().join('\n'));
