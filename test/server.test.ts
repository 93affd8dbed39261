/** The dashboard server: local binding, refusals, no files outside its assets, API contracts. */
import { request } from 'node:http';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/server.js';
import { ROOT, truce } from './helpers/cli.js';

let server: RunningServer;
let dbPath: string;
beforeAll(async () => {
  dbPath = join(mkdtempSync(join(tmpdir(), 'truce-srv-')), 's.db');
  server = await startServer(dbPath);
});
afterAll(async () => server?.stop());

/** A raw request, so the path is sent exactly as written (no client-side normalisation). */
function raw(
  method: string,
  path: string,
  body?: string | Buffer,
  headers: Record<string, string> = {},
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        method,
        path,
        // A fresh connection each time: a test's spawnSync blocks this loop past the server's 5 s keep-alive, and a
        // pooled socket the server closed meanwhile fails the next request with "socket hang up".
        agent: false,
        headers: {
          'x-truce-token': server.token,
          ...(body || method === 'DELETE' ? { 'content-type': 'application/json' } : {}),
          ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
          ...headers,
        },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

describe('truce serve', () => {
  it('binds to 127.0.0.1', () => expect(server.url.startsWith('http://127.0.0.1:')).toBe(true));

  it('never serves a file outside its own assets', async () => {
    for (const p of [
      '/../package.json',
      '/..%2F..%2Fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/../../../package.json',
      '/....//package.json',
      '/%00',
    ]) {
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
    // A state-changing method without the JSON content type and the token is refused before routing; with them it is an unknown route.
    expect((await raw('DELETE', '/api/runs', undefined, { 'content-type': 'text/plain' })).status).toBe(403);
    expect((await raw('DELETE', '/api/runs', undefined, { 'x-truce-token': 'wrong-token-wrong-token' })).status).toBe(
      403,
    );
    expect((await raw('DELETE', '/api/runs', '{}')).status).toBe(404);
  });

  it('validates scenario text with paths and lines, like the CLI', async () => {
    const r = await raw(
      'POST',
      '/api/check',
      JSON.stringify({
        yaml: 'name: x\nhorizonDays: 0\nactors: {}\nagreement: { mediator: us, verification: { capability: 2 } }\nactions: {}\n',
      }),
    );
    const j = JSON.parse(r.text);
    expect(j.ok).toBe(false);
    const spec = j.problems.find((p: { path: string }) => p.path === 'agreement.verification.capability');
    expect(spec).toMatchObject({ expected: 'a probability in [0, 1]', found: '2', line: 4 });
    const ok = JSON.parse(
      (
        await raw(
          'POST',
          '/api/check',
          JSON.stringify({ yaml: JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml }),
        )
      ).text,
    );
    expect(ok.ok).toBe(true);
    expect(ok.levers.map((l: { name: string }) => l.name)).toContain('interceptorStock');
  });

  it('runs a comparison as a job with progress and stores it', async () => {
    const yaml = JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml;
    const job = JSON.parse(
      (
        await raw(
          'POST',
          '/api/compare',
          JSON.stringify({ yaml, frameworks: ['transactional-freeze'], runs: 300, seed: 1, days: 100 }),
        )
      ).text,
    );
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

  it('an unknown defence profile is a 404 naming it, with no machine path', async () => {
    const r = await raw('GET', '/api/defense/nowhere-2031');
    expect(r.status).toBe(404);
    const body = JSON.parse(r.text);
    expect(body.error).toMatch(/nowhere-2031/);
    expect(body.error).toMatch(/israel-2024/);
    expect(r.text).not.toContain(ROOT);
    expect(r.text).not.toMatch(/"\/|\s\/(home|tmp|work|usr|root|var)\//);
    expect((await raw('GET', '/api/defense/israel-2024')).status).toBe(200);
  });

  it('every input error of the API is a 4xx without a machine path', async () => {
    const yaml = JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml as string;
    const cases: [string, string, unknown][] = [
      ['GET', '/api/scenarios/no-such-scenario', undefined],
      ['GET', '/api/scenarios/..%2F..%2Fpackage', undefined],
      ['GET', '/api/defense/..%2F..%2Fpackage', undefined],
      ['GET', '/api/runs/99999', undefined],
      ['GET', '/api/jobs/99999', undefined],
      ['POST', '/api/run', { yaml, framework: 'grand-bargain', set: {}, seed: 1 }],
      ['POST', '/api/run', { yaml, framework: null, set: { verification: 7 }, seed: 1 }],
      ['POST', '/api/run', { yaml: 'name: [unclosed', framework: null, seed: 1 }],
      [
        'POST',
        '/api/run',
        { yaml: yaml.replace(/profile: *israel-2024/, 'profile: /etc/passwd'), framework: null, seed: 1 },
      ],
      ['POST', '/api/compare', { yaml, frameworks: ['transactional-freeze'], set: { bogus: 1 }, runs: 10, seed: 1 }],
      [
        'POST',
        '/api/compare',
        {
          yaml,
          frameworks: ['transactional-freeze'],
          vary: { lever: 'verification', values: [0.5, 3] },
          runs: 10,
          seed: 1,
        },
      ],
      ['POST', '/api/campaign', { yaml: 'salvo: {}\ndefense: nowhere\n', runs: 5 }],
      ['POST', '/api/campaign', { yaml: ': : :', runs: 5 }],
      ['POST', '/api/sensitivity', { yaml, levers: ['verification', 'bogus'], samples: 2, runsPerPoint: 5, seed: 1 }],
      ['POST', '/api/sensitivity', { yaml, levers: ['verification'], samples: 2, levels: 3, runsPerPoint: 5, seed: 1 }],
      [
        'POST',
        '/api/sweep',
        { yaml, design: 'lhs', ranges: { verification: [0.5, 0.5] }, points: 4, runsPerPoint: 5, seed: 1 },
      ],
      [
        'POST',
        '/api/sweep',
        { yaml, design: 'lhs', ranges: { verification: [0, 2] }, points: 4, runsPerPoint: 5, seed: 1 },
      ],
      ['POST', '/api/sweep', { yaml, design: 'box', ranges: {}, points: 4, runsPerPoint: 5, seed: 1 }],
    ];
    for (const [method, path, body] of cases) {
      const r = await raw(method, path, body === undefined ? undefined : JSON.stringify(body));
      expect([method, path, r.status >= 400 && r.status < 500]).toEqual([method, path, true]);
      expect(JSON.parse(r.text).error).toBeTruthy();
      expect(r.text).not.toContain(ROOT);
    }
  });

  it('the same scenario stored from the CLI and from the dashboard has one hash', async () => {
    const yaml = JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml;
    const job = JSON.parse(
      (
        await raw(
          'POST',
          '/api/compare',
          JSON.stringify({ yaml, frameworks: ['transactional-freeze'], runs: 20, seed: 1, days: 30 }),
        )
      ).text,
    );
    let j = job;
    for (let i = 0; i < 600 && j.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = JSON.parse((await raw('GET', `/api/jobs/${job.id}`)).text);
    }
    expect(j.status).toBe('done');
    // Both faces draw from the shipped posterior by default: the same request, the same answer.
    const cli = truce([
      'compare',
      '--frameworks',
      'transactional-freeze',
      '--runs',
      '20',
      '--days',
      '30',
      '--json',
      '--workers',
      '1',
      '--db',
      dbPath,
    ]);
    expect(cli.code).toBe(0);
    const fromCli = JSON.parse(cli.stdout);
    const list = JSON.parse((await raw('GET', '/api/runs')).text) as {
      id: number;
      scenarioHash: string;
      params: { source?: string };
    }[];
    const dashboard = list.find((e) => e.id === j.experimentId)!;
    const stored = list.find((e) => e.id === fromCli.experimentId)!;
    expect(dashboard.params.source).toBe('dashboard');
    expect(stored.params.source).toBe('cli');
    expect(stored.scenarioHash).toMatch(/^[0-9a-f]{64}$/);
    expect(dashboard.scenarioHash).toBe(stored.scenarioHash);
    // Same seed, same runs: the same results, whichever face ran them.
    expect(j.result.arms[0].pCollapse).toEqual(fromCli.arms[0].pCollapse);
  });

  it('a running job reports its rate and time left, and DELETE cancels it on the server', async () => {
    const yaml = JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml;
    const before = (JSON.parse((await raw('GET', '/api/runs')).text) as unknown[]).length;
    const big = JSON.parse(
      (
        await raw(
          'POST',
          '/api/compare',
          JSON.stringify({ yaml, frameworks: ['transactional-freeze'], runs: 200_000, seed: 1, days: 365 }),
        )
      ).text,
    );
    let j = big;
    // Wait for the first progress report (a signal from the job, not a fixed time).
    for (let i = 0; i < 600 && j.done === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      j = JSON.parse((await raw('GET', `/api/jobs/${big.id}`)).text);
    }
    expect(j.status).toBe('running');
    expect(j.runsPerSecond).toBeGreaterThan(0);
    expect(j.etaSeconds).toBeCloseTo((j.total - j.done) / j.runsPerSecond, 6);
    const cancelled = await raw('DELETE', `/api/jobs/${big.id}`);
    expect(cancelled.status).toBe(200);
    expect(JSON.parse(cancelled.text).status).toBe('cancelled');
    expect((await raw('DELETE', `/api/jobs/${big.id}`)).status).toBe(409);
    expect((await raw('DELETE', '/api/jobs/99999')).status).toBe(404);
    // The workers are free again: a small job after it finishes long before the 200,000 runs could have.
    const small = JSON.parse(
      (
        await raw(
          'POST',
          '/api/compare',
          JSON.stringify({ yaml, frameworks: ['transactional-freeze'], runs: 20, seed: 1, days: 30 }),
        )
      ).text,
    );
    let s = small;
    for (let i = 0; i < 600 && s.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      s = JSON.parse((await raw('GET', `/api/jobs/${small.id}`)).text);
    }
    expect(s.status).toBe('done');
    j = JSON.parse((await raw('GET', `/api/jobs/${big.id}`)).text);
    expect(j.status).toBe('cancelled');
    expect(j.done).toBeLessThan(200_000);
    // The cancelled comparison stored nothing; the small one is stored.
    const list = JSON.parse((await raw('GET', '/api/runs')).text) as { id: number }[];
    expect(list.length).toBe(before + 1);
    expect(list.map((e) => e.id)).toContain(s.experimentId);
  }, 120_000);

  it('a scenario whose profile is a file path works with the profile file uploaded beside it, as in the CLI', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-prof-'));
    const profile = readFileSync(join(ROOT, 'scenarios', 'defense', 'israel-2024.yaml'), 'utf8');
    const yaml = readFileSync(join(ROOT, 'scenarios', 'iran-israel.yaml'), 'utf8').replace(
      /profile: *israel-2024/,
      'profile: ./myprof.yaml',
    );
    expect(yaml).toContain('profile: ./myprof.yaml');
    writeFileSync(join(dir, 'myprof.yaml'), profile);
    writeFileSync(join(dir, 'scenario.yaml'), yaml);
    const cli = truce([
      'run',
      join(dir, 'scenario.yaml'),
      '--framework',
      'transactional-freeze',
      '--seed',
      '3',
      '--days',
      '120',
      '--json',
    ]);
    expect(cli.code).toBe(0);
    // Without the file: a 4xx naming what is expected, and nothing read from the server's disk.
    const missing = JSON.parse((await raw('POST', '/api/check', JSON.stringify({ yaml }))).text);
    expect(missing.ok).toBe(false);
    expect(missing.problems[0].path).toMatch(/defense\.profile$/);
    const run0 = await raw('POST', '/api/run', JSON.stringify({ yaml, framework: null, seed: 3, days: 120 }));
    expect(run0.status).toBe(422);
    // With it (a browser sends the file's name only): valid, and the same run as the CLI's.
    const check = JSON.parse(
      (await raw('POST', '/api/check', JSON.stringify({ yaml, profiles: { 'myprof.yaml': profile } }))).text,
    );
    expect(check.ok).toBe(true);
    const run = await raw(
      'POST',
      '/api/run',
      JSON.stringify({
        yaml,
        profiles: { 'myprof.yaml': profile },
        framework: 'transactional-freeze',
        seed: 3,
        days: 120,
      }),
    );
    expect(run.status).toBe(200);
    expect(JSON.parse(run.text).outcome).toEqual(JSON.parse(cli.stdout).outcome);
    // A path that escapes is matched to an uploaded file by name only, never read from disk.
    const escape = await raw(
      'POST',
      '/api/check',
      JSON.stringify({ yaml: yaml.replace('./myprof.yaml', '../../../../etc/passwd.yaml') }),
    );
    expect(JSON.parse(escape.text).ok).toBe(false);
    // A malformed uploaded profile is reported under its own name.
    const bad = JSON.parse(
      (await raw('POST', '/api/check', JSON.stringify({ yaml, profiles: { 'myprof.yaml': 'layers: 3' } }))).text,
    );
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad.problems)).toContain('myprof.yaml');
  });

  it('an empty or out-of-range "runs per arm" is answered with a sentence, not a schema message', async () => {
    const yaml = JSON.parse((await raw('GET', '/api/scenarios/iran-israel')).text).yaml;
    for (const runs of [0, null, 2.5, 1e9]) {
      const r = await raw(
        'POST',
        '/api/compare',
        JSON.stringify({ yaml, frameworks: ['transactional-freeze'], runs, seed: 1 }),
      );
      expect(r.status).toBe(400);
      expect(JSON.parse(r.text).error).toBe(
        'runs: expected the number of runs per arm, a whole number from 1 to 200,000',
      );
    }
  });

  it('the engagement explorer starts from its defaults, either 2024 case, or an uploaded engagement file; campaigns are listed', async () => {
    const presets = JSON.parse((await raw('GET', '/api/explorer/presets')).text) as { name: string; file: string }[];
    expect(presets.map((p) => p.name)).toEqual(['explorer', '2024-04-13', '2024-10-01']);
    // Reliabilities and costs come from the file.
    const april = JSON.parse((await raw('GET', '/api/explorer?preset=2024-04-13')).text);
    expect(april.salvo).toEqual({ drone: 185, cruise: 36, ballistic: 110 });
    expect(april.threats.ballistic).toMatchObject({ reliability: 0.5, unitCostUsd: 1_000_000 });
    expect((await raw('GET', '/api/explorer?preset=nowhere')).status).toBe(404);
    const text = readFileSync(join(ROOT, 'scenarios', 'history', '2024-10-01.yaml'), 'utf8').replace(
      /reliability: [\d.]+/,
      'reliability: 0.33',
    );
    const uploaded = JSON.parse((await raw('POST', '/api/explorer', JSON.stringify({ yaml: text }))).text);
    expect(Object.values(uploaded.threats).map((t) => (t as { reliability: number }).reliability)).toContain(0.33);
    // Everything the file gives reaches the explorer: its sensors, or its own layers instead of a profile's name.
    const sensors = JSON.parse(
      (
        await raw(
          'POST',
          '/api/explorer',
          JSON.stringify({ yaml: `${text}trackCapacity: 150\nsaturationPKillFactor: 0.3\n` }),
        )
      ).text,
    );
    expect(sensors).toMatchObject({ profile: 'israel-2024', trackCapacity: 150, saturationPKillFactor: 0.3 });
    const own = JSON.parse(
      (
        await raw(
          'POST',
          '/api/explorer',
          JSON.stringify({
            yaml: 'salvo: { ballistic: 10 }\nlayers: [{ name: arrow, engages: { ballistic: 0.8 } }]\n',
          }),
        )
      ).text,
    );
    expect(own).toMatchObject({ profile: '', layers: [{ name: 'arrow', engages: { ballistic: 0.8 } }], threats: {} });
    // What truce engage refuses, the explorer refuses: a profile by path (it never reads the server's disk), a rule.
    const byPath = await raw(
      'POST',
      '/api/explorer',
      JSON.stringify({ yaml: text.replace(/^defense: .*$/m, 'defense: ../x.yaml') }),
    );
    // A file that is not a usable engagement file: 422 with the paths, as every document with problems.
    expect(byPath.status).toBe(422);
    expect(JSON.parse(byPath.text).problems).toMatchObject([{ path: 'defense', found: '"../x.yaml"' }]);
    expect(JSON.parse(byPath.text).error).toMatch(
      /^engagement: defense: expected the name of a shipped defence profile/,
    );
    const unknownType = await raw(
      'POST',
      '/api/explorer',
      JSON.stringify({ yaml: 'salvo: { ballistic: 10 }\nlayers: [{ name: arrow, engages: { hypersonic: 0.8 } }]\n' }),
    );
    expect(unknownType.status).toBe(422);
    expect(JSON.parse(unknownType.text).error).toMatch(/hypersonic/);
    const campaigns = JSON.parse((await raw('GET', '/api/campaigns')).text) as { name: string; yaml: string }[];
    expect(campaigns.map((c) => c.name)).toContain('twelve-day-war');
    // A campaign runs from its text (so any campaign file, not only the built-in default).
    const r = await raw('POST', '/api/campaign', JSON.stringify({ yaml: campaigns[0].yaml, runs: 20 }));
    expect(r.status).toBe(200);
  });
});
