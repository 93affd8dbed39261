/**
 * Validation problems are values, not exceptions (the changesets pattern):
 * every checker returns a list of problems, each with the JSON path inside the
 * document, what was expected and what was found. The shell adds the file name.
 */
import type { z } from 'zod';

export interface Problem {
  /** JSON path inside the document, e.g. `layers[1].engages.ballistic`; `` for the root. */
  path: string;
  /** What was expected, in the user's terms. */
  expected: string;
  /** What was found, rendered briefly; absent when nothing useful can be said. */
  found?: string;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; problems: Problem[] };

/** `a.b[2].c` from ['a', 'b', 2, 'c']. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else {
      const key = String(part);
      out += /^[A-Za-z_$][\w$-]*$/.test(key) ? (out ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** A short rendering of a found value for messages. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

/** One line per problem: `file: path: expected X, got Y`. */
export function formatProblem(file: string, p: Problem): string {
  const where = p.path ? `${file}: ${p.path}` : file;
  return p.found === undefined
    ? `${where}: expected ${p.expected}`
    : `${where}: expected ${p.expected}, got ${p.found}`;
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const part of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[part as string];
  }
  return cur;
}

/**
 * Run a zod schema and turn its issues into problems with our wording. Without zod's compiled fast path
 * (`jitless`): a schema's first parse compiles a function per object shape, which costs a short command more
 * than it saves (the scenario's first check takes about a third of the time without it), and later parses of
 * our documents are no slower (bench/startup.js, bench/RESULTS.md).
 */
export function checkShape<S extends z.ZodType>(schema: S, data: unknown): Checked<z.output<S>> {
  const result = schema.safeParse(data, { jitless: true });
  if (result.success) return { ok: true, value: result.data };
  const problems: Problem[] = [];
  for (const issue of result.error.issues) {
    const basePath = issue.path as PropertyKey[];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          path: formatPath([...basePath, key]),
          expected: 'a known field (check the spelling)',
          found: `unknown field ${JSON.stringify(String(key))}`,
        });
      }
      continue;
    }
    const found = valueAt(data, basePath);
    problems.push({ path: formatPath(basePath), expected: expectedOf(issue, found), found: describeFound(found) });
  }
  return { ok: false, problems };
}

/** The schema library's own messages start so; ours (fields.ts, the schemas' `error`) are phrases in the user's terms. */
const LIBRARY_MESSAGE = /^(Invalid|Too (small|big)|Unrecognized|Expected)\b/;

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  tuple: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

/**
 * What an issue expected, in the user's terms: the schema's own phrase when it has one, else one built from the
 * issue, so that no "Invalid input: expected string, received undefined" reaches a user (docs/dashboard.md).
 */
export function expectedOf(issue: z.core.$ZodIssue, found: unknown): string {
  if (issue.message && !LIBRARY_MESSAGE.test(issue.message)) return issue.message;
  const bound = (origin: string, op: string, n: unknown) =>
    origin === 'array' || origin === 'set'
      ? `a list of ${op === '>=' ? 'at least' : op === '<=' ? 'at most' : op} ${String(n)} items`
      : origin === 'string'
        ? `text of ${op === '>=' ? 'at least' : op === '<=' ? 'at most' : op} ${String(n)} characters`
        : `a number ${op} ${String(n)}`;
  switch (issue.code) {
    case 'invalid_type': {
      const what = TYPE_NAMES[issue.expected] ?? `a ${issue.expected}`;
      return found === undefined ? `a value (required): ${what}` : what;
    }
    case 'too_small':
      return bound(issue.origin, issue.inclusive === false ? '>' : '>=', issue.minimum);
    case 'too_big':
      return bound(issue.origin, issue.inclusive === false ? '<' : '<=', issue.maximum);
    case 'invalid_value':
      return `one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'unrecognized_keys':
      return 'a known field (check the spelling)';
    case 'invalid_key':
      return 'a valid key';
    case 'invalid_format':
      return `text in the ${issue.format} format`;
    case 'not_multiple_of':
      return `a multiple of ${String(issue.divisor)}`;
    default:
      return 'a value of an accepted form';
  }
}
