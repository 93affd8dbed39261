/** A snapshot of the queue for `truce queue status`. */
import { Queue } from 'bullmq';
import { checkServer, connect, ready, redactUrl, type ConnectionReport } from './connection.js';
import { PREFIX, QUEUE_NAME, WORKERS_SET, workerKey } from './protocol.js';

export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  concurrency: number;
  engine: string;
  started: string;
  jobsDone: number;
  running: number;
  seen: string;
}

export interface QueueStatus {
  redis: { url: string; version: string; policy: string };
  jobs: { waiting: number; active: number; delayed: number; failed: number };
  results: number;
  workers: WorkerInfo[];
  failed: { id: string; attempts: number; reason: string }[];
}

export async function queueStatus(url: string, report: ConnectionReport, ca?: string): Promise<QueueStatus> {
  const redis = connect(url, { name: 'status', report, outageSeconds: 10, ca });
  try {
    await ready(redis, url);
    const server = await checkServer(redis, url);
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: PREFIX });
    const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized', 'paused');
    const failedJobs = await queue.getFailed(0, 19);
    const ids = await redis.smembers(WORKERS_SET);
    const infos = ids.length ? await redis.mget(ids.map(workerKey)) : [];
    const workers = infos
      .filter((x): x is string => x !== null)
      .map((x) => JSON.parse(x) as WorkerInfo)
      .sort((a, b) => (a.id < b.id ? -1 : 1));
    let results = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${PREFIX}:result:*`, 'COUNT', 1000);
      cursor = next;
      results += keys.length;
    } while (cursor !== '0');
    await queue.close();
    return {
      redis: { url: redactUrl(url), version: server.version, policy: server.policy },
      jobs: {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0) + (counts.paused ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      },
      results,
      workers,
      failed: failedJobs.map((j) => ({ id: j.id ?? '?', attempts: j.attemptsMade, reason: j.failedReason })),
    };
  } finally {
    redis.disconnect();
  }
}
