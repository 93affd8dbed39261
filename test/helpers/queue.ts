/** Queue test helpers: a `truce worker` process read line by line, Redis keys counted and flushed. */
import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { PREFIX } from '../../src/queue/protocol.js';
import { CLI } from './cli.js';

export async function resultCount(url: string): Promise<number> {
  const r = new Redis(url);
  const keys = await r.keys(`${PREFIX}:result:*`);
  r.disconnect();
  return keys.length;
}

export async function flushRedis(url: string): Promise<void> {
  const r = new Redis(url);
  await r.flushall();
  r.disconnect();
}

/** A `truce worker` process, its stderr read line by line. */
export function workerProcess(
  url: string,
  extraArgs: string[] = [],
): {
  proc: ChildProcess;
  lines: string[];
  waitFor(re: RegExp, count?: number): Promise<string>;
  stop(): Promise<void>;
} {
  const proc = spawn(
    process.execPath,
    [CLI, 'worker', '--redis', url, '--concurrency', '1', '--stall-seconds', '2', '--verbose', ...extraArgs],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const lines: string[] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  proc.stderr!.on('data', (b: Buffer) => {
    buf += b.toString();
    let i;
    while ((i = buf.indexOf('\n')) >= 0) {
      lines.push(buf.slice(0, i));
      buf = buf.slice(i + 1);
    }
    waiters.forEach((w) => w());
  });
  const waitFor = (re: RegExp, count = 1) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const hits = lines.filter((l) => re.test(l));
        if (hits.length >= count) resolve(hits[count - 1]);
      };
      waiters.push(check);
      proc.once('exit', (code) => reject(new Error(`worker exited (${code}) waiting for ${re}:\n${lines.join('\n')}`)));
      check();
    });
  const stop = async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  };
  return { proc, lines, waitFor, stop };
}
