/** The results store a face opens: a path (flag, $TRUCE_DB or ./truce.db), or none. */
import { openStore, type DB, type OpenMode } from '../store/db.js';
import { storePath } from '../io/paths.js';

export type { DB };

/** Open the store unless `enabled` is false; errors (foreign or corrupt file) come before any work is done. */
export function openResultsStore(path: string | undefined, enabled = true, mode: OpenMode = 'write'): DB | null {
  return enabled ? openStore(storePath(path), mode) : null;
}
