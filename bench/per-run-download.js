// What the dashboard's per-run download costs (docs/dashboard.md, "Per-run rows from the dashboard"): a stored
// table of --rows per-run rows (a small comparison's rows repeated in the store, so the table is cheap to make) sent
// by GET /api/runs/ID/per-run as CSV and Parquet, against `truce runs export ID --per-run --out FILE` of the same
// table timed in the same run, alternately. For each: wall time, CPU time (the server process, all its threads, or
// the CLI process) and the server's resident memory (idle, and the largest sample during the download, every 100 ms).
// The bytes sent are checked against the CLI's file. Not part of the test suite.
//
//   npm run build && node bench/per-run-download.js [--rows 1000000] [--reps 2]
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import Database from 'better-sqlite3';
import { machine } from './harness.js';

const arg = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const rows = arg('--rows', 1_000_000);
const reps = arg('--reps', 2);
const CLI = resolve(import.meta.dirname, '..', 'dist', 'cli', 'main.js');
const SEED_RUNS = 5000; // per arm: 10,000 rows, repeated up to --rows
const TICK = 100; // clock ticks a second in /proc/PID/stat

const dir = mkdtempSync(join(tmpdir(), 'truce-bench-download-'));
const db = join(dir, 'rows.db');

// A comparison of two arms stores 2 x SEED_RUNS rows; repeat them (replicates shifted) up to `rows`.
execFileSync(
  process.execPath,
  [CLI, 'compare', '--runs', String(SEED_RUNS), '--days', '30', '--posterior', 'none', '--db', db],
  {
    stdio: 'ignore',
  },
);
{
  const d = new Database(db);
  const copy = d.prepare(
    'INSERT INTO run_rows (experiment_id, point, replicate, row_json) SELECT experiment_id, point, replicate + ?, row_json FROM run_rows WHERE experiment_id = 1 AND replicate < ?',
  );
  const copies = Math.ceil(rows / (2 * SEED_RUNS));
  d.transaction(() => {
    for (let k = 1; k < copies; k++) copy.run(k * SEED_RUNS, SEED_RUNS);
  })();
  const n = d.prepare('SELECT count(*) AS n FROM run_rows').get().n;
  d.close();
  console.log(`# ${machine()}`);
  console.log(`# ${n.toLocaleString('en-US')} per-run rows in the store (${(statSync(db).size / 1e6).toFixed(0)} MB)`);
}

function procCpuMs(pid) {
  const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(f[11]) + Number(f[12])) * 1000) / TICK;
}
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;

function cliTimed(format, out) {
  const t0 = performance.now();
  let stderr = '';
  const child = spawn('/usr/bin/time', [
    '-f',
    '%U %S %M',
    process.execPath,
    CLI,
    'runs',
    'export',
    '1',
    '--per-run',
    '--format',
    format,
    '--out',
    out,
    '--db',
    db,
  ]);
  child.stderr.on('data', (d) => (stderr += d));
  return new Promise((res) =>
    child.on('exit', () => {
      const [u, s, kb] = stderr.trim().split('\n').pop().split(' ').map(Number);
      res({ wallMs: performance.now() - t0, cpuMs: (u + s) * 1000, peakMb: kb / 1024 });
    }),
  );
}

const server = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--db', db], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const port = await new Promise((res) => {
  let out = '';
  server.stdout.on('data', (d) => {
    out += d;
    const m = /127\.0\.0\.1:(\d+)/.exec(out);
    if (m) res(Number(m[1]));
  });
});

function download(format, out) {
  const t0 = performance.now();
  const c0 = procCpuMs(server.pid);
  let peak = rssMb(server.pid);
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
  return new Promise((res, rej) => {
    const req = request({ host: '127.0.0.1', port, path: `/api/runs/1/per-run?format=${format}` }, (r) => {
      if (r.statusCode !== 200) return rej(new Error(`HTTP ${r.statusCode}`));
      const file = createWriteStream(out);
      r.pipe(file);
      file.on('finish', () => {
        clearInterval(sampler);
        res({ wallMs: performance.now() - t0, cpuMs: procCpuMs(server.pid) - c0, peakMb: peak });
      });
    });
    req.on('error', rej);
    req.end();
  });
}

const fmt = (x) => x.toFixed(0);
console.log(`# server idle: ${rssMb(server.pid).toFixed(0)} MB resident`);
console.log('format   via     wall ms   CPU ms  peak MB  server/CLI CPU');
for (const format of ['csv', 'parquet']) {
  for (let k = 0; k < reps; k++) {
    const a = join(dir, `cli.${format}`);
    const b = join(dir, `srv.${format}`);
    // Alternate the order so that a change of load falls on both.
    const first = k % 2 === 0;
    const c = first ? await cliTimed(format, a) : null;
    const s = await download(format, b);
    const c2 = c ?? (await cliTimed(format, a));
    const same = readFileSync(a).equals(readFileSync(b));
    console.log(
      `${format.padEnd(8)} CLI    ${fmt(c2.wallMs).padStart(8)} ${fmt(c2.cpuMs).padStart(8)} ${fmt(c2.peakMb).padStart(8)}`,
    );
    console.log(
      `${format.padEnd(8)} server ${fmt(s.wallMs).padStart(8)} ${fmt(s.cpuMs).padStart(8)} ${fmt(s.peakMb).padStart(8)}  ${(s.cpuMs / c2.cpuMs).toFixed(2)}x${same ? '' : '  BYTES DIFFER'}`,
    );
    rmSync(a);
    rmSync(b);
  }
}
server.kill('SIGTERM');
await new Promise((res) => server.once('exit', res));
rmSync(dir, { recursive: true, force: true });
