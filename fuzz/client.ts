/**
 * The fuzzer's hands: an HTTP request exactly as generated (any method, path
 * and body, through node:http, which sends TRACE and malformed paths that
 * fetch refuses), and a command run with a time limit and a memory watch.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { judgeCli, judgeHttp, judgeJob, type Judged } from './judge.js';
import type { RequestCase } from './requests.js';

export interface HttpAnswer {
  status: number;
  contentType: string;
  text: string;
}

/** Send one request; rejects on a dropped connection, resolves null past `timeoutMs`. */
export function send(port: number, token: string, r: RequestCase, timeoutMs: number): Promise<HttpAnswer | null> {
  return new Promise((resolveAnswer, reject) => {
    const body = r.method === 'GET' || r.method === 'HEAD' ? undefined : r.body;
    const req = request(
      {
        host: '127.0.0.1',
        port,
        // A fresh connection each time: a kept-alive one may be closed by the server as it is reused.
        agent: false,
        method: r.method,
        path: r.path,
        headers: {
          ...(r.contentType ? { 'content-type': r.contentType } : {}),
          ...(r.withToken ? { 'x-truce-token': token } : {}),
          ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text.length < 4e6 ? (text += d) : undefined));
        res.on('end', () => {
          clearTimeout(timer);
          resolveAnswer({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), text });
        });
        res.on('error', reject);
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      resolveAnswer(null);
    }, timeoutMs);
    req.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    req.end(body);
  });
}

export function rssOf(pid: number | undefined): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** CPU seconds a process (all its threads) or one thread has used: utime + stime of /proc/PID[/task/TID]/stat. */
export function cpuSecondsOf(pid: number | undefined, tid?: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}${tid ? `/task/${tid}` : ''}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat(5), counted from the state (field 3) here; clock ticks of 1/100 s on Linux.
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it was stopped: over its CPU time or wall time, or over its memory (a runaway); null when it ended by itself. */
  stopped: 'time' | 'memory' | null;
  cpuSeconds: number;
  peakRss: number;
}

export interface Limits {
  /** CPU seconds (all threads): a case over it is a hang, whatever the machine's load. */
  cpuSeconds: number;
  /** Wall time, a backstop for a process that waits on nothing. */
  timeoutMs: number;
  /** Resident bytes. */
  maxRss: number;
}

/** Run `node cli.js ...args`, stopped past its CPU or wall time or above its resident memory. */
export function runCommand(
  cli: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv } & Limits,
): Promise<CliRun> {
  return new Promise((resolveRun) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: opts.cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: opts.env ?? process.env,
    });
    let stdout = '';
    let stderr = '';
    let stopped: CliRun['stopped'] = null;
    let peakRss = 0;
    let cpu = 0;
    child.stdout!.on('data', (d: Buffer) => (stdout.length < 4e6 ? (stdout += d.toString()) : undefined));
    child.stderr!.on('data', (d: Buffer) => (stderr.length < 1e5 ? (stderr += d.toString()) : undefined));
    const timer = setTimeout(() => {
      stopped = 'time';
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const watch = setInterval(() => {
      peakRss = Math.max(peakRss, rssOf(child.pid));
      cpu = Math.max(cpu, cpuSecondsOf(child.pid));
      if (peakRss > opts.maxRss || cpu > opts.cpuSeconds) {
        stopped = peakRss > opts.maxRss ? 'memory' : 'time';
        child.kill('SIGKILL');
      }
    }, 100);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolveRun({ code, stdout, stderr, stopped, peakRss, cpuSeconds: cpu });
    });
  });
}

/** Poll a job the request started until it ends (or `timeoutMs`: a hang, and the job is cancelled); judge its result. */
async function waitForJob(port: number, token: string, id: string, timeoutMs: number): Promise<Judged> {
  const deadline = Date.now() + timeoutMs;
  const job = (method: string) =>
    send(port, token, { method, path: `/api/jobs/${id}`, contentType: '', withToken: true, body: '' }, timeoutMs);
  while (Date.now() < deadline) {
    const a = await job('GET');
    if (!a || a.status !== 200) return { verdict: 'crash', detail: `job ${id}: ${a?.status} ${a?.text.slice(0, 100)}` };
    const j = JSON.parse(a.text) as { status: string };
    if (j.status !== 'running') return judgeJob(j);
    await new Promise((r) => setTimeout(r, 100));
  }
  await job('DELETE');
  return { verdict: 'hang', detail: `job ${id} still running after ${timeoutMs / 1000} s` };
}

/** Send a generated request and judge the answer (and the job it started, if any). */
export async function requestVerdict(port: number, token: string, r: RequestCase, timeoutMs: number): Promise<Judged> {
  try {
    const a = await send(port, token, r, timeoutMs);
    if (!a) return { verdict: 'hang', detail: `no answer in ${timeoutMs / 1000} s` };
    const judged = judgeHttp(r.method, a.status, a.contentType, a.text);
    const job = a.status === 202 && judged.verdict === 'clean' ? (JSON.parse(a.text) as { id?: string }).id : undefined;
    return job ? await waitForJob(port, token, job, timeoutMs) : judged;
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    // A body over the limit may be cut off while it is still being sent: that is the refusal.
    const refusedEarly = Buffer.byteLength(r.body) > 2 * 2 ** 20 && /EPIPE|ECONNRESET/.test(e.code ?? '');
    return refusedEarly ? { verdict: 'clean', detail: '' } : { verdict: 'crash', detail: `${e.code}: ${e.message}` };
  }
}

/** Run a generated command line and judge it: over its time or memory is a hang (a runaway). */
export async function cliVerdict(
  cli: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv } & Limits,
): Promise<Judged> {
  const r = await runCommand(cli, args, opts);
  if (r.stopped === 'time')
    return { verdict: 'hang', detail: `over ${opts.cpuSeconds} s of CPU or ${opts.timeoutMs / 1000} s in all` };
  if (r.stopped === 'memory') return { verdict: 'hang', detail: `runaway: over ${opts.maxRss / 2 ** 20} MB resident` };
  return judgeCli(args, r.code, r.stdout, r.stderr);
}
