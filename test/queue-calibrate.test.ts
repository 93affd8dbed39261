/**
 * Calibration, validation and forecasts through the Redis queue (a real
 * redis-server, test/helpers/redis.ts): the same answer as the local pool
 * byte for byte, every task computed once, a second run computed nowhere,
 * and a worker SIGKILLed mid-calibration losing and duplicating nothing.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { calibrate, posteriorFile, type CalibrationResult } from '../src/app/calibrate.js';
import { forecast } from '../src/app/forecast.js';
import { posteriorFromDoc } from '../src/app/posterior.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { RUNS_PER_TASK } from '../src/app/simulate-cases.js';
import { validate } from '../src/app/validate.js';
import { parseCases } from '../src/core/calibration/cases.js';
import { parameterList, priorsSchema } from '../src/core/calibration/parameters.js';
import { queueRunner } from '../src/queue/runner.js';
import { startWorker } from '../src/queue/worker.js';
import { parse } from 'yaml';
import { CLI, truce } from './helpers/cli.js';
import { flushRedis, resultCount, workerProcess } from './helpers/queue.js';
import { startRedis, type TestRedis } from './helpers/redis.js';

const quiet = () => undefined;
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

const text = readFileSync('data/ceasefires.csv', 'utf8');
const all = parseCases(text, { requireOutcome: true });
const some = all.filter((_, i) => i % 6 === 0);
const priors = priorsSchema.parse(parse(readFileSync('data/priors.yaml', 'utf8')));
const params = parameterList(priors);
const SETTINGS = { particles: 5, rounds: 2, runsPerCase: 2, fitRuns: 60, posteriorSize: 8 };

/** The result without its wall-clock timings, as JSON (every finite double printed exactly). */
const untimed = (r: CalibrationResult) =>
  JSON.stringify({ ...r, timings: { ...r.timings, msPerEvaluation: 0, totalMs: 0 } });

describe('calibrate, validate and forecast through the queue', () => {
  it('give the local answer byte for byte; each task is one job, computed once; a second run reuses every result', async () => {
    await flushRedis(redis.url);
    const local = await calibrate(some, priors, params, {
      settings: SETTINGS,
      seed: 4,
      runner: threadPoolRunner(1),
      label: 't',
    });
    const jobs: string[] = [];
    const w = await startWorker({ url: redis.url, concurrency: 2, report: quiet, onJob: (e) => jobs.push(e.jobId) });
    try {
      const runner = queueRunner({ url: redis.url, report: quiet, pollMs: 200 });
      const queued = await calibrate(some, priors, params, { settings: SETTINGS, seed: 4, runner, label: 't' });
      expect(untimed(queued)).toBe(untimed(local));
      // Tasks: one per parameter vector and round, four for the noise estimate at the median, and
      // each case's fit runs in tasks of RUNS_PER_TASK.
      const tasks =
        SETTINGS.rounds * SETTINGS.particles + 4 + some.length * Math.ceil(SETTINGS.fitRuns / RUNS_PER_TASK);
      expect(await resultCount(redis.url)).toBe(tasks);
      expect(jobs).toHaveLength(tasks);
      expect(new Set(jobs).size).toBe(tasks);
      // The same calibration again: every result read back, nothing run.
      const again = await calibrate(some, priors, params, { settings: SETTINGS, seed: 4, runner, label: 't' });
      expect(untimed(again)).toBe(untimed(local));
      expect(jobs).toHaveLength(tasks);

      // Validation and forecasts from that posterior: the local answers, byte for byte.
      const posterior = posteriorFromDoc(posteriorFile(local), 't');
      const vOpts = { folds: 3, runs: 30, seed: 2 };
      expect(JSON.stringify(await validate(some, posterior, vOpts, { runner }))).toBe(
        JSON.stringify(await validate(some, posterior, vOpts, { runner: threadPoolRunner(2) })),
      );
      const fOpts = { runs: 70, seed: 9 };
      expect(JSON.stringify(await forecast(some, posterior, fOpts, { runner }))).toBe(
        JSON.stringify(await forecast(some, posterior, fOpts, { runner: threadPoolRunner(1) })),
      );
    } finally {
      await w.close();
    }
  }, 180_000);

  it('truce calibrate --queue prints the local --json (timings aside) after a worker SIGKILLed mid-way and Ctrl-C on the coordinator, resumed', async () => {
    await flushRedis(redis.url);
    const dir = mkdtempSync(join(tmpdir(), 'truce-qcal-'));
    const rows = text.split(/\r?\n/);
    const file = join(dir, 'few.csv');
    writeFileSync(
      file,
      [rows[0], ...rows.slice(1, 12).filter((l) => l.startsWith('il_') || l.startsWith('nk_'))].join('\n') + '\n',
    );
    const args = [
      'calibrate',
      '--cases',
      file,
      '--quick',
      '--particles',
      '5',
      '--rounds',
      '2',
      '--runs-per-case',
      '3',
      '--fit-runs',
      '100',
      '--seed',
      '3',
      '--label',
      'q',
      '--no-store',
      '--json',
    ];
    const local = truce([...args, '--workers', '2']);
    expect(local.stderr).toBe('');
    expect(local.code).toBe(0);
    const start = () => {
      const proc = spawn(process.execPath, [CLI, ...args, '--queue', redis.url], { stdio: ['ignore', 'pipe', 'pipe'] });
      const run = { out: '', err: '', exited: null as unknown as Promise<number | null> };
      proc.stdout!.on('data', (b: Buffer) => (run.out += b.toString()));
      proc.stderr!.on('data', (b: Buffer) => (run.err += b.toString()));
      run.exited = new Promise((resolve) => proc.once('exit', (c) => resolve(c)));
      return { proc, run };
    };
    // First session: the worker is SIGKILLed while running its third job (two committed), then the
    // coordinator gets Ctrl-C.
    const a = start();
    let w = workerProcess(redis.url);
    await w.waitFor(/ start /, 3);
    w.proc.kill('SIGKILL');
    const first = w.lines;
    a.proc.kill('SIGINT');
    expect(await a.run.exited).toBe(130);
    expect(a.run.err).toMatch(/run the same command again to resume/);
    // Second session: the same command, a fresh worker.
    w = workerProcess(redis.url);
    const b = start();
    let code: number | null;
    try {
      code = await b.run.exited;
    } finally {
      await w.stop();
    }
    const out = b.run.out;
    const err = b.run.err;
    expect(err).toBe('');
    expect(code).toBe(0);
    const strip = (s: string) => {
      const j = JSON.parse(s) as CalibrationResult & { posterior: { createdAt?: string } };
      return untimed({ ...j, posterior: { ...j.posterior, createdAt: '' } });
    };
    expect(strip(out)).toBe(strip(local.stdout));
    // Every job has one first commit: the second session recomputed nothing the first committed. Only
    // the job the killed worker held can be delivered twice, and a second delivery is confirmed byte for byte.
    const log = [...first, ...w.lines];
    expect(log.filter((l) => / confirmed /.test(l)).length).toBeLessThanOrEqual(1);
    const committed = log.filter((l) => / committed /.test(l)).map((l) => / committed (\w+)/.exec(l)![1]);
    expect(new Set(committed).size).toBe(committed.length);
    expect(committed.length).toBe(await resultCount(redis.url));
  }, 240_000);
});
