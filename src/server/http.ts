/** Small HTTP helpers: bounded JSON bodies, JSON replies, safe static files. */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';
import { DOCUMENT_LIMITS } from '../core/limits/document.js';
import { checkedValue } from '../io/documents.js';
import { HttpError } from './errors.js';
import { securityHeaders, withToken } from './guard.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export { HttpError };

/**
 * Read a JSON body, refusing early: a declared length above the limit is
 * refused before a byte is read, and a streamed body is refused as soon as it
 * passes the limit (the rest is never buffered; the connection is closed).
 * The value is checked against the document bounds and rebuilt without
 * prototypes (docs/limits.md).
 */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES)
    throw new HttpError(413, `request body too large: ${declared} bytes, at most ${MAX_BODY_BYTES}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body too large: more than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed JSON in request body');
  }
  // A body's strings are whole documents (scenario text, profile files), each checked
  // against the document bounds when parsed; here only the body's size bounds them.
  return checkedValue(value, 'request body', { ...DOCUMENT_LIMITS, maxStringChars: MAX_BODY_BYTES });
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v) =>
    typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v,
  );
  res.writeHead(status, {
    ...securityHeaders(false),
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** A file the API hands over: its name, type and body in blocks, and what to release once sent (or not). */
export interface Download {
  name: string;
  type: string;
  /** Bytes in all, when known before sending. */
  length?: number;
  body: Iterable<string | Buffer> | AsyncIterable<string | Buffer>;
  /** Release what the body holds (a store connection, a temporary file); called once, whatever happened. */
  close(): void;
}

/**
 * Send a download as an attachment, block by block, waiting for the client to take each block before reading the
 * next (memory stays flat; a slow client holds only its own stream). A client that goes away stops the reading; a
 * failure after the headers cuts the connection, so the client sees a broken download rather than a short file that
 * looks whole.
 */
export async function sendDownload(res: ServerResponse, d: Download): Promise<void> {
  try {
    res.writeHead(200, {
      ...securityHeaders(false),
      'content-type': d.type,
      'content-disposition': `attachment; filename="${d.name}"`,
      'cache-control': 'no-store',
      ...(d.length !== undefined ? { 'content-length': String(d.length) } : {}),
    });
    for await (const block of d.body) {
      if (res.destroyed) break;
      if (!res.write(block)) await drained(res);
    }
    if (!res.destroyed) res.end();
  } catch {
    res.destroy();
  } finally {
    d.close();
  }
}

/** Resolves when the response can take more, or when the connection is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Serve a file under root only: the resolved path must stay inside root (no .., no absolute, no encoded escapes). */
export function serveStatic(root: string, urlPath: string, res: ServerResponse, token: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    throw new HttpError(400, 'malformed path');
  }
  if (decoded.includes('\0')) throw new HttpError(400, 'malformed path');
  const rel = decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = resolve(root, normalize(rel));
  if (full !== root && !full.startsWith(root + sep)) throw new HttpError(403, 'forbidden');
  if (!existsSync(full) || !statSync(full).isFile()) return false;
  const html = extname(full) === '.html';
  // The page loads nothing from elsewhere, sends nothing anywhere and may not be framed.
  const headers = { ...securityHeaders(html), 'content-type': TYPES[extname(full)] ?? 'application/octet-stream' };
  if (html) {
    // The page carries the session token its API calls send back (src/server/guard.ts).
    res.writeHead(200, { ...headers, 'cache-control': 'no-store' });
    res.end(withToken(readFileSync(full, 'utf8'), token));
    return true;
  }
  res.writeHead(200, headers);
  createReadStream(full).pipe(res);
  return true;
}
