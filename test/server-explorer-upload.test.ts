/**
 * An engagement file uploaded to the explorer (POST /api/explorer) is parsed and checked in one of the server's
 * task threads, not on its event loop: while a large upload is being parsed, other requests are answered. An
 * upload that is not a usable engagement file is a 422 (as any document with problems) whose sentence names the upload, the path inside it and
 * what was expected: the sentence `truce engage` prints for the same file, with the same document bounds.
 *
 * The server runs in this process, so the test sees the moment the server has read the whole upload (the
 * request's stream closes): from then on, an event loop that parsed the upload itself could answer nothing else until it
 * had answered the upload. Every wait is on a signal (that event, a response), never a fixed time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runner } from '../src/app/runner.js';
import { DOCUMENT_LIMITS } from '../src/core/limits/document.js';
import { createTruceServer, type TruceServer } from '../src/server/server.js';
import { truce } from './helpers/cli.js';

/** The explorer's routes run no ensemble: a runner that refuses every call shows none is asked for. */
const refuse = () => Promise.reject(new Error('the explorer routes run no ensemble'));
const noEnsembles: Runner = { workers: 1, run: refuse, stream: refuse, cases: refuse };

let server: TruceServer;
let port = 0;
beforeAll(async () => {
  server = createTruceServer(null, noEnsembles);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise<void>((resolve) => server?.close(() => resolve()));
});

interface Reply {
  status: number;
  text: string;
}

function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<Reply> {
  const text = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent: false,
        headers: {
          'x-truce-token': server.token,
          ...(text !== undefined
            ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) }
            : {}),
        },
      },
      (res) => {
        let out = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (out += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: out }));
      },
    );
    req.on('error', reject);
    if (text !== undefined) req.write(text);
    req.end();
  });
}

/**
 * Resolves when the server has read the whole body of the next upload to the explorer and the request's stream
 * has closed: the moment the server's `for await` over the body ends (in Node 20 it ends on 'close', a few
 * milliseconds after 'end'), and the handler goes on to the upload's text.
 */
function uploadRead(): Promise<void> {
  return new Promise((resolve) => {
    const onRequest = (req: IncomingMessage) => {
      if (req.method !== 'POST' || req.url !== '/api/explorer') return;
      server.off('request', onRequest);
      req.once('close', () => resolve());
    };
    server.on('request', onRequest);
  });
}

/**
 * A large engagement file within every bound: 1,000 declared threat types (a map's most keys) and 80 layers that
 * each engage all of them (80,000 kill probabilities, under the 100,000 values a document may hold), about 0.9 MB.
 */
function largeEngagement(): string {
  const types = Array.from({ length: DOCUMENT_LIMITS.maxMapKeys }, (_, i) => `t${i}`);
  const layers = Array.from(
    { length: 80 },
    (_, l) => `  - name: layer-${l}\n    engages: { ${types.map((t) => `${t}: 0.5`).join(', ')} }\n`,
  );
  return [
    'salvo: { t0: 5, rocket: 10 }\n',
    'threats:\n',
    ...types.map((t) => `  ${t}: { reliability: 0.9 }\n`),
    'layers:\n',
    ...layers,
  ].join('');
}

/** `truce engage FILE` on the same text, run where the file's name is its path: what it prints on stderr. */
function cliRefusal(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'truce-upload-'));
  writeFileSync(join(dir, name), text);
  const r = truce(['engage', name, '--samples', '100'], { cwd: dir });
  expect(r.code).toBe(2);
  return r.stderr.trim().replace(/^truce: /, '');
}

describe('an engagement file uploaded to the explorer', () => {
  it('is parsed off the event loop: other requests are answered while a large upload is being parsed', async () => {
    const yaml = largeEngagement();
    expect(yaml.length).toBeGreaterThan(800_000);
    const order: string[] = [];
    const read = uploadRead();
    const upload = call('POST', '/api/explorer', { yaml, name: 'large.yaml' }).then((r) => (order.push('upload'), r));
    await read;
    // The server holds the whole upload: three requests one after another, each answered before the upload is.
    for (let i = 0; i < 3; i++) {
      const profile = await call('GET', '/api/defense/israel-2024');
      expect(profile.status, profile.text).toBe(200);
      order.push(`profile ${i}`);
    }
    const answer = await upload;
    expect(order).toEqual(['profile 0', 'profile 1', 'profile 2', 'upload']);
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    const d = JSON.parse(answer.text) as { threats: Record<string, unknown>; layers: unknown[]; source: string };
    expect(Object.keys(d.threats)).toHaveLength(DOCUMENT_LIMITS.maxMapKeys);
    expect(d.layers).toHaveLength(80);
    expect(d.source).toBe('large.yaml');
  });

  it('that breaks a rule is a 422 naming the upload, the path and what was expected, as truce engage says it', async () => {
    const yaml = 'salvo: { hypersonic: 5 }\ndefense: israel-2024\n';
    const r = await call('POST', '/api/explorer', { yaml, name: 'storm.yaml' });
    expect(r.status).toBe(422);
    const body = JSON.parse(r.text) as { error: string; problems: { path: string; expected: string }[] };
    expect(body.error).toBe(cliRefusal('storm.yaml', yaml));
    expect(body.error).toMatch(/^storm\.yaml: salvo\.hypersonic: expected a known threat type/);
    expect(body.problems).toMatchObject([{ path: 'salvo.hypersonic' }]);
  });

  it("that passes a document bound of truce engage is a 422 with the CLI's sentence, line and column", async () => {
    const items = DOCUMENT_LIMITS.maxListItems + 1;
    const yaml = `salvo: { ballistic: 5 }\ndefense: israel-2024\nsources: [${Array(items).fill('a').join(', ')}]\n`;
    const r = await call('POST', '/api/explorer', { yaml, name: 'long.yaml' });
    expect(r.status).toBe(422);
    const body = JSON.parse(r.text) as { error: string; problems: { path: string; expected: string }[] };
    expect(body.error).toBe(cliRefusal('long.yaml', yaml));
    expect(body.error).toBe(
      `long.yaml:3:10: sources: expected a list of at most ${DOCUMENT_LIMITS.maxListItems} items, got ${items} items`,
    );
    expect(body.problems).toMatchObject([{ path: 'sources', expected: expect.stringMatching(/at most 1000 items/) }]);
  });

  it('that is not YAML is a 422 naming the upload and the line; without a name it is called "engagement"', async () => {
    const r = await call('POST', '/api/explorer', { yaml: 'salvo: { ballistic: 5\n' });
    expect(r.status).toBe(422);
    expect(JSON.parse(r.text).error).toMatch(/^engagement:\d+:\d+: malformed YAML/);
  });

  it("names the upload by its file name only: a name with a folder is refused, the request's own problem", async () => {
    const r = await call('POST', '/api/explorer', { yaml: 'salvo: { ballistic: 5 }\n', name: '../etc/x.yaml' });
    expect(r.status).toBe(400);
    expect(JSON.parse(r.text).error).toBe(
      "name: expected the uploaded file's name, without its folder, at most 200 characters",
    );
  });
});
