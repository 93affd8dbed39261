// Issue 15: a page served from another origin (a second local server on another port) tries a
// fetch, a form post and a text/plain post against the dashboard; every attempt is refused and
// starts nothing, while the dashboard's own page still works. Debian's Chromium via playwright-core.
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';

function hostilePage(target: string): string {
  const body = JSON.stringify({ frameworks: ['transactional-freeze'], runs: 10, seed: 1, days: 30 });
  return `<!doctype html><html><head><title>elsewhere</title></head><body>
<iframe name="sink"></iframe>
<form id="f" method="post" action="${target}api/compare" enctype="text/plain" target="sink"><input name='{"runs":10,"x":"' value='"}'></form>
<script>
window.results = {};
async function attempt(name, init) {
  try { const r = await fetch('${target}api/compare', init); window.results[name] = 'status ' + r.status; }
  catch (e) { window.results[name] = 'blocked'; }
}
(async () => {
  await attempt('json', { method: 'POST', headers: { 'content-type': 'application/json' }, body: ${JSON.stringify(body)} });
  await attempt('text', { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(body)} });
  await attempt('read', { method: 'GET' });
  document.getElementById('f').submit();
  window.results.done = true;
})();
</script></body></html>`;
}

describe('the dashboard answers only its own page', () => {
  let dir: string;
  let server: RunningServer;
  let elsewhere: Server;
  let elsewhereUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'truce-xo-'));
    server = await startServer(join(dir, 'x.db'));
    elsewhere = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(hostilePage(server.url));
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', () => resolve()));
    const addr = elsewhere.address();
    elsewhereUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => elsewhere?.close(r));
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a fetch, a text/plain post and a form post from another origin, and starts nothing', async () => {
    const page = await browser.newPage();
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(`${server.url}api/`)) statuses.push(r.status());
    });
    // The form post navigates the iframe: wait for its answer (a signal, not a fixed time).
    const formAnswer = page.waitForResponse(
      (r) =>
        r.url() === `${server.url}api/compare` && r.request().method() === 'POST' && r.request().isNavigationRequest(),
    );
    await page.goto(elsewhereUrl);
    await page.waitForFunction(() => (window as unknown as { results: { done?: boolean } }).results.done === true);
    expect((await formAnswer).status()).toBe(403);
    const results = await page.evaluate(() => (window as unknown as { results: Record<string, string> }).results);
    // No script of the other origin gets an answer; whatever reached the dashboard was refused.
    expect(results.json).toBe('blocked');
    expect(results.text).toBe('blocked');
    expect(results.read).toBe('blocked');
    expect(statuses.length).toBeGreaterThanOrEqual(1);
    for (const s of statuses) expect(s).toBe(403);
    // The same text/plain post as the page sends it (its Origin, no token) is refused by the server itself.
    const replay = await fetch(`${server.url}api/compare`, {
      method: 'POST',
      headers: { origin: elsewhereUrl.slice(0, -1), 'content-type': 'text/plain' },
      body: '{"runs":10}',
    });
    expect(replay.status).toBe(403);
    // Nothing was started or stored.
    const runs = await fetch(`${server.url}api/runs`);
    expect(runs.status).toBe(200);
    expect(await runs.json()).toEqual([]);
    await page.close();
  });

  it('still serves its own page, whose requests carry the token', async () => {
    const page = await browser.newPage();
    await page.goto(server.url);
    const token = await page.locator('meta[name="truce-token"]').getAttribute('content');
    expect(token).toBe(server.token);
    const status = await page.evaluate(async (t) => {
      const r = await fetch('/api/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-truce-token': t! },
        body: JSON.stringify({ yaml: 'name: x' }),
      });
      return r.status;
    }, token);
    expect(status).toBeLessThan(500);
    expect(status).not.toBe(403);
    await page.close();
  });
});
