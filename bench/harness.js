// Shared benchmark harness. Every figure is timed in the run that reports it:
// wall time (performance.now) and CPU time (process.cpuUsage, all threads of
// the process) side by side, after a warm-up of the same configuration. The
// machine may be shared, so ratios against a reference timed in the same run,
// interleaved round by round, and CPU time are the figures to compare; wall
// times alone are not.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

function cpuMsSince(c0) {
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

function summarise(name, wall, cpu) {
  return {
    name,
    medianMs: median(wall),
    minMs: Math.min(...wall),
    maxMs: Math.max(...wall),
    cpuMedianMs: median(cpu),
    repeats: wall.length,
  };
}

/** Time one synchronous function: warm-up calls, then `repeats` timed calls. */
export function measure(name, fn, { warmup = 3, repeats = 15 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < repeats; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    cpu.push(cpuMsSince(c0));
  }
  return summarise(name, wall, cpu);
}

/**
 * Time several configurations interleaved: every configuration is warmed up,
 * then each round times each configuration once, so load that comes and goes
 * falls on all of them alike. `configs` maps a name to a function (sync or
 * async). Returns a result per name (medians over rounds).
 */
export async function interleave(configs, { warmup = 1, rounds = 5 } = {}) {
  const names = Object.keys(configs);
  for (const n of names) for (let i = 0; i < warmup; i++) await configs[n]();
  const wall = Object.fromEntries(names.map((n) => [n, []]));
  const cpu = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (const n of names) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      await configs[n]();
      wall[n].push(performance.now() - t0);
      cpu[n].push(cpuMsSince(c0));
    }
  }
  return Object.fromEntries(names.map((n) => [n, summarise(n, wall[n], cpu[n])]));
}

/**
 * Compile a C source of bench/ with the system compiler (cc or gcc, -O2),
 * into a temporary directory. Returns the executable's path, or null with the
 * reason when no compiler is present or compilation fails.
 */
export function compileC(source) {
  for (const cc of ['cc', 'gcc', 'clang']) {
    try {
      execFileSync(cc, ['--version'], { stdio: 'ignore' });
    } catch {
      continue;
    }
    const dir = mkdtempSync(path.join(os.tmpdir(), 'truce-bench-'));
    const exe = path.join(dir, path.basename(source, '.c'));
    try {
      execFileSync(cc, ['-O2', '-o', exe, source, '-lm'], { stdio: 'pipe' });
      if (existsSync(exe) && statSync(exe).size > 0) return { exe, compiler: cc, reason: null };
    } catch (err) {
      return { exe: null, compiler: cc, reason: `${cc} failed: ${String(err.stderr ?? err.message).trim()}` };
    }
  }
  return { exe: null, compiler: null, reason: 'no C compiler (cc, gcc, clang) on PATH' };
}

export function machine() {
  return `node ${process.version}, ${process.platform}/${process.arch}, ${os.cpus()[0]?.model ?? 'cpu'}, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`;
}
