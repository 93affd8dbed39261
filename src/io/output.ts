/**
 * Writing an output file: checked before a command runs (so a long run never
 * ends in "cannot write"), then written whole or not at all (a temporary file
 * renamed into place). Every failure names the path and says why in words.
 */
import { accessSync, closeSync, constants, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from './errors.js';

/** Why a write failed, in words. */
export function writeFailure(path: string, err: unknown): InputError {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOENT'
      ? 'its folder does not exist'
      : code === 'ENOTDIR'
        ? 'its folder is a file, not a folder'
        : code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST'
          ? 'expected a file name, found a directory'
          : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
            ? 'permission denied'
            : code === 'ENOSPC'
              ? 'no space left on the device'
              : (code ?? (err as Error).message);
  return new InputError(`${path}: cannot write: ${why}`);
}

/** Whether the path exists and is not a regular file (`/dev/stdout`, a pipe): written to directly, never replaced. */
function isSpecial(path: string): boolean {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error('a directory'), { code: 'EISDIR' });
    return !st.isFile();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw writeFailure(path, err);
    return false;
  }
}

/**
 * Can `path` be written? Throws the same error the write would (`PATH: cannot write: WHY`) without writing
 * anything: a directory, a folder that does not exist or is a file, no permission.
 */
export function checkOutputPath(path: string): void {
  const special = isSpecial(path);
  try {
    if (special) return accessSync(path, constants.W_OK);
    const folder = dirname(resolve(path));
    if (!statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    accessSync(folder, constants.W_OK);
  } catch (err) {
    throw writeFailure(path, err);
  }
}

/** Write text blocks (any number: a table streamed row by row) to a file, all or nothing. */
export function writeBlocksAtomic(path: string, blocks: Iterable<string>): void {
  const special = isSpecial(path);
  const target = special ? path : `${path}.tmp-${process.pid}`;
  try {
    const fd = openSync(target, 'w');
    try {
      for (const b of blocks) writeSync(fd, b);
    } finally {
      closeSync(fd);
    }
    if (!special) renameSync(target, path);
  } catch (err) {
    // Nothing left behind: not the temporary file either.
    if (!special) rmSync(target, { force: true });
    throw writeFailure(path, err);
  }
}

/**
 * Write a whole file or nothing: a temporary file renamed into place, so an interrupted write never leaves half
 * a result. A path that exists and is not a regular file (`/dev/stdout`, a pipe) is written to directly: renaming
 * over it would replace the device.
 */
export function writeFileAtomic(path: string, text: string): void {
  writeBlocksAtomic(path, [text]);
}
