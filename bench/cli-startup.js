// Issue 8 benchmark: how fast `truce --version` and `truce --help` answer (target well under 0.5 s),
// beside `node -e ""` (the floor: starting Node itself) measured in the same run, median of 5.
// Commands load lazily, so neither loads the engine, the store, the pool or the chart renderer.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';
import { machine } from './harness.js';

const CLI = resolve(import.meta.dirname, '..', 'dist', 'cli', 'main.js');

function median(args, repeats = 5) {
  spawnSync(process.execPath, args); // warm the file cache
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

export function benchCliStartup() {
  const node = median(['-e', '']);
  const version = median([CLI, '--version']);
  const help = median([CLI, '--help']);
  const row = (name, ms) => `${name.padEnd(16)} ${(ms / 1000).toFixed(3)} s  (${(ms / node).toFixed(2)} x node -e "")`;
  return [
    `machine: ${machine()}; median of 5; a loaded machine slows all three alike`,
    row('node -e ""', node),
    row('truce --version', version),
    row('truce --help', help),
    `target: truce --version under 0.5 s: ${version < 500 ? 'met' : 'NOT met'}`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(benchCliStartup().join('\n'));
