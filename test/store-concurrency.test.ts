/** Two processes on one experiment never crash: the second says the experiment is busy. Conflicting sweep ranges are refused. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, truce } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'truce-busy-'));

function storedPoints(path: string): number {
  try {
    const d = new Database(path, { readonly: true, fileMustExist: true });
    const n = (d.prepare('SELECT count(*) AS n FROM sweep_points').get() as { n: number }).n;
    d.close();
    return n;
  } catch {
    return 0;
  }
}

describe('two processes on one experiment', () => {
  it('sweep --resume while the sweep still runs says the experiment is busy, and resumes cleanly once it stopped', async () => {
    const path = join(tmp, 'busy.db');
    const args = [
      'sweep',
      '--design',
      'lhs',
      '--ranges',
      'verification=0:1',
      '--points',
      '12',
      '--runs-per-point',
      '300',
      '--days',
      '120',
      '--seed',
      '5',
      '--workers',
      '1',
      '--db',
      path,
    ];
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'ignore' });
    const exited = new Promise<void>((r) => child.on('close', () => r()));
    // Signal: the first point is in the store (the sweep is running and owns experiment 1).
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (storedPoints(path) >= 1) {
          clearInterval(poll);
          resolve();
        } else if (child.exitCode !== null) {
          clearInterval(poll);
          reject(new Error('the sweep ended before storing a point'));
        }
      }, 25);
    });
    const second = truce(['sweep', '--resume', '1', '--workers', '1', '--db', path]);
    const stillRunning = child.exitCode === null;
    child.kill('SIGKILL');
    await exited;
    if (stillRunning) {
      expect(second.code).toBe(2);
      expect(second.stderr).toMatch(/experiment 1 is busy: process \d+ is still writing it/);
    } else expect(second.code).toBe(0); // the first sweep finished first: resuming a complete sweep is refused below
    expect(second.stderr).not.toMatch(/SQLITE_|internal error|\n\s+at /);
    const d = new Database(path);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    d.close();
    const resumed = truce(['sweep', '--resume', '1', '--workers', '2', '--json', '--db', path]);
    if (stillRunning) {
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(JSON.parse(resumed.stdout).points).toBe(12);
    }
  });
});

describe('conflicting sweep ranges', () => {
  const base = [
    'sweep',
    '--design',
    'grid',
    '--points',
    '2',
    '--runs-per-point',
    '5',
    '--days',
    '10',
    '--db',
    join(tmp, 'ranges.db'),
  ];
  it('one lever named twice in --ranges is refused', () => {
    const r = truce([...base, '--ranges', 'verification=0:0.5,verification=0.5:1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--ranges verification: expected each lever once, found it twice/);
  });
  it('a lever both swept and fixed by --set is refused', () => {
    const r = truce([...base, '--ranges', 'verification=0:1', '--set', 'verification=0.3']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /--ranges verification: expected a lever either swept by --ranges or fixed by --set, found it in both/,
    );
  });
});
