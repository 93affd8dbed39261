/**
 * The dashboard answers only its own page (docs/dashboard.md, "Security").
 * Before any route runs, a request must:
 * - name this server in its Host header (127.0.0.1, ::1 or localhost, or the
 *   address it was bound to, with its port): a DNS-rebinding page names its own host;
 * - when it carries an Origin, come from this server's origin;
 * - when it carries Sec-Fetch-Site, be same-origin (or a direct visit);
 * - when it changes state (any method but GET and HEAD), send
 *   `Content-Type: application/json` (a cross-site form or text/plain post
 *   cannot) and the per-session token the page received at load in the
 *   `X-Truce-Token` header.
 * Anything else is 403 with a sentence. Every answer carries the headers below.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HttpError } from './errors.js';

export const TOKEN_HEADER = 'x-truce-token';

export interface GuardOptions {
  /** The per-session token; the page gets it in a meta tag at load. */
  token: string;
  /** The address the server is bound to (added to the loopback names). */
  host: string;
}

/** A fresh unguessable token for one server session. */
export function newSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

/** Headers every answer carries: no framing, no sniffing, no referrer. */
export function securityHeaders(html: boolean): Record<string, string> {
  return {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-resource-policy': 'same-origin',
    'content-security-policy': html
      ? "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
      : "default-src 'none'; frame-ancestors 'none'",
  };
}

function hostName(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The refusal for a request that is not from this server's own page, or null. */
export function refuse(req: IncomingMessage, opts: GuardOptions, port: number): HttpError | null {
  const names = new Set([...LOOPBACK, hostName(opts.host)].map((n) => `${n}:${port}`));
  const host = (req.headers.host ?? '').toLowerCase();
  if (!names.has(host))
    return new HttpError(
      403,
      `refused: expected the Host header to name this server (${[...names].join(', ')}), got ${JSON.stringify(host.slice(0, 100))}`,
    );
  const origin = req.headers.origin;
  if (origin !== undefined && !names.has(origin.toLowerCase().replace(/^http:\/\//, ''))) {
    return new HttpError(
      403,
      `refused: expected a request from this dashboard's own page (origin http://${host}), got origin ${JSON.stringify(origin.slice(0, 100))}`,
    );
  }
  if (origin !== undefined && !origin.toLowerCase().startsWith('http://'))
    return new HttpError(403, `refused: expected origin http://${host}, got ${JSON.stringify(origin.slice(0, 100))}`);
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none')
    return new HttpError(
      403,
      `refused: expected a request from this dashboard's own page, got a ${site} request (Sec-Fetch-Site)`,
    );
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (type !== 'application/json')
      return new HttpError(
        403,
        `refused: expected Content-Type: application/json for ${method}, got ${JSON.stringify(type || 'none')}`,
      );
    const token = req.headers[TOKEN_HEADER];
    if (typeof token !== 'string' || !sameToken(token, opts.token))
      return new HttpError(
        403,
        `refused: expected the dashboard's session token in the ${TOKEN_HEADER} header (the page sends it; scripts read it from the page or from --token)`,
      );
  }
  return null;
}

/** The page with the session token in a meta tag, for the client to send back. */
export function withToken(html: string, token: string): string {
  return html.replace('</head>', `<meta name="truce-token" content="${token}"></head>`);
}
