/** Start `truce serve` on a free port for a test, and stop it afterwards. */
import { spawn, type ChildProcess } from 'node:child_process';
import { CLI, ROOT } from './cli.js';

export interface RunningServer {
  url: string;
  port: number;
  /** The session token the page carries (state-changing requests send it back). */
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export async function startServer(
  db: string | null,
  extra: string[] = [],
  env: Record<string, string> = {},
): Promise<RunningServer> {
  const child: ChildProcess = spawn(
    process.execPath,
    [CLI, 'serve', '--port', '0', ...(db ? ['--db', db] : ['--no-store']), '--workers', '2', ...extra],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
  });
  const page = await (await fetch(url)).text();
  const token = /<meta name="truce-token" content="([^"]+)">/.exec(page)?.[1] ?? '';
  return {
    url,
    port: Number(new URL(url).port),
    token,
    child,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
