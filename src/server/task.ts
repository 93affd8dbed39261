/** A task thread of the dashboard (src/server/offload.ts): one operation, its answer or its error as HTTP. */
import { errorResponse } from './errors.js';
import { OPS, type Op } from './ops.js';

export type TaskResult = { ok: true; value: unknown } | { ok: false; status: number; body: Record<string, unknown> };

export default function task({ op, body }: { op: Op; body: unknown }): TaskResult {
  try {
    return { ok: true, value: OPS[op](body) };
  } catch (err) {
    return { ok: false, ...errorResponse(err) };
  }
}
