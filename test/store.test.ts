/** The results store: round trip, tidy export, interrupted writes, foreign files. */
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT, truce } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'truce-store-'));
const db = (name: string) => join(tmp, name);

function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split('\n');
  const cols = head.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [cols[i], v])));
}

describe('store round trip', () => {
  const path = db('roundtrip.db');
  const out = JSON.parse(
    truce(['compare', '--runs', '300', '--seed', '2', '--days', '180', '--json', '--db', path]).stdout,
  );

  it('compare is stored with scenario hash, seed, runs, version and timings', () => {
    expect(out.experimentId).toBe(1);
    const list = JSON.parse(truce(['runs', '--db', path, 'list', '--json']).stdout);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      id: 1,
      kind: 'compare',
      status: 'complete',
      seed: 2,
      runs: 300,
      scenarioName: 'iran-israel',
    });
    expect(list[0].scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(list[0].timings.seconds).toBeGreaterThan(0);
    const shown = JSON.parse(truce(['runs', '--db', path, 'show', '1', '--json']).stdout);
    expect(shown.summary.arms).toEqual(out.arms);
  });

  it('export gives tidy long-form CSV whose numbers equal the JSON output', () => {
    const rows = parseCsv(truce(['runs', '--db', path, 'export', '1', '--format', 'csv']).stdout);
    expect(Object.keys(rows[0])).toEqual([
      'experiment',
      'kind',
      'arm',
      'framework',
      'metric',
      'key',
      'day',
      'value',
      'lo',
      'hi',
    ]);
    const p90 = rows.find((r) => r.arm === 'transactional-freeze' && r.metric === 'p_collapse_by' && r.day === '90')!;
    expect(Number(p90.value)).toBeCloseTo(out.arms[0].pCollapseBy['90'].estimate, 12);
    expect(Number(p90.lo)).toBeCloseTo(out.arms[0].pCollapseBy['90'].lo, 12);
    const survival = rows.filter((r) => r.arm === 'transactional-freeze' && r.metric === 'survival');
    expect(survival).toHaveLength(181);
    const json = JSON.parse(truce(['runs', '--db', path, 'export', '1', '--format', 'json']).stdout);
    expect(json).toHaveLength(rows.length);
  });

  it('--no-store leaves the database untouched', () => {
    truce(['compare', '--runs', '50', '--days', '30', '--no-store', '--json', '--db', path]);
    expect(JSON.parse(truce(['runs', '--db', path, 'list', '--json']).stdout)).toHaveLength(1);
  });
});

describe('interrupted writes', () => {
  it('a killed sweep keeps its finished points, the database stays sound, and --resume completes it without repeats', async () => {
    const path = db('sweep.db');
    const args = [
      'sweep',
      '--design',
      'lhs',
      '--ranges',
      'verification=0:1,specificity=0:1',
      '--points',
      '16',
      '--runs-per-point',
      '250',
      '--days',
      '120',
      '--seed',
      '3',
      '--workers',
      '1',
      '--db',
    ];
    const child = spawn(process.execPath, [CLI, ...args, path], { cwd: ROOT, stdio: 'ignore' });
    // Kill it hard once some, but not all, points are stored.
    const stored = () => {
      try {
        const d = new Database(path, { readonly: true, fileMustExist: true });
        const n = (d.prepare('SELECT count(*) AS n FROM sweep_points').get() as { n: number }).n;
        d.close();
        return n;
      } catch {
        return 0;
      }
    };
    await new Promise<void>((resolve, reject) => {
      const started = Date.now();
      const poll = setInterval(() => {
        if (stored() >= 3) {
          clearInterval(poll);
          child.kill('SIGKILL');
          resolve();
        } else if (Date.now() - started > 60_000) {
          clearInterval(poll);
          child.kill('SIGKILL');
          reject(new Error('sweep stored no points within 60 s'));
        }
      }, 20);
      child.on('exit', () => undefined);
    });
    await new Promise((r) => child.on('close', r));
    const d = new Database(path);
    expect(d.pragma('integrity_check', { simple: true })).toBe('ok');
    const before = (d.prepare('SELECT count(*) AS n FROM sweep_points').get() as { n: number }).n;
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(16);
    // Each stored point has all its per-run rows (stored in the point's transaction), and no other point has any.
    expect((d.prepare('SELECT count(*) AS n FROM run_rows').get() as { n: number }).n).toBe(before * 250);
    expect((d.prepare('SELECT count(DISTINCT arm) AS n FROM run_points').get() as { n: number }).n).toBe(before);
    expect((d.prepare('SELECT status FROM experiments WHERE id = 1').get() as { status: string }).status).toBe(
      'running',
    );
    d.close();
    // Stored as running, but its writer is dead: the listing says so, and --resume is the way on.
    expect(JSON.parse(truce(['runs', '--db', path, 'list', '--json']).stdout)[0].status).toBe('interrupted');

    const resumed = truce(['sweep', '--resume', '1', '--workers', '2', '--json', '--db', path]);
    expect(resumed.code).toBe(0);
    const full = JSON.parse(resumed.stdout);
    expect(full.points).toBe(16);
    expect(new Set(full.rows.map((r: { point: number }) => r.point)).size).toBe(16);

    // The same sweep, never interrupted, gives the same table.
    const clean = JSON.parse(truce([...args, db('clean.db'), '--json']).stdout);
    expect(full.rows).toEqual(clean.rows);
    // And the same per-run rows, run for run.
    const rowsOf = (p: string) => truce(['runs', 'export', '1', '--per-run', '--db', p]);
    const resumedRows = rowsOf(path);
    expect(resumedRows.code).toBe(0);
    expect(resumedRows.stdout.trim().split('\n')).toHaveLength(1 + 16 * 250);
    expect(resumedRows.stdout).toBe(rowsOf(db('clean.db')).stdout);
  });

  it('a sweep stopped with Ctrl-C is listed as interrupted, not running, and --resume completes it', async () => {
    const path = db('sweep-int.db');
    const args = [
      'sweep',
      '--design',
      'grid',
      '--ranges',
      'verification=0:1',
      '--points',
      '12',
      '--runs-per-point',
      '250',
    ];
    const child = spawn(process.execPath, [CLI, ...args, '--days', '120', '--workers', '1', '--db', path], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    // Signal: the sweep has stored its first point (it is under way, with its interrupt handler installed).
    const stored = () => {
      try {
        const d = new Database(path, { readonly: true, fileMustExist: true });
        const n = (d.prepare('SELECT count(*) AS n FROM sweep_points').get() as { n: number }).n;
        d.close();
        return n;
      } catch {
        return 0;
      }
    };
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (stored() >= 1 || child.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 20);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(
      /interrupted: the finished points of sweep 1 are stored; continue with truce sweep --resume 1/,
    );
    const listed = JSON.parse(truce(['runs', '--db', path, 'list', '--json']).stdout);
    expect(listed[0].status).toBe('interrupted');
    expect(truce(['runs', '--db', path, 'list']).stdout).toMatch(/^ *1 +sweep +interrupted /m);
    const resumed = truce(['sweep', '--resume', '1', '--workers', '2', '--json', '--db', path]);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(JSON.parse(resumed.stdout).points).toBe(12);
    expect(JSON.parse(truce(['runs', '--db', path, 'list', '--json']).stdout)[0].status).toBe('complete');
  });

  it('an interrupted compare stores nothing', async () => {
    const path = db('compare-int.db');
    const child = spawn(process.execPath, [CLI, 'compare', '--runs', '20000', '--workers', '1', '--db', path], {
      cwd: ROOT,
      stdio: 'ignore',
    });
    // Signal: the new store's header carries its schema version, written just before the command starts work and listens for SIGINT.
    const migrated = () => existsSync(path) && statSync(path).size >= 100 && readFileSync(path).readUInt32BE(60) > 0;
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        if (migrated() || child.exitCode !== null) {
          clearInterval(poll);
          resolve();
        }
      }, 10);
    });
    child.kill('SIGINT');
    const code = await new Promise<number | null>((r) => child.on('close', (c) => r(c)));
    expect(code).toBe(130);
    expect(JSON.parse(truce(['runs', '--db', path, 'list', '--json']).stdout)).toHaveLength(0);
  });
});

describe('bad input and foreign files', () => {
  it('a file that is not SQLite is refused and left untouched', () => {
    const path = db('notes.db');
    writeFileSync(path, 'these are my notes, not a database\n'.repeat(200));
    const before = readFileSync(path);
    const r = truce(['compare', '--runs', '10', '--db', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /notes\.db: expected a truce results database \(SQLite\), found a file that is not a database/,
    );
    expect(readFileSync(path).equals(before)).toBe(true);
  });
  it("another application's SQLite database is refused and left untouched", () => {
    const path = db('other.db');
    const d = new Database(path);
    d.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('a')");
    d.close();
    const copy = db('other-copy.db');
    copyFileSync(path, copy);
    const r = truce(['runs', '--db', path, 'list']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a truce results database, found another application's SQLite database/);
    expect(readFileSync(path).equals(readFileSync(copy))).toBe(true);
  });
  const cases: [string, string[], RegExp][] = [
    [
      'zero runs',
      ['compare', '--runs', '0', '--no-store'],
      /--runs.*expected a number of runs \(a whole number >= 1\)/,
    ],
    [
      'unknown framework',
      ['compare', '--frameworks', 'transactional-freeze,grand-bargain', '--runs', '10', '--no-store'],
      /--frameworks: expected frameworks of .*got "grand-bargain"/,
    ],
    [
      'unknown lever in --vary',
      ['compare', '--vary', 'verificaton=0.1,0.2', '--runs', '10', '--no-store'],
      /--vary verificaton: expected a lever of this scenario/,
    ],
    [
      '--vary value out of range',
      ['compare', '--vary', 'verification=0.1,1.7', '--runs', '10', '--no-store'],
      /--vary verification: expected a value in \[0, 1\], got 1\.7/,
    ],
    [
      'empty range',
      ['sweep', '--design', 'grid', '--ranges', 'verification=0.5:0.5', '--points', '4', '--runs-per-point', '5'],
      /--ranges verification=0\.5:0\.5: expected a non-empty range LO < HI/,
    ],
    [
      'range outside the lever',
      ['sweep', '--design', 'grid', '--ranges', 'verification=0:2', '--points', '4', '--runs-per-point', '5'],
      /expected a range within \[0, 1\]/,
    ],
    [
      'unknown lever in sensitivity',
      ['sensitivity', '--levers', 'verification,bogus', '--no-store'],
      /--levers bogus: expected a lever of this scenario/,
    ],
    ['missing experiment', ['runs', 'show', '99'], /expected an experiment id .*found no experiment 99/],
  ];
  for (const [name, args, msg] of cases) {
    it(name, () => {
      const r = truce(args, { cwd: tmp });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});
