/**
 * GET /api/runs/ID/per-run (docs/dashboard.md, "Per-run rows"): a stored sweep's or comparison's per-run rows, the
 * same bytes as `truce runs export ID --per-run` in every format, as an attachment named after the experiment; a
 * sentence and a 4xx for an unknown id, an experiment without rows or an unknown format; the guard's refusals.
 */
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Runner } from '../src/app/runner.js';
import { Api } from '../src/server/api.js';
import type { Offload } from '../src/server/offload.js';
import { openStore } from '../src/store/db.js';
import { startExperiment } from '../src/store/experiments.js';
import { truce } from './helpers/cli.js';
import { startServer, type RunningServer } from './helpers/server.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-per-run-srv-'));
const db = join(dir, 'runs.db');
// The server's own temporary folder: a Parquet download's file must not outlive its answer.
const serverTmp = mkdtempSync(join(tmpdir(), 'truce-per-run-tmp-'));
let server: RunningServer;

const POINTS = 3;
const RUNS_PER_POINT = 4;
const COMPARE_RUNS = 6;
const BIG_RUNS = 3000;

function stored(args: string[]): void {
  const r = truce([...args, '--posterior', 'none', '--db', db]);
  if (r.code !== 0) throw new Error(r.stderr);
}

beforeAll(async () => {
  // 1: a small sweep, 2: a small comparison (both keep per-run rows), 3: a Morris analysis (keeps none).
  stored([
    'sweep',
    '--design',
    'grid',
    '--ranges',
    'verification=0:1',
    '--points',
    String(POINTS),
    '--runs-per-point',
    String(RUNS_PER_POINT),
    '--days',
    '60',
    '--seed',
    '3',
  ]);
  stored(['compare', '--runs', String(COMPARE_RUNS), '--days', '60', '--seed', '5']);
  stored([
    'sensitivity',
    '--method',
    'morris',
    '--levers',
    'verification,faceSaving',
    '--samples',
    '2',
    '--runs-per-point',
    '3',
    '--days',
    '30',
  ]);
  // 4: a comparison whose rows (about 1 MB of CSV) are more than the socket buffers hold for a client that stops reading.
  stored(['compare', '--runs', String(BIG_RUNS), '--days', '30', '--seed', '6']);
  server = await startServer(db, [], { TMPDIR: serverTmp });
}, 120_000);
afterAll(async () => server?.stop());

interface Reply {
  status: number;
  body: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw GET: headers exactly as written (the guard's refusals need a foreign Host or Origin). */
function get(path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: server.port, method: 'GET', path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function cliExport(id: number, format: 'csv' | 'json'): string {
  const r = truce(['runs', 'export', String(id), '--per-run', '--format', format, '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout;
}

describe('GET /api/runs/ID/per-run', () => {
  it("sends a sweep's per-run rows as CSV, byte for byte what truce runs export ID --per-run prints", async () => {
    const r = await get('/api/runs/1/per-run');
    expect(r.status, r.body.toString()).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(r.headers['content-disposition']).toBe('attachment; filename="truce-sweep-1-iran-israel-per-run.csv"');
    const cli = cliExport(1, 'csv');
    expect(r.body.equals(Buffer.from(cli, 'utf8'))).toBe(true);
    // Independently of the CLI: a header and one line per run of every point, each point's runs at its lever value.
    const lines = r.body.toString('utf8').trimEnd().split('\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 6)).toEqual(['experiment', 'run', 'arm', 'point', 'framework', 'lever_verification']);
    expect(lines).toHaveLength(1 + POINTS * RUNS_PER_POINT);
    const point = header.indexOf('point');
    const lever = header.indexOf('lever_verification');
    const levels = new Map<string, Set<string>>();
    for (const l of lines.slice(1)) {
      const cells = l.split(',');
      levels.set(cells[point], (levels.get(cells[point]) ?? new Set()).add(cells[lever]));
    }
    expect([...levels.keys()].sort()).toEqual(['0', '1', '2']);
    for (const values of levels.values()) expect(values.size).toBe(1);
    // A grid over 0..1 in three points: 0, 0.5, 1.
    expect([...levels.values()].map((v) => Number([...v][0])).sort()).toEqual([0, 0.5, 1]);
  });

  it('a comparison keeps them too; ?format=json gives the JSON of the CLI', async () => {
    const csv = await get('/api/runs/2/per-run?format=csv');
    expect(csv.status).toBe(200);
    expect(csv.body.toString('utf8')).toBe(cliExport(2, 'csv'));
    expect(csv.headers['content-disposition']).toBe('attachment; filename="truce-compare-2-iran-israel-per-run.csv"');
    const json = await get('/api/runs/1/per-run?format=json');
    expect(json.status).toBe(200);
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(json.body.toString('utf8')).toBe(cliExport(1, 'json'));
    expect(JSON.parse(json.body.toString('utf8'))).toHaveLength(POINTS * RUNS_PER_POINT);
  });

  it('?format=parquet: the file truce runs export ID --per-run --format parquet --out writes, and no temporary file stays', async () => {
    const r = await get('/api/runs/1/per-run?format=parquet');
    expect(r.status, r.body.toString()).toBe(200);
    expect(r.headers['content-type']).toBe('application/vnd.apache.parquet');
    expect(r.headers['content-disposition']).toBe('attachment; filename="truce-sweep-1-iran-israel-per-run.parquet"');
    expect(Number(r.headers['content-length'])).toBe(r.body.length);
    const out = join(dir, 'cli.parquet');
    const cli = truce(['runs', 'export', '1', '--per-run', '--format', 'parquet', '--out', out, '--db', db]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(r.body.equals(readFileSync(out))).toBe(true);
    expect(r.body.subarray(0, 4).toString('latin1')).toBe('PAR1');
    expect(readdirSync(serverTmp).filter((f) => f.startsWith('truce-per-run-'))).toEqual([]);
  });

  it('the stored-runs list says how many rows each comparison and sweep keeps', async () => {
    const list = JSON.parse((await get('/api/runs')).body.toString('utf8')) as {
      id: number;
      runRows?: { stored: number; runs?: number };
    }[];
    expect(list.find((e) => e.id === 1)?.runRows).toEqual({
      stored: POINTS * RUNS_PER_POINT,
      runs: POINTS * RUNS_PER_POINT,
    });
    // Two arms (the default frameworks) of COMPARE_RUNS runs each.
    expect(list.find((e) => e.id === 2)?.runRows).toEqual({ stored: 2 * COMPARE_RUNS });
    expect(list.find((e) => e.id === 3)?.runRows).toBeUndefined();
    expect(list.find((e) => e.id === 4)?.runRows).toEqual({ stored: 2 * BIG_RUNS });
  });

  it('an unknown id is a 404, an experiment without rows a 409, an unknown format a 400: each a sentence', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/runs/99/per-run', 404, /found no experiment 99/],
      ['/api/runs/3/per-run', 409, /experiment 3 \(sensitivity\) has no per-run rows/],
      ['/api/runs/1/per-run?format=xlsx', 400, /format: expected csv, json or parquet .*got "xlsx"/],
    ];
    for (const [path, status, message] of cases) {
      const r = await get(path);
      expect(r.status, path).toBe(status);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.headers['content-disposition']).toBeUndefined();
      expect(JSON.parse(r.body.toString('utf8')).error).toMatch(message);
    }
  });

  it('a download its client stops reading and resumes after a sweep job has run is still the whole table', async () => {
    const received: Buffer[] = [];
    const download = await new Promise<IncomingMessage>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port: server.port, path: '/api/runs/4/per-run' }, resolve);
      req.on('error', reject);
      req.end();
    });
    expect(download.statusCode).toBe(200);
    const ended = new Promise<void>((resolve) => download.on('end', resolve));
    // Take the first block, then stop reading: the server waits for the client to take more.
    await new Promise<void>((resolve) =>
      download.once('data', (d: Buffer) => {
        received.push(d);
        download.pause();
        resolve();
      }),
    );
    const yaml = JSON.parse((await get('/api/scenarios/iran-israel')).body.toString('utf8')).yaml as string;
    const body = JSON.stringify({
      yaml,
      design: 'grid',
      ranges: { verification: [0, 1] },
      points: 2,
      runsPerPoint: 3,
      seed: 1,
      days: 30,
      posterior: 'none',
    });
    const started = await new Promise<{ id: string; status: string }>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/sweep',
          headers: { 'content-type': 'application/json', 'x-truce-token': server.token },
        },
        (res) => {
          let text = '';
          res.on('data', (d) => (text += d));
          res.on('end', () => resolve(JSON.parse(text)));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    let job = started;
    while (job.status === 'running') {
      await new Promise((r) => setTimeout(r, 100));
      job = JSON.parse((await get(`/api/jobs/${started.id}`)).body.toString('utf8'));
    }
    expect(job).toMatchObject({ status: 'done' });
    download.on('data', (d: Buffer) => received.push(d));
    download.resume();
    await ended;
    const csv = Buffer.concat(received).toString('utf8');
    expect(csv).toBe(cliExport(4, 'csv'));
    expect(csv.trimEnd().split('\n')).toHaveLength(1 + 2 * BIG_RUNS);
  });

  it('passes the guard like every route: another Host, Origin or site is refused and given no rows', async () => {
    for (const headers of <Record<string, string>[]>[
      { host: 'evil.example' },
      { origin: 'http://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
    ]) {
      const r = await get('/api/runs/1/per-run', headers);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(JSON.parse(r.body.toString('utf8')).error).toMatch(/^refused: expected/);
    }
    // The dashboard's own page (same origin) is served.
    const own = await get('/api/runs/1/per-run', { 'sec-fetch-site': 'same-origin', origin: server.url.slice(0, -1) });
    expect(own.status).toBe(200);
  });
});

describe("the export's own connection (in process, on the same store file)", () => {
  it("reads the rows through a connection of its own: with a download's query open, the server's connection still writes", async () => {
    const main = openStore(db, 'write');
    try {
      // Only the store is used for CSV: no runner, no task threads.
      const api = new Api(main, {} as Runner, {} as Offload);
      const d = await api.perRunExport(4, 'csv');
      const blocks = (d.body as Iterable<string>)[Symbol.iterator]();
      // The header, then the first 4,096 rows: the query over the 6,000 stays open for the rest.
      const text = [blocks.next().value as string, blocks.next().value as string];
      // A job starting (what POST /api/sweep does first). Through a query open on the same connection, SQLite
      // refuses it: "This database connection is busy executing a query".
      const id = startExperiment(main, {
        kind: 'sweep',
        truceVersion: 'test',
        createdAt: new Date().toISOString(),
        params: {},
      });
      expect(id).toBeGreaterThan(4);
      for (let b = blocks.next(); !b.done; b = blocks.next()) text.push(b.value);
      d.close();
      expect(text.join('')).toBe(cliExport(4, 'csv'));
    } finally {
      main.close();
    }
  });
});
