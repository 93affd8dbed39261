/**
 * Verdicts shared by the long fuzz mode (fuzz/main.ts) and the in-suite fuzz
 * test (test/fuzz.test.ts): what counts as a clean answer from the dashboard
 * and from the command line. Clean is a sensible output or a user error with
 * a sentence; a crash is a 5xx, an answer without a sentence, a dropped
 * connection, an exit code other than 0 or 2, or a stack trace; nonsense is
 * an output holding NaN, Infinity, a probability outside [0, 1] or a negative
 * count (fuzz/nonsense.ts). A hang is decided by the caller's time limit.
 */
import { findNonsense } from './nonsense.js';

export type Verdict = 'clean' | 'crash' | 'hang' | 'nonsense';

export interface Judged {
  verdict: Verdict;
  detail: string;
}

const CLEAN: Judged = { verdict: 'clean', detail: '' };

/** A route with its variable parts folded, for per-target counts: `api:GET /api/scenarios/*`. */
export function routeOf(method: string, path: string): string {
  const p = path.split(/[?#]/, 1)[0];
  const known = /^\/api\/(scenarios|defense|jobs|runs)\/./.exec(p);
  const route = known
    ? `/api/${known[1]}/*`
    : /^\/api\/[a-z]+$/.test(p)
      ? p
      : p.startsWith('/api')
        ? '/api/(other)'
        : '/(page)';
  return ['GET', 'HEAD', 'POST'].includes(method) ? `api:${method} ${route}` : `api:${method}`;
}

/** An HTTP answer. `bodySent` is the request body's size: a refused large body may close the connection early. */
export function judgeHttp(method: string, status: number, contentType: string, text: string): Judged {
  if (status >= 500) return { verdict: 'crash', detail: `${status}: ${text.slice(0, 200)}` };
  if (status >= 400) {
    if (method === 'HEAD') return CLEAN;
    let error: unknown;
    try {
      error = (JSON.parse(text) as { error?: unknown }).error;
    } catch {
      error = undefined;
    }
    if (typeof error !== 'string' || error.trim().length < 5 || /internal error/i.test(error))
      return { verdict: 'crash', detail: `${status} without a sentence: ${text.slice(0, 200)}` };
    return CLEAN;
  }
  if (!contentType.includes('json') || method === 'HEAD') return CLEAN;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { verdict: 'crash', detail: `${status} with malformed JSON: ${text.slice(0, 100)}` };
  }
  const bad = findNonsense(body);
  return bad ? { verdict: 'nonsense', detail: bad } : CLEAN;
}

/** A finished server job (GET /api/jobs/ID): an error must be a user's, the result must make sense. */
export function judgeJob(job: { status?: unknown; error?: unknown; result?: unknown }): Judged {
  if (job.status === 'error') {
    const e = String(job.error ?? '');
    return /internal error/i.test(e) || e.trim().length < 5
      ? { verdict: 'crash', detail: `job error: ${e.slice(0, 200)}` }
      : CLEAN;
  }
  const bad = findNonsense(job.result);
  return bad ? { verdict: 'nonsense', detail: `job result ${bad}` } : CLEAN;
}

/** A finished command: exit 0 (its --json output must make sense) or 2 with one clean sentence. */
export function judgeCli(args: string[], code: number | null, stdout: string, stderr: string): Judged {
  if (code === 2) {
    if (stderr.trim().length === 0) return { verdict: 'crash', detail: 'exit 2 with nothing on stderr' };
    if (/internal error|\n\s+at .*:\d+:\d+\)?/.test(stderr))
      return { verdict: 'crash', detail: `exit 2 with a stack trace or internal error: ${stderr.slice(0, 200)}` };
    if (stdout.trim().length > 0 && args.includes('--json'))
      return { verdict: 'crash', detail: `exit 2 after writing a result: ${stdout.slice(0, 100)}` };
    return CLEAN;
  }
  if (code !== 0) return { verdict: 'crash', detail: `exit ${code}: ${stderr.slice(0, 300)}` };
  if (!args.includes('--json')) return CLEAN;
  let out: unknown;
  try {
    out = JSON.parse(stdout);
  } catch {
    return { verdict: 'crash', detail: `exit 0 with malformed JSON: ${stdout.slice(0, 100)}` };
  }
  const bad = findNonsense(out);
  return bad ? { verdict: 'nonsense', detail: bad } : CLEAN;
}
