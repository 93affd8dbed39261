// Start-up benchmark: what a fresh `truce` process costs for the short commands the test suite and
// scripts start by the hundred, this build against a reference build timed in the same run.
//
//   node bench/startup.js [--reference DIST] [--rounds 7] [--only version,run,...] [--json FILE]
//
// DIST is another checkout's dist/ (built, with its node_modules, scenarios/ and data/ beside it, as a
// `git archive` of main plus `npm run build` gives). Every command runs in a fresh process, in a scratch
// folder, with its output discarded after the first round's check. Each round runs every command once per
// build, in alternating order (reference first in even rounds), so load that comes and goes falls on both
// alike. CPU is the process's user + system time (bash's `times` after the command: the child's rusage, to
// the millisecond, with nothing of this script in it); wall is performance.now around the spawn. Figures are
// medians over rounds; the ratio is reference / this build, of the medians, with the per-round range. The
// warm-up also checks that both builds exit as expected and print the same stdout and stderr, once each
// build's own folder and the seconds an ensemble took are masked.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { machine } from './harness.js';

const HERE = path.resolve(import.meta.dirname, '..', 'dist');

/** name -> arguments (a function of the build's package root, for files it ships). */
const COMMANDS = {
  node: null, // `node -e ""`: the floor, starting Node itself
  version: () => ['--version'],
  validate: (root) => ['scenario', 'validate', path.join(root, 'scenarios', 'iran-israel.yaml')],
  run: () => ['run', '--days', '30'],
  compare: () => ['compare', '--runs', '20', '--days', '60', '--workers', '1', '--no-store'],
  facts: () => ['facts', '--runs', '20', '--days', '60', '--workers', '1', '--no-store'],
  // A command refused for its --db after everything it needs is loaded (the store tests start dozens).
  refused: (_root, tmp) => ['compare', '--runs', '20', '--workers', '1', '--db', path.join(tmp, 'foreign.db')],
};

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};

/** One fresh process: its exit code, stdout, CPU ms (user + system, from bash's `times`) and wall ms. */
function timeOnce(argv, cwd) {
  const t0 = performance.now();
  const r = spawnSync('/bin/bash', ['-c', '"$@"; s=$?; times >&3; exit $s', 'bash', process.execPath, ...argv], {
    cwd,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: { ...process.env, COLUMNS: '', FORCE_COLOR: '0', TRUCE_DB: path.join(cwd, 'truce.db') },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  // `times` prints the shell's own times, then its children's: "0m0.262s 0m0.010s".
  const children = (r.output[3] ?? '').trim().split('\n')[1] ?? '';
  const secs = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (secs.length !== 2) throw new Error(`could not read the CPU time of ${argv.join(' ')}: ${r.output[3]}`);
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, cpuMs: (secs[0] + secs[1]) * 1000, wallMs };
}

export function benchStartup({ reference, rounds = 7, only } = {}) {
  const builds = reference ? { reference: path.resolve(reference), current: HERE } : { current: HERE };
  const names = Object.keys(COMMANDS).filter((n) => !only || only.includes(n) || n === 'node');
  const tmp = mkdtempSync(path.join(tmpdir(), 'truce-startup-'));
  try {
    writeFileSync(path.join(tmp, 'foreign.db'), 'not a database\n');
    const argvOf = (name, dist) => {
      const f = COMMANDS[name];
      return f ? [path.join(dist, 'cli', 'main.js'), ...f(path.dirname(dist), tmp)] : ['-e', ''];
    };
    const fig = Object.fromEntries(
      names.map((n) => [n, Object.fromEntries(Object.keys(builds).map((b) => [b, { cpu: [], wall: [] }]))]),
    );
    const notes = [];
    // Warm-up (file cache, and each build's first run of each command): one untimed run each, checked.
    for (const n of names) {
      const out = {};
      for (const [b, dist] of Object.entries(builds)) {
        const r = timeOnce(argvOf(n, dist), tmp);
        const expectCode = n === 'refused' ? 2 : 0;
        if (r.code !== expectCode) throw new Error(`${b}: ${n} exited ${r.code}, expected ${expectCode}: ${r.stderr}`);
        out[b] = r;
      }
      if (!reference) continue;
      const masked = (b, text) =>
        text.replaceAll(path.dirname(builds[b]), '<root>').replace(/\(\d+(\.\d+)? s on /g, '(N s on ');
      for (const stream of ['stdout', 'stderr'])
        if (masked('reference', out.reference[stream]) !== masked('current', out.current[stream]))
          notes.push(`${n}: ${stream} DIFFERS between builds`);
    }
    for (let round = 0; round < rounds; round++) {
      for (const n of names) {
        const order = Object.keys(builds);
        if (round % 2) order.reverse();
        for (const b of order) {
          const r = timeOnce(argvOf(n, builds[b]), tmp);
          fig[n][b].cpu.push(r.cpuMs);
          fig[n][b].wall.push(r.wallMs);
        }
      }
    }
    const lines = [`machine: ${machine()}; ${rounds} rounds, medians; CPU is user + system of the process`];
    const figures = {};
    for (const n of names) {
      const label = n === 'node' ? 'node -e ""' : `truce ${COMMANDS[n]('<root>', '<tmp>').join(' ')}`;
      const f = (figures[n] = { command: label });
      for (const b of Object.keys(builds)) {
        f[b] = { cpuMs: median(fig[n][b].cpu), wallMs: median(fig[n][b].wall), cpuByRound: fig[n][b].cpu };
      }
      let line = `${label}\n  this build ${f.current.cpuMs.toFixed(0)} ms CPU, ${f.current.wallMs.toFixed(0)} ms wall`;
      if (reference) {
        f.cpuRatio = f.reference.cpuMs / f.current.cpuMs;
        const perRound = fig[n].reference.cpu.map((c, i) => c / fig[n].current.cpu[i]);
        f.cpuRatioRange = [Math.min(...perRound), Math.max(...perRound)];
        line +=
          `; reference ${f.reference.cpuMs.toFixed(0)} ms CPU, ${f.reference.wallMs.toFixed(0)} ms wall;` +
          ` reference / this build ${f.cpuRatio.toFixed(2)}x CPU (rounds ${f.cpuRatioRange.map((v) => v.toFixed(2)).join('-')}),` +
          ` ${(f.reference.wallMs / f.current.wallMs).toFixed(2)}x wall`;
      }
      lines.push(line);
    }
    if (reference)
      lines.push(notes.length ? notes.join('\n') : 'outputs: stdout and stderr identical for every command');
    return { lines, figures: { rounds, builds, commands: figures, notes } };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = benchStartup({
    reference: arg('--reference'),
    rounds: Number(arg('--rounds') ?? 7),
    only: arg('--only')?.split(','),
  });
  console.log(r.lines.join('\n'));
  const json = arg('--json');
  if (json)
    writeFileSync(
      json,
      JSON.stringify({ machine: machine(), date: new Date().toISOString(), ...r.figures }, null, 2) + '\n',
    );
}
