/**
 * Errors as HTTP answers: a request that is not what the API expects is 400,
 * a document with problems 422, an unknown name or id 404, a conflict 409;
 * only a bug is 500. No answer carries a machine path: paths inside the
 * package are named from its root, and any other absolute path is cut to its
 * file name.
 */
import { homedir, tmpdir } from 'node:os';
import { sep } from 'node:path';
import { InputError } from '../io/errors.js';
import { PACKAGE_ROOT } from '../io/paths.js';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const STATUS = { invalid: 422, 'not-found': 404, conflict: 409, interrupted: 409 } as const;

/** A message with machine paths removed. */
export function scrubPaths(message: string): string {
  let m = message;
  for (const root of [PACKAGE_ROOT, process.cwd(), tmpdir(), homedir()]) {
    if (root && root !== sep) m = m.split(root + sep).join('');
  }
  // Any absolute path left: keep the file name only.
  return m.replace(/(^|[\s("'])\/(?:[^\s/:"')]+\/){2,}([^\s/:"')]+)/g, '$1$2');
}

export function publicMessage(err: unknown): string {
  if (err instanceof InputError || err instanceof HttpError) return scrubPaths(err.message);
  return `internal error: ${scrubPaths((err as Error)?.message ?? String(err))}`;
}

/** Status and body of any error. */
export function errorResponse(err: unknown): { status: number; body: Record<string, unknown> } {
  if (err instanceof HttpError)
    return { status: err.status, body: { error: scrubPaths(err.message), ...(err.details as object) } };
  if (err instanceof InputError) {
    const problems = err.problems?.map((p) => ({
      ...p,
      expected: scrubPaths(p.expected),
      ...(p.found !== undefined ? { found: scrubPaths(p.found) } : {}),
    }));
    return { status: STATUS[err.kind], body: { error: scrubPaths(err.message), ...(problems ? { problems } : {}) } };
  }
  return { status: 500, body: { error: publicMessage(err) } };
}
