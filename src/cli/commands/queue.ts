/** `truce queue status --redis URL`: what is queued, running and failed, and which workers are alive. */
import type { Command } from 'commander';
import { queueStatus } from '../../queue/status.js';
import { toJson, table } from '../render/format.js';
import { REDIS_CA_OPTION } from '../options/runner.js';

export function register(program: Command): void {
  const queue = program.command('queue').description('inspect the Redis queue of distributed ensembles');
  queue
    .command('status')
    .description('jobs waiting, running, delayed (retrying) and failed; results stored; workers alive')
    .requiredOption('--redis <url>', 'Redis URL: redis://[user:password@]host:port[/db], or rediss:// for TLS')
    .option(...REDIS_CA_OPTION)
    .option('--json', 'print JSON')
    .action(async (flags: { redis: string; redisCa?: string; json?: boolean }) => {
      const s = await queueStatus(flags.redis, (line) => process.stderr.write(`truce queue: ${line}\n`), flags.redisCa);
      if (flags.json) {
        process.stdout.write(toJson(s) + '\n');
        return;
      }
      const out = [
        `Redis ${s.redis.url} (version ${s.redis.version}, maxmemory-policy ${s.redis.policy})`,
        `jobs: ${s.jobs.waiting} waiting, ${s.jobs.active} running, ${s.jobs.delayed} retrying, ${s.jobs.failed} failed; ${s.results} results stored`,
        '',
        s.workers.length === 0
          ? 'workers: none alive (start one with truce worker --redis URL)'
          : `workers alive: ${s.workers.length}`,
      ];
      if (s.workers.length > 0)
        out.push(
          table(
            ['worker', 'threads', 'running', 'jobs done', 'engine', 'since', 'last seen'],
            s.workers.map((w) => [w.id, w.concurrency, w.running, w.jobsDone, w.engine, w.started, w.seen]),
          ),
        );
      if (s.failed.length > 0) {
        out.push('', `failed jobs${s.jobs.failed > s.failed.length ? ` (first ${s.failed.length})` : ''}:`);
        for (const f of s.failed) out.push(`  ${f.id} after ${f.attempts} attempt(s): ${f.reason}`);
      }
      process.stdout.write(out.join('\n') + '\n');
    });
}
