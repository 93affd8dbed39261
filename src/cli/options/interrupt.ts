/**
 * Interruption: SIGINT/SIGTERM abort the work in progress (the runner stops,
 * nothing half-finished is stored) and the command exits 130. The handler is
 * installed when the CLI starts, so a signal that comes before the work has
 * begun is not lost: the work then starts already aborted. With no work
 * under way, the signal ends the process at once.
 */
import { InputError } from '../../io/errors.js';

const controller = new AbortController();
let working = 0;

export function installInterruptHandler(): void {
  const onSignal = () => {
    controller.abort();
    if (working === 0) process.exit(130);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
}

/** The process-wide abort signal, for work that ends on its own terms (the server closing). */
export async function untilInterrupted(): Promise<void> {
  working++;
  if (controller.signal.aborted) return;
  await new Promise<void>((resolve) => controller.signal.addEventListener('abort', () => resolve(), { once: true }));
}

export async function interruptible<T>(
  work: (signal: AbortSignal) => Promise<T>,
  message = 'interrupted: no partial experiment was stored',
): Promise<T> {
  working++;
  try {
    if (controller.signal.aborted) throw new Error('aborted');
    return await work(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) throw new InputError(message, { kind: 'interrupted' });
    throw err;
  } finally {
    working--;
  }
}
