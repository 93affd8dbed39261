/**
 * How the CLI ends: an InputError (bad input, a missing file, an interrupted
 * run) prints one clear message and exits 2 (130 when interrupted); anything
 * else is a bug and exits 70.
 */
import type { InputError } from '../io/errors.js';

export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERRUPTED = 130;
export const EXIT_BUG = 70;

export function exitCodeOf(err: InputError): number {
  return err.kind === 'interrupted' ? EXIT_INTERRUPTED : EXIT_BAD_INPUT;
}

/** A failure the command has already reported in full (e.g. as JSON on stdout): main prints nothing more. */
export class ReportedFailure extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
    this.name = 'ReportedFailure';
  }
}
