/** Calls to the local truce server (same origin; nothing goes anywhere else). */

export interface Problem {
  path: string;
  expected: string;
  found?: string;
  line?: number;
}

export class ApiError extends Error {
  constructor(
    message: string,
    readonly problems: Problem[] = [],
  ) {
    super(message);
  }
}

async function call<T>(method: 'GET' | 'POST', url: string, body?: unknown): Promise<T> {
  const res = await fetch(url, { method, headers: body ? { 'content-type': 'application/json' } : {}, body: body ? JSON.stringify(body) : undefined });
  const json = await res.json();
  if (!res.ok) throw new ApiError(json.error ?? `HTTP ${res.status}`, json.problems ?? []);
  return json as T;
}

export const get = <T>(url: string) => call<T>('GET', url);
export const post = <T>(url: string, body: unknown) => call<T>('POST', url, body);
