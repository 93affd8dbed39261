/**
 * The dashboard's computations that parse and check a document or run a
 * simulation: they run in the server's task threads (src/server/offload.ts),
 * never on the event loop, each under the dashboard's work budget.
 */
import type { z } from 'zod';
import type { Budget } from '../app/budget.js';
import { checkScenario } from '../app/check-scenario.js';
import * as contract from '../app/contract.js';
import {
  campaign as runCampaign,
  DEFAULT_CAMPAIGN,
  explorerDefaults,
  loadCampaign,
  loadCampaignText,
} from '../app/engagement.js';
import type { ProfileBase } from '../app/profiles.js';
import { runStory } from '../app/run.js';
import { FIELD_NAMES, loadScenarioText } from '../app/scenario.js';
import { writePerRunParquet } from '../app/run-rows-parquet.js';
import { perRunRows } from '../app/runs.js';
import { openStore } from '../store/db.js';
import { SERVER_MAX_WORK } from '../core/limits/work.js';
import { expectedOf, formatPath, valueAt } from '../core/scenario/problems.js';
import { InputError } from '../io/errors.js';
import { errorResponse, HttpError } from './errors.js';

/** The dashboard's budget per request: fixed, not raised by a request. */
export const SERVER_BUDGET: Budget = { maxWork: SERVER_MAX_WORK, raise: null };

/** A request body checked by a schema; problems come back with their paths (400). */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (!r.success) {
    // The schema library's own wording ("Invalid input: expected string, received undefined") never reaches the user.
    const problems = r.error.issues.flatMap((i) => {
      const at = i.path as PropertyKey[];
      if (i.code === 'unrecognized_keys')
        return i.keys.map((k) => ({
          path: formatPath([...at, k]),
          expected: 'a known field of the request (check the spelling)',
        }));
      return [{ path: formatPath(at), expected: expectedOf(i, valueAt(body, at)) }];
    });
    // One sentence a person can act on, e.g. "runs: expected the number of runs per arm, a whole number from 1 to 200,000".
    throw new HttpError(400, problems.map((p) => `${p.path || 'request'}: expected ${p.expected}`).join('; '), {
      problems,
    });
  }
  return r.data;
}

/** Where the profiles of dashboard text come from: shipped names, and the files uploaded with it (never the server's disk). */
export function profileBase(profiles: Record<string, string> | undefined): ProfileBase {
  return profiles ? { kind: 'attached', files: profiles } : { kind: 'shipped' };
}

export function check(body: unknown): contract.CheckResponse {
  const { yaml, profiles } = parseBody(contract.checkRequest, body);
  return checkScenario(yaml, 'dashboard', profileBase(profiles));
}

export function run(body: unknown): contract.RunResponse {
  const req = parseBody(contract.runRequest, body);
  return runStory(
    loadScenarioText(req.yaml, 'dashboard', profileBase(req.profiles)),
    { ...req, budget: SERVER_BUDGET },
    FIELD_NAMES,
  );
}

export function campaign(body: unknown): contract.CampaignReport {
  const req = parseBody(contract.campaignRequest, body);
  const c =
    req.yaml === undefined
      ? loadCampaign(DEFAULT_CAMPAIGN)
      : loadCampaignText(req.yaml, 'campaign', profileBase(req.profiles));
  return runCampaign(c, req.runs, req.seed, SERVER_BUDGET, 'campaign');
}

/**
 * An engagement file uploaded to the explorer (POST /api/explorer), parsed and checked here, in a task thread:
 * the text can be as large as a request allows, and parsing it on the event loop would hold every other request
 * (docs/dashboard.md, "Engagement"). It meets the document bounds of `truce engage` (src/core/limits/document.ts)
 * and its checks; a file that fails them is answered 422, as every document with problems (src/server/errors.ts), naming the upload,
 * the path and what was expected.
 */
export function explorer(body: unknown): contract.ExplorerDefaults {
  const req = parseBody(contract.explorerRequest, body);
  try {
    return explorerDefaults(req.yaml, req.name ?? 'engagement');
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    const { error, ...details } = errorResponse(err).body;
    throw new HttpError(422, String(error), details);
  }
}

/** Scenario text a job will run: checked here so that a problem answers the POST (422) before the job starts. */
export function checkJobScenario(body: unknown): { ok: true } {
  const b = body as { yaml?: unknown; profiles?: unknown } | null;
  if (typeof b?.yaml !== 'string') return { ok: true }; // the route's own schema reports it
  const profiles =
    b.profiles !== null && typeof b.profiles === 'object' ? (b.profiles as Record<string, string>) : undefined;
  loadScenarioText(b.yaml, 'dashboard', profileBase(profiles));
  return { ok: true };
}

/**
 * A stored experiment's per-run rows as Parquet, written to `out` by the code of `truce runs export ID --per-run
 * --format parquet --out FILE`, through this thread's own read-only connection to the store (GET /api/runs/ID/per-run).
 */
export function perRunParquet(body: unknown): { ok: true } {
  const { store, id, where, out } = body as { store: string; id: number; where: string; out: string };
  const db = openStore(store, 'read');
  try {
    const { contexts, rows } = perRunRows(db, id, where);
    writePerRunParquet(out, contexts, rows);
  } finally {
    db.close();
  }
  return { ok: true };
}

export const OPS = { check, run, campaign, explorer, checkJobScenario, perRunParquet } as const;
export type Op = keyof typeof OPS;
