/**
 * `truce serve`: the dashboard on 127.0.0.1. Serves the built front end
 * (web/dist) and the JSON API; refuses oversize bodies and malformed input,
 * never serves a file outside its own assets, and sends no data anywhere.
 */
import { createServer, type Server } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Runner } from '../app/runner.js';
import { WEB_ROOT } from '../io/paths.js';
import type { DB } from '../store/db.js';
import { Api } from './api.js';
import { errorResponse, HttpError } from './errors.js';
import { readJson, sendJson, serveStatic } from './http.js';

export function createTruceServer(db: DB | null, runner: Runner): Server {
  if (!existsSync(resolve(WEB_ROOT, 'index.html'))) throw new Error('dashboard assets missing in web/dist: run npm run build');
  const api = new Api(db, runner);
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    try {
      const p = url.pathname;
      let m: RegExpExecArray | null;
      if (p.startsWith('/api/')) {
        if (method === 'GET' && p === '/api/scenarios') return sendJson(res, 200, api.scenarios());
        if (method === 'GET' && (m = /^\/api\/scenarios\/([^/]+)$/.exec(p))) return sendJson(res, 200, api.scenarioText(decodeURIComponent(m[1])));
        if (method === 'GET' && (m = /^\/api\/defense\/([^/]+)$/.exec(p))) return sendJson(res, 200, api.profile(decodeURIComponent(m[1])));
        if (method === 'GET' && p === '/api/explorer') return sendJson(res, 200, api.explorer(url.searchParams.get('preset') ?? undefined));
        if (method === 'POST' && p === '/api/explorer') return sendJson(res, 200, api.explorerUpload(await readJson(req)));
        if (method === 'GET' && p === '/api/explorer/presets') return sendJson(res, 200, api.explorerPresets());
        if (method === 'GET' && p === '/api/campaigns') return sendJson(res, 200, api.campaigns());
        if (method === 'POST' && p === '/api/check') return sendJson(res, 200, api.check(await readJson(req)));
        if (method === 'POST' && p === '/api/run') return sendJson(res, 200, api.run(await readJson(req)));
        if (method === 'POST' && p === '/api/campaign') return sendJson(res, 200, api.campaign(await readJson(req)));
        if (method === 'POST' && p === '/api/compare') return sendJson(res, 202, api.startCompare(await readJson(req)));
        if (method === 'POST' && p === '/api/sensitivity') return sendJson(res, 202, api.startSensitivity(await readJson(req)));
        if (method === 'POST' && p === '/api/sweep') return sendJson(res, 202, api.startSweep(await readJson(req)));
        if (method === 'GET' && (m = /^\/api\/jobs\/(\d+)$/.exec(p))) return sendJson(res, 200, api.job(m[1]));
        if (method === 'DELETE' && (m = /^\/api\/jobs\/(\d+)$/.exec(p))) return sendJson(res, 200, api.cancelJob(m[1]));
        if (method === 'GET' && p === '/api/runs') return sendJson(res, 200, api.runsList());
        if (method === 'GET' && (m = /^\/api\/runs\/(\d+)$/.exec(p))) return sendJson(res, 200, api.runsShow(Number(m[1])));
        throw new HttpError(404, `no API route ${method} ${p}`);
      }
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, 'method not allowed');
      if (!serveStatic(WEB_ROOT, p, res)) throw new HttpError(404, 'not found');
    } catch (err) {
      if (res.headersSent) return void res.end();
      const { status, body } = errorResponse(err);
      sendJson(res, status, body);
    }
  });
}
