/**
 * `truce worker --redis URL [--concurrency N]`: run ensemble batches from the
 * queue until stopped (docs/distributed.md). Any number of workers on any
 * machines that reach Redis; Ctrl-C finishes the running batches first.
 */
import type { Command } from 'commander';
import { redactUrl } from '../../queue/url.js';
import { startWorker } from '../../queue/worker.js';
import { defaultWorkers } from '../../app/runner.js';
import { parseWhole } from '../options/flags.js';
import { untilInterrupted } from '../options/interrupt.js';
import { REDIS_CA_OPTION } from '../options/runner.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('run ensemble work from a Redis queue (start any number, on any machine that reaches Redis)')
    .requiredOption('--redis <url>', 'Redis URL: redis://[user:password@]host:port[/db], or rediss:// for TLS')
    .option(
      '--concurrency <n>',
      `batches at once, one thread each (default: ${defaultWorkers()})`,
      parseWhole(1, 'a number of threads'),
    )
    .option(
      '--stall-seconds <s>',
      'a job whose worker stops renewing its lock for this long is handed to another worker',
      parseWhole(1, 'a number of seconds'),
      30,
    )
    .option('--verbose', 'a line per batch')
    .option(...REDIS_CA_OPTION)
    .action(
      async (flags: {
        redis: string;
        redisCa?: string;
        concurrency?: number;
        stallSeconds: number;
        verbose?: boolean;
      }) => {
        const concurrency = flags.concurrency ?? defaultWorkers();
        const say = (line: string) => process.stderr.write(`truce worker: ${line}\n`);
        let fail: (err: Error) => void = () => undefined;
        const fatal = new Promise<never>((_, reject) => (fail = reject));
        const w = await startWorker({
          url: flags.redis,
          ca: flags.redisCa,
          concurrency,
          stallSeconds: flags.stallSeconds,
          report: say,
          onFatal: (err) => fail(err),
          onStart: flags.verbose ? (id) => say(`start ${id}`) : undefined,
          onJob: flags.verbose
            ? (e) => say(`${e.outcome} ${e.jobId}: ${e.runs} runs in ${e.seconds.toFixed(2)} s`)
            : undefined,
        });
        say(
          `${w.id} ready: engine ${w.engine}, ${concurrency} thread${concurrency > 1 ? 's' : ''}, queue at ${redactUrl(flags.redis)}; Ctrl-C to stop`,
        );
        // The CLI's interrupt handler turns the first Ctrl-C into this; a second one ends the process.
        const stopped = untilInterrupted().then(async () => {
          say(
            'stopping: finishing the running batches (Ctrl-C again to abandon them; the queue hands them to other workers)',
          );
          await w.close();
        });
        try {
          await Promise.race([stopped, fatal]);
        } finally {
          await Promise.race([w.close(), new Promise((r) => setTimeout(r, 3000).unref())]);
        }
        say('stopped');
      },
    );
}
