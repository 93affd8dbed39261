/**
 * Calls to the local truce server (same origin; nothing goes anywhere else).
 * Request and response types come from the server's contract
 * (src/app/contract.ts), never redeclared here.
 */
import type { ApiErrorBody, ApiProblem, Job } from '../../src/app/contract.js';

export type { ApiProblem as Problem };

export class ApiError extends Error {
  constructor(
    message: string,
    readonly problems: ApiProblem[] = [],
  ) {
    super(message);
  }
}

/** The per-session token the server put in the page: every state-changing call sends it back (docs/dashboard.md, Security). */
function sessionToken(): string {
  return document.querySelector('meta[name="truce-token"]')?.getAttribute('content') ?? '';
}

async function call<T>(method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown): Promise<T> {
  // Every state-changing call (POST, DELETE) carries the JSON content type and the token.
  const headers: Record<string, string> =
    method !== 'GET' ? { 'content-type': 'application/json', 'x-truce-token': sessionToken() } : {};
  const res = await fetch(url, {
    method,
    headers,
    body: body !== undefined ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const json = await res.json();
  if (!res.ok) {
    const e = json as ApiErrorBody;
    throw new ApiError(e.error ?? `HTTP ${res.status}`, e.problems ?? []);
  }
  return json as T;
}

export const get = <T>(url: string) => call<T>('GET', url);
export const post = <T>(url: string, body: unknown) => call<T>('POST', url, body);
/** Cancel a server job (its workers stop; a cancelled comparison stores nothing). */
export const cancelJob = (id: string) => call<Job>('DELETE', `/api/jobs/${id}`);

/** An error as one line: the message and each problem's path. */
export function describeError(e: unknown): string {
  if (e instanceof ApiError)
    return `${e.message}${e.problems.length ? `: ${e.problems.map((p) => `${p.path} ${p.expected}${p.found !== undefined ? `, got ${p.found}` : ''}`).join('; ')}` : ''}`;
  return String((e as Error)?.message ?? e);
}

/**
 * Start a server job and follow it: `onUpdate` sees every state (progress),
 * and the promise resolves with the finished job or rejects with its error.
 */
export async function runJob<R>(url: string, body: unknown, onUpdate: (job: Job<R>) => void): Promise<Job<R>> {
  const started = await post<Job<R>>(url, body);
  onUpdate(started);
  let job = started;
  while (job.status === 'running') {
    await new Promise((r) => setTimeout(r, 250));
    job = await get<Job<R>>(`/api/jobs/${started.id}`);
    onUpdate(job);
  }
  if (job.status === 'error') throw new ApiError(job.error ?? `the ${job.kind} failed`);
  return job;
}
