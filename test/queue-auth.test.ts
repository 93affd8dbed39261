/**
 * Passwords and TLS against real redis-servers (test/helpers/redis.ts): one
 * that speaks only TLS, with a self-signed certificate made by openssl for
 * this test, and requires a password. A comparison through it, with a worker
 * that reaches it the same way, prints the local answer byte for byte; every
 * wrong setting (no CA, wrong or missing password, plain text to the TLS
 * port, an unreadable CA file) is a one-sentence error with exit code 2,
 * well before a bounded wait would end.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, truce } from './helpers/cli.js';
import { workerProcess } from './helpers/queue.js';
import { startRedis, type TestRedis } from './helpers/redis.js';
import { selfSignedCertificate } from './helpers/tls.js';

const PASSWORD = 'tls:pass@word';
let dir: string;
let server: TestRedis;
let cert: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'truce-tls-'));
  const tls = selfSignedCertificate(dir);
  cert = tls.cert;
  server = await startRedis({ password: PASSWORD, tls });
});
afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A CLI run that cannot hang the suite: killed after 60 s (code -1). */
function bounded(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
    env: { ...process.env, ...env, FORCE_COLOR: '0' },
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The error line of a failed command: one line, no stack trace, and never the password. */
function oneSentence(stderr: string): string {
  const lines = stderr.trim().split('\n');
  const last = lines[lines.length - 1];
  expect(last).toMatch(/^truce: /);
  expect(stderr).not.toMatch(/\n\s+at /);
  expect(stderr).not.toContain(PASSWORD);
  expect(stderr).not.toContain(encodeURIComponent(PASSWORD));
  return last;
}

describe('rediss:// with a password and a self-signed certificate', () => {
  const ARGS = [
    'compare',
    '--runs',
    '1000',
    '--seed',
    '3',
    '--days',
    '60',
    '--json',
    '--no-store',
    '--posterior',
    'none',
  ];

  it('runs a comparison through the queue (worker and coordinator given the CA) with the local answer byte for byte', async () => {
    const local = truce([...ARGS, '--workers', '1']);
    expect(local.code).toBe(0);
    const w = workerProcess(server.url, ['--redis-ca', cert]);
    try {
      await w.waitFor(/ready/);
      // Spawned synchronously: the worker is another process, so blocking this one stalls nothing.
      const viaQueue = bounded([...ARGS, '--queue', server.url, '--redis-ca', cert]);
      expect(viaQueue.stderr).toBe('');
      expect(viaQueue.code).toBe(0);
      expect(viaQueue.stdout).toBe(local.stdout);
    } finally {
      await w.stop();
    }
    expect(w.lines.some((l) => / committed /.test(l))).toBe(true);
    // The CA from the environment instead of the flag; the password is never printed.
    const status = bounded(['queue', 'status', '--redis', server.url], { TRUCE_REDIS_CA: cert });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^Redis rediss:\/\/:\*\*\*@127\.0\.0\.1:\d+ /);
    expect(status.stdout).not.toContain(PASSWORD);
  }, 180_000);

  it('an untrusted certificate, a wrong or missing password, plain text to the TLS port and a bad CA file are one-sentence errors (exit 2)', () => {
    const port = server.port;
    const status = (url: string, ...more: string[]) => bounded(['queue', 'status', '--redis', url, ...more]);

    const untrusted = status(server.url);
    expect(untrusted.code).toBe(2);
    expect(oneSentence(untrusted.stderr)).toMatch(/TLS certificate is not trusted \(self[- ]signed.*--redis-ca/);

    const wrong = status(`rediss://:not-it@127.0.0.1:${port}`, '--redis-ca', cert);
    expect(wrong.code).toBe(2);
    expect(oneSentence(wrong.stderr)).toMatch(/refused the user name and password/);
    expect(wrong.stderr).not.toContain('not-it');

    const none = status(`rediss://127.0.0.1:${port}`, '--redis-ca', cert);
    expect(none.code).toBe(2);
    expect(oneSentence(none.stderr)).toMatch(/requires a password/);

    const plain = status(`redis://:${encodeURIComponent(PASSWORD)}@127.0.0.1:${port}`);
    expect(plain.code).toBe(2);
    expect(oneSentence(plain.stderr)).toMatch(/use rediss:\/\//);

    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello\n');
    const bad = status(server.url, '--redis-ca', notPem);
    expect(bad.code).toBe(2);
    expect(oneSentence(bad.stderr)).toMatch(/--redis-ca .*not\.pem: expected a PEM certificate/);
    const missing = bounded([...ARGS, '--queue', server.url], { TRUCE_REDIS_CA: join(dir, 'absent.pem') });
    expect(missing.code).toBe(2);
    expect(oneSentence(missing.stderr)).toMatch(
      /TRUCE_REDIS_CA .*absent\.pem: cannot read the certificate authority file/,
    );

    // A worker given no CA stops at once with the same sentence instead of waiting for a server it cannot trust.
    const worker = bounded(['worker', '--redis', server.url, '--concurrency', '1']);
    expect(worker.code).toBe(2);
    expect(oneSentence(worker.stderr)).toMatch(/TLS certificate is not trusted/);
  }, 180_000);
});
