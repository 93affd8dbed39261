/**
 * Writing an output file: checked before a command runs (so a long run never
 * ends in "cannot write"), then written whole or not at all (a temporary file
 * renamed into place); standard output or error named as a path goes through
 * the process's own stream. Every failure names the path and says why in words.
 */
import { accessSync, closeSync, constants, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Writable } from 'node:stream';
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
              : code === 'ENXIO'
                ? 'a socket or a device that cannot be opened for writing'
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
 * The paths that name this process's own standard output or error. Written through the process's stream, never
 * opened: on a socket (a Node parent's pipes are UNIX sockets) the open fails with ENXIO; on a redirected file
 * (`> out.csv`) the path looks like a regular file, and a temporary file renamed over it would replace the
 * `/dev/stdout` link itself (as root) or fail, and a fresh open would truncate what `>>` appends to. Through
 * the stream the output lands where the process's other output does, in order.
 */
function ownStream(path: string): Writable | null {
  const p = resolve(path);
  if (p === '/dev/stdout' || p === '/dev/fd/1' || p === '/proc/self/fd/1') return process.stdout;
  if (p === '/dev/stderr' || p === '/dev/fd/2' || p === '/proc/self/fd/2') return process.stderr;
  return null;
}

/**
 * Can `path` be written? Throws the same error the write would (`PATH: cannot write: WHY`) without writing
 * anything: a directory, a folder that does not exist or is a file, no permission.
 */
export function checkOutputPath(path: string): void {
  if (ownStream(path)) return;
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

/** Write all of `bytes` to `fd`: a write to a pipe or device may take only part. */
function writeAll(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
  for (let done = 0; done < bytes.length;) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Where an output goes while it is written: `commit` puts it in place, `abort` leaves nothing behind. */
export interface OutputTarget {
  write(chunk: string | Uint8Array): void;
  commit(): void;
  abort(): void;
}

/** A file descriptor, closed once (on commit or abort, whichever comes first). */
function fdTarget(fd: number, commit: () => void = () => {}, abort: () => void = () => {}): OutputTarget {
  let open = true;
  const close = () => {
    if (open) closeSync(fd);
    open = false;
  };
  return {
    write: (c) => writeAll(fd, c),
    commit: () => {
      close();
      commit();
    },
    abort: () => {
      try {
        close();
      } finally {
        abort();
      }
    },
  };
}

/**
 * Open an output path (docs/limits.md, "Output paths"). `/dev/stdout`, `/dev/stderr`, `/dev/fd/1`, `/dev/fd/2`:
 * the process's own stream. Another path that exists and is not a regular file (a device, a named pipe): written
 * to directly, never replaced. A regular file: a temporary file beside it, renamed into place on commit. Errors
 * are the system's, for writeFailure to put in words.
 */
export function openOutput(path: string): OutputTarget {
  const own = ownStream(path);
  if (own) {
    const nothing = () => {};
    // A copy: the caller may reuse its buffer before the stream has sent it.
    return {
      write: (c) => void own.write(typeof c === 'string' ? c : Buffer.from(c)),
      commit: nothing,
      abort: nothing,
    };
  }
  if (isSpecial(path)) return fdTarget(openSync(path, 'w'));
  const tmp = `${path}.tmp-${process.pid}`;
  return fdTarget(
    openSync(tmp, 'w'),
    () => renameSync(tmp, path),
    // Nothing left behind: not the temporary file either.
    () => rmSync(tmp, { force: true }),
  );
}

/** Write text blocks (any number: a table streamed row by row) to a file, all or nothing. */
export function writeBlocksAtomic(path: string, blocks: Iterable<string>): void {
  let out: OutputTarget | null = null;
  try {
    out = openOutput(path);
    for (const b of blocks) out.write(b);
    out.commit();
  } catch (err) {
    try {
      out?.abort();
    } catch {
      // The write's own error is the one to report.
    }
    throw writeFailure(path, err);
  }
}

/**
 * Write a whole file or nothing: a temporary file renamed into place, so an interrupted write never leaves half
 * a result. `/dev/stdout` and the like go through the process's own stream, a device or named pipe is written to
 * directly: renaming over it would replace the device (openOutput).
 */
export function writeFileAtomic(path: string, text: string): void {
  writeBlocksAtomic(path, [text]);
}
