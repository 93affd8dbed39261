/**
 * Expected failures (bad input, a missing file) are UserErrors: a clear
 * message and a non-zero exit, never a stack trace. Anything else is a bug.
 */
import { formatProblem, type Problem } from '../core/scenario/problems.js';

export const EXIT_BAD_INPUT = 2;
export const EXIT_BUG = 70;

export class UserError extends Error {
  readonly exitCode: number;
  constructor(message: string, exitCode = EXIT_BAD_INPUT) {
    super(message);
    this.name = 'UserError';
    this.exitCode = exitCode;
  }
}

/** A UserError listing every problem of one file, one line each. */
export function problemsError(file: string, problems: readonly Problem[]): UserError {
  const lines = problems.map((p) => formatProblem(file, p));
  const head = problems.length === 1 ? '' : `${file}: ${problems.length} problems\n`;
  return new UserError(head + lines.join('\n'));
}
