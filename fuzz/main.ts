/**
 * The long fuzz mode: `npm run fuzz -- --minutes N [--seed S] [--workers W]`.
 * Generates documents of every kind (fuzz/arbitraries.ts) and runs them
 * through the use cases in worker threads (a case running over 20 s is a hang:
 * its thread is stopped and replaced; a thread that dies, out of memory say,
 * is a crash), through the dashboard's API (a real `truce serve` on a free
 * loopback port, with hostile request bodies too) and through the CLI with
 * abusive flags. Prints one line: cases, clean, crashes, hangs, nonsense.
 * Failing cases go to fuzz-failures.jsonl for replay.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { documentArbitrary, type FuzzCase } from './arbitraries.js';
import { cliArbitrary, requestArbitrary, type CliCase, type RequestCase } from './requests.js';
import { findNonsense } from './nonsense.js';
import type { Outcome } from './targets.js';

const ROOT = (() => {
  let dir = import.meta.dirname;
  while (
    !existsSync(resolve(dir, 'package.json')) ||
    !readFileSync(resolve(dir, 'package.json'), 'utf8').includes('"name": "truce"')
  )
    dir = resolve(dir, '..');
  return dir;
})();
const CLI = resolve(ROOT, 'dist', 'cli', 'main.js');
const HANG_MS = 20_000;

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) {
    process.stderr.write(`fuzz: --${name}: expected a number, got ${JSON.stringify(process.argv[i + 1])}\n`);
    process.exit(2);
  }
  return v;
}

const minutes = flag('minutes', 1);
const seed = flag('seed', Date.now() % 1_000_000_007);
const nWorkers = Math.max(1, flag('workers', 2));
const failures = resolve(ROOT, 'fuzz-failures.jsonl');
writeFileSync(failures, '');

const tally = { cases: 0, clean: 0, crashes: 0, hangs: 0, nonsense: 0 };
const byTarget: Record<string, number> = {};
function record(kind: string, verdict: 'clean' | 'crash' | 'hang' | 'nonsense', detail: string, input: unknown): void {
  tally.cases++;
  byTarget[kind] = (byTarget[kind] ?? 0) + 1;
  if (verdict === 'clean') tally.clean++;
  else {
    if (verdict === 'crash') tally.crashes++;
    else if (verdict === 'hang') tally.hangs++;
    else tally.nonsense++;
    appendFileSync(failures, JSON.stringify({ kind, verdict, detail, input }) + '\n');
    process.stderr.write(`fuzz: ${verdict} in ${kind}: ${detail}\n`);
  }
}

/** Cases drawn in batches from one seeded stream. */
function* stream<T>(arb: fc.Arbitrary<T>, s: number): Generator<T> {
  for (let batch = 0; ; batch++) yield* fc.sample(arb, { numRuns: 100, seed: s + batch });
}

// ---- documents, in worker threads ------------------------------------------------------------
interface Slot {
  worker: Worker;
  busy: { c: FuzzCase; timer: NodeJS.Timeout; resolve: () => void } | null;
}

function startWorker(slot: Partial<Slot>): Slot {
  const worker = new Worker(resolve(import.meta.dirname, 'worker.js'), {
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  const s = slot as Slot;
  s.worker = worker;
  s.busy = null;
  worker.on('message', (m: { outcomes: Outcome[] }) => {
    const b = s.busy;
    if (!b) return;
    clearTimeout(b.timer);
    s.busy = null;
    const worst = m.outcomes[0];
    record(
      `file:${b.c.kind}`,
      worst?.verdict ?? 'clean',
      worst ? `${worst.target}: ${worst.detail} [${b.c.how.join(' | ')}]` : '',
      b.c,
    );
    b.resolve();
  });
  worker.on('error', (err) => {
    const b = s.busy;
    s.busy = null;
    if (b) {
      clearTimeout(b.timer);
      record(`file:${b.c.kind}`, 'crash', `worker died: ${err.message} [${b.c.how.join(' | ')}]`, b.c);
      startWorker(s);
      b.resolve();
    }
  });
  return s;
}

function runOn(slot: Slot, c: FuzzCase, id: number): Promise<void> {
  return new Promise((resolveCase) => {
    const timer = setTimeout(() => {
      const b = slot.busy;
      slot.busy = null;
      void slot.worker.terminate();
      record(`file:${c.kind}`, 'hang', `over ${HANG_MS / 1000} s [${c.how.join(' | ')}]`, c);
      startWorker(slot);
      b?.resolve();
    }, HANG_MS);
    slot.busy = { c, timer, resolve: resolveCase };
    slot.worker.postMessage({ id, c, seed: id });
  });
}

// ---- the dashboard, over HTTP ---------------------------------------------------------------
interface Dashboard {
  child: ChildProcess;
  base: string;
  token: string;
}

async function startDashboard(): Promise<Dashboard> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-store', '--workers', '1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const base = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /on (http:\/\/[^/\s]+)\//.exec(out);
      if (m) res(m[1]);
    });
    child.on('exit', (code) => rej(new Error(`truce serve exited with ${code}`)));
  });
  const page = await (await fetch(`${base}/`)).text();
  const token = /name="truce-token" content="([^"]+)"/.exec(page)?.[1] ?? '';
  return { child, base, token };
}

async function rss(d: Dashboard): Promise<number> {
  try {
    const status = readFileSync(`/proc/${d.child.pid}/status`, 'utf8');
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function sendRequest(d: Dashboard, r: RequestCase): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HANG_MS);
  const kind = `api:${r.method} ${r.path.split('?')[0].slice(0, 40)}`;
  try {
    const res = await fetch(d.base + r.path, {
      method: r.method,
      headers: { 'content-type': r.contentType, ...(r.withToken ? { 'x-truce-token': d.token } : {}) },
      body: r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body,
      signal: controller.signal,
    });
    const text = await res.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
    if (res.status >= 500) record(kind, 'crash', `${res.status}: ${text.slice(0, 200)}`, r);
    else if (res.status >= 400) {
      const ok = body !== null && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string';
      record(kind, ok ? 'clean' : 'crash', ok ? '' : `${res.status} without a sentence: ${text.slice(0, 100)}`, r);
    } else {
      const bad = res.headers.get('content-type')?.includes('json') ? findNonsense(body) : null;
      record(kind, bad ? 'nonsense' : 'clean', bad ?? '', r);
    }
  } catch (err) {
    record(kind, controller.signal.aborted ? 'hang' : 'crash', (err as Error).message, r);
  } finally {
    clearTimeout(timer);
  }
}

// ---- the CLI, with abusive flags ------------------------------------------------------------
function runCli(c: CliCase): Promise<void> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [CLI, ...c.args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, TRUCE_DB: resolve(ROOT, '.fuzz.db') },
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d: Buffer) => (out.length < 1e6 ? (out += d.toString()) : undefined));
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), HANG_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const kind = `cli:${c.args[0]}`;
      if (signal === 'SIGKILL') record(kind, 'hang', `over ${HANG_MS / 1000} s`, c);
      else if (code === 0 || code === 2) {
        if (code === 2 && (/internal error|\n\s+at /.test(err) || err.trim().length === 0))
          record(kind, 'crash', `exit 2 without a clean sentence: ${err.slice(0, 200)}`, c);
        else {
          let bad: string | null = null;
          if (code === 0 && c.args.includes('--json')) {
            try {
              bad = findNonsense(JSON.parse(out));
            } catch {
              bad = null;
            }
          }
          record(kind, bad ? 'nonsense' : 'clean', bad ?? '', c);
        }
      } else record(kind, 'crash', `exit ${code ?? signal}: ${err.slice(0, 200)}`, c);
      res();
    });
  });
}

async function main(): Promise<void> {
  const deadline = Date.now() + minutes * 60_000;
  const docs = stream(documentArbitrary(), seed);
  const requests = stream(requestArbitrary(), seed + 7_919);
  const clis = stream(cliArbitrary(), seed + 104_729);
  const dashboard = await startDashboard();
  let peakRss = 0;
  const slots = Array.from({ length: nWorkers }, () => startWorker({}));
  let id = 0;
  const docLoop = async (slot: Slot) => {
    while (Date.now() < deadline) await runOn(slot, docs.next().value as FuzzCase, id++);
  };
  const apiLoop = async () => {
    while (Date.now() < deadline) {
      await sendRequest(dashboard, requests.next().value as RequestCase);
      peakRss = Math.max(peakRss, await rss(dashboard));
    }
  };
  const cliLoop = async () => {
    while (Date.now() < deadline) await runCli(clis.next().value as CliCase);
  };
  await Promise.all([...slots.map(docLoop), apiLoop(), cliLoop()]);
  // After everything: the built-in scenario still checks and runs, and the server stayed small.
  const builtIn = readFileSync(resolve(ROOT, 'scenarios', 'iran-israel.yaml'), 'utf8');
  const post = (path: string, body: unknown) =>
    fetch(dashboard.base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-truce-token': dashboard.token },
      body: JSON.stringify(body),
    });
  const check = (await (await post('/api/check', { yaml: builtIn })).json()) as { ok?: boolean };
  const run = await post('/api/run', { yaml: builtIn, seed: 1 });
  const healthy = check.ok === true && run.status === 200;
  if (!healthy)
    record(
      'api:after',
      'crash',
      `the built-in scenario no longer checks (${JSON.stringify(check).slice(0, 100)}) or runs (${run.status})`,
      null,
    );
  dashboard.child.kill('SIGTERM');
  await Promise.all(slots.map((s) => s.worker.terminate()));
  const parts = Object.entries(byTarget)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  process.stdout.write(
    `fuzz: ${tally.cases} cases in ${minutes} min (seed ${seed}): clean ${tally.clean}, crashes ${tally.crashes}, hangs ${tally.hangs}, nonsense ${tally.nonsense}; server peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB, built-in scenario afterwards ${healthy ? 'ok' : 'BROKEN'} [${parts}]\n`,
  );
  process.exitCode = tally.crashes + tally.hangs + tally.nonsense === 0 && healthy ? 0 : 1;
}

main().catch((err) => {
  process.stderr.write(`fuzz: ${(err as Error).stack}\n`);
  process.exitCode = 70;
});
