/** `truce serve`: the local dashboard. */
import type { Command } from 'commander';
import { openResultsStore } from '../../app/store.js';
import { InputError } from '../../io/errors.js';
import { storePath } from '../../io/paths.js';
import { createTruceServer } from '../../server/server.js';
import { untilInterrupted } from '../options/interrupt.js';
import { addStoreOptions, addWorkerOption, parseWhole, type StoreFlags } from '../options/flags.js';
import { addQueueOption, runnerFor } from '../options/runner.js';
import { redactUrl } from '../../queue/url.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

export function register(program: Command): void {
  const cmd = program
    .command('serve')
    .description('the analyst dashboard in the browser, on 127.0.0.1')
    .option('--port <p>', 'port (0 picks a free one)', parseWhole(0, 'a port'), 8787)
    .option('--host <h>', 'address to bind (local by default); another interface needs --token', '127.0.0.1')
    .option(
      '--token <t>',
      'the session token state-changing requests must carry (default: a fresh random one, given to the page at load; $TRUCE_TOKEN)',
    );
  addStoreOptions(cmd);
  addWorkerOption(cmd);
  addQueueOption(cmd);
  cmd.action(
    async (flags: StoreFlags & { port: number; host: string; token?: string; workers?: number; queue?: string }) => {
      if (flags.port > 65535) throw new InputError(`--port: expected a port from 0 to 65535, got ${flags.port}`);
      const token = flags.token ?? process.env.TRUCE_TOKEN;
      if (token !== undefined && !/^[\x21-\x7e]{16,200}$/.test(token))
        throw new InputError('--token: expected at least 16 printable characters without spaces');
      if (!LOOPBACK.has(flags.host) && token === undefined) {
        throw new InputError(
          `--host ${flags.host}: serving beyond this machine lets anyone who reaches ${flags.host} use the dashboard; give an explicit --token (or $TRUCE_TOKEN) that every state-changing request must carry`,
        );
      }
      const db = openResultsStore(flags.db, flags.store);
      const server = createTruceServer(db, runnerFor(flags), { host: flags.host, token });
      await new Promise<void>((resolve, reject) => {
        server.once('error', (err: NodeJS.ErrnoException) =>
          reject(
            new InputError(
              `--port ${flags.port}: ${err.code === 'EADDRINUSE' ? 'expected a free port, found it in use' : err.message}`,
            ),
          ),
        );
        server.listen(flags.port, flags.host, () => resolve());
      });
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : flags.port;
      process.stdout.write(
        `truce dashboard on http://${flags.host}:${port}/ (results in ${db ? storePath(flags.db) : 'no store'}${flags.queue ? `; ensembles through the queue at ${redactUrl(flags.queue)}` : ''}); Ctrl-C to stop, or kill process ${process.pid}\n`,
      );
      await untilInterrupted();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db?.close();
    },
  );
}
