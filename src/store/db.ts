/**
 * The results store: SQLite through better-sqlite3. A truce database carries
 * application_id 'truc' in its header and a `truce_schema` table listing the
 * migrations applied (see docs/analysis.md, "The results store").
 *
 * Opening rules (the store touches only its own files):
 * - a path that does not exist becomes a new store, but only when writing
 *   (reading it gives an empty, in-memory store and creates nothing);
 * - an existing file is opened only when its 100-byte SQLite header already
 *   carries truce's application_id. The header is read with plain file I/O
 *   before SQLite sees the file, so an empty file, another application's
 *   database (empty or not), or a file that is not SQLite is refused without
 *   being opened, let alone rewritten;
 * - anything that is not a regular file (a directory, /dev/null, a FIFO, a
 *   socket) is refused;
 * - listing and export open the database read-only; a read-only file is
 *   refused for writing with a sentence saying so.
 */
import { accessSync, closeSync, constants, existsSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { InputError as UserError } from '../io/errors.js';

export type DB = Database.Database;

/** 'truc' as a 32-bit integer. */
export const APPLICATION_ID = 0x74727563;

/**
 * Schema migrations, in order: migration i (1-based) takes the store from
 * version i-1 to version i. To add a table, append one entry; never edit an
 * entry that has shipped. The version is kept in the header (user_version, so
 * it can be read without opening the database) and in the `truce_schema`
 * table (one row per applied migration, with the truce version that applied it).
 */
export const MIGRATIONS: readonly string[] = [
  `
    CREATE TABLE experiments (
      id INTEGER PRIMARY KEY,
      kind TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('running', 'complete')),
      created_at TEXT NOT NULL,
      finished_at TEXT,
      truce_version TEXT NOT NULL,
      scenario_name TEXT,
      scenario_hash TEXT,
      scenario_json TEXT,
      seed INTEGER,
      runs INTEGER,
      params_json TEXT NOT NULL,
      timings_json TEXT,
      summary_json TEXT
    );
    CREATE TABLE arms (
      experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      label TEXT NOT NULL,
      framework TEXT,
      levers_json TEXT NOT NULL,
      summary_json TEXT NOT NULL,
      PRIMARY KEY (experiment_id, idx)
    );
    CREATE TABLE sweep_points (
      experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
      point INTEGER NOT NULL,
      levers_json TEXT NOT NULL,
      outcomes_json TEXT NOT NULL,
      PRIMARY KEY (experiment_id, point)
    );
  `,
  `
    CREATE TABLE IF NOT EXISTS truce_schema (
      version INTEGER PRIMARY KEY,
      applied_at TEXT NOT NULL
    );
    -- The process writing a running experiment, so that a second process
    -- (sweep --resume while the sweep still runs) can say it is busy.
    ALTER TABLE experiments ADD COLUMN owner_pid INTEGER;
    ALTER TABLE experiments ADD COLUMN owner_host TEXT;
  `,
  `
    -- The posterior sample of a calibration (truce calibrate): one row per
    -- equal-weight draw of the global parameters (docs/calibration-record.md).
    CREATE TABLE posterior_draws (
      experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
      idx INTEGER NOT NULL,
      values_json TEXT NOT NULL,
      PRIMARY KEY (experiment_id, idx)
    );
  `,
  `
    -- Per-run rows of an ensemble (truce runs export ID --per-run): one row per
    -- run, by point of the ensemble and replicate; the record is
    -- src/core/ensemble/per-run.ts's PerRunRow as JSON. A point is one arm
    -- under one posterior draw (run_points says which, and the values drawn).
    CREATE TABLE run_points (
      experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
      point INTEGER NOT NULL,
      arm INTEGER NOT NULL,
      draw INTEGER,
      parameters_json TEXT NOT NULL,
      PRIMARY KEY (experiment_id, point)
    );
    CREATE TABLE run_rows (
      experiment_id INTEGER NOT NULL REFERENCES experiments(id) ON DELETE CASCADE,
      point INTEGER NOT NULL,
      replicate INTEGER NOT NULL,
      row_json TEXT NOT NULL,
      PRIMARY KEY (experiment_id, point, replicate)
    );
  `,
  `
    -- The engine that computed an experiment (package version + hash of the simulation code,
    -- src/io/engine.ts), so that sweep --resume never adds points computed by another build to a
    -- table (docs/analysis.md, "The results store"). NULL for a record stored before it was kept.
    ALTER TABLE experiments ADD COLUMN engine TEXT;
  `,
];
export const SCHEMA_VERSION = MIGRATIONS.length;

export type OpenMode = 'read' | 'write';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const ADVICE =
  'left untouched; truce creates a new store only at a path that does not exist: use --db to choose another file';

interface Header {
  applicationId: number;
  userVersion: number;
}

/** Read the SQLite header without SQLite: null when the file is not a SQLite database. */
function readHeader(path: string): Header | null {
  const buf = Buffer.alloc(100);
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  let n: number;
  try {
    n = readSync(fd, buf, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  if (n < 100 || !buf.subarray(0, 16).equals(SQLITE_MAGIC)) return null;
  return { userVersion: buf.readUInt32BE(60), applicationId: buf.readUInt32BE(68) };
}

/**
 * A store of truce 0.1 written in WAL mode can hold its marked first page in
 * the write-ahead log until the next checkpoint (after kill -9, say). Only
 * then, and only when that log exists, ask SQLite, read-only.
 */
function truceInWal(path: string): boolean {
  try {
    if (!statSync(`${path}-wal`).isFile()) return false;
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.pragma('application_id', { simple: true }) === APPLICATION_ID;
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

function kindOf(st: Stats): string | null {
  if (st.isFile()) return null;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'a special file';
}

/** Check a path before SQLite sees it; returns whether a truce store exists there. */
export function inspectStorePath(path: string, mode: OpenMode): Header | null {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT')
      throw new UserError(
        `${path}: cannot read the results database: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`,
      );
    if (mode === 'write') {
      const dir = dirname(resolve(path));
      if (!existsSync(dir) || !statSync(dir).isDirectory())
        throw new UserError(`${path}: expected a results database in an existing folder, found no folder ${dir}`);
    }
    return null;
  }
  const special = kindOf(st);
  if (special)
    throw new UserError(`${path}: expected a truce results database (a regular file), found ${special} (${ADVICE})`);
  if (st.size === 0) throw new UserError(`${path}: expected a truce results database, found an empty file (${ADVICE})`);
  let header: Header | null;
  try {
    header = readHeader(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(
      `${path}: cannot read the results database: ${code === 'EACCES' ? 'permission denied' : (err as Error).message}`,
    );
  }
  if (!header)
    throw new UserError(
      `${path}: expected a truce results database (SQLite), found a file that is not a database (${ADVICE})`,
    );
  if (header.applicationId !== APPLICATION_ID && !truceInWal(path)) {
    throw new UserError(
      `${path}: expected a truce results database, found another application's SQLite database (application_id ${header.applicationId}, not truce's) (${ADVICE})`,
    );
  }
  if (header.userVersion > SCHEMA_VERSION && header.applicationId === APPLICATION_ID)
    throw newerStore(path, header.userVersion);
  if (mode === 'write' && !writable(path, st)) {
    throw new UserError(
      `${path}: the results database is read-only (left untouched): make it writable, choose another file with --db, or use --no-store`,
    );
  }
  return header;
}

/** Apply the missing migrations in one IMMEDIATE transaction (two processes creating one store at once take turns). */
/** Writable by us, and not marked read-only (root may write anything, but a file with no write bit was made read-only on purpose). */
function writable(path: string, st: Stats): boolean {
  if ((st.mode & 0o222) === 0) return false;
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function migrate(db: DB): void {
  db.transaction(() => {
    const from = db.pragma('user_version', { simple: true }) as number;
    for (let v = from + 1; v <= SCHEMA_VERSION; v++) {
      db.exec(MIGRATIONS[v - 1]);
      if (v >= 2)
        db.prepare('INSERT OR REPLACE INTO truce_schema (version, applied_at) VALUES (?, ?)').run(
          v,
          new Date().toISOString(),
        );
    }
    // Version 1 predates the truce_schema table: record it once the table exists.
    if (from < 1)
      db.prepare('INSERT OR REPLACE INTO truce_schema (version, applied_at) VALUES (1, ?)').run(
        new Date().toISOString(),
      );
    db.pragma(`application_id = ${APPLICATION_ID}`);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

function newerStore(path: string, version: number): UserError {
  return new UserError(
    `${path}: expected a results database of schema version <= ${SCHEMA_VERSION}, found version ${version} (written by a newer truce; left untouched)`,
  );
}

function wrap<T>(path: string, f: () => T): T {
  try {
    return f();
  } catch (err) {
    if (err instanceof UserError) throw err;
    const msg = (err as Error).message;
    if (/not a database|file is encrypted|malformed/i.test(msg))
      throw new UserError(
        `${path}: expected a truce results database, found a damaged SQLite file (${msg}) (left untouched)`,
      );
    throw new UserError(`${path}: cannot use the results database: ${msg}`);
  }
}

/**
 * Open the store at `path`. 'write' creates it when the path does not exist
 * and migrates an older truce store; 'read' never writes to a file it did not
 * create (a store of an older schema is migrated first when it is writable).
 */
export function openStore(path: string, mode: OpenMode = 'write'): DB {
  const header = inspectStorePath(path, mode);
  if (mode === 'read' && !header) {
    // Nothing stored there yet: an empty store in memory, and no file created.
    const mem = new Database(':memory:');
    migrate(mem);
    return mem;
  }
  if (mode === 'read') {
    const db = wrap(path, () => new Database(path, { readonly: true, fileMustExist: true }));
    const version = wrap(path, () => db.pragma('user_version', { simple: true }) as number);
    if (version > SCHEMA_VERSION) {
      db.close();
      throw newerStore(path, version);
    }
    if (version === SCHEMA_VERSION || !writable(path, statSync(path))) {
      db.pragma('busy_timeout = 5000');
      return db;
    }
    // An older truce store that we may write: migrate it first, then read.
    db.close();
    openStore(path, 'write').close();
    return openStore(path, 'read');
  }
  return wrap(path, () => {
    const db = new Database(path, { fileMustExist: header !== null });
    try {
      db.pragma('busy_timeout = 5000');
      // Migrate before switching to WAL: a new store's first page (application_id, version) then
      // goes straight into the file, where the header check above reads it.
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > SCHEMA_VERSION) throw newerStore(path, version);
      if (version < SCHEMA_VERSION) migrate(db);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      return db;
    } catch (err) {
      db.close();
      throw err;
    }
  });
}
