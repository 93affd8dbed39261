/**
 * The store touches only its own files: for each kind of foreign file, every
 * `runs` command and every command that writes to the store is refused with a
 * sentence saying why, and the file's sha256 is unchanged.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { truce } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'truce-foreign-'));
const sha = (path: string) =>
  statSync(path).isFile()
    ? createHash('sha256').update(readFileSync(path)).digest('hex')
    : `${statSync(path).mode}:${statSync(path).isDirectory() ? readdirSync(path).join(',') : ''}`;

/** A small real truce store with one experiment, made by the CLI. */
const truceStore = join(tmp, 'truce.db');
truce(['compare', '--runs', '20', '--days', '30', '--db', truceStore, '--json']);

interface Kind {
  name: string;
  make: (path: string) => string;
  why: RegExp;
}

const kinds: Kind[] = [
  {
    name: 'empty file',
    make: (p) => (writeFileSync(p, ''), p),
    why: /expected a truce results database, found an empty file/,
  },
  {
    name: 'empty foreign SQLite',
    make: (p) => {
      const d = new Database(p);
      d.pragma('user_version = 3'); // forces the header to be written; no tables, application_id 0
      d.close();
      return p;
    },
    why: /found another application's SQLite database \(application_id 0/,
  },
  {
    name: 'foreign SQLite with tables',
    make: (p) => {
      const d = new Database(p);
      d.exec("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO customers (name) VALUES ('a')");
      d.close();
      return p;
    },
    why: /found another application's SQLite database/,
  },
  {
    name: 'non-SQLite file',
    make: (p) => (writeFileSync(p, 'my notes, not a database\n'.repeat(100)), p),
    why: /found a file that is not a database/,
  },
  {
    name: 'read-only truce database',
    make: (p) => {
      copyFileSync(truceStore, p);
      chmodSync(p, 0o444);
      return p;
    },
    why: /the results database is read-only/,
  },
  { name: '/dev/null', make: () => '/dev/null', why: /found a device/ },
  {
    name: 'FIFO',
    make: (p) => {
      execFileSync('mkfifo', [p]);
      return p;
    },
    why: /found a FIFO/,
  },
  { name: 'directory', make: (p) => (mkdirSync(p), p), why: /found a directory/ },
];

const small = ['--days', '20', '--workers', '1'];
const writers: [string, string[]][] = [
  ['compare', ['compare', '--runs', '5', ...small]],
  ['report', ['report', '--runs', '5', ...small, '--out', join(tmp, 'r.html')]],
  [
    'sensitivity',
    ['sensitivity', '--levers', 'verification,specificity', '--samples', '2', '--runs-per-point', '5', ...small],
  ],
  [
    'sweep',
    ['sweep', '--design', 'grid', '--ranges', 'verification=0:1', '--points', '2', '--runs-per-point', '5', ...small],
  ],
  ['sweep --resume', ['sweep', '--resume', '1']],
  ['facts', ['facts', '--runs', '5', ...small]],
];
const readers: [string, string[]][] = [
  ['runs list', ['runs', 'list']],
  ['runs show', ['runs', 'show', '1']],
  ['runs export', ['runs', 'export', '1', '--format', 'csv']],
];

describe('foreign files given as --db are refused and left untouched', () => {
  kinds.forEach((kind, k) => {
    it(kind.name, () => {
      const path = kind.make(join(tmp, `foreign-${k}.db`));
      const before = sha(path);
      const readOnlyTruce = kind.name === 'read-only truce database';
      for (const [name, args] of readers) {
        const dbArgs = [args[0], '--db', path, ...args.slice(1)];
        const r = truce(dbArgs, { cwd: tmp });
        // A read-only truce database can be listed and exported: that is the point of read-only opening.
        if (readOnlyTruce) expect(r.code, `${name}: ${r.stderr}`).toBe(0);
        else {
          expect(r.code, `${name}: ${r.stderr}`).toBe(2);
          expect(r.stderr, name).toMatch(kind.why);
          expect(r.stderr, name).toMatch(/left untouched|choose another file/);
        }
        expect(sha(path), `${kind.name} after ${name}`).toBe(before);
      }
      for (const [name, args] of writers) {
        const r = truce([...args, '--db', path], { cwd: tmp });
        expect(r.code, `${name}: ${r.stderr}`).toBe(2);
        expect(r.stderr, name).toMatch(kind.why);
        expect(r.stderr, name).not.toMatch(/internal error|\n\s+at /);
        expect(sha(path), `${kind.name} after ${name}`).toBe(before);
      }
      if (path !== '/dev/null') expect(existsSync(`${path}-journal`)).toBe(false);
      expect(existsSync('/dev/null-journal')).toBe(false);
    });
  });

  it('reading a path that holds no store is refused, and creates nothing', () => {
    const path = join(tmp, 'absent.db');
    for (const args of [['list'], ['list', '--json'], ['show', '1'], ['export', '1'], ['export', '1', '--per-run']]) {
      const r = truce(['runs', '--db', path, ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(/absent\.db: no results store there \(commands that store results/);
      expect(r.stdout).toBe('');
      expect(existsSync(path)).toBe(false);
    }
  });

  it('a store in a missing folder is a user error', () => {
    const r = truce(['compare', '--runs', '5', ...small, '--db', join(tmp, 'no-such-folder', 'x.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/expected a results database in an existing folder/);
  });

  it('a new store carries application_id and the schema version table', () => {
    const d = new Database(truceStore, { readonly: true });
    expect(d.pragma('application_id', { simple: true })).toBe(0x74727563);
    const versions = (
      d.prepare('SELECT version FROM truce_schema ORDER BY version').all() as { version: number }[]
    ).map((r) => r.version);
    expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    expect(d.pragma('user_version', { simple: true })).toBe(versions.length);
    d.close();
  });
});
