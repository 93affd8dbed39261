/** The dashboard server: local binding, refusals, no files outside its assets, API contracts. */
import { request } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/server.js';

let server: RunningServer;
beforeAll(async () => {
  server = await startServer(join(mkdtempSync(join(tmpdir(), 'truce-srv-')), 's.db'));
});
afterAll(async () => server?.stop());

/** A raw request, so the path is sent exactly as written (no client-side normalisation). */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: { ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}), ...headers } }, (res) => {
      let text = '';
      res.on('data', (d) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('truce serve', () => {
  it('binds to 127.0.0.1', () => expect(server.url.startsWith('http://127.0.0.1:')).toBe(true));

  it('never serves a file outside its own assets', async () => {
    for (const p of ['/../package.json', '/..%2F..%2Fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/../../../package.json', '/....//package.json', '/%00']) {
      const r = await raw('GET', p);
      expect([400, 403, 404]).toContain(r.status);
      expect(r.text).not.toMatch(/"name": "truce"/);
    }
    expect((await raw('GET', '/')).status).toBe(200);
  });

  it('refuses oversize bodies and malformed input with clear errors', async () => {
    const big = await raw('POST', '/api/check', Buffer.alloc(3 * 1024 * 1024, 'a'));
    expect(big.status).toBe(413);
    expect(JSON.parse(big.text).error).toMatch(/too large/);
    const bad = await raw('POST', '/api/check', '{not json');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.text).error).toMatch(/malformed JSON/);
    const wrong = await raw('POST', '/api/compare', JSON.stringify({ yaml: 'x', frameworks: [], runs: -1, seed: 1 }));
    expect(wrong.status).toBe(400);
    const problems = JSON.parse(wrong.text).problems.map((p: { path: string }) => p.path);
    expect(problems).toEqual(expect.arrayContaining(['frameworks', 'runs']));
    expect((await raw('DELETE', '/api/runs')).status).toBe(404);
  });

  it('validates scenario text with paths and lines, like the CLI', async () => {
    const r = await raw('POST', '/api/check', JSON.stringify({ yaml: 'name: x\nhorizonDays: 0\nactors: {}\nagreement: { mediator: us, verification: { capability: 2 } }\nactions: {}\n' }));
    const j = JSON.parse(r.text);
    expect(j.ok).toBe(false);
    const spec = j.problems.find((p: { path: string }) => p.path === 'agreement.verification.capability');
    expect(spec).toMatchObject({ expected: 'a probability in [0, 1]', found: '2', line: 4 });
    const ok = JSON.parse((await raw('POST', '/api/check', JSON.stringify({ yaml: JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml }))).text);
    expect(ok.ok).toBe(true);
    expect(ok.levers.map((l: { name: string }) => l.name)).toContain('interceptorStock');
  });

  it('runs a comparison as a job with progress and stores it', async () => {
    const yaml = JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml;
    const job = JSON.parse((await raw('POST', '/api/compare', JSON.stringify({ yaml, frameworks: ['transactional-freeze'], runs: 300, seed: 1, days: 100 }))).text);
    let j = job;
    for (let i = 0; i < 200 && j.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = JSON.parse((await raw('GET', `/api/jobs/${job.id}`)).text);
    }
    expect(j.status).toBe('done');
    expect(j.done).toBe(300);
    expect(j.result.arms[0].runs).toBe(300);
    const stored = JSON.parse((await raw('GET', `/api/runs/${j.result.experimentId}`)).text);
    expect(stored.kind).toBe('compare');
    expect(stored.arms).toHaveLength(1);
  });
});
