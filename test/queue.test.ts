/**
 * The Redis queue against a real redis-server (Debian's, started by
 * test/helpers/redis.ts on a free loopback port). Every check compares the
 * queue's accumulators with the local pool's byte for byte (the wire
 * encoding, which keeps every number exactly): a lost batch changes the run
 * counts, a batch folded twice doubles them, a result from the wrong batch
 * changes the bytes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { encodeAccumulators } from '../src/core/ensemble/chunk.js';
import { resolveArm as resolveLoaded } from '../src/app/scenario.js';
import { openQueueExecutor, type QueueExecutor } from '../src/queue/coordinator.js';
import { startWorker } from '../src/queue/worker.js';
import { PREFIX } from '../src/queue/protocol.js';
import { runEnsemble, type DesignPoint } from '../src/shell/ensemble.js';
import { builtIn } from './helpers/scenario.js';
import { CLI, truce } from './helpers/cli.js';
import { startRedis, type TestRedis } from './helpers/redis.js';
import { workerProcess } from './helpers/queue.js';

const quiet = () => undefined;
let redis: TestRedis;

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis?.stop();
});

async function results(url: string): Promise<number> {
  const r = new Redis(url);
  const keys = await r.keys(`${PREFIX}:result:*`);
  r.disconnect();
  return keys.length;
}

async function flush(url: string) {
  const r = new Redis(url);
  await r.flushall();
  r.disconnect();
}

function design(n = 3): DesignPoint[] {
  const loaded = builtIn();
  const fw = ['transactional-freeze', 'structural-architecture'];
  return Array.from({ length: n }, (_, i) => ({
    scenario: resolveLoaded(loaded, fw[i % 2], { verification: 0.1 + 0.2 * i }).scenario,
    profiles: loaded.profiles,
  }));
}

const OPTS = { runs: 600, seed: 11, workers: 1, days: 45 };
let local: string | null = null;
async function localAnswer(points: DesignPoint[]) {
  local ??= encodeAccumulators(await runEnsemble(points, OPTS));
  return local;
}

async function viaQueue(points: DesignPoint[], executor: QueueExecutor) {
  try {
    return encodeAccumulators(await runEnsemble(points, { ...OPTS, executor }));
  } finally {
    await executor.close();
  }
}

describe('the queue gives the local answer', () => {
  it('byte for byte, with 250-run jobs and with jobs of several chunks', async () => {
    await flush(redis.url);
    const points = design();
    const expected = await localAnswer(points);
    const w = await startWorker({ url: redis.url, concurrency: 2, report: quiet });
    try {
      expect(await viaQueue(points, await openQueueExecutor({ url: redis.url, report: quiet, runsPerJob: 250 }))).toBe(
        expected,
      );
      // 3 points x 3 chunks (250 + 250 + 100 runs), one chunk per job.
      expect(await results(redis.url)).toBe(9);
      // Other job boundaries, other ids: computed again (2 jobs of up to 1,000 runs), same answer.
      expect(
        await viaQueue(points, await openQueueExecutor({ url: redis.url, report: quiet, runsPerJob: 1000, window: 2 })),
      ).toBe(expected);
      expect(await results(redis.url)).toBe(11);
      // The same analysis again: every result is read back, nothing is queued or computed.
      const again = await openQueueExecutor({ url: redis.url, report: quiet, runsPerJob: 1000 });
      expect(await viaQueue(points, again)).toBe(expected);
      expect(again.stats().reused).toBe(2);
      expect(await results(redis.url)).toBe(11);
    } finally {
      await w.close();
    }
  }, 60_000);

  it('two coordinators submitting the same analysis share the work', async () => {
    await flush(redis.url);
    const points = design();
    const expected = await localAnswer(points);
    const jobs: string[] = [];
    const w = await startWorker({ url: redis.url, concurrency: 1, report: quiet, onJob: (e) => jobs.push(e.jobId) });
    try {
      const [a, b] = await Promise.all([
        viaQueue(points, await openQueueExecutor({ url: redis.url, report: quiet, runsPerJob: 250, pollMs: 200 })),
        viaQueue(points, await openQueueExecutor({ url: redis.url, report: quiet, runsPerJob: 250, pollMs: 200 })),
      ]);
      expect(a).toBe(expected);
      expect(b).toBe(expected);
    } finally {
      await w.close();
    }
    // Nine jobs in all, each computed once.
    expect(new Set(jobs).size).toBe(9);
    expect(jobs.length).toBe(9);
  }, 60_000);
});

describe('failures', () => {
  it('a worker SIGKILLed as a job starts, mid-way, and between commit and acknowledgement loses and duplicates nothing', async () => {
    await flush(redis.url);
    const points = design();
    const expected = await localAnswer(points);
    const executor = await openQueueExecutor({ url: redis.url, report: quiet, runsPerJob: 250, pollMs: 300 });
    const answer = viaQueue(points, executor);
    const log: string[] = [];
    // Killed as its first job starts.
    let w = workerProcess(redis.url);
    await w.waitFor(/ start /);
    w.proc.kill('SIGKILL');
    log.push(...w.lines);
    // Killed while its second job runs (after one commit).
    w = workerProcess(redis.url);
    await w.waitFor(/ start /, 2);
    w.proc.kill('SIGKILL');
    log.push(...w.lines);
    // Killed right after committing, before BullMQ records the job complete.
    w = workerProcess(redis.url);
    await w.waitFor(/ (committed|confirmed) /);
    w.proc.kill('SIGKILL');
    log.push(...w.lines);
    // A last worker finishes the analysis.
    w = workerProcess(redis.url);
    try {
      expect(await answer).toBe(expected);
    } finally {
      await w.stop();
    }
    log.push(...w.lines);
    // Every job id has exactly one first commit; re-runs after a kill were confirmed byte for byte.
    const committed = log.filter((l) => / committed /.test(l)).map((l) => / committed (\w+)/.exec(l)![1]);
    expect(new Set(committed).size).toBe(committed.length);
    expect(committed.length).toBeLessThanOrEqual(9);
  }, 120_000);

  it('Redis restarted mid-run: connections come back, the answer is unchanged', async () => {
    await flush(redis.url);
    const points = design();
    const expected = await localAnswer(points);
    const reports: string[] = [];
    const w = workerProcess(redis.url);
    try {
      await w.waitFor(/ready/);
      const executor = await openQueueExecutor({
        url: redis.url,
        report: (l) => reports.push(l),
        runsPerJob: 250,
        pollMs: 300,
      });
      const answer = viaQueue(points, executor);
      await w.waitFor(/ committed /, 2);
      await redis.restart();
      expect(await answer).toBe(expected);
      // The coordinator said what happened.
      expect(reports.some((l) => /connection lost/.test(l))).toBe(true);
    } finally {
      await w.stop();
    }
  }, 120_000);

  it('a poisoned batch (a scenario that throws) fails the analysis with its message', async () => {
    await flush(redis.url);
    const [good] = design(1);
    // A point naming a defence profile it does not carry: building its model throws.
    const poisoned: DesignPoint = { scenario: good.scenario, profiles: {} };
    const w = await startWorker({ url: redis.url, concurrency: 1, report: quiet });
    try {
      const executor = await openQueueExecutor({
        url: redis.url,
        report: quiet,
        runsPerJob: 250,
        attempts: 2,
        pollMs: 300,
      });
      const err = await viaQueue([good, poisoned], executor).then(
        () => null,
        (e: Error) => e,
      );
      expect(err).not.toBeNull();
      expect(err!.message).toMatch(/failed after 2 attempt/);
      expect(err!.message).toMatch(/point 1/);
      // The engine's own error, as the worker caught it.
      expect(err!.message).toMatch(/Cannot read properties of undefined \(reading 'layers'\)/);
      // It stays failed, with its error, for truce queue status.
      const r = new Redis(redis.url);
      expect(await r.zcard(`${PREFIX}:chunks:failed`)).toBeGreaterThan(0);
      r.disconnect();
    } finally {
      await w.close();
    }
  }, 60_000);

  it('an eviction policy is refused at start with the setting to change', async () => {
    const r = new Redis(redis.url);
    await r.config('SET', 'maxmemory-policy', 'allkeys-lru');
    try {
      await expect(openQueueExecutor({ url: redis.url, report: quiet })).rejects.toThrow(
        /maxmemory-policy allkeys-lru.*noeviction/,
      );
    } finally {
      await r.config('SET', 'maxmemory-policy', 'noeviction');
      r.disconnect();
    }
  });
});

describe('authentication', () => {
  let secured: TestRedis;
  beforeAll(async () => {
    secured = await startRedis({ password: 's3cret:with@signs' });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('a password in the URL works; a wrong one is a clear error without the password in it', async () => {
    const points = design(1);
    const w = await startWorker({ url: secured.url, concurrency: 1, report: quiet });
    try {
      const expected = encodeAccumulators(await runEnsemble(points, { ...OPTS, runs: 300 }));
      const executor = await openQueueExecutor({ url: secured.url, report: quiet });
      try {
        expect(encodeAccumulators(await runEnsemble(points, { ...OPTS, runs: 300, executor }))).toBe(expected);
      } finally {
        await executor.close();
      }
    } finally {
      await w.close();
    }
    const wrong = `redis://:nope@127.0.0.1:${secured.port}`;
    const err = await openQueueExecutor({ url: wrong, report: quiet }).then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/WRONGPASS|invalid password|NOAUTH/);
    expect(err?.message).not.toContain('nope');
  }, 60_000);
});

describe('the commands', () => {
  // The judged values (no posterior): 2 arms x 2,000 runs are four 1,000-run jobs.
  const ARGS = [
    'compare',
    '--runs',
    '2000',
    '--seed',
    '5',
    '--days',
    '100',
    '--json',
    '--no-store',
    '--posterior',
    'none',
  ];

  it('compare --queue prints the local --json byte for byte; Ctrl-C and the same command again resume without recomputing', async () => {
    await flush(redis.url);
    const local = truce([...ARGS, '--workers', '2']);
    expect(local.code).toBe(0);
    // One worker commits a job and is stopped (it finishes the job it holds); the coordinator then waits.
    let w = workerProcess(redis.url);
    const coordinator = spawn(process.execPath, [CLI, ...ARGS, '--queue', redis.url], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    coordinator.stderr!.on('data', (b: Buffer) => (err += b.toString()));
    await w.waitFor(/ committed /);
    await w.stop();
    const first = w.lines;
    const code = await new Promise<number | null>((resolve) => {
      coordinator.once('exit', (c) => resolve(c));
      coordinator.kill('SIGINT');
    });
    expect(code).toBe(130);
    expect(err).toMatch(/run the same command again to resume/);
    // The same command again, with a fresh worker.
    w = workerProcess(redis.url);
    try {
      await w.waitFor(/ready/);
      // A bounded wait: a coordinator that never finishes fails the test instead of blocking the suite.
      const again = spawnSync(process.execPath, [CLI, ...ARGS, '--queue', redis.url], {
        encoding: 'utf8',
        timeout: 150_000,
      });
      expect(again.stderr).toBe('');
      expect(again.status).toBe(0);
      expect(again.stdout).toBe(local.stdout);
      // A worker commits a job's result before BullMQ records the job done, so the coordinator may
      // finish while the last job is still "running": read the status until that acknowledgement lands.
      let st: { workers: unknown[]; jobs: Record<string, number>; results: number } | null = null;
      for (let tries = 0; tries < 30; tries++) {
        const status = truce(['queue', 'status', '--redis', redis.url, '--json']);
        expect(status.code).toBe(0);
        st = JSON.parse(status.stdout);
        if (st!.jobs.active === 0 && st!.jobs.waiting === 0) break;
      }
      st = st!;
      expect(st.workers).toHaveLength(1);
      expect(st.jobs).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 0 });
      expect(st.results).toBe(4);
    } finally {
      await w.stop();
    }
    // 2 arms x 2,000 runs in jobs of 1,000: four jobs, each computed once across both sessions.
    const commits = [...first, ...w.lines].filter((l) => / (committed|confirmed) /.test(l));
    expect(commits.filter((l) => / committed /.test(l))).toHaveLength(4);
    // Queues deliver at least once: the job the stopped worker held may have committed before BullMQ
    // recorded it done, and is then delivered again and confirmed byte for byte. Nothing else is redone.
    expect(commits.filter((l) => / confirmed /.test(l)).length).toBeLessThanOrEqual(1);
  }, 180_000);

  it('bad queue URLs and unreachable servers are clear errors (exit 2), never a hang', () => {
    const bad = truce([...ARGS, '--queue', 'http://x']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--queue http:\/\/x: expected a redis:\/\/ or rediss:\/\/ URL/);
    const none = truce(['queue', 'status', '--redis', 'redis://127.0.0.1:1']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/Redis at redis:\/\/127.0.0.1:1/);
  }, 60_000);
});
