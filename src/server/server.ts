/**
 * `truce serve`: the dashboard on 127.0.0.1. Serves the built front end
 * (web/dist) and the JSON API. Before any route: the guard (src/server/guard.ts:
 * Host, Origin, Sec-Fetch-Site, JSON content type and the session token).
 * Slow clients meet header and request timeouts; bodies are bounded and
 * refused early; checking and simulation run in task threads
 * (src/server/offload.ts); jobs are capped (src/server/jobs.ts). Every
 * malformed request is a 4xx with a sentence; only a bug is a 500.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Runner } from '../app/runner.js';
import { WEB_ROOT } from '../io/paths.js';
import type { DB } from '../store/db.js';
import { Api } from './api.js';
import { errorResponse, HttpError } from './errors.js';
import { newSessionToken, refuse, securityHeaders } from './guard.js';
import { readJson, sendDownload, sendJson, serveStatic } from './http.js';
import { DEFAULT_OFFLOAD, Offload, type OffloadLimits } from './offload.js';

export interface ServerOptions {
  /** The address it is bound to (Host and Origin must name it, or a loopback name). */
  host?: string;
  /** The session token (default: a fresh random one). */
  token?: string;
  /** Time for a client to send its headers, ms. */
  headersTimeoutMs?: number;
  /** Time for a client to send its whole request, ms (a slow body is cut off). */
  requestTimeoutMs?: number;
  offload?: OffloadLimits;
}

export interface TruceServer extends Server {
  readonly token: string;
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, `malformed path: ${JSON.stringify(segment.slice(0, 60))} is not a valid percent-encoding`);
  }
}

export function createTruceServer(db: DB | null, runner: Runner, opts: ServerOptions = {}): TruceServer {
  if (!existsSync(resolve(WEB_ROOT, 'index.html')))
    throw new Error('dashboard assets missing in web/dist: run npm run build');
  const offload = new Offload(opts.offload ?? DEFAULT_OFFLOAD);
  const api = new Api(db, runner, offload);
  const token = opts.token ?? newSessionToken();
  const guard = { token, host: opts.host ?? '127.0.0.1' };
  const headersTimeout = opts.headersTimeoutMs ?? 10_000;
  const requestTimeout = opts.requestTimeoutMs ?? 20_000;
  const server = createServer(
    {
      headersTimeout,
      requestTimeout,
      connectionsCheckingInterval: Math.min(1000, headersTimeout),
      keepAliveTimeout: 5000,
    },
    async (req, res) => {
      const method = req.method ?? 'GET';
      try {
        const addr = server.address();
        const port = typeof addr === 'object' && addr ? addr.port : 0;
        const refusal = refuse(req, guard, port);
        if (refusal) throw refusal;
        // The path as sent (not through new URL: "//host/x" would be read as another host).
        const target = req.url ?? '/';
        if (!target.startsWith('/'))
          throw new HttpError(400, 'malformed request target: expected a path starting with /');
        const p = target.split(/[?#]/, 1)[0];
        if (p.length > 2048) throw new HttpError(414, 'request path too long');
        const query = new URLSearchParams(target.slice(p.length).replace(/^\?/, '').split('#')[0]);
        let m: RegExpExecArray | null;
        if (p.startsWith('/api/')) {
          if (method === 'GET' && p === '/api/scenarios') return sendJson(res, 200, api.scenarios());
          if (method === 'GET' && (m = /^\/api\/scenarios\/([^/]+)$/.exec(p)))
            return sendJson(res, 200, api.scenarioText(decoded(m[1])));
          if (method === 'GET' && (m = /^\/api\/defense\/([^/]+)$/.exec(p)))
            return sendJson(res, 200, api.profile(decoded(m[1])));
          if (method === 'GET' && p === '/api/explorer')
            return sendJson(res, 200, api.explorer(query.get('preset') ?? undefined));
          if (method === 'POST' && p === '/api/explorer')
            return sendJson(res, 200, await api.explorerUpload(await readJson(req)));
          if (method === 'GET' && p === '/api/explorer/presets') return sendJson(res, 200, api.explorerPresets());
          if (method === 'GET' && p === '/api/campaigns') return sendJson(res, 200, api.campaigns());
          if (method === 'POST' && p === '/api/check') return sendJson(res, 200, await api.check(await readJson(req)));
          if (method === 'POST' && p === '/api/run') return sendJson(res, 200, await api.run(await readJson(req)));
          if (method === 'POST' && p === '/api/campaign')
            return sendJson(res, 200, await api.campaign(await readJson(req)));
          if (method === 'POST' && p === '/api/compare')
            return sendJson(res, 202, await api.startCompare(await readJson(req)));
          if (method === 'POST' && p === '/api/sensitivity')
            return sendJson(res, 202, await api.startSensitivity(await readJson(req)));
          if (method === 'POST' && p === '/api/validation')
            return sendJson(res, 202, api.startValidation(await readJson(req)));
          if (method === 'POST' && p === '/api/sweep')
            return sendJson(res, 202, await api.startSweep(await readJson(req)));
          if (method === 'GET' && (m = /^\/api\/jobs\/(\d{1,12})$/.exec(p))) return sendJson(res, 200, api.job(m[1]));
          if (method === 'DELETE' && (m = /^\/api\/jobs\/(\d{1,12})$/.exec(p)))
            return sendJson(res, 200, api.cancelJob(m[1]));
          if (method === 'GET' && p === '/api/runs') return sendJson(res, 200, api.runsList());
          if (method === 'GET' && (m = /^\/api\/runs\/(\d{1,12})$/.exec(p)))
            return sendJson(res, 200, api.runsShow(Number(m[1])));
          if (method === 'GET' && (m = /^\/api\/runs\/(\d{1,12})\/per-run$/.exec(p)))
            return await sendDownload(res, await api.perRunExport(Number(m[1]), query.get('format')));
          throw new HttpError(404, `no API route ${method} ${p.slice(0, 100)}`);
        }
        if (method !== 'GET' && method !== 'HEAD')
          throw new HttpError(405, `method ${method} not allowed: the dashboard's pages are read with GET`);
        if (!serveStatic(WEB_ROOT, p, res, token)) throw new HttpError(404, 'not found');
      } catch (err) {
        if (res.headersSent) return void res.end();
        const { status, body } = errorResponse(err);
        // A refused body is not read further: answer and close the connection.
        if (status === 413 || status === 403) res.setHeader('connection', 'close');
        sendJson(res, status, body);
        if (status === 413) res.once('finish', () => req.destroy());
      }
    },
  ) as TruceServer;
  Object.defineProperty(server, 'token', { value: token });
  server.on('close', () => void offload.close());
  // A malformed request line or headers: a 400 with a sentence, not a dropped socket.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return void socket.destroy();
    const status =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT' || err.code === 'ERR_HTTP_HEADERS_TIMEOUT'
        ? 408
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? 431
          : 400;
    const body = JSON.stringify({
      error:
        status === 408
          ? 'request timeout: the request was not sent in time'
          : status === 431
            ? 'request headers too large'
            : 'malformed request',
    });
    const head = Object.entries({
      ...securityHeaders(false),
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      connection: 'close',
    })
      .map(([k, v]) => `${k}: ${v}`)
      .join('\r\n');
    socket.end(
      `HTTP/1.1 ${status} ${status === 408 ? 'Request Timeout' : status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}\r\n${head}\r\n\r\n${body}`,
    );
  });
  return server;
}
