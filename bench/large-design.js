// Issue 14, item 1: a Sobol design over all twelve levers, N = 1,024 base
// samples (N (k + 2) = 14,336 points), 200 runs per point, on 2 workers, must
// complete with peak RSS under 500 MB (VmHWM of the whole process, all
// threads) and a CPU time per run within 10% of a plain comparison timed in
// the same bench run. Each configuration runs in a fresh process, so peaks do
// not mix. CPU time is the process's (main thread and workers).
//
//   node bench/large-design.js                  # full size (about an hour of CPU)
//   node bench/large-design.js --samples 64     # a quick look at the same design family
//
// Besides CPU per run it prints CPU per simulated run-day: runs that collapse
// early stop early, so the design's points (all lever ranges) and the
// comparison's arms (default levers) need not cost the same per run.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadScenario, resolveArm as resolveLoaded } from '../dist/app/scenario.js';
import { saltelliSample } from '../dist/core/analysis/sensitivity/sobol-indices.js';
import { scalePoints } from '../dist/core/analysis/sensitivity/scale.js';
import { Stream } from '../dist/core/rng/stream.js';
import { streamEnsemble } from '../dist/shell/ensemble.js';
import { machine } from './harness.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};

function peakRssMb() {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

function runDays(acc) {
  let days = 0;
  for (let d = 0; d <= acc.horizon; d++) days += d * (acc.eventsByDay[d] + acc.censoredByDay[d]);
  return days;
}

async function measure(kind, samples, runsPerPoint, runs) {
  const loaded = loadScenario();
  let source;
  let runsEach;
  if (kind === 'sobol') {
    const names = Object.keys(loaded.scenario.levers);
    const design = saltelliSample(names.length, samples, Stream.derive(1, 'sensitivity', 'design'));
    const x = scalePoints(
      design.unit,
      names.map((n) => [loaded.scenario.levers[n].min, loaded.scenario.levers[n].max]),
    );
    source = {
      count: x.length,
      get: (k) => ({
        scenario: resolveLoaded(loaded, undefined, Object.fromEntries(names.map((n, i) => [n, x[k][i]]))).scenario,
        profiles: loaded.profiles,
      }),
    };
    runsEach = runsPerPoint;
  } else {
    const arms = ['transactional-freeze', 'structural-architecture'].map((f) => ({
      scenario: resolveLoaded(loaded, f, {}).scenario,
      profiles: loaded.profiles,
    }));
    source = { count: arms.length, get: (k) => arms[k] };
    runsEach = runs;
  }
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let days = 0;
  let total = 0;
  // A progress line every minute on stderr (peak so far, CPU per run so far), for runs too long to wait for.
  let lastLine = performance.now();
  const onPointDone = (i, acc) => {
    days += runDays(acc);
    total += acc.runs;
    if (performance.now() - lastLine > 60_000) {
      lastLine = performance.now();
      const c = process.cpuUsage(cpu0);
      process.stderr.write(
        `${kind}: ${i + 1}/${source.count} points, ${((performance.now() - t0) / 1000).toFixed(0)} s, ${((c.user + c.system) / 1000 / total).toFixed(3)} ms CPU per run, peak RSS ${peakRssMb().toFixed(0)} MB\n`,
      );
    }
  };
  await streamEnsemble(source, { runs: runsEach, seed: 1, workers: 2, onPointDone });
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  return {
    kind,
    points: source.count,
    runs: total,
    wallS: (performance.now() - t0) / 1000,
    cpuS,
    cpuMsPerRun: (cpuS * 1000) / total,
    cpuUsPerRunDay: (cpuS * 1e6) / days,
    peakRssMb: peakRssMb(),
  };
}

if (process.argv[2] === '--child') {
  const r = await measure(process.argv[3], arg('--samples', 1024), arg('--runs-per-point', 200), arg('--runs', 10_000));
  process.stdout.write(JSON.stringify(r) + '\n');
} else if (import.meta.url === `file://${process.argv[1]}`) {
  const samples = arg('--samples', 1024);
  const runsPerPoint = arg('--runs-per-point', 200);
  const self = fileURLToPath(import.meta.url);
  const child = (kind) =>
    JSON.parse(
      execFileSync(
        process.execPath,
        [self, '--child', kind, '--samples', String(samples), '--runs-per-point', String(runsPerPoint)],
        { encoding: 'utf8', maxBuffer: 1 << 20, stdio: ['ignore', 'pipe', 'inherit'] },
      ),
    );
  // The reference first and last, so a change of machine load during the long run shows.
  const before = child('compare');
  const sobol = child('sobol');
  const after = child('compare');
  const refMs = (before.cpuMsPerRun + after.cpuMsPerRun) / 2;
  const refDay = (before.cpuUsPerRunDay + after.cpuUsPerRunDay) / 2;
  const lines = [
    `machine: ${machine()}`,
    `plain compare, 2 arms x 10,000 runs, 2 workers: ${before.cpuMsPerRun.toFixed(3)} / ${after.cpuMsPerRun.toFixed(3)} ms CPU per run (before / after), peak RSS ${before.peakRssMb.toFixed(0)} MB`,
    `Sobol, 12 levers, N = ${samples} (${sobol.points} points) x ${runsPerPoint} runs, 2 workers: ${sobol.wallS.toFixed(0)} s wall, ${sobol.cpuS.toFixed(0)} s CPU, peak RSS ${sobol.peakRssMb.toFixed(0)} MB (target < 500 MB)`,
    `CPU per run, Sobol / compare: ${(sobol.cpuMsPerRun / refMs).toFixed(3)} (target within 1.10); per simulated run-day: ${(sobol.cpuUsPerRunDay / refDay).toFixed(3)}`,
  ];
  console.log(lines.join('\n'));
  writeFileSync(
    join(dirname(fileURLToPath(import.meta.url)), 'large-design.last.json'),
    JSON.stringify({ samples, runsPerPoint, before, sobol, after }, null, 2) + '\n',
  );
}
