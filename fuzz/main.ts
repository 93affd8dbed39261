/**
 * The long fuzz mode: `npm run fuzz -- --minutes N [--seed S] [--workers W] [--out DIR]`,
 * or `npm run fuzz -- --replay DIR` to run saved failures again.
 *
 * Three loops run until the time is up:
 * - documents of every kind (fuzz/arbitraries.ts), drawn and run through the
 *   use cases in worker threads (fuzz/worker.ts, fuzz/targets.ts); a case over
 *   20 s is a hang (its thread is stopped and replaced), a thread that runs out
 *   of its 1-GB heap is a runaway, counted with the hangs;
 * - hostile requests (fuzz/requests.ts) against a real `truce serve` on a free
 *   loopback port, whose resident memory is watched (over 500 MB is a runaway);
 *   a job a request starts is polled to its end and its result judged;
 * - abusive command lines (fuzz/requests.ts), each a `truce` process with a
 *   20-s limit and a 1-GB memory watch.
 * Afterwards the server must still check and run the built-in scenario.
 *
 * Prints one line, `fuzz: cases N, clean N, crashes N, hangs N, nonsense N ...`
 * with the counts per target, writes each failing input to the output folder
 * (default fuzz-failures/SEED/) and exits 1 if anything failed. The CLI and the
 * server run from dist/: `npm run fuzz` builds first.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import type { FuzzCase } from './arbitraries.js';
import { cliVerdict, cpuSecondsOf, requestVerdict, rssOf, send } from './client.js';
import { routeOf, type Verdict } from './judge.js';
import { cliArbitrary, requestArbitrary, withFuzzBudget, type CliCase, type RequestCase } from './requests.js';
import type { Outcome } from './targets.js';

const ROOT = resolve(import.meta.dirname, '..');
const CLI = resolve(ROOT, 'dist', 'cli', 'main.js');
/** A case using more CPU than this is a hang (CPU time, not wall time: the machine may be shared and loaded). */
const HANG_CPU_S = 20;
/** Wall-time backstops: for a case that waits on nothing, and for an answer from the server. */
const HANG_MS = 120_000;
const HTTP_MS = 60_000;
const CLI_MAX_RSS = 2 ** 30;
const SERVER_MAX_RSS = 500 * 2 ** 20;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
function numberOption(name: string, fallback: number): number {
  const raw = option(name);
  const v = raw === undefined ? fallback : Number(raw);
  if (!Number.isFinite(v) || v < 0) {
    process.stderr.write(`fuzz: --${name}: expected a number of at least 0, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return v;
}

const minutes = numberOption('minutes', 1);
const seed = Math.floor(numberOption('seed', Date.now() % 1_000_000_007));
const nWorkers = Math.max(1, Math.floor(numberOption('workers', 2)));
const replayDir = option('replay');
const outDir = resolve(option('out') ?? resolve(ROOT, 'fuzz-failures', String(seed)));

// ---- the tally ------------------------------------------------------------------------------
const tally = { cases: 0, clean: 0, crashes: 0, hangs: 0, nonsense: 0 };
const byTarget = new Map<string, number>();
let saved = 0;

type Saved =
  | { target: 'file'; input: FuzzCase }
  | { target: 'api'; input: RequestCase }
  | { target: 'cli'; input: CliCase }
  | { target: 'after'; input: null };

function record(kind: string, verdict: Verdict, detail: string, what: Saved): void {
  tally.cases++;
  byTarget.set(kind, (byTarget.get(kind) ?? 0) + 1);
  if (verdict === 'clean') return void tally.clean++;
  if (verdict === 'crash') tally.crashes++;
  else if (verdict === 'hang') tally.hangs++;
  else tally.nonsense++;
  mkdirSync(outDir, { recursive: true });
  const name = `${String(++saved).padStart(4, '0')}-${verdict}-${kind.replace(/[^\w]+/g, '_').slice(0, 40)}`;
  writeFileSync(resolve(outDir, `${name}.json`), JSON.stringify({ kind, verdict, detail, ...what }, null, 1) + '\n');
  // The document itself too, for `truce ... FILE` by hand.
  if (what.target === 'file') writeFileSync(resolve(outDir, `${name}.yaml`), what.input.text);
  process.stderr.write(`fuzz: ${verdict} in ${kind}: ${detail.slice(0, 300)}\n`);
}

// ---- documents, in worker threads -------------------------------------------------------------
interface Slot {
  worker: Worker;
  ready: Promise<void>;
  tid: number;
  busy: { id: number; c?: FuzzCase; timer?: NodeJS.Timeout; done: () => void } | null;
}

function startWorker(slot: Partial<Slot>): Slot {
  const s = slot as Slot;
  const worker = new Worker(resolve(import.meta.dirname, 'worker.ts'), {
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  });
  s.worker = worker;
  s.busy = null;
  s.ready = new Promise((r) =>
    worker.once('message', (m: { tid: number }) => {
      s.tid = m.tid;
      r();
    }),
  );
  const finish = (verdict: Verdict, detail: string) => {
    const b = s.busy;
    if (!b) return;
    clearInterval(b.timer);
    s.busy = null;
    const c = b.c ?? { kind: 'scenario', how: ['(not drawn)'], text: '' };
    record(`file:${c.kind}`, verdict, detail, { target: 'file', input: c });
    b.done();
  };
  worker.on('message', (m: { type: string; id: number; c: FuzzCase; outcomes: Outcome[]; ms: number }) => {
    const b = s.busy;
    if (!b || m.id !== b.id) return;
    if (m.type === 'case') {
      b.c = m.c;
      // A hang: still busy past its CPU time (or the wall-time backstop). The check waits one turn so an
      // answer already queued is read first.
      const cpu0 = cpuSecondsOf(process.pid, s.tid);
      const wall0 = Date.now();
      b.timer = setInterval(
        () =>
          setImmediate(() => {
            if (s.busy !== b) return;
            const cpu = cpuSecondsOf(process.pid, s.tid) - cpu0;
            if (cpu <= HANG_CPU_S && Date.now() - wall0 <= HANG_MS) return;
            finish('hang', `over ${HANG_CPU_S} s of CPU (${cpu.toFixed(1)} s) [${m.c.how.join(' | ')}]`);
            void worker.terminate();
            startWorker(s);
          }),
        500,
      );
    } else if (m.type === 'done') {
      const worst = m.outcomes[0];
      const how = `[${b.c?.how.join(' | ')}]`;
      finish(worst?.verdict ?? 'clean', worst ? `${worst.target}: ${worst.detail} ${how}` : '');
    }
  });
  worker.on('error', (err) => {
    const runaway = (err as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY';
    finish(runaway ? 'hang' : 'crash', `${runaway ? 'runaway: ' : 'worker died: '}${err.message}`);
    startWorker(s);
  });
  return s;
}

async function runOn(slot: Slot, id: number, c?: FuzzCase): Promise<void> {
  await slot.ready;
  await new Promise<void>((done) => {
    slot.busy = { id, done, ...(c ? { c } : {}) };
    slot.worker.postMessage({ id, seed: seed + id, c });
  });
}

// ---- the dashboard, over HTTP -----------------------------------------------------------------
interface Dashboard {
  child: ChildProcess;
  port: number;
  token: string;
  peakRss: number;
}

async function startDashboard(): Promise<Dashboard> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--no-store', '--workers', '1'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const port = await new Promise<number>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) res(Number(m[1]));
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => rej(new Error(`truce serve exited with ${code}: ${out.slice(0, 500)}`)));
  });
  const page = await send(port, '', { method: 'GET', path: '/', contentType: '', withToken: false, body: '' }, HANG_MS);
  const token = /name="truce-token" content="([^"]+)"/.exec(page?.text ?? '')?.[1] ?? '';
  return { child, port, token, peakRss: 0 };
}

async function sendRequest(d: Dashboard, r: RequestCase): Promise<void> {
  let judged = await requestVerdict(d.port, d.token, r, HTTP_MS);
  const rss = rssOf(d.child.pid);
  d.peakRss = Math.max(d.peakRss, rss);
  if (judged.verdict === 'clean' && rss > SERVER_MAX_RSS)
    judged = { verdict: 'hang', detail: `runaway: server resident memory ${(rss / 2 ** 20).toFixed(0)} MB` };
  record(routeOf(r.method, r.path), judged.verdict, judged.detail, { target: 'api', input: r });
}

/** The built-in scenario still checks and runs on the server. */
async function builtInStillWorks(d: Dashboard): Promise<string | null> {
  const yaml = readFileSync(resolve(ROOT, 'scenarios', 'iran-israel.yaml'), 'utf8');
  const post = (path: string, body: unknown) =>
    send(
      d.port,
      d.token,
      { method: 'POST', path, contentType: 'application/json', withToken: true, body: JSON.stringify(body) },
      HANG_MS,
    );
  const check = await post('/api/check', { yaml });
  if (check?.status !== 200 || JSON.parse(check.text).ok !== true)
    return `the built-in scenario no longer checks: ${check?.status} ${check?.text.slice(0, 200)}`;
  const run = await post('/api/run', { yaml, framework: null, seed: 3, days: 60 });
  if (run?.status !== 200 || JSON.parse(run.text).scenario !== 'iran-israel')
    return `the built-in scenario no longer runs: ${run?.status} ${run?.text.slice(0, 200)}`;
  return null;
}

// ---- the CLI, with abusive flags ----------------------------------------------------------------
async function runCli(c: CliCase): Promise<void> {
  const env = { ...process.env, TRUCE_DB: resolve(outDir, '..', `.fuzz-${process.pid}.db`) };
  const judged = await cliVerdict(CLI, c.args, {
    cwd: ROOT,
    env,
    cpuSeconds: HANG_CPU_S,
    timeoutMs: HANG_MS,
    maxRss: CLI_MAX_RSS,
  });
  record(`cli:${c.args[0]}`, judged.verdict, `${judged.detail} [truce ${c.args.join(' ').slice(0, 200)}]`, {
    target: 'cli',
    input: c,
  });
}

// ---- the run --------------------------------------------------------------------------------------
function summary(extra: string): string {
  const parts = [...byTarget.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  return `fuzz: cases ${tally.cases}, clean ${tally.clean}, crashes ${tally.crashes}, hangs ${tally.hangs}, nonsense ${tally.nonsense} (${extra}) [${parts}]\n`;
}

async function replay(dir: string): Promise<void> {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const dashboard = await startDashboard();
  const slot = startWorker({});
  for (const f of files) {
    const s = JSON.parse(readFileSync(resolve(dir, f), 'utf8')) as Saved;
    if (s.target === 'file') await runOn(slot, tally.cases, s.input);
    else if (s.target === 'api') await sendRequest(dashboard, s.input);
    else if (s.target === 'cli') await runCli(withFuzzBudget(s.input));
  }
  const broken = await builtInStillWorks(dashboard);
  if (broken) record('api:after', 'crash', broken, { target: 'after', input: null });
  dashboard.child.kill('SIGTERM');
  await slot.worker.terminate();
  process.stdout.write(summary(`replay of ${dir}`));
  process.exitCode = tally.clean === tally.cases ? 0 : 1;
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build (npm run fuzz does)`);
  if (replayDir) return replay(resolve(replayDir));
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  const requests = requestArbitrary();
  const clis = cliArbitrary();
  let dashboard = await startDashboard();
  let peakRss = 0;
  const slots = Array.from({ length: nWorkers }, () => startWorker({}));
  let id = 0;
  const docLoop = async (slot: Slot) => {
    while (Date.now() < deadline) await runOn(slot, id++);
  };
  const apiLoop = async () => {
    while (Date.now() < deadline) {
      const i = id++;
      await sendRequest(dashboard, fc.sample(requests, { numRuns: 1, seed: seed + i })[0]);
      if (dashboard.child.exitCode !== null || dashboard.child.signalCode !== null) {
        record('api:server', 'crash', `truce serve died (${dashboard.child.exitCode ?? dashboard.child.signalCode})`, {
          target: 'after',
          input: null,
        });
        peakRss = Math.max(peakRss, dashboard.peakRss);
        dashboard = await startDashboard();
      }
    }
  };
  const cliLoop = async () => {
    while (Date.now() < deadline) {
      const i = id++;
      await runCli(fc.sample(clis, { numRuns: 1, seed: seed + i })[0]);
    }
  };
  await Promise.all([...slots.map(docLoop), apiLoop(), cliLoop()]);
  // After everything: the built-in scenario still checks and runs, and the server stayed small.
  const broken = await builtInStillWorks(dashboard);
  if (broken) record('api:after', 'crash', broken, { target: 'after', input: null });
  peakRss = Math.max(peakRss, dashboard.peakRss, rssOf(dashboard.child.pid));
  dashboard.child.kill('SIGTERM');
  await Promise.all(slots.map((s) => s.worker.terminate()));
  const took = ((Date.now() - started) / 60_000).toFixed(1);
  process.stdout.write(
    summary(
      `seed ${seed}, ${took} min, ${nWorkers} document threads; server peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB; built-in scenario afterwards ${broken ? 'BROKEN' : 'checks and runs'}`,
    ),
  );
  if (saved > 0) process.stdout.write(`fuzz: failing inputs in ${outDir} (npm run fuzz -- --replay ${outDir})\n`);
  process.exitCode = tally.clean === tally.cases ? 0 : 1;
}

main().catch((err) => {
  process.stderr.write(`fuzz: ${(err as Error).stack}\n`);
  process.exitCode = 70;
});
