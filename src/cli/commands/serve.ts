/** `truce serve`: the local dashboard. */
import type { Command } from 'commander';
import { createTruceServer } from '../../server/server.js';
import { addWorkerOption, openStoreFor, storePath, type StoreFlags } from '../ensemble-cli.js';
import { UserError } from '../errors.js';
import { parseWhole } from '../options.js';

export function registerServe(program: Command): void {
  const cmd = program
    .command('serve')
    .description('the analyst dashboard in the browser, on 127.0.0.1')
    .option('--port <p>', 'port (0 picks a free one)', parseWhole(0, 'a port'), 8787)
    .option('--host <h>', 'address to bind (local by default)', '127.0.0.1');
  cmd.option('--db <path>', 'results database (default: $TRUCE_DB or ./truce.db)').option('--no-store', 'do not save the results');
  addWorkerOption(cmd);
  cmd.action(async (flags: StoreFlags & { port: number; host: string; workers?: number }) => {
    const db = openStoreFor(flags);
    const server = createTruceServer(db, flags.workers);
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) => reject(new UserError(`--port ${flags.port}: ${err.code === 'EADDRINUSE' ? 'expected a free port, found it in use' : err.message}`)));
      server.listen(flags.port, flags.host, () => resolve());
    });
    const addr = server.address();
    const port = typeof addr === 'object' && addr ? addr.port : flags.port;
    process.stdout.write(`truce dashboard on http://${flags.host}:${port}/ (results in ${db ? storePath(flags) : 'no store'}); Ctrl-C to stop\n`);
    await new Promise<void>((resolve) => {
      const stop = () => server.close(() => resolve());
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    db?.close();
  });
}
