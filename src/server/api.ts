/**
 * The dashboard's API: each route checks its request against the contract
 * (src/app/contract.ts) and calls one use case of src/app. Scenario text goes
 * through the same pipeline as the CLI's files, so problems, messages and the
 * scenario hash are the same. Comparisons, sensitivity analyses and sweeps run
 * as jobs on the server's runner, are stored like CLI runs, and report
 * progress.
 */
import { createReadStream, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { checkScenario } from '../app/check-scenario.js';
import { planComparison, runComparison } from '../app/compare.js';
import * as contract from '../app/contract.js';
import { explorerDefaults } from '../app/engagement.js';
import { listDefenseProfiles, shippedDefenseProfile } from '../app/profiles.js';
import { perRunText } from '../app/run-rows.js';
import { listRuns, perRunRows, runRowsOf, showRun, storedSweepOutput } from '../app/runs.js';
import type { Runner } from '../app/runner.js';
import { FIELD_NAMES, loadScenarioText, type LoadedScenario } from '../app/scenario.js';
import { planSensitivity, sensitivity } from '../app/sensitivity.js';
import { loadPosterior } from '../app/posterior.js';
import { LEAVE_ONE_OUT, runValidation, validationForReport } from '../app/validate.js';
import { runSweep, startSweep, storedSweep } from '../app/sweep.js';
import { openStore, type DB } from '../store/db.js';
import { getExperiment } from '../store/experiments.js';
import { readText } from '../io/documents.js';
import { SCENARIOS_DIR } from '../io/paths.js';
import { HttpError } from './errors.js';
import type { Offload } from './offload.js';
import type { Download } from './http.js';
import { parseBody, profileBase, SERVER_BUDGET } from './ops.js';
import { Jobs } from './jobs.js';

const NAME = /^[A-Za-z][\w-]*$/;
/** What the per-run export's messages start with (the CLI names the store file there). */
const PER_RUN_WHERE = 'per-run export';
/**
 * Time for a Parquet file of per-run rows, written in a task thread: a sweep's largest table (1,000,000 rows) is
 * written in well under this (docs/dashboard.md, "Per-run rows from the dashboard").
 */
export const PER_RUN_PARQUET_MS = 5 * 60_000;
const PER_RUN_TYPES: Record<contract.PerRunFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  parquet: 'application/vnd.apache.parquet',
};
const PACKAGE_ROOT_DIR = resolve(SCENARIOS_DIR, '..');

export { parseBody };

/** Scenario text from the dashboard, through the one pipeline. */
function scenarioFrom(text: string, profiles?: Record<string, string>): LoadedScenario {
  return loadScenarioText(text, 'dashboard', profileBase(profiles));
}

export class Api {
  private readonly jobs = new Jobs();
  /**
   * Per-run row counts of complete experiments, which never change (counting reads the rows' index: about 50-200 ms
   * per million rows), so the stored-runs list counts each once per session.
   */
  private readonly rowCounts = new Map<string, contract.RunRowsCount>();
  constructor(
    private readonly db: DB | null,
    private readonly runner: Runner,
    /** Where parsing, checking and single runs happen: task threads, off the event loop. */
    private readonly offload: Offload,
  ) {}

  scenarios(): contract.ScenariosResponse {
    const scenarios = readdirSync(SCENARIOS_DIR)
      .filter((f) => f.endsWith('.yaml'))
      .filter((f) => checkScenario(readText(resolve(SCENARIOS_DIR, f), `scenarios/${f}`), `scenarios/${f}`).ok)
      .map((f) => ({ name: f.replace(/\.yaml$/, ''), file: `scenarios/${f}` }));
    return { scenarios, profiles: listDefenseProfiles() };
  }

  scenarioText(name: string): contract.ScenarioTextResponse {
    if (!NAME.test(name)) throw new HttpError(400, `scenario: expected a name, got ${JSON.stringify(name)}`);
    try {
      return { name, yaml: readText(resolve(SCENARIOS_DIR, `${name}.yaml`), `scenarios/${name}.yaml`) };
    } catch {
      throw new HttpError(404, `no scenario named ${JSON.stringify(name)}`);
    }
  }

  profile(name: string): contract.DefenseProfile {
    return shippedDefenseProfile(name);
  }

  /** Engagement files the explorer can start from: its own defaults and the two 2024 cases (scenarios/history/). */
  explorerPresets(): contract.ExplorerPreset[] {
    return this.explorerPresetsFiles().map((p) => ({
      ...p,
      description: this.explorerFrom(readText(resolve(PACKAGE_ROOT_DIR, p.file), p.file), p.file).description ?? '',
    }));
  }

  /** The engagement explorer's starting salvo, threats (reliabilities and costs) and profile, from a preset (default scenarios/engagement/explorer.yaml). */
  explorer(preset = 'explorer'): contract.ExplorerDefaults {
    const found = this.explorerPresetsFiles().find((p) => p.name === preset);
    if (!found)
      throw new HttpError(
        404,
        `no explorer preset named ${JSON.stringify(preset)}: expected one of ${this.explorerPresetsFiles()
          .map((p) => p.name)
          .join(', ')}`,
      );
    return this.explorerFrom(readText(resolve(PACKAGE_ROOT_DIR, found.file), found.file), found.file);
  }

  /**
   * An engagement file uploaded to the explorer: its salvo, threats and profile (a shipped profile name) or layers.
   * Parsed and checked in a task thread (src/server/ops.ts), never on the event loop.
   */
  explorerUpload(body: unknown): Promise<contract.ExplorerDefaults> {
    return this.offload.run('explorer', body) as Promise<contract.ExplorerDefaults>;
  }

  private explorerPresetsFiles(): { name: string; file: string }[] {
    const history = readdirSync(resolve(SCENARIOS_DIR, 'history'))
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    return [
      { name: 'explorer', file: 'scenarios/engagement/explorer.yaml' },
      ...history.map((f) => ({ name: f.replace(/\.yaml$/, ''), file: `scenarios/history/${f}` })),
    ];
  }

  /** A shipped engagement file as the explorer starts from it (src/app/engagement.ts, explorerDefaults). */
  private explorerFrom(text: string, source: string): contract.ExplorerDefaults & { description?: string } {
    return explorerDefaults(text, source);
  }

  /** Campaign files shipped in scenarios/campaign/, with their text (any other campaign file can be posted to /api/campaign). */
  campaigns(): contract.CampaignFile[] {
    const dir = resolve(SCENARIOS_DIR, 'campaign');
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .sort()
      .map((f) => ({
        name: f.replace(/\.yaml$/, ''),
        file: `scenarios/campaign/${f}`,
        yaml: readText(resolve(dir, f), `scenarios/campaign/${f}`),
      }));
  }

  check(body: unknown): Promise<contract.CheckResponse> {
    return this.offload.run('check', body) as Promise<contract.CheckResponse>;
  }

  run(body: unknown): Promise<contract.RunResponse> {
    return this.offload.run('run', body) as Promise<contract.RunResponse>;
  }

  campaign(body: unknown): Promise<contract.CampaignReport> {
    return this.offload.run('campaign', body) as Promise<contract.CampaignReport>;
  }

  /** A job's scenario is checked in a task thread first: a hostile document never stalls the event loop. */
  private async precheck(body: unknown): Promise<void> {
    this.jobs.assertRoom();
    await this.offload.run('checkJobScenario', body);
  }

  async startCompare(body: unknown): Promise<contract.Job> {
    const req = parseBody(contract.compareRequest, body);
    await this.precheck(body);
    const loaded = scenarioFrom(req.yaml, req.profiles);
    const r = {
      frameworks: req.frameworks,
      set: req.set,
      vary: req.vary ?? null,
      runs: req.runs,
      seed: req.seed,
      days: req.days,
      source: 'dashboard',
      budget: SERVER_BUDGET,
      posterior: loadPosterior(req.posterior, '', { files: false }),
    };
    // Every arm is checked before the job starts, so input errors answer the POST.
    const { frameworks, arms } = planComparison(loaded, r, FIELD_NAMES);
    return this.jobs.start('compare', req.runs * arms.length, (onProgress, signal) =>
      runComparison(loaded, r, frameworks, arms, { runner: this.runner, db: this.db, onProgress, signal }).then(
        (x) => x.output,
      ),
    );
  }

  async startSensitivity(body: unknown): Promise<contract.Job> {
    const req = parseBody(contract.sensitivityRequest, body);
    await this.precheck(body);
    const loaded = scenarioFrom(req.yaml, req.profiles);
    // The profiles are part of the loaded scenario (and its hash); their texts are not parameters to store.
    const { profiles: _profiles, posterior, ...rest } = req;
    const r = {
      ...rest,
      source: 'dashboard',
      budget: SERVER_BUDGET,
      posterior: loadPosterior(posterior, '', { files: false }),
    };
    const { totalRuns } = planSensitivity(loaded, r, FIELD_NAMES);
    return this.jobs.start('sensitivity', totalRuns, (onProgress, signal) =>
      sensitivity(loaded, r, { runner: this.runner, db: this.db, onProgress, signal }, FIELD_NAMES),
    );
  }

  /** Leave-one-out scores of the shipped posterior against the case library, as `truce validate` gives them. */
  startValidation(body: unknown): contract.Job {
    const req = parseBody(contract.validationRequest, body);
    this.jobs.assertRoom();
    const r = { posterior: 'default', folds: LEAVE_ONE_OUT, runs: req.runs, seed: req.seed };
    return this.jobs.start('validation', 0, (onProgress, signal) =>
      runValidation(r, { runner: this.runner, onProgress, signal }).then(
        // Nothing is stored: a validation is recomputed from the shipped posterior and cases.
        (v): contract.ValidationReport & { experimentId?: number } => validationForReport(v),
      ),
    );
  }

  async startSweep(body: unknown): Promise<contract.Job> {
    if (!this.db)
      throw new HttpError(409, 'a sweep stores its points as it goes: the server was started with --no-store');
    const db = this.db;
    const req = parseBody(contract.sweepRequest, body);
    await this.precheck(body);
    const loaded = scenarioFrom(req.yaml, req.profiles);
    const set = Object.entries(req.set).map(([k, v]) => `${k}=${v}`);
    const id = startSweep(
      db,
      loaded,
      {
        design: req.design,
        ranges: req.ranges,
        points: req.points,
        runsPerPoint: req.runsPerPoint,
        seed: req.seed,
        framework: req.framework ?? null,
        set,
        days: req.days ?? null,
        posterior: req.posterior,
      },
      FIELD_NAMES,
      undefined,
      SERVER_BUDGET,
    );
    const sweep = storedSweep(db, id);
    return this.jobs.start('sweep', req.points * req.runsPerPoint, (onProgress, signal) =>
      runSweep(db, sweep, {
        runner: this.runner,
        onProgress,
        signal,
        budget: SERVER_BUDGET,
        posterior: loadPosterior(req.posterior, '', { files: false }),
      }),
    );
  }

  job(id: string): contract.Job {
    const j = this.jobs.get(id);
    if (!j) throw new HttpError(404, `no job ${JSON.stringify(id)}`);
    return j;
  }

  /** Stop a running job: its workers stop taking batches; a comparison or sensitivity analysis stores nothing. */
  cancelJob(id: string): contract.Job {
    return this.jobs.cancel(id);
  }

  /** Every stored experiment; comparisons and sweeps say how many per-run rows they keep (the dashboard offers them). */
  runsList(): contract.StoredExperiment[] {
    const db = this.db;
    if (!db) return [];
    return listRuns(db).map((e) => {
      if (e.kind !== 'compare' && e.kind !== 'sweep') return e;
      const key = `${e.id} ${e.createdAt}`;
      const runRows = this.rowCounts.get(key) ?? runRowsOf(db, e);
      if (e.status === 'complete') this.rowCounts.set(key, runRows);
      return { ...e, runRows };
    });
  }

  /**
   * A stored experiment's per-run rows, as `truce runs export ID --per-run --format F` gives them, by the same code
   * (src/app/run-rows.ts). CSV and JSON stream in blocks from a read-only connection of their own, so the server's
   * connection stays free for running jobs while a slow client reads; Parquet is written in a task thread to a
   * temporary file (the writer needs a file), then sent. Unknown id: 404; no per-run rows to give: 409.
   */
  async perRunExport(id: number, formatParam: string | null): Promise<Download> {
    const format = (formatParam ?? 'csv') as contract.PerRunFormat;
    if (!contract.PER_RUN_FORMATS.includes(format))
      throw new HttpError(
        400,
        `format: expected csv, json or parquet (as truce runs export --format), got ${JSON.stringify(String(formatParam).slice(0, 40))}`,
      );
    if (!this.db) throw new HttpError(404, 'no results store (started with --no-store)');
    const type = PER_RUN_TYPES[format];
    // The server's store is a file (truce serve --db): a second, read-only connection sees the committed rows.
    const reader = openStore(this.db.name, 'read');
    let name: string;
    try {
      // Checked before anything is sent: an unknown id or an experiment without rows is an answer, not a cut stream.
      const { contexts, rows } = perRunRows(reader, id, PER_RUN_WHERE);
      name = contract.perRunFileName(getExperiment(reader, id)!, format);
      if (format !== 'parquet')
        return { name, type, body: perRunText(format, contexts, rows), close: () => reader.close() };
    } catch (err) {
      reader.close();
      throw err;
    }
    reader.close();
    const dir = mkdtempSync(join(tmpdir(), 'truce-per-run-'));
    const out = join(dir, name);
    try {
      await this.offload.run(
        'perRunParquet',
        { store: this.db.name, id, where: PER_RUN_WHERE, out },
        PER_RUN_PARQUET_MS,
      );
      return {
        name,
        type,
        length: statSync(out).size,
        body: createReadStream(out),
        close: () => rmSync(dir, { recursive: true, force: true }),
      };
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      throw err;
    }
  }

  runsShow(id: number): contract.StoredExperiment {
    if (!this.db) throw new HttpError(404, 'no results store (started with --no-store)');
    const e = showRun(this.db, id, 'experiment');
    // A sweep with its table, as `truce runs show` prints it: the dashboard's sweep view opens it.
    return e.kind === 'sweep' ? { ...e, sweep: storedSweepOutput(this.db, e) } : e;
  }
}
