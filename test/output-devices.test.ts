/**
 * Output paths that name the process's own standard output or error (src/io/output.ts, docs/limits.md
 * "Output paths"). A Node parent's pipes are UNIX sockets, and opening `/dev/stdout` on a socket fails
 * with ENXIO; redirected to a file, the path looks like a regular file that an atomic write would rename a
 * temporary file over. truce writes such paths through its own stream. Spawned here as a user's Node script
 * would, with piped stdio (the helper's spawnSync), and through a shell (a real pipe, a redirected file).
 */
import { spawnSync } from 'node:child_process';
import { lstatSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, truce } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-devices-'));
const env = { TRUCE_DB: join(dir, 'truce.db') };
const COMPARE = ['compare', '--runs', '6', '--days', '20', '--workers', '1', '--seed', '3'];

beforeAll(() => {
  // One stored comparison (experiment 1) for `runs export`.
  const r = truce(COMPARE, { env });
  expect(r.code, r.stderr).toBe(0);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('--out /dev/stdout when standard output is a socket', () => {
  it('the test spawns the CLI with sockets for stdio (what the fallback is for)', () => {
    const probe = spawnSync(
      process.execPath,
      [
        '-e',
        "const f = require('fs'); process.stdout.write(String(f.fstatSync(1).isSocket() && f.fstatSync(2).isSocket()))",
      ],
      { encoding: 'utf8' },
    );
    expect(probe.stdout).toBe('true');
  });

  it('runs export --out /dev/stdout, /dev/fd/1: the same bytes as without --out, exit 0', () => {
    const plain = truce(['runs', 'export', '1'], { env });
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout.split('\n').length).toBeGreaterThan(10);
    for (const path of ['/dev/stdout', '/dev/fd/1']) {
      const r = truce(['runs', 'export', '1', '--out', path], { env });
      expect(r.stderr, path).toBe('');
      expect(r.code, path).toBe(0);
      expect(r.stdout, path).toBe(plain.stdout);
    }
  });

  it('runs export --out /dev/stderr, /dev/fd/2: the content on standard error, nothing on standard output', () => {
    const plain = truce(['runs', 'export', '1', '--per-run', '--format', 'json'], { env });
    for (const path of ['/dev/stderr', '/dev/fd/2']) {
      const r = truce(['runs', 'export', '1', '--per-run', '--format', 'json', '--out', path], { env });
      expect(r.code, path).toBe(0);
      expect(r.stdout, path).toBe('');
      expect(r.stderr, path).toBe(plain.stdout);
    }
  });

  it('runs export --format parquet --out /dev/fd/1: byte for byte the file --out FILE writes', () => {
    // /dev/fd/1, not /dev/stdout: Parquet once wrote a temporary file beside the target and renamed it into
    // place, which as root replaces the /dev/stdout link itself; under /dev/fd (/proc/self/fd) a regression
    // fails to create the temporary file instead of damaging the machine.
    const file = join(dir, 'per-run.parquet');
    expect(truce(['runs', 'export', '1', '--per-run', '--format', 'parquet', '--out', file], { env }).code).toBe(0);
    const r = spawnSync(
      process.execPath,
      [CLI, 'runs', 'export', '1', '--per-run', '--format', 'parquet', '--out', '/dev/fd/1'],
      {
        env: { ...process.env, ...env },
      },
    );
    expect(r.stderr.toString()).toBe('');
    expect(r.status).toBe(0);
    const want = readFileSync(file);
    expect(want.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(Buffer.compare(r.stdout, want)).toBe(0);
    // The device is still the device: nothing was renamed over it.
    expect(statSync('/dev/fd/1').isFile()).toBe(false);
  });

  it('compare --runs-csv /dev/stdout: the whole per-run table, then the comparison, exit 0', () => {
    const file = join(dir, 'runs.csv');
    const args = [...COMPARE, '--no-store'];
    expect(truce([...args, '--runs-csv', file], { env }).code).toBe(0);
    const want = readFileSync(file, 'utf8');
    expect(want.trim().split('\n')).toHaveLength(1 + 2 * 6);
    const r = truce([...args, '--runs-csv', '/dev/stdout'], { env });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith(want)).toBe(true);
    expect(r.stdout.slice(want.length)).toMatch(/^Scenario iran-israel: 6 runs per arm/);
  });

  it('through a shell pipe (a real pipe) the content is the same', () => {
    const plain = truce(['runs', 'export', '1'], { env });
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" runs export 1 --out /dev/stdout | cat`], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(plain.stdout);
  });
});

describe('--out /dev/fd/1 when standard output is redirected to a file (> and >>)', () => {
  // /dev/fd/1 here, not /dev/stdout: the path then looks like a regular file, and a regression that renames a
  // temporary file over it would, as root, replace the /dev/stdout link; under /dev/fd it fails instead.
  const sh = (command: string) =>
    spawnSync('sh', ['-c', command], { env: { ...process.env, ...env }, encoding: 'utf8' });
  const truceCmd = `"${process.execPath}" "${CLI}"`;

  it('> FILE: the file holds the export, and /dev/stdout is still not a regular file', () => {
    const plain = truce(['runs', 'export', '1'], { env }).stdout;
    const out = join(dir, 'redirected.csv');
    const r = sh(`${truceCmd} runs export 1 --out /dev/fd/1 > "${out}"`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(plain);
    expect(lstatSync('/dev/stdout').isFile()).toBe(false);
  });

  it('>> FILE: appended after what the file held, not written over it', () => {
    const plain = truce(['runs', 'export', '1', '--per-run'], { env }).stdout;
    const out = join(dir, 'appended.csv');
    writeFileSync(out, '# kept\n');
    const r = sh(`${truceCmd} runs export 1 --per-run --out /dev/fd/1 >> "${out}"`);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe('# kept\n' + plain);
  });
});

describe('a path that cannot be written is still a user error naming it (exit 2, one line)', () => {
  function userError(args: string[], what: RegExp) {
    const r = truce(args, { env });
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(what);
    expect(r.stdout).toBe('');
  }

  it('a missing folder', () => {
    const path = join(dir, 'no-such-folder', 'out.csv');
    userError(
      ['runs', 'export', '1', '--out', path],
      new RegExp(`^truce: ${path}: cannot write: its folder does not exist$`),
    );
  });

  it("a socket that is not the process's own stream (ENXIO is not swallowed)", async () => {
    const sock = join(dir, 'listening.sock');
    const server = createServer();
    await new Promise<void>((ok) => server.listen(sock, ok));
    try {
      userError(
        ['runs', 'export', '1', '--out', sock],
        new RegExp(`^truce: ${sock}: cannot write: a socket or a device that cannot be opened for writing$`),
      );
      expect(statSync(sock).isSocket()).toBe(true);
    } finally {
      await new Promise((ok) => server.close(ok));
    }
  });
});
