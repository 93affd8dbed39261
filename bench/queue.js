// Issue 12: the queue's overhead against the local pool for the same work on
// the same machine, and the job size chosen from it (docs/distributed.md).
//
// A private redis-server on a free loopback port, 2 `truce worker` processes
// of 1 thread each against the local pool's 2 threads; the same ensemble (2
// arms x RUNS runs, 365 days) through each, rounds interleaved, medians
// reported. Wall time is what a user waits for; CPU time (coordinator plus
// worker processes, from /proc) is the cost and does not move with the load
// of other processes on the machine. Every queue answer is checked byte for
// byte against the local one.
//
//   node bench/queue.js [--runs 4000] [--rounds 3] [--sizes 250,1000,2000]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { loadScenario, resolveArm as resolveLoaded } from '../dist/app/scenario.js';
import { encodeAccumulators } from '../dist/core/ensemble/chunk.js';
import { openQueueExecutor } from '../dist/queue/coordinator.js';
import { poolExecutor, runEnsemble } from '../dist/shell/ensemble.js';
import { machine } from './harness.js';

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'cli', 'main.js');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : dflt;
};

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Start a process and resolve when a line matches `ready`. */
function startUntil(cmd, args, ready, stream = 'stdout') {
  const p = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    p[stream].on('data', (b) => {
      out += b;
      if (ready.test(out)) resolve(p);
    });
    p.once('exit', (code) => reject(new Error(`${cmd} exited ${code}: ${out}`)));
  });
}

export async function startRedisServer() {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'truce-bench-redis-'));
  const proc = await startUntil(
    '/usr/bin/redis-server',
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--dir',
      dir,
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
    ],
    /Ready to accept connections/,
  );
  return {
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      await new Promise((r) => {
        proc.once('exit', r);
        proc.kill('SIGTERM');
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startWorkers(url, n) {
  return Promise.all(
    Array.from({ length: n }, () =>
      startUntil(process.execPath, [CLI, 'worker', '--redis', url, '--concurrency', '1'], /ready/, 'stderr'),
    ),
  );
}

export async function stopWorkers(workers) {
  await Promise.all(
    workers.map(
      (w) =>
        new Promise((r) => {
          if (w.exitCode !== null) return r();
          w.once('exit', r);
          w.kill('SIGTERM');
        }),
    ),
  );
}

/** CPU seconds of a process so far (utime + stime of /proc/PID/stat). */
function cpuOf(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function benchQueue() {
  const runs = Number(arg('--runs', '4000'));
  const rounds = Number(arg('--rounds', '3'));
  const sizes = arg('--sizes', '250,1000,2000').split(',').map(Number);
  const loaded = loadScenario();
  const points = ['transactional-freeze', 'structural-architecture'].map((f) => ({
    scenario: resolveLoaded(loaded, f, {}).scenario,
    profiles: loaded.profiles,
  }));
  const redis = await startRedisServer();
  const workers = await startWorkers(redis.url, 2);
  const flush = async () => {
    const { Redis } = await import('ioredis');
    const r = new Redis(redis.url);
    await r.flushall();
    r.disconnect();
  };
  const timings = { local: { wall: [], cpu: [] } };
  for (const s of sizes) timings[s] = { wall: [], cpu: [] };
  let expected = null;
  // Both sides warm and long-lived: the pool's threads, like the worker processes, persist across rounds.
  const pool = poolExecutor(2);
  const lines = [`machine: ${machine()}; 2 arms x ${runs} runs, 365 days; ${rounds} interleaved rounds, medians`];
  try {
    // Warm-up: a small ensemble through each, so no configuration pays for cold threads.
    await runEnsemble(points, { runs: 300, seed: 2, workers: 2, executor: pool });
    {
      const ex = await openQueueExecutor({ url: redis.url, report: () => undefined });
      await runEnsemble(points, { runs: 300, seed: 2, workers: 2, executor: ex });
      await ex.close();
    }
    for (let round = 0; round < rounds; round++) {
      {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const accs = await runEnsemble(points, { runs, seed: 1, workers: 2, executor: pool });
        timings.local.wall.push((performance.now() - t0) / 1000);
        const c = process.cpuUsage(c0);
        timings.local.cpu.push((c.user + c.system) / 1e6);
        expected ??= encodeAccumulators(accs);
      }
      for (const size of sizes) {
        await flush();
        const w0 = workers.map((w) => cpuOf(w.pid));
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        const ex = await openQueueExecutor({
          url: redis.url,
          report: (l) => process.stderr.write(l + '\n'),
          runsPerJob: size,
        });
        const accs = await runEnsemble(points, { runs, seed: 1, workers: 2, executor: ex });
        await ex.close();
        timings[size].wall.push((performance.now() - t0) / 1000);
        const c = process.cpuUsage(c0);
        timings[size].cpu.push((c.user + c.system) / 1e6 + workers.reduce((t, w, i) => t + cpuOf(w.pid) - w0[i], 0));
        if (encodeAccumulators(accs) !== expected)
          throw new Error(`queue answer differs from the local pool's at ${size} runs per job`);
      }
    }
  } finally {
    await pool.close();
    await stopWorkers(workers);
    await redis.stop();
  }
  const lw = median(timings.local.wall);
  const lc = median(timings.local.cpu);
  lines.push(`local pool, 2 threads: ${lw.toFixed(2)} s wall, ${lc.toFixed(2)} s CPU`);
  for (const s of sizes) {
    const w = median(timings[s].wall);
    const c = median(timings[s].cpu);
    lines.push(
      `queue, 2 worker processes, ${s} runs per job (${((lc / (2 * runs)) * s).toFixed(2)} s of CPU per job): ${w.toFixed(2)} s wall (${((w / lw - 1) * 100).toFixed(1)}% overhead), ${c.toFixed(2)} s CPU (${((c / lc - 1) * 100).toFixed(1)}%); answer byte-identical`,
    );
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log((await benchQueue()).join('\n'));
}
