/**
 * The dashboard's API. Every request body is checked by a schema; scenario
 * text is validated with the same code as the CLI and its problems come back
 * with their paths (and lines). Comparisons run as jobs on the worker pool,
 * are stored in the results store like CLI runs, and report progress.
 */
import { readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, resolve } from 'node:path';
import { isMap, isSeq, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { campaignSpecSchema } from '../core/engagement/campaign-schema.js';
import { checkCampaignRules, normalizeCampaign, runCampaign } from '../core/engagement/campaign.js';
import { defenseProfileSchema, type DefenseProfile } from '../core/engagement/schema.js';
import { buildModel } from '../core/engine/model.js';
import { runCeasefire } from '../core/engine/run.js';
import { ceasefireScenarioSchema, type CeasefireScenario } from '../core/scenario/ceasefire-schema.js';
import { checkCeasefireRules, defenseProfileFitsScenario } from '../core/scenario/ceasefire-rules.js';
import { checkLeverSettings, listLevers, resolveScenario } from '../core/scenario/levers.js';
import { checkShape, formatPath, type Problem } from '../core/scenario/problems.js';
import { splitPath } from '../core/scenario/paths.js';
import { DEFENSE_DIR, SCENARIOS_DIR } from '../cli/paths.js';
import { readChecked, readText } from '../cli/read-document.js';
import { VERSION } from '../cli/version.js';
import { runComparison } from '../shell/comparison.js';
import type { DB } from '../store/db.js';
import { getArms, getExperiment, listExperiments } from '../store/experiments.js';
import { createHash } from 'node:crypto';
import { HttpError } from './http.js';

export interface ProblemWithLine extends Problem {
  line?: number;
}

/** Line of a path inside a YAML document, for inline errors. */
function lineOf(doc: Document, lineStarts: number[], path: string): number | undefined {
  const keys = splitPath(path.replace(/\[(\d+)\]/g, '.$1').replace(/\["([^"]+)"\]/g, '.$1'));
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const k of keys) {
    if (isMap(node)) {
      const pair = node.items.find((p) => String((p.key as { value?: unknown })?.value ?? p.key) === k);
      if (!pair) break;
      offset = (pair.key as { range?: number[] })?.range?.[0];
      node = pair.value;
    } else if (isSeq(node)) {
      const item = node.items[Number(k)] as { range?: number[] } | undefined;
      if (!item) break;
      offset = item.range?.[0];
      node = item;
    } else break;
  }
  if (offset === undefined) return undefined;
  let line = 0;
  while (line + 1 < lineStarts.length && lineStarts[line + 1] <= offset) line++;
  return line + 1;
}

export interface CheckedScenario {
  ok: boolean;
  problems: ProblemWithLine[];
  scenario?: CeasefireScenario;
  profiles?: Record<string, DefenseProfile>;
}

export function loadProfile(name: string): DefenseProfile {
  if (!/^[A-Za-z][\w-]*$/.test(name)) throw new HttpError(400, `defense profile: expected a profile name, got ${JSON.stringify(name)}`);
  return readChecked(resolve(DEFENSE_DIR, `${name}.yaml`), defenseProfileSchema);
}

/** Parse and check scenario text: YAML errors and schema problems, each with its line. */
export function checkScenarioText(text: string): CheckedScenario {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  if (doc.errors.length) return { ok: false, problems: doc.errors.map((e) => ({ path: '', expected: 'well-formed YAML', found: e.message.split('\n')[0], line: e.linePos?.[0].line })) };
  const checked = checkShape(ceasefireScenarioSchema, doc.toJS({ maxAliasCount: 100 }));
  const withLines = (ps: Problem[]) => ps.map((p) => ({ ...p, line: lineOf(doc, lineStarts, p.path) }));
  if (!checked.ok) return { ok: false, problems: withLines(checked.problems) };
  const scenario = checked.value;
  const rules = checkCeasefireRules(scenario);
  if (rules.length) return { ok: false, problems: withLines(rules) };
  const profiles: Record<string, DefenseProfile> = {};
  for (const [id, a] of Object.entries(scenario.actors)) {
    if (a.kind !== 'state' || !a.defense) continue;
    try {
      const p = loadProfile(a.defense.profile);
      const pp = defenseProfileFitsScenario(p, scenario);
      if (pp.length) return { ok: false, problems: pp };
      profiles[a.defense.profile] = p;
    } catch {
      return { ok: false, problems: withLines([{ path: `actors.${id}.defense.profile`, expected: `a defence profile in scenarios/defense/ (${listProfiles().join(', ')})`, found: JSON.stringify(a.defense.profile) }]) };
    }
  }
  return { ok: true, problems: [], scenario, profiles };
}

export function listProfiles(): string[] {
  return readdirSync(DEFENSE_DIR).filter((f) => f.endsWith('.yaml')).map((f) => f.replace(/\.yaml$/, ''));
}

export function listScenarios(): { name: string; file: string }[] {
  return readdirSync(SCENARIOS_DIR)
    .filter((f) => f.endsWith('.yaml'))
    .filter((f) => checkScenarioText(readText(resolve(SCENARIOS_DIR, f))).ok)
    .map((f) => ({ name: f.replace(/\.yaml$/, ''), file: `scenarios/${f}` }));
}

function requireScenario(text: string): { scenario: CeasefireScenario; profiles: Record<string, DefenseProfile> } {
  const c = checkScenarioText(text);
  if (!c.ok) throw new HttpError(422, 'the scenario has problems', { problems: c.problems });
  return { scenario: c.scenario!, profiles: c.profiles! };
}

function resolveFor(scenario: CeasefireScenario, framework: string | null, set: Record<string, number>) {
  if (framework !== null && !scenario.frameworks[framework]) throw new HttpError(422, `framework: expected one of ${Object.keys(scenario.frameworks).join(', ')}, got ${JSON.stringify(framework)}`);
  const problems = checkLeverSettings(scenario, set);
  if (problems.length) throw new HttpError(422, 'lever settings out of range', { problems });
  const r = resolveScenario(scenario, framework, set);
  const again = checkShape(ceasefireScenarioSchema, r.scenario);
  if (!again.ok) throw new HttpError(422, 'the framework produces an invalid scenario', { problems: again.problems });
  return r;
}

/** A request body checked by a schema; problems come back with their paths. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const r = schema.safeParse(body);
  if (!r.success) throw new HttpError(400, 'invalid request', { problems: r.error.issues.map((i) => ({ path: formatPath(i.path as PropertyKey[]), expected: i.message })) });
  return r.data;
}

const levers = z.record(z.string(), z.number());
export const compareRequest = z
  .object({
    yaml: z.string().max(1_000_000),
    frameworks: z.array(z.string()).min(1).max(6),
    set: levers.default({}),
    runs: z.number().int().min(1).max(200_000),
    seed: z.number().int().min(0),
    days: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export const runRequest = z.object({ yaml: z.string().max(1_000_000), framework: z.string().nullable(), set: levers.default({}), seed: z.number().int().min(0), days: z.number().int().min(1).max(3650).optional() }).strict();
export const checkRequest = z.object({ yaml: z.string().max(1_000_000) }).strict();
export const campaignRequest = z.object({ yaml: z.string().max(1_000_000).optional(), runs: z.number().int().min(1).max(20_000).default(500), seed: z.number().int().min(0).default(1) }).strict();

export interface Job {
  id: string;
  status: 'running' | 'done' | 'error';
  done: number;
  total: number;
  result?: unknown;
  error?: string;
  experimentId?: number;
}

export class Api {
  private readonly jobs = new Map<string, Job>();
  private nextJob = 1;
  constructor(
    private readonly db: DB | null,
    private readonly workers = Math.max(1, Math.min(availableParallelism(), 16)),
  ) {}

  scenarios() {
    return { scenarios: listScenarios(), profiles: listProfiles() };
  }

  scenarioText(name: string) {
    if (!/^[A-Za-z][\w-]*$/.test(name)) throw new HttpError(400, `scenario: expected a name, got ${JSON.stringify(name)}`);
    const file = resolve(SCENARIOS_DIR, `${basename(name)}.yaml`);
    try {
      return { name, yaml: readText(file) };
    } catch {
      throw new HttpError(404, `no scenario named ${JSON.stringify(name)}`);
    }
  }

  check(body: unknown) {
    const { yaml } = parseBody(checkRequest, body);
    const c = checkScenarioText(yaml);
    if (!c.ok) return { ok: false, problems: c.problems };
    return { ok: true, problems: [], name: c.scenario!.name, levers: listLevers(c.scenario!), frameworks: Object.fromEntries(Object.entries(c.scenario!.frameworks).map(([k, f]) => [k, { description: f.description ?? '', levers: f.levers }])), defaultFramework: c.scenario!.defaultFramework ?? null, horizonDays: c.scenario!.horizonDays };
  }

  run(body: unknown) {
    const req = parseBody(runRequest, body);
    const { scenario, profiles } = requireScenario(req.yaml);
    const r = resolveFor(scenario, req.framework, req.set);
    const model = buildModel(r.scenario, profiles);
    const result = runCeasefire(model, { seed: req.seed, record: true, days: req.days });
    return { seed: req.seed, framework: r.framework, levers: r.levers, misalignment: model.misalignment, outcome: result.outcome, trajectory: result.trajectory, events: result.events };
  }

  campaign(body: unknown) {
    const req = parseBody(campaignRequest, body);
    const text = req.yaml ?? readText(resolve(SCENARIOS_DIR, 'campaign', 'twelve-day-war.yaml'));
    const doc = parseDocument(text);
    if (doc.errors.length) throw new HttpError(422, `campaign: malformed YAML: ${doc.errors[0].message.split('\n')[0]}`);
    const checked = checkShape(campaignSpecSchema, doc.toJS());
    if (!checked.ok) throw new HttpError(422, 'the campaign has problems', { problems: checked.problems });
    const spec = checked.value;
    const profile = spec.defense ? loadProfile(spec.defense) : undefined;
    const problems = checkCampaignRules(spec, profile);
    if (problems.length) throw new HttpError(422, 'the campaign has problems', { problems });
    return runCampaign(normalizeCampaign(spec, profile), req.runs, req.seed);
  }

  profile(name: string) {
    return loadProfile(name);
  }

  startCompare(body: unknown): Job {
    const req = parseBody(compareRequest, body);
    const { scenario, profiles } = requireScenario(req.yaml);
    const arms = req.frameworks.map((fw) => {
      const r = resolveFor(scenario, fw, req.set);
      return { label: fw, framework: r.framework, levers: r.levers, point: { scenario: r.scenario, profiles } };
    });
    const id = String(this.nextJob++);
    const job: Job = { id, status: 'running', done: 0, total: req.runs * arms.length };
    this.jobs.set(id, job);
    runComparison({
      scenarioName: scenario.name,
      scenarioHash: createHash('sha256').update(JSON.stringify([req.yaml, profiles])).digest('hex'),
      scenarioRecord: { file: 'dashboard', document: req.yaml, profiles },
      truceVersion: VERSION,
      arms,
      runs: req.runs,
      seed: req.seed,
      workers: this.workers,
      days: req.days,
      params: { frameworks: req.frameworks, set: req.set, days: req.days ?? null, source: 'dashboard' },
      db: this.db,
      onProgress: (d, t) => ((job.done = d), (job.total = t)),
      now: () => new Date().toISOString(),
    }).then(
      ({ output }) => {
        job.result = output;
        job.experimentId = output.experimentId;
        job.status = 'done';
      },
      (err) => {
        job.status = 'error';
        job.error = (err as Error).message;
      },
    );
    return job;
  }

  job(id: string): Job {
    const j = this.jobs.get(id);
    if (!j) throw new HttpError(404, `no job ${JSON.stringify(id)}`);
    return j;
  }

  runsList() {
    return this.db ? listExperiments(this.db) : [];
  }

  runsShow(id: number) {
    if (!this.db) throw new HttpError(404, 'no results store (started with --no-store)');
    const e = getExperiment(this.db, id);
    if (!e) throw new HttpError(404, `no experiment ${id}`);
    return { ...e, arms: getArms(this.db, id) };
  }
}
