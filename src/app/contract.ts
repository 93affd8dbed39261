/**
 * The dashboard API's contract: request schemas (checked by the server),
 * and the response types the web client reads. The one place both sides
 * take them from: web/ imports this module's types, never redeclares them.
 * Pure (zod, core types and the shared charts' types only), so the browser bundle can use it.
 */
import { z } from 'zod';
import type { EngageReport } from '../core/engagement/engage.js';
import type { CampaignReport } from '../core/engagement/campaign.js';
import type { DefenseProfile, LayerSpec, ThreatSpec } from '../core/engagement/schema.js';
import type { ArmSummary, Comparison } from '../core/ensemble/summarize.js';
import type { RunEvent } from '../core/engine/events.js';
import type { RunOutcome, TrajectoryPoint } from '../core/engine/run.js';
import type { LeverInfo } from '../core/scenario/levers.js';
import type { SobolNoiseFloor } from '../charts/sobol-table.js';
import type { ArmCarried, ArmPosterior, CarriedParameter } from './posterior-ensemble.js';

export type {
  ArmPosterior,
  ArmSummary,
  CarriedParameter,
  CampaignReport,
  Comparison,
  DefenseProfile,
  EngageReport,
  LeverInfo,
  RunEvent,
  RunOutcome,
  ThreatSpec,
  TrajectoryPoint,
};

const YAML_TEXT = 'the file as YAML or JSON text, at most 1,000,000 characters';
const yaml = z.string({ error: YAML_TEXT }).max(1_000_000, { error: YAML_TEXT });
/** The arm a request runs: a framework of the scenario, or null for none (the scenario as written). */
const FRAMEWORK = 'the name of a framework of the scenario, or null for none';
const framework = z.string({ error: FRAMEWORK }).nullable();
const levers = z.record(z.string(), z.number());
/** A whole number in a range, with one plain sentence for every way it can be wrong (empty, not whole, out of range). */
const count = (what: string, min: number, max: number) => {
  const error = `${what}, a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const days = count('the horizon in days', 1, 3650);
/** Defence profile files uploaded with a scenario, by the name or relative path the scenario gives (`profile: ./myprof.yaml`). */
const profiles = z
  .record(z.string().min(1).max(300), yaml)
  .refine((r) => Object.keys(r).length <= 16, 'at most 16 profile files')
  .optional();

export const checkRequest = z.object({ yaml, profiles }).strict();
const UPLOAD_NAME = "the uploaded file's name, without its folder, at most 200 characters";
/** The name of an uploaded file as the browser gives it: the server's messages name the upload by it. */
const uploadName = z
  .string({ error: UPLOAD_NAME })
  .min(1, { error: UPLOAD_NAME })
  .max(200, { error: UPLOAD_NAME })
  // No folder separators and no control characters (a name is printed in messages).
  .refine((n) => !/[/\\]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20), { error: UPLOAD_NAME });
/**
 * An engagement file for the explorer (POST /api/explorer): its text, and the uploaded file's name (default
 * `engagement`). `profiles` is accepted as in a check and not read: the explorer takes shipped profiles only.
 */
export const explorerRequest = z.object({ yaml, name: uploadName.optional(), profiles }).strict();
export const runRequest = z
  .object({
    yaml,
    profiles,
    framework,
    set: levers.default({}),
    seed: count('the seed', 0, Number.MAX_SAFE_INTEGER),
    days: days.optional(),
  })
  .strict();
const FRAMEWORKS = 'a list of 1 to 6 framework names of the scenario';
/** Which global parameters a dashboard job draws from (docs/calibration-record.md). */
const posteriorChoice = z.enum(['default', 'none']);
export const compareRequest = z
  .object({
    yaml,
    profiles,
    frameworks: z
      .array(z.string({ error: FRAMEWORKS }), { error: FRAMEWORKS })
      .min(1, { error: FRAMEWORKS })
      .max(6, { error: FRAMEWORKS }),
    set: levers.default({}),
    vary: z
      .object({ lever: z.string(), values: z.array(z.number()).min(1).max(12) })
      .strict()
      .optional(),
    runs: count('the number of runs per arm', 1, 200_000),
    seed: count('the seed', 0, Number.MAX_SAFE_INTEGER),
    days: days.optional(),
    /** The shipped posterior (default) or none; as `--posterior` on the command line. */
    posterior: posteriorChoice.default('default'),
  })
  .strict();
export const campaignRequest = z
  .object({
    yaml: yaml.optional(),
    profiles,
    runs: count('the number of campaign runs', 1, 20_000).default(500),
    seed: count('the seed', 0, Number.MAX_SAFE_INTEGER).default(1),
  })
  .strict();
export const sensitivityRequest = z
  .object({
    yaml,
    profiles,
    method: z.enum(['morris', 'sobol']).default('morris'),
    levers: z.array(z.string()).min(1).max(12),
    output: z
      .enum(['pCollapse', 'medianDay', 'meanSurvivalDays', 'meanDefenderCost', 'meanInterceptors'])
      .default('pCollapse'),
    samples: count('the number of samples', 1, 4096),
    levels: count('the number of Morris levels', 2, 16).default(4),
    runsPerPoint: count('the number of runs per design point', 1, 100_000),
    seed: count('the seed', 0, Number.MAX_SAFE_INTEGER),
    framework: framework.optional(),
    set: levers.default({}),
    days: days.optional(),
    posterior: posteriorChoice.default('none'),
  })
  .strict();
export const sweepRequest = z
  .object({
    yaml,
    profiles,
    design: z.enum(['grid', 'lhs', 'sobol']),
    ranges: z.record(z.string(), z.tuple([z.number(), z.number()])),
    points: count('the number of design points', 1, 10_000),
    runsPerPoint: count('the number of runs per design point', 1, 100_000),
    seed: count('the seed', 0, Number.MAX_SAFE_INTEGER),
    framework: framework.optional(),
    set: levers.default({}),
    days: days.optional(),
    posterior: posteriorChoice.default('none'),
  })
  .strict();

/** Cross-validation of the fitted model against the case library (`truce validate`), as a dashboard job. */
export const validationRequest = z
  .object({
    runs: count('the number of runs per held-out case', 1, 2000).default(50),
    seed: count('the seed', 0, Number.MAX_SAFE_INTEGER).default(1),
  })
  .strict();

export type CheckRequest = z.input<typeof checkRequest>;
export type ExplorerRequest = z.input<typeof explorerRequest>;
export type RunRequest = z.input<typeof runRequest>;
export type CompareRequest = z.input<typeof compareRequest>;
export type CampaignRequest = z.input<typeof campaignRequest>;
export type SensitivityRequest = z.input<typeof sensitivityRequest>;
export type ValidationRequest = z.input<typeof validationRequest>;
export type SweepRequest = z.input<typeof sweepRequest>;

/** A problem of a document or request: JSON path, what was expected, what was found, line of the text. */
export interface ApiProblem {
  path: string;
  expected: string;
  found?: string;
  line?: number;
}

/** Every error response: a message (never a machine path) and, for documents, their problems. */
export interface ApiErrorBody {
  error: string;
  problems?: ApiProblem[];
}

export interface ScenariosResponse {
  scenarios: { name: string; file: string }[];
  profiles: string[];
}

export interface ScenarioTextResponse {
  name: string;
  yaml: string;
}

export type CheckResponse =
  | { ok: false; problems: ApiProblem[] }
  | {
      ok: true;
      problems: [];
      name: string;
      actors: Record<string, number>;
      actions: number;
      levers: LeverInfo[];
      frameworks: Record<string, { description: string; levers: Record<string, number> }>;
      defaultFramework: string | null;
      horizonDays: number;
      /** Warnings and info on a valid scenario (`truce scenario validate` prints them): not problems. */
      notes: { level: 'warning' | 'info'; path: string; message: string }[];
      /** Values outside their documented ranges (they run; the author is told), as the CLI prints on stderr. */
      warnings?: string[];
    };

export interface RunResponse {
  seed: number;
  scenario: string;
  framework: string | null;
  levers: Record<string, number>;
  horizonDays: number;
  misalignment: number;
  outcome: RunOutcome;
  trajectory: TrajectoryPoint[];
  events: RunEvent[];
}

export interface ComparisonResult {
  scenario: string;
  scenarioHash: string;
  truceVersion: string;
  seed: number;
  runs: number;
  horizonDays: number;
  arms: ArmSummary[];
  comparisons: Comparison[];
  /** Which posterior each run's global parameters were drawn from, and draws per arm. */
  posterior: string;
  posteriorDraws: number;
  /** What the posterior carries to each arm, and a warning when it carries nothing (ComparisonOutput). */
  posteriorCarried?: ArmPosterior[];
  posteriorWarning?: string | null;
  /** The scenario's warnings (values outside their documented ranges); absent from comparisons stored before them. */
  scenarioWarnings?: string[];
  experimentId?: number;
}

/**
 * The line above a result's scenario warnings, the same words in `truce runs show` and in the dashboard's
 * comparison and stored-run views (docs/analysis.md, "Moving a documented parameter").
 */
export const SCENARIO_WARNINGS_HEADING = 'scenario warnings (the scenario had values outside their documented ranges):';

/**
 * The warnings of the scenario an experiment ran (values outside their documented ranges), as stored with its
 * settings (`params.scenarioWarnings`; a comparison's summary carries them too). Undefined for an experiment
 * stored before they were kept, or of a kind that does not keep them: unknown, not "none". Here, not in runs.ts,
 * so that `truce runs show` and the dashboard's stored runs read them alike.
 */
export function storedScenarioWarnings(e: { params: Record<string, unknown>; summary: unknown }): string[] | undefined {
  const fromSummary = (e.summary as { scenarioWarnings?: unknown } | null)?.scenarioWarnings;
  const stored = e.params.scenarioWarnings ?? fromSummary;
  return Array.isArray(stored) ? stored.map(String) : undefined;
}

export interface SensitivityResult {
  method: 'morris' | 'sobol';
  target: string;
  output: string;
  samples: number;
  seed: number;
  indices: Record<string, Record<string, number>>;
  /** Each factor's range and unit; Morris ranks by `rankedBy` (muStarScaled: mu* over the factor's range). */
  factors?: Record<string, { min: number; max: number; unit?: string }>;
  rankedBy?: 'muStarScaled';
  posterior?: string;
  posteriorDraws?: number;
  /** The scenario, its base framework, what the posterior carries, and warnings (SensitivityOutput). */
  scenario?: string;
  framework?: string | null;
  posteriorCarried?: ArmCarried;
  posteriorWarning?: string | null;
  warnings?: string[];
  /** The scenario's warnings (values outside their documented ranges); absent from analyses stored before them. */
  scenarioWarnings?: string[];
  /** Sobol on an ensemble output: the Monte Carlo noise floor (SensitivityOutput; docs/analysis.md, "Sobol"). */
  noise?: SobolNoiseFloor | null;
  experimentId?: number;
}

export interface SweepResult {
  experimentId: number;
  points: number;
  design: 'grid' | 'lhs' | 'sobol';
  ranges: Record<string, [number, number]>;
  rows: Record<string, string | number | null>[];
  /** Which posterior each run's global parameters were drawn from, and draws per design point. */
  posterior: string;
  posteriorDraws: number;
  /** The scenario, its base framework, what the posterior carries (SweepOutput). */
  scenario?: string;
  framework?: string | null;
  posteriorCarried?: ArmCarried;
  posteriorWarning?: string | null;
  /** The scenario's warnings (values outside their documented ranges); absent from sweeps stored before them. */
  scenarioWarnings?: string[];
  /** The sweep's horizon: a median survival above it is shown as "> horizon". */
  horizonDays: number;
}

export type JobKind = 'compare' | 'sensitivity' | 'sweep' | 'validation';

/** What the report and the dashboard show of a cross-validation (docs/calibration-record.md, "Validation"). */
export interface ValidationReport {
  posterior: string;
  folds: number;
  cases: number;
  runs: number;
  seed: number;
  refit: string;
  /** Effective sample size of the refit, smallest and largest over folds. */
  essRange: [number, number];
  /** The ESS below which a fold's refit is the full fit's (IN_SAMPLE_ESS), and whether any fold fell below it: some or all of the model's scores are then in-sample. */
  essThreshold: number;
  inSample: boolean;
  /** How many folds fell below essThreshold. */
  foldsBelowThreshold: number;
  /**
   * What the model's scores are: 'in-sample' (every fold below essThreshold), 'held-out' (none) or 'mixed'
   * (some: each spell is then ranked against the benchmarks of its own fold's kind, the *Matched scores).
   */
  scoresAre: 'held-out' | 'in-sample' | 'mixed';
  scores: {
    horizon: number;
    n: number;
    events: number;
    model: { brier: number; log: number };
    /** Held out: fitted without each scored case (per fold). */
    baseRate: { brier: number; log: number };
    cox: { brier: number; log: number };
    /** In-sample: fitted to every scored case, the like-for-like benchmarks of in-sample model scores. */
    baseRateInSample: { brier: number; log: number };
    coxInSample: { brier: number; log: number };
    /** Like for like: each spell's benchmark of its fold's kind (in-sample if the fold's ESS is below essThreshold, else held out). */
    baseRateMatched: { brier: number; log: number };
    coxMatched: { brier: number; log: number };
  }[];
  /**
   * The model against the Cox model of the same kind, chosen per spell by its fold (held-out scores
   * against the per-fold Cox refit, in-sample scores against the Cox fit to every case), per horizon:
   * the mean over spells of the paired score difference (model minus Cox) with a normal 95% interval;
   * 'model' or 'Cox' is better when the interval excludes 0 (Brier: lower is better; log: higher),
   * else 'level'. `cox` is the kind of the Cox scores (as scoresAre), `casesInSample` how many of the
   * horizon's spells were paired with the in-sample fit.
   */
  comparison: {
    horizon: number;
    cox: 'held-out' | 'in-sample' | 'mixed';
    casesInSample: number;
    brierDifference: { mean: number; lo: number; hi: number };
    logDifference: { mean: number; lo: number; hi: number };
    brierBetter: 'model' | 'Cox' | 'level';
    logBetter: 'model' | 'Cox' | 'level';
  }[];
  /** Reliability bins of the model and of the benchmarks of the same kind (the *Matched ones), forecaster named with its kind. */
  reliability: { forecaster: string; meanForecast: number; observed: number; n: number }[];
}

/** A long analysis on the server: poll GET /api/jobs/ID until status is not `running`. */
export interface Job<R = unknown> {
  id: string;
  kind: JobKind;
  status: 'running' | 'done' | 'error' | 'cancelled';
  /** Runs done and to do (all design points together). */
  done: number;
  total: number;
  /** Seconds since the job started (while running: so far). */
  elapsedSeconds?: number;
  /** Runs per second so far (null before the first runs are done). */
  runsPerSecond?: number | null;
  /** Seconds left at the rate so far (null before the first runs are done). */
  etaSeconds?: number | null;
  result?: R;
  error?: string;
  experimentId?: number;
}

export interface StoredExperiment {
  id: number;
  kind: string;
  /** 'interrupted': no process writes it any more; `truce sweep --resume ID` continues it when `resume` says so. */
  status: 'running' | 'interrupted' | 'complete';
  createdAt: string;
  finishedAt: string | null;
  truceVersion: string;
  /** The engine that computed it (version + hash of the simulation code); null when stored before truce kept it. */
  engine: string | null;
  scenarioName: string | null;
  scenarioHash: string | null;
  seed: number | null;
  runs: number | null;
  params: Record<string, unknown>;
  timings: Record<string, unknown> | null;
  summary: unknown;
  arms?: { idx: number; label: string; framework: string | null; levers: Record<string, number>; summary: unknown }[];
  points?: { point: number; levers: Record<string, number>; outcomes: Record<string, unknown> }[];
  /** Per-run rows stored, and for sweeps the runs stored in all (comparisons and sweeps; see perRunExportable). */
  runRows?: RunRowsCount;
  /** A sweep's result as `truce runs show` prints it (GET /api/runs/ID; the points stored so far when not complete). */
  sweep?: SweepResult;
  /** A sweep's: whether this build accepts `truce sweep --resume ID`, and if not why and what to run instead. */
  resume?: SweepResume;
  /** A sensitivity analysis's or sweep's design: its method and size (the `design` column of `truce runs list`). */
  design?: StoredDesign;
}

/**
 * Whether this build accepts `truce sweep --resume ID` for a stored sweep (decided by sweepResume,
 * src/app/sweep.ts: the same answer for the command's refusal, `truce runs show` and the dashboard).
 */
export interface SweepResume {
  /**
   * This build accepts `--resume` for it. Whether another process still writes it is the status's to say: a
   * `running` sweep that a live process on this machine writes is refused as busy until it stops.
   */
  resumable: boolean;
  /**
   * Why not: the sweep is complete, or its stored points were computed by another build of the model (or by
   * an unknown one, stored before truce recorded it); null when resumable.
   */
  reason: 'complete' | 'engine' | null;
  /** The engine that computed the stored points (null: unknown) and this build's (docs/analysis.md, "The engine fingerprint"). */
  storedEngine: string | null;
  engine: string;
  storedPoints: number;
  /**
   * The command that runs the same design again from scratch, as a new sweep: the stored arguments. Its scenario
   * argument is the stored file name, or SCENARIO.yaml when the dashboard sent the scenario (scenarioFile null).
   */
  rerun: string;
  scenarioFile: string | null;
}

/** Why this build refuses to resume a sweep whose points another build computed: one clause, the same everywhere. */
export function otherEngineClause(r: Pick<SweepResume, 'storedPoints' | 'storedEngine' | 'engine'>): string {
  const n = r.storedPoints;
  return `its ${n} stored point${n === 1 ? ' was' : 's were'} computed by a different build of the model (engine ${r.storedEngine ?? 'unknown, stored before truce recorded it'}; this build is ${r.engine})`;
}

/** The rerun command, with a note when its scenario file is the dashboard's text (to be saved as a file first). */
export function rerunText(r: Pick<SweepResume, 'rerun' | 'scenarioFile'>): string {
  return r.scenarioFile === null
    ? `${r.rerun} (SCENARIO.yaml: the scenario the dashboard sent, saved as a file; or start the same design in the dashboard's sweep view)`
    : r.rerun;
}

/**
 * What to do about a stored sweep that is not complete, as `truce runs show` and the dashboard say it after
 * "N points stored": how to finish it when this build can, else why it cannot and the command that runs it
 * again. Empty when there is nothing to say (complete, or still running under a build that can resume it).
 */
export function resumeAdvice(id: number, status: string, r: SweepResume | undefined): string {
  if (r?.reason === 'engine')
    return `; this build cannot resume it: ${otherEngineClause(r)}; run it again from scratch with the same design: ${rerunText(r)}`;
  return status === 'interrupted' ? ` (truce sweep --resume ${id} runs the rest)` : '';
}

/**
 * A stored sensitivity analysis's or sweep's design: the method, its size as asked (Morris trajectories and grid
 * levels, the Sobol base sample N) and the design points it gives, and the runs at each point.
 */
export type StoredDesign =
  | { method: 'morris'; trajectories: number; levels: number; points: number; runsPerPoint: number | null }
  | { method: 'sobol'; baseSamples: number; points: number; runsPerPoint: number | null }
  | { method: 'grid' | 'lhs' | 'sobol'; points: number; runsPerPoint: number | null };

/** A stored design in a few words: `Morris, 4 trajectories, 12 points`, `Sobol, N=8, 32 points`, `lhs, 4 points`. */
export function designText(kind: string, d: StoredDesign | undefined): string {
  if (!d) return '-';
  if (kind === 'sensitivity' && 'trajectories' in d)
    return `Morris, ${d.trajectories} trajector${d.trajectories === 1 ? 'y' : 'ies'} (${d.levels} levels), ${d.points} points`;
  if (kind === 'sensitivity' && 'baseSamples' in d) return `Sobol, N=${d.baseSamples}, ${d.points} points`;
  return `${d.method}, ${d.points} point${d.points === 1 ? '' : 's'}`;
}

export interface RunRowsCount {
  stored: number;
  runs?: number;
}

/** Formats of a stored experiment's per-run rows: those of `truce runs export ID --per-run --format F`. */
export const PER_RUN_FORMATS = ['csv', 'json', 'parquet'] as const;
export type PerRunFormat = (typeof PER_RUN_FORMATS)[number];

/**
 * Whether `truce runs export ID --per-run` (and GET /api/runs/ID/per-run) has rows to give: some are stored and, for
 * a sweep, every stored run has its row (a partial table is refused, docs/analysis.md "Per-run rows").
 */
export function perRunExportable(r: RunRowsCount | undefined): boolean {
  return !!r && r.stored > 0 && (r.runs === undefined || r.stored === r.runs);
}

/** Where GET serves a stored experiment's per-run rows (the dashboard links to it; docs/dashboard.md). */
export function perRunUrl(id: number, format: PerRunFormat): string {
  return `/api/runs/${id}/per-run?format=${format}`;
}

/**
 * The file name a stored experiment's per-run rows download under, named after the experiment:
 * `truce-<kind>-<id>[-<scenario>]-per-run.<format>`, in characters safe in any file system and header.
 */
export function perRunFileName(
  e: { id: number; kind: string; scenarioName?: string | null },
  format: PerRunFormat,
): string {
  const safe = (s: string) =>
    s
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^[-.]+|-+$/g, '')
      .slice(0, 60);
  const scenario = e.scenarioName ? safe(e.scenarioName) : '';
  return `truce-${safe(e.kind) || 'experiment'}-${e.id}${scenario ? `-${scenario}` : ''}-per-run.${format}`;
}

/** The engagement explorer's defaults: a shipped profile and the threats and salvo of a shipped scenario. */
export interface ExplorerDefaults {
  /** The shipped defence profile the file names (`defense:`); empty when the file gives its own `layers`. */
  profile: string;
  /** The file's own layers, when it gives them instead of a profile's name. */
  layers?: LayerSpec[];
  threats: Record<string, ThreatSpec>;
  salvo: Record<string, number>;
  /** The file's `arrivalOrder`, when it gives one: the order the explorer's layers take threats in. */
  arrivalOrder?: string[];
  /** The file's `warningMinutes`, when it gives one: layers needing more warning engage in proportion (docs/model/engagement.md). */
  warningMinutes?: number;
  /** The file's sensor settings, when it gives them: they override the profile's, as in `truce engage`. */
  trackCapacity?: number;
  saturationPKillFactor?: number;
  source: string;
  description?: string;
}

/** A starting point of the engagement explorer: its own defaults or a 2024 case (scenarios/history/). */
export interface ExplorerPreset {
  name: string;
  file: string;
  description: string;
}

/** A shipped campaign file and its text. */
export interface CampaignFile {
  name: string;
  file: string;
  yaml: string;
}

/*
 * What a stored experiment varied, as one line (frameworks, set and varied levers, design, posterior):
 * the same words in `truce runs list` and in the dashboard's stored-runs table.
 */
/** Parameters that say nothing of what was varied: where the request came from, the scenario's warnings (runs show prints them). */
const QUIET = new Set(['source', 'scenarioWarnings']);

function valueText(v: unknown): string {
  if (v === null || typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return v.map(valueText).join(', ');
  const o = v as Record<string, unknown>;
  // --vary: { lever, values }
  if (typeof o.lever === 'string' && Array.isArray(o.values)) return `${o.lever}=${o.values.map(valueText).join(',')}`;
  return Object.entries(o)
    .map(([k, x]) =>
      Array.isArray(x) && x.length === 2 && x.every((n) => typeof n === 'number')
        ? `${k}=${x[0]}:${x[1]}`
        : `${k}=${typeof x === 'object' && x !== null ? JSON.stringify(x) : String(x)}`,
    )
    .join(', ');
}

const empty = (v: unknown) =>
  v === null ||
  v === undefined ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);

/** An experiment's stored parameters as one line: `frameworks a,b; set lever=v; vary lever=v1,v2; posterior ...`. */
export function describeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([k, v]) => !QUIET.has(k) && !empty(v))
    .map(([k, v]) => `${k} ${valueText(v)}`)
    .join('; ');
}
