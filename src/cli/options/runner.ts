/**
 * Where a command's ensembles run: the local thread pool (`--workers N`) or
 * the Redis queue (`--queue URL`, docs/distributed.md). The queue's
 * connection reports and its workers go to stderr and the progress bar.
 */
import type { Command } from 'commander';
import { defaultRunner, type Runner } from '../../app/runner.js';
import { parseRedisUrl } from '../../queue/url.js';
import type { QueueRunnerOptions } from '../../queue/runner.js';
import type { Progress } from '../progress.js';

export interface RunnerFlags {
  workers?: number;
  queue?: string;
  redisCa?: string;
}

/** The certificate authority of a rediss:// server whose certificate the system does not trust (self-signed, private CA). */
export const REDIS_CA_OPTION = [
  '--redis-ca <file.pem>',
  'certificate authority (PEM) that signed the rediss:// server certificate, e.g. a self-signed one (default: $TRUCE_REDIS_CA)',
] as const;

export function addQueueOption(cmd: Command): Command {
  return cmd
    .option(
      '--queue <url>',
      'run the ensembles through the Redis queue at URL (redis:// or rediss://), on the workers started with truce worker --redis URL; the answer is the same byte for byte (docs/distributed.md)',
    )
    .option(...REDIS_CA_OPTION);
}

/** Seconds without a live worker before the coordinator says so. */
const NO_WORKER_WARNING_SECONDS = 10;

export function runnerFor(flags: RunnerFlags, progress?: Progress): Runner {
  if (!flags.queue) return defaultRunner(flags.workers);
  parseRedisUrl(flags.queue, '--queue');
  const say = (line: string) => process.stderr.write(`truce: ${line}\n`);
  let lonely = 0;
  return lazyQueueRunner({
    url: flags.queue,
    ca: flags.redisCa,
    report: say,
    onStats: (s) => {
      progress?.note(
        `${s.jobsDone} jobs (${s.reused} reused) | ${s.workersAlive} workers alive, ${s.workersSeen} seen`,
      );
      lonely = s.workersAlive === 0 ? lonely + 1 : 0;
      if (lonely === NO_WORKER_WARNING_SECONDS)
        say(
          `queue: no worker alive for ${NO_WORKER_WARNING_SECONDS} s; start one with truce worker --redis URL (jobs wait in the queue until then)`,
        );
    },
  });
}

/**
 * The queue's runner, loaded when its first analysis starts: BullMQ and ioredis are most of a short command's
 * start-up (bench/startup.js), and only `--queue` needs them.
 */
function lazyQueueRunner(opts: QueueRunnerOptions): Runner {
  let runner: Runner | undefined;
  let loading: Promise<Runner> | undefined;
  const get = () =>
    (loading ??= import('../../queue/runner.js').then(({ queueRunner }) => (runner = queueRunner(opts))));
  return {
    // The queue runner's own figure before its first analysis (workers seen so far, at least 1).
    get workers() {
      return runner?.workers ?? 1;
    },
    run: async (job) => (await get()).run(job),
    stream: async (job) => (await get()).stream(job),
    cases: async (data, signal) => (await get()).cases(data, signal),
  };
}
