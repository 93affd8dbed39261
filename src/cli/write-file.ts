import { renameSync, writeFileSync } from 'node:fs';

/** Write a whole file or nothing: a temporary file renamed into place, so an interrupted write never leaves half a result. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}
