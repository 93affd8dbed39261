/**
 * The server never degrades: after a `__proto__` lever path, a 1-GB body, a
 * slow client and a `days: 1e9` campaign, it answers the built-in scenario's
 * check and run correctly, with its resident memory under 500 MB. And every
 * route, walked with malformed paths, bodies, headers and methods, answers a
 * 4xx with a sentence (never a 500, never a dropped connection).
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { request } from 'node:http';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';
import { startServer, type RunningServer } from './helpers/server.js';

let server: RunningServer;
const builtIn = readFileSync(resolve(ROOT, 'scenarios', 'iran-israel.yaml'), 'utf8');

beforeAll(async () => {
  server = await startServer(null);
});
afterAll(async () => server?.stop());

interface Reply {
  status: number;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw request: path and headers exactly as written. */
function raw(method: string, path: string, body?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        headers: { ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolveReply({ status: res.statusCode ?? 0, text, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const json = (body: unknown, extra: Record<string, string> = {}) => ({
  'content-type': 'application/json',
  'x-truce-token': server.token,
  ...extra,
});
const post = (path: string, body: unknown) => raw('POST', path, JSON.stringify(body), json(body));

function rssBytes(): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) * 1024;
}

async function builtInStillWorks(): Promise<void> {
  const check = await post('/api/check', { yaml: builtIn });
  expect(check.status).toBe(200);
  const c = JSON.parse(check.text);
  expect(c.ok).toBe(true);
  expect(c.name).toBe('iran-israel');
  const run = await post('/api/run', { yaml: builtIn, framework: null, seed: 3, days: 60 });
  expect(run.status, run.text.slice(0, 300)).toBe(200);
  const r = JSON.parse(run.text);
  expect(r.scenario).toBe('iran-israel');
  expect(r.horizonDays).toBe(60);
  expect(r.outcome).toBeDefined();
}

describe('after hostile requests the server still answers the built-in scenario', () => {
  it('a __proto__ lever path is refused with its path, and pollutes nothing', async () => {
    const hostile = builtIn.replace('paths: [agreement.verification.capability]', 'paths: [__proto__.polluted]');
    expect(hostile).not.toBe(builtIn);
    const r = await post('/api/run', { yaml: hostile, framework: null, seed: 1 });
    expect(r.status).toBe(422);
    expect(r.text).toMatch(/levers\.verification\.paths\[0\]/);
    const keyed = await post('/api/run', { yaml: `__proto__: { polluted: 1 }\n${builtIn}`, framework: null, seed: 1 });
    expect(keyed.status).toBe(422);
    expect(JSON.parse(keyed.text).error).toMatch(
      /__proto__: expected a name other than __proto__, constructor or prototype/,
    );
    const body = await raw(
      'POST',
      '/api/run',
      `{"yaml": ${JSON.stringify(builtIn)}, "seed": 1, "framework": null, "set": {"__proto__": {"polluted": 1}}}`,
      json(null),
    );
    expect(body.status).toBe(422);
    await builtInStillWorks();
  });

  it('a 1-GB body is refused early, never buffered: declared and streamed', async () => {
    const declared = await raw('POST', '/api/check', undefined, json(null, { 'content-length': String(2 ** 30) }));
    expect(declared.status).toBe(413);
    // Streamed without a length: count what the server took before it answered and closed.
    const { status, sent } = await new Promise<{ status: number; sent: number }>((resolveStream) => {
      let sent = 0;
      let status = 0;
      const chunk = Buffer.alloc(1 << 20, 0x20);
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/check',
          headers: { ...json(null), 'transfer-encoding': 'chunked' },
        },
        (res) => {
          status = res.statusCode ?? 0;
          res.resume();
        },
      );
      const done = () => resolveStream({ status, sent });
      req.on('error', done);
      req.on('close', done);
      const pump = () => {
        while (sent < 2 ** 30) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
    expect(sent).toBeLessThan(2 ** 30);
    if (status !== 0) expect(status).toBe(413);
    expect(rssBytes()).toBeLessThan(500 * 2 ** 20);
    await builtInStillWorks();
  });

  it('a slow client is cut off, and others are served meanwhile', async () => {
    const socket = connect(server.port, '127.0.0.1');
    await new Promise((r) => socket.once('connect', r));
    socket.write(
      `POST /api/check HTTP/1.1\r\nHost: 127.0.0.1:${server.port}\r\nContent-Type: application/json\r\nX-Truce-Token: ${server.token}\r\nContent-Length: 1000\r\n\r\n{`,
    );
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const drip = setInterval(() => socket.writable && socket.write(' '), 2000);
    const closed = new Promise<void>((r) => socket.once('close', () => r()));
    // Others are served while the slow client dribbles.
    await builtInStillWorks();
    await closed;
    clearInterval(drip);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    await builtInStillWorks();
  });

  it('a campaign of days: 1e9, or of more replicates than the budget, is refused before it runs', async () => {
    const campaign = readFileSync(resolve(ROOT, 'scenarios', 'campaign', 'twelve-day-war.yaml'), 'utf8');
    const long = await post('/api/campaign', { yaml: campaign.replace(/^days: 12/m, 'days: 1e9'), runs: 20, seed: 1 });
    expect(long.status).toBe(422);
    expect(long.text).toMatch(/days/);
    const many = await post('/api/campaign', {
      yaml: campaign.replace(/^days: 12/m, 'days: 3650'),
      runs: 20000,
      seed: 1,
    });
    expect(many.status).toBe(422);
    expect(JSON.parse(many.text).error).toMatch(/work units .* above the budget/);
    const compare = await post('/api/compare', {
      yaml: builtIn,
      frameworks: ['transactional-freeze', 'structural-architecture'],
      runs: 200000,
      seed: 1,
      days: 3650,
    });
    expect(compare.status).toBe(422);
    await builtInStillWorks();
    expect(rssBytes()).toBeLessThan(500 * 2 ** 20);
  });
});

describe('every route, walked with malformed requests, answers a 4xx with a sentence', () => {
  const routes: [string, string][] = [
    ['GET', '/api/scenarios'],
    ['GET', '/api/scenarios/iran-israel'],
    ['GET', '/api/defense/israel-2024'],
    ['GET', '/api/explorer'],
    ['GET', '/api/jobs/1'],
    ['GET', '/api/runs'],
    ['GET', '/api/runs/1'],
    ['GET', '/api/runs/1/per-run'],
    ['POST', '/api/check'],
    ['POST', '/api/run'],
    ['POST', '/api/campaign'],
    ['POST', '/api/compare'],
    ['POST', '/api/sensitivity'],
    ['POST', '/api/sweep'],
    ['GET', '/'],
  ];
  const bad = (r: Reply, what: string) => {
    // /api/check answers a document's problems as data: 200 with ok false and every problem.
    if (r.status === 200 && what.startsWith('/api/check')) {
      const c = JSON.parse(r.text);
      expect(c.ok, what).toBe(false);
      expect(c.problems.length, what).toBeGreaterThan(0);
      return;
    }
    expect(r.status, `${what}: ${r.text.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
    expect(r.status, `${what}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
    const error = JSON.parse(r.text).error;
    expect(typeof error, what).toBe('string');
    expect(error.length, what).toBeGreaterThan(5);
  };

  it('malformed paths', async () => {
    for (const [method, path] of routes) {
      for (const suffix of ['%', '%zz', '%00', '/..%2f..%2fpackage.json', `/${'x'.repeat(5000)}`, '%E0%A4%A']) {
        const r = await raw(
          method,
          path + suffix,
          method === 'POST' ? '{}' : undefined,
          method === 'POST' ? json(null) : {},
        );
        bad(r, `${method} ${path}${suffix.slice(0, 20)}`);
      }
    }
  });

  it('malformed bodies', async () => {
    for (const [method, path] of routes.filter(([m]) => m === 'POST')) {
      for (const body of [
        '{not json',
        '[]',
        '"x"',
        '42',
        'null',
        JSON.stringify({ yaml: 7 }),
        JSON.stringify({ yaml: '' }),
        JSON.stringify({ yaml: builtIn, seed: -1, runs: 1e308 }),
        '{"__proto__": {"polluted": 1}, "yaml": "x"}',
        JSON.stringify({ yaml: 'a: &a [1]\nb: *nope' }),
        JSON.stringify({ yaml: builtIn, extra: 'x'.repeat(30000) }),
      ]) {
        bad(await raw(method, path, body, json(null)), `${path} ${body.slice(0, 40)}`);
      }
    }
  });

  it('hostile headers: another Host, Origin or site, a non-JSON type, no or a wrong token', async () => {
    for (const [method, path] of routes) {
      const body = method === 'POST' ? JSON.stringify({ yaml: builtIn, seed: 1, framework: null }) : undefined;
      const variants: [string, Record<string, string>][] = [
        ['dns rebinding', { ...json(null), host: 'evil.example' }],
        ['other port', { ...json(null), host: '127.0.0.1:1' }],
        ['origin', { ...json(null), origin: 'http://evil.example' }],
        ['null origin', { ...json(null), origin: 'null' }],
        ['cross-site', { ...json(null), 'sec-fetch-site': 'cross-site' }],
      ];
      if (method === 'POST') {
        variants.push(
          ['text/plain', { ...json(null), 'content-type': 'text/plain' }],
          ['form', { ...json(null), 'content-type': 'application/x-www-form-urlencoded' }],
          ['no token', { 'content-type': 'application/json' }],
          ['wrong token', { ...json(null), 'x-truce-token': 'x'.repeat(32) }],
        );
      }
      for (const [what, headers] of variants) {
        const r = await raw(method, path, body, headers);
        expect(r.status, `${what} ${method} ${path}`).toBe(403);
        bad(r, `${what} ${method} ${path}`);
      }
    }
  });

  it('unexpected methods', async () => {
    for (const [, path] of routes) {
      for (const method of ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE']) {
        const bodyless = await raw(method, path);
        bad(bodyless, `${method} ${path}`);
        const withBody = await raw(method, path, '{}', json(null));
        bad(withBody, `${method} ${path} with a JSON body`);
      }
    }
  });

  it('every answer carries the security headers, and the built-in scenario still works', async () => {
    for (const [method, path] of routes) {
      const r = await raw(method, path, method === 'POST' ? '{}' : undefined, method === 'POST' ? json(null) : {});
      expect(r.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['referrer-policy']).toBe('no-referrer');
    }
    await builtInStillWorks();
  });
});
