/** Saving and reading experiments. Each save is one transaction: all or nothing. */
import { hostname } from 'node:os';
import { InputError as UserError } from '../io/errors.js';
import { runningEngine } from '../io/engine.js';
import type { DB } from './db.js';

/** 'interrupted': stored as running, but no process writes it any more (see statusOf). */
export type ExperimentStatus = 'running' | 'interrupted' | 'complete';

export interface ExperimentRecord {
  id: number;
  kind: string;
  status: ExperimentStatus;
  createdAt: string;
  finishedAt: string | null;
  truceVersion: string;
  /**
   * The engine that computed it (version + code hash, src/io/engine.ts); null for a record stored before
   * truce kept it (its engine is unknown).
   */
  engine: string | null;
  scenarioName: string | null;
  scenarioHash: string | null;
  seed: number | null;
  runs: number | null;
  params: Record<string, unknown>;
  timings: Record<string, unknown> | null;
  summary: unknown;
}

export interface NewExperiment {
  kind: string;
  truceVersion: string;
  /** The engine that computes it: this process's (runningEngine()) unless given. */
  engine?: string;
  scenarioName?: string;
  scenarioHash?: string;
  scenario?: unknown;
  seed?: number;
  runs?: number;
  params: Record<string, unknown>;
  timings?: Record<string, unknown>;
  summary?: unknown;
  arms?: { label: string; framework: string | null; levers: Record<string, number>; summary: unknown }[];
  /** Per-run rows, read lazily (from a spool on disk) inside the save's transaction. */
  runRows?: Iterable<{ point: number; replicate: number; json: string }>;
  /** What each point of `runRows` is: its arm (index into `arms`), posterior draw and the values drawn. */
  runPoints?: readonly RunPoint[];
  createdAt: string;
}

function insertExperiment(db: DB, e: NewExperiment, status: 'running' | 'complete'): number {
  const r = db
    .prepare(
      `INSERT INTO experiments (kind, status, created_at, finished_at, truce_version, engine, scenario_name, scenario_hash, scenario_json, seed, runs, params_json, timings_json, summary_json)
       VALUES (@kind, @status, @created, @finished, @version, @engine, @sname, @shash, @sjson, @seed, @runs, @params, @timings, @summary)`,
    )
    .run({
      kind: e.kind,
      status,
      created: e.createdAt,
      finished: status === 'complete' ? e.createdAt : null,
      version: e.truceVersion,
      engine: e.engine ?? runningEngine(),
      sname: e.scenarioName ?? null,
      shash: e.scenarioHash ?? null,
      sjson: e.scenario === undefined ? null : JSON.stringify(e.scenario),
      seed: e.seed ?? null,
      runs: e.runs ?? null,
      params: JSON.stringify(e.params),
      timings: e.timings ? JSON.stringify(e.timings) : null,
      summary: e.summary === undefined ? null : JSON.stringify(e.summary),
    });
  return Number(r.lastInsertRowid);
}

/** A finished experiment with its arms, in one transaction. */
export function saveExperiment(db: DB, e: NewExperiment): number {
  return db.transaction(() => {
    const id = insertExperiment(db, e, 'complete');
    const arm = db.prepare(
      'INSERT INTO arms (experiment_id, idx, label, framework, levers_json, summary_json) VALUES (?, ?, ?, ?, ?, ?)',
    );
    (e.arms ?? []).forEach((a, i) =>
      arm.run(id, i, a.label, a.framework, JSON.stringify(a.levers), JSON.stringify(a.summary)),
    );
    if (e.runPoints) {
      const point = db.prepare(
        'INSERT INTO run_points (experiment_id, point, arm, draw, parameters_json) VALUES (?, ?, ?, ?, ?)',
      );
      e.runPoints.forEach((p, i) => point.run(id, i, p.arm, p.draw, JSON.stringify(p.parameters)));
    }
    if (e.runRows) addRunRows(db, id, e.runRows);
    return id;
  })();
}

/** Per-run rows of an experiment (in the caller's transaction). */
export function addRunRows(
  db: DB,
  id: number,
  rows: Iterable<{ point: number; replicate: number; json: string }>,
): void {
  const insert = db.prepare('INSERT INTO run_rows (experiment_id, point, replicate, row_json) VALUES (?, ?, ?, ?)');
  for (const r of rows) insert.run(id, r.point, r.replicate, r.json);
}

/** Per-run rows in (point, replicate) order, one at a time (never the whole table in memory). */
export function* iterateRunRows(db: DB, id: number): Generator<{ point: number; replicate: number; row: unknown }> {
  for (const r of db
    .prepare('SELECT point, replicate, row_json FROM run_rows WHERE experiment_id = ? ORDER BY point, replicate')
    .iterate(id) as Iterable<{ point: number; replicate: number; row_json: string }>) {
    yield { point: r.point, replicate: r.replicate, row: JSON.parse(r.row_json) };
  }
}

export interface RunPoint {
  arm: number;
  draw: number | null;
  parameters: Record<string, number>;
}

/** The points of an experiment's per-run rows, in point order. */
export function getRunPoints(db: DB, id: number): RunPoint[] {
  return (
    db.prepare('SELECT arm, draw, parameters_json FROM run_points WHERE experiment_id = ? ORDER BY point').all(id) as {
      arm: number;
      draw: number | null;
      parameters_json: string;
    }[]
  ).map((r) => ({ arm: r.arm, draw: r.draw, parameters: JSON.parse(r.parameters_json) as Record<string, number> }));
}

/** The points of an experiment's per-run rows with their numbers (a sweep's need not start at 0 or be contiguous). */
export function getNumberedRunPoints(db: DB, id: number): (RunPoint & { point: number })[] {
  return (
    db
      .prepare('SELECT point, arm, draw, parameters_json FROM run_points WHERE experiment_id = ? ORDER BY point')
      .all(id) as { point: number; arm: number; draw: number | null; parameters_json: string }[]
  ).map((r) => ({
    point: r.point,
    arm: r.arm,
    draw: r.draw,
    parameters: JSON.parse(r.parameters_json) as Record<string, number>,
  }));
}

export function countRunRows(db: DB, id: number): number {
  return (db.prepare('SELECT count(*) AS n FROM run_rows WHERE experiment_id = ?').get(id) as { n: number }).n;
}

/** A sweep starts as 'running'; points are added one transaction each; finishing marks it complete. */
export function startExperiment(db: DB, e: NewExperiment): number {
  return db.transaction(() => {
    const id = insertExperiment(db, e, 'running');
    db.prepare('UPDATE experiments SET owner_pid = ?, owner_host = ? WHERE id = ?').run(process.pid, hostname(), id);
    return id;
  })();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Take over a running experiment (sweep --resume). If another live process on
 * this machine still writes it, refuse: the experiment is busy. The check and
 * the claim are one IMMEDIATE transaction, so two resumers cannot both win.
 */
export function claimExperiment(db: DB, id: number, storeName: string): void {
  db.transaction(() => {
    const r = db.prepare('SELECT owner_pid, owner_host, status FROM experiments WHERE id = ?').get(id) as
      { owner_pid: number | null; owner_host: string | null; status: string } | undefined;
    if (!r) return;
    if (
      r.status === 'running' &&
      r.owner_pid !== null &&
      r.owner_pid !== process.pid &&
      r.owner_host === hostname() &&
      alive(r.owner_pid)
    ) {
      throw new UserError(
        `${storeName}: experiment ${id} is busy: process ${r.owner_pid} is still writing it; wait for it to finish (or stop it) and then resume`,
      );
    }
    db.prepare('UPDATE experiments SET owner_pid = ?, owner_host = ? WHERE id = ?').run(process.pid, hostname(), id);
  }).immediate();
}

/** How many points a sweep has stored. */
export function countSweepPoints(db: DB, id: number): number {
  return (db.prepare('SELECT count(*) AS n FROM sweep_points WHERE experiment_id = ?').get(id) as { n: number }).n;
}

/** Record the engine of an experiment that has no results yet (a sweep resumed before its first point). */
export function stampEngine(db: DB, id: number, engine: string): void {
  db.prepare('UPDATE experiments SET engine = ? WHERE id = ?').run(engine, id);
}

/** This process stops writing an experiment (interrupted or failed): it shows as 'interrupted' and can be resumed. */
export function releaseExperiment(db: DB, id: number): void {
  db.prepare('UPDATE experiments SET owner_pid = NULL, owner_host = NULL WHERE id = ? AND owner_pid = ?').run(
    id,
    process.pid,
  );
}

/** A point computed twice (a resumed sweep racing an old writer) is the same point: keep the first. */
export function addSweepPoint(
  db: DB,
  id: number,
  point: number,
  levers: Record<string, number>,
  outcomes: unknown,
  runs?: {
    points: readonly (RunPoint & { point: number })[];
    rows: Iterable<{ point: number; replicate: number; json: string }>;
  },
): void {
  // The point and its per-run rows in one transaction: both or neither.
  db.transaction(() => {
    const added = db
      .prepare(
        'INSERT OR IGNORE INTO sweep_points (experiment_id, point, levers_json, outcomes_json) VALUES (?, ?, ?, ?)',
      )
      .run(id, point, JSON.stringify(levers), JSON.stringify(outcomes));
    // A point stored already (a second writer was refused, but be safe) keeps the rows it has.
    if (added.changes === 0 || !runs) return;
    const insert = db.prepare(
      'INSERT INTO run_points (experiment_id, point, arm, draw, parameters_json) VALUES (?, ?, ?, ?, ?)',
    );
    for (const p of runs.points) insert.run(id, p.point, p.arm, p.draw, JSON.stringify(p.parameters));
    addRunRows(db, id, runs.rows);
  })();
}

export function finishExperiment(
  db: DB,
  id: number,
  finishedAt: string,
  summary: unknown,
  timings: Record<string, unknown>,
): void {
  db.transaction(() => {
    db.prepare(
      "UPDATE experiments SET status = 'complete', finished_at = ?, summary_json = ?, timings_json = ?, owner_pid = NULL, owner_host = NULL WHERE id = ?",
    ).run(finishedAt, JSON.stringify(summary), JSON.stringify(timings), id);
  })();
}

interface Row {
  id: number;
  kind: string;
  status: 'running' | 'complete';
  owner_pid: number | null;
  owner_host: string | null;
  created_at: string;
  finished_at: string | null;
  truce_version: string;
  engine: string | null;
  scenario_name: string | null;
  scenario_hash: string | null;
  seed: number | null;
  runs: number | null;
  params_json: string;
  timings_json: string | null;
  summary_json: string | null;
}

/**
 * 'running' as stored, unless no process on this machine writes it any more
 * (stopped by Ctrl-C, killed, crashed): then 'interrupted', and `--resume`
 * continues it. A writer on another machine cannot be checked: still 'running'.
 */
function statusOf(r: Row): ExperimentStatus {
  if (r.status !== 'running') return r.status;
  if (r.owner_pid === null) return 'interrupted';
  return r.owner_host === hostname() && !alive(r.owner_pid) ? 'interrupted' : 'running';
}

function fromRow(r: Row): ExperimentRecord {
  return {
    id: r.id,
    kind: r.kind,
    status: statusOf(r),
    createdAt: r.created_at,
    finishedAt: r.finished_at,
    truceVersion: r.truce_version,
    engine: r.engine ?? null,
    scenarioName: r.scenario_name,
    scenarioHash: r.scenario_hash,
    seed: r.seed,
    runs: r.runs,
    params: JSON.parse(r.params_json),
    timings: r.timings_json ? JSON.parse(r.timings_json) : null,
    summary: r.summary_json ? JSON.parse(r.summary_json) : null,
  };
}

export function listExperiments(db: DB): ExperimentRecord[] {
  return (
    db
      .prepare(
        'SELECT id, kind, status, owner_pid, owner_host, created_at, finished_at, truce_version, engine, scenario_name, scenario_hash, seed, runs, params_json, timings_json, NULL AS summary_json FROM experiments ORDER BY id',
      )
      .all() as Row[]
  ).map(fromRow);
}

export function getExperiment(db: DB, id: number): ExperimentRecord | null {
  const r = db.prepare('SELECT * FROM experiments WHERE id = ?').get(id) as Row | undefined;
  return r ? fromRow(r) : null;
}

export function getScenarioJson(db: DB, id: number): unknown {
  const r = db.prepare('SELECT scenario_json FROM experiments WHERE id = ?').get(id) as
    { scenario_json: string | null } | undefined;
  return r?.scenario_json ? JSON.parse(r.scenario_json) : null;
}

/** The file name a stored experiment's scenario was read from ("dashboard" when the dashboard sent it), or null. */
export function getScenarioFile(db: DB, id: number): string | null {
  const r = db.prepare("SELECT json_extract(scenario_json, '$.file') AS file FROM experiments WHERE id = ?").get(id) as
    { file: unknown } | undefined;
  return typeof r?.file === 'string' ? r.file : null;
}

export function getArms(
  db: DB,
  id: number,
): { idx: number; label: string; framework: string | null; levers: Record<string, number>; summary: unknown }[] {
  return (
    db
      .prepare('SELECT idx, label, framework, levers_json, summary_json FROM arms WHERE experiment_id = ? ORDER BY idx')
      .all(id) as { idx: number; label: string; framework: string | null; levers_json: string; summary_json: string }[]
  ).map((r) => ({
    idx: r.idx,
    label: r.label,
    framework: r.framework,
    levers: JSON.parse(r.levers_json),
    summary: JSON.parse(r.summary_json),
  }));
}

export function getSweepPoints(
  db: DB,
  id: number,
): { point: number; levers: Record<string, number>; outcomes: Record<string, unknown> }[] {
  return (
    db
      .prepare('SELECT point, levers_json, outcomes_json FROM sweep_points WHERE experiment_id = ? ORDER BY point')
      .all(id) as { point: number; levers_json: string; outcomes_json: string }[]
  ).map((r) => ({
    point: r.point,
    levers: JSON.parse(r.levers_json),
    outcomes: JSON.parse(r.outcomes_json),
  }));
}
