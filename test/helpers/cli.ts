/** Run the built CLI (dist/) as a user would. `npm test` builds first. */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const CLI = resolve(ROOT, 'dist', 'cli', 'main.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function truce(
  args: string[],
  opts: { cwd?: string; env?: Record<string, string>; input?: string } = {},
): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT,
    // Tables fit $COLUMNS (src/cli/render/format.ts): unset unless a test sets it, so output does not depend on the caller's shell.
    env: { ...process.env, COLUMNS: '', ...opts.env, FORCE_COLOR: '0' },
    input: opts.input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    // spawnSync blocks the test's event loop, so vitest's own timeout cannot fire: a CLI that hangs
    // is killed here and its test fails (code -1) instead of stalling the suite.
    timeout: 600_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The range warnings a command printed on stderr (`truce: warning: ...`), without their prefix. */
export function printedWarnings(stderr: string): string[] {
  const prefix = 'truce: warning: ';
  return stderr
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => l.slice(prefix.length));
}
