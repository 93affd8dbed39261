// Issue 12: a calibration through the queue against the local pool, same work, same machine
// (docs/distributed.md). A private redis-server on a free loopback port and 2 `truce worker`
// processes of 1 thread each against the local pool's 2 threads; the same small calibration of
// the whole case library through each, rounds interleaved, medians reported. Wall time is what a
// user waits for; CPU time (this process plus the worker processes, from /proc) is the cost and
// moves less with the load of other processes. Every queue answer is checked byte for byte
// (timings aside) against the local one.
//
//   node bench/queue-calibrate.js [--particles 8] [--rounds 2] [--runs-per-case 8] [--fit-runs 100] [--repeat 2]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { calibrate } from '../dist/app/calibrate.js';
import { threadPoolRunner } from '../dist/app/runner.js';
import { parseCases } from '../dist/core/calibration/cases.js';
import { parameterList, priorsSchema } from '../dist/core/calibration/parameters.js';
import { queueRunner } from '../dist/queue/runner.js';
import { machine } from './harness.js';
import { startRedisServer, startWorkers, stopWorkers } from './queue.js';

const ROOT = resolve(import.meta.dirname, '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return Number(i >= 0 ? process.argv[i + 1] : dflt);
};

function cpuOf(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const untimed = (r) => JSON.stringify({ ...r, timings: null });

export async function benchQueueCalibrate() {
  const settings = {
    particles: arg('--particles', 8),
    rounds: arg('--rounds', 2),
    runsPerCase: arg('--runs-per-case', 8),
    fitRuns: arg('--fit-runs', 100),
    posteriorSize: 50,
  };
  const repeat = arg('--repeat', 2);
  const cases = parseCases(readFileSync(resolve(ROOT, 'data', 'ceasefires.csv'), 'utf8'), { requireOutcome: true });
  const priors = priorsSchema.parse(parse(readFileSync(resolve(ROOT, 'data', 'priors.yaml'), 'utf8')));
  const params = parameterList(priors);
  const redis = await startRedisServer();
  const workers = await startWorkers(redis.url, 2);
  const flush = async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis(redis.url);
    await r.flushall();
    r.disconnect();
  };
  const t = { local: { wall: [], cpu: [] }, queue: { wall: [], cpu: [] } };
  const tasks = settings.rounds * settings.particles + 4 + cases.length * Math.ceil(settings.fitRuns / 50);
  let expected = null;
  try {
    for (let round = 0; round < repeat; round++) {
      {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const r = await calibrate(cases, priors, params, {
          settings,
          seed: 1,
          runner: threadPoolRunner(2),
          label: 'b',
        });
        t.local.wall.push((performance.now() - t0) / 1000);
        const c = process.cpuUsage(c0);
        t.local.cpu.push((c.user + c.system) / 1e6);
        expected ??= untimed(r);
      }
      {
        await flush();
        const w0 = workers.map((w) => cpuOf(w.pid));
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const runner = queueRunner({ url: redis.url, report: (l) => process.stderr.write(l + '\n') });
        const r = await calibrate(cases, priors, params, { settings, seed: 1, runner, label: 'b' });
        t.queue.wall.push((performance.now() - t0) / 1000);
        const c = process.cpuUsage(c0);
        t.queue.cpu.push((c.user + c.system) / 1e6 + workers.reduce((s, w, i) => s + cpuOf(w.pid) - w0[i], 0));
        if (untimed(r) !== expected) throw new Error('the queue calibration differs from the local one');
      }
    }
  } finally {
    await stopWorkers(workers);
    await redis.stop();
  }
  const lw = median(t.local.wall);
  const lc = median(t.local.cpu);
  const qw = median(t.queue.wall);
  const qc = median(t.queue.cpu);
  return [
    `machine: ${machine()}; calibration of ${cases.length} cases, ${settings.rounds} rounds x ${settings.particles} vectors, ${settings.runsPerCase} runs per case, fit ${settings.fitRuns} runs per case: ${tasks} tasks; ${repeat} interleaved rounds, medians`,
    `local pool, 2 threads: ${lw.toFixed(2)} s wall, ${lc.toFixed(2)} s CPU`,
    `queue, 2 worker processes, one job per task: ${qw.toFixed(2)} s wall (${((qw / lw - 1) * 100).toFixed(1)}% overhead), ${qc.toFixed(2)} s CPU (${((qc / lc - 1) * 100).toFixed(1)}%); answer byte-identical (timings aside)`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await benchQueueCalibrate()).join('\n'));
}
