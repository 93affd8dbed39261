/**
 * The results store: SQLite through better-sqlite3. A truce database carries
 * application_id 'truc' and a schema version; opening anything else (a file
 * that is not SQLite, or another application's database) is refused with a
 * clear message and the file is left untouched. Every write is a transaction.
 */
import { existsSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { UserError } from '../cli/errors.js';

export type DB = Database.Database;

/** 'truc' as a 32-bit integer. */
export const APPLICATION_ID = 0x74727563;
export const SCHEMA_VERSION = 1;

const MIGRATIONS: Record<number, string> = {
  1: `
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
};

export function openStore(path: string): DB {
  const exists = existsSync(path) && statSync(path).size > 0;
  let db: DB;
  try {
    db = new Database(path, { fileMustExist: false });
  } catch (err) {
    throw new UserError(`${path}: cannot open the results database: ${(err as Error).message}`);
  }
  try {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = (db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
    if (exists && appId !== APPLICATION_ID && (tables > 0 || appId !== 0)) {
      db.close();
      throw new UserError(`${path}: expected a truce results database, found another application's SQLite database (left untouched); use --db to choose another file`);
    }
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      db.close();
      throw new UserError(`${path}: expected a results database of schema version <= ${SCHEMA_VERSION}, found version ${version} (written by a newer truce)`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    const migrate = db.transaction(() => {
      for (let v = version + 1; v <= SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    });
    if (version < SCHEMA_VERSION) migrate();
    return db;
  } catch (err) {
    if (err instanceof UserError) throw err;
    try {
      db.close();
    } catch {
      /* already closed */
    }
    const msg = (err as Error).message;
    if (/not a database|file is encrypted/i.test(msg)) throw new UserError(`${path}: expected a truce results database (SQLite), found a file that is not a database (left untouched); use --db to choose another file`);
    throw new UserError(`${path}: cannot use the results database: ${msg}`);
  }
}
