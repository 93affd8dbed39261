/**
 * One neutral error type for expected failures (bad input, a missing file or
 * record, an interrupted job). Faces map it: the CLI to exit code 2 (130 when
 * interrupted), the server to 4xx. Anything else is a bug. Messages name the
 * file, the path inside it and what was expected; see docs/architecture.md.
 */
import { formatProblem, type Problem } from '../core/scenario/problems.js';

/** What kind of input failure: it decides the exit code or HTTP status, never the wording. */
export type InputErrorKind = 'invalid' | 'not-found' | 'conflict' | 'interrupted';

export interface ProblemWithLine extends Problem {
  /** 1-based line in the document, when the document was text. */
  line?: number;
}

export class InputError extends Error {
  readonly kind: InputErrorKind;
  /** The problems of a document, when the error lists them. */
  readonly problems?: ProblemWithLine[];
  /** The document the problems are in, as messages name it (a scenario, or a defence profile it names). */
  readonly file?: string;
  constructor(message: string, opts: { kind?: InputErrorKind; problems?: ProblemWithLine[]; file?: string } = {}) {
    super(message);
    this.name = 'InputError';
    this.kind = opts.kind ?? 'invalid';
    this.problems = opts.problems;
    this.file = opts.file;
  }
}

/** An InputError listing every problem of one document, one line each. */
export function problemsError(file: string, problems: readonly ProblemWithLine[]): InputError {
  const lines = problems.map((p) => formatProblem(file, p));
  const head = problems.length === 1 ? '' : `${file}: ${problems.length} problems\n`;
  return new InputError(head + lines.join('\n'), { problems: [...problems], file });
}
