/**
 * The fuzzer's hands: an HTTP request exactly as generated (any method, path
 * and body, through node:http, which sends TRACE and malformed paths that
 * fetch refuses), and a command run with a time limit and a memory watch.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
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

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Why it was stopped: over its time, or over its memory (a runaway); null when it ended by itself. */
  stopped: 'time' | 'memory' | null;
  peakRss: number;
}

/** Run `node cli.js ...args`, stopped past `timeoutMs` or above `maxRss` bytes resident. */
export function runCommand(
  cli: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs: number; maxRss: number },
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
    child.stdout!.on('data', (d: Buffer) => (stdout.length < 4e6 ? (stdout += d.toString()) : undefined));
    child.stderr!.on('data', (d: Buffer) => (stderr.length < 1e5 ? (stderr += d.toString()) : undefined));
    const timer = setTimeout(() => {
      stopped = 'time';
      child.kill('SIGKILL');
    }, opts.timeoutMs);
    const watch = setInterval(() => {
      peakRss = Math.max(peakRss, rssOf(child.pid));
      if (peakRss > opts.maxRss) {
        stopped = 'memory';
        child.kill('SIGKILL');
      }
    }, 100);
    child.on('close', (code) => {
      clearTimeout(timer);
      clearInterval(watch);
      resolveRun({ code, stdout, stderr, stopped, peakRss });
    });
  });
}
