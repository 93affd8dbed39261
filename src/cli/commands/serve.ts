/** `truce serve`: the local dashboard. */
import type { Command } from 'commander';
import { openResultsStore } from '../../app/store.js';
import { InputError } from '../../io/errors.js';
import { storePath } from '../../io/paths.js';
import { createTruceServer } from '../../server/server.js';
import { untilInterrupted } from '../shared/interrupt.js';
import { addStoreOptions, addWorkerOption, parseWhole, type StoreFlags } from '../shared/flags.js';
import { addQueueOption, runnerFor } from '../shared/runner.js';
import { redactUrl } from '../../queue/connection.js';

export function register(program: Command): void {
  const cmd = program
    .command('serve')
    .description('the analyst dashboard in the browser, on 127.0.0.1')
    .option('--port <p>', 'port (0 picks a free one)', parseWhole(0, 'a port'), 8787)
    .option('--host <h>', 'address to bind (local by default)', '127.0.0.1');
  addStoreOptions(cmd);
  addWorkerOption(cmd);
  addQueueOption(cmd);
  cmd.action(async (flags: StoreFlags & { port: number; host: string; workers?: number; queue?: string }) => {
    const db = openResultsStore(flags.db, flags.store);
    const server = createTruceServer(db, runnerFor(flags));
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(new InputError(`--port ${flags.port}: ${err.code === 'EADDRINUSE' ? 'expected a free port, found it in use' : err.message}`)));
      server.listen(flags.port, flags.host, () => resolve());
    });
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : flags.port;
    process.stdout.write(`truce dashboard on http://${flags.host}:${port}/ (results in ${db ? storePath(flags.db) : 'no store'}${flags.queue ? `; ensembles through the queue at ${redactUrl(flags.queue)}` : ''}); Ctrl-C to stop\n`);
    await untilInterrupted();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    db?.close();
  });
}
