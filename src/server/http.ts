/** Small HTTP helpers: bounded JSON bodies, JSON replies, safe static files. */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, normalize, resolve, sep } from 'node:path';
import { HttpError } from './errors.js';

export const MAX_BODY_BYTES = 2 * 1024 * 1024;

export { HttpError };

export async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) throw new HttpError(413, `request body too large: ${declared} bytes, at most ${MAX_BODY_BYTES}`);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, `request body too large: more than ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'malformed JSON in request body');
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? null : v instanceof Float64Array ? Array.from(v) : v));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
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
export function serveStatic(root: string, urlPath: string, res: ServerResponse): boolean {
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
  res.writeHead(200, {
    'content-type': TYPES[extname(full)] ?? 'application/octet-stream',
    'x-content-type-options': 'nosniff',
    // The page loads nothing from elsewhere and sends nothing anywhere.
    'content-security-policy': "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; worker-src 'self' blob:",
  });
  createReadStream(full).pipe(res);
  return true;
}
