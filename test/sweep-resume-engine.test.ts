/**
 * A resumed sweep never mixes two engines' points (docs/analysis.md, "The results store"): the engine
 * fingerprint is stored with the sweep, and `--resume` refuses a sweep whose stored points another build
 * of the model computed (or an unknown one, stored before the fingerprint was kept), leaving the record
 * byte for byte as it was. A same-build resume still completes the sweep with the points a fresh run gives.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { resumeAdvice } from '../src/app/contract.js';
import { DEFAULT_SCENARIO, loadScenarioText } from '../src/app/scenario.js';
import { openResultsStore } from '../src/app/store.js';
import { startSweep, sweepResume } from '../src/app/sweep.js';
import { addSweepPoint, getExperiment, releaseExperiment } from '../src/store/experiments.js';
import { truce } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'truce-resume-engine-'));
const full = join(tmp, 'full.db');
const args = (db: string) => [
  'sweep',
  '--design',
  'lhs',
  '--ranges',
  'verification=0:1',
  '--points',
  '4',
  '--runs-per-point',
  '60',
  '--days',
  '90',
  '--seed',
  '11',
  '--workers',
  '1',
  '--json',
  '--db',
  db,
];

/** Everything stored about sweep 1: its record (without the writer's pid), its points and its per-run rows. */
function snapshot(path: string): string {
  const d = new Database(path, { readonly: true, fileMustExist: true });
  try {
    return JSON.stringify([
      d.prepare('SELECT * FROM experiments WHERE id = 1').all(),
      d.prepare('SELECT * FROM sweep_points WHERE experiment_id = 1 ORDER BY point').all(),
      d.prepare('SELECT * FROM run_points WHERE experiment_id = 1 ORDER BY point').all(),
      d.prepare('SELECT count(*) AS n FROM run_rows WHERE experiment_id = 1').all(),
    ]);
  } finally {
    d.close();
  }
}

/**
 * A copy of the finished sweep made to look interrupted after its first `keep` points, as stored by an
 * engine `engine` (a string, or null: a record from before the fingerprint was kept).
 */
function interruptedCopy(name: string, keep: number, engine: string | null | undefined): string {
  const path = join(tmp, name);
  copyFileSync(full, path);
  const d = new Database(path);
  d.prepare("UPDATE experiments SET status = 'running', finished_at = NULL, owner_pid = NULL, owner_host = NULL").run();
  d.prepare('DELETE FROM sweep_points WHERE point >= ?').run(keep);
  d.prepare('DELETE FROM run_rows WHERE point >= ?').run(keep);
  d.prepare('DELETE FROM run_points WHERE point >= ?').run(keep);
  if (engine !== undefined) d.prepare('UPDATE experiments SET engine = ?').run(engine);
  d.close();
  return path;
}

let fresh: { rows: unknown[] };
let engine: string;

beforeAll(() => {
  const r = truce(args(full));
  expect(r.code, r.stderr).toBe(0);
  fresh = JSON.parse(r.stdout) as { rows: unknown[] };
  const d = new Database(full, { readonly: true });
  engine = (d.prepare('SELECT engine FROM experiments WHERE id = 1').get() as { engine: string }).engine;
  d.close();
}, 300_000);

describe('sweep --resume and the engine that computed the stored points', () => {
  it('a sweep stores the engine fingerprint (version + code hash), and runs show prints it', () => {
    expect(engine).toMatch(/^\d+\.\d+\.\d+[^+]*\+[0-9a-f]{12}$/);
    const shown = truce(['runs', 'show', '1', '--db', full]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain(`engine: ${engine}`);
    const json = truce(['runs', 'show', '1', '--json', '--db', full]);
    expect(JSON.parse(json.stdout).engine).toBe(engine);
  });

  for (const [name, stored, named] of [
    ['another build', '0.0.9+0123456789ab', '0.0.9+0123456789ab'],
    ['an unknown engine (stored before it was recorded)', null, 'unknown'],
  ] as const) {
    it(`refuses to resume points computed by ${name}: exit 2, the record unchanged`, () => {
      const path = interruptedCopy(`other-${stored ?? 'null'}.db`, 2, stored);
      const before = snapshot(path);
      const r = truce(['sweep', '--resume', '1', '--workers', '1', '--db', path]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('sweep 1 cannot be resumed');
      expect(r.stderr).toContain('computed by a different build of the model');
      expect(r.stderr).toContain(named);
      expect(r.stderr).toContain('start a new sweep');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(snapshot(path)).toBe(before);
      // runs show agrees: it does not suggest --resume, it says why not and gives the command the refusal gives.
      const json = JSON.parse(truce(['runs', 'show', '1', '--json', '--db', path]).stdout) as {
        resume: {
          resumable: boolean;
          reason: string;
          rerun: string;
          storedEngine: string | null;
          storedPoints: number;
        };
      };
      expect(json.resume).toMatchObject({ resumable: false, reason: 'engine', storedEngine: stored, storedPoints: 2 });
      expect(r.stderr).toContain(`start a new sweep with the same settings: ${json.resume.rerun}`);
      const shown = truce(['runs', 'show', '1', '--db', path]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(shown.stdout).not.toContain('--resume');
      expect(shown.stdout).toContain(
        `sweep 1 interrupted, not complete: 2 points stored in ${path}; this build cannot resume it: its 2 stored points were computed by a different build of the model (engine ${named}`,
      );
      expect(shown.stdout).toContain(`run it again from scratch with the same design: ${json.resume.rerun}\n`);
      expect(snapshot(path)).toBe(before);
    });
  }

  it("the command runs show gives reruns the same design: the stored arguments, and the fresh sweep's rows", () => {
    const path = interruptedCopy('rerun.db', 2, '0.0.9+0123456789ab');
    const { rerun } = (
      JSON.parse(truce(['runs', 'show', '1', '--json', '--db', path]).stdout) as {
        resume: { rerun: string };
      }
    ).resume;
    expect(rerun).toBe(
      `truce sweep scenarios/iran-israel.yaml --design lhs --ranges verification=0:1 --points 4 --runs-per-point 60 --seed 11 --days 90 --db ${path}`,
    );
    const words = rerun.split(' ');
    expect(words.slice(0, 2)).toEqual(['truce', 'sweep']);
    const r = truce([...words.slice(1), '--workers', '1', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const again = JSON.parse(r.stdout) as { experimentId: number; rows: { experiment: number }[] };
    // A new sweep (experiment 2) beside the old one, with the rows a fresh run of the first gave.
    expect(again.experimentId).toBe(2);
    expect(again.rows.map((x) => ({ ...x, experiment: 1 }))).toEqual(fresh.rows);
  });

  it('a complete sweep or one this build resumes: runs show and the refusal agree', () => {
    const complete = JSON.parse(truce(['runs', 'show', '1', '--json', '--db', full]).stdout) as {
      resume: { resumable: boolean; reason: string };
    };
    expect(complete.resume).toMatchObject({ resumable: false, reason: 'complete', storedPoints: 4 });
    expect(truce(['sweep', '--resume', '1', '--db', full]).stderr).toContain('that sweep is already complete');
    const path = interruptedCopy('same-shown.db', 2, undefined);
    const json = JSON.parse(truce(['runs', 'show', '1', '--json', '--db', path]).stdout) as {
      resume: { resumable: boolean; reason: string | null };
    };
    expect(json.resume).toMatchObject({ resumable: true, reason: null, storedEngine: engine, engine, storedPoints: 2 });
    expect(truce(['runs', 'show', '1', '--db', path]).stdout).toContain(
      `sweep 1 interrupted, not complete: 2 points stored in ${path} (truce sweep --resume 1 runs the rest)\n`,
    );
  });

  it('a store of schema version 4 (before the fingerprint) still loads: its records read engine unknown', () => {
    const path = interruptedCopy('v4.db', 2, undefined);
    const d = new Database(path);
    d.exec('ALTER TABLE experiments DROP COLUMN engine; DELETE FROM truce_schema WHERE version = 5');
    d.pragma('user_version = 4');
    d.close();
    const shown = truce(['runs', 'show', '1', '--db', path]);
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('engine: unknown (stored before truce recorded it)');
    expect(shown.stdout).toContain('verification');
    const r = truce(['sweep', '--resume', '1', '--workers', '1', '--db', path]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('sweep 1 cannot be resumed: its 2 stored points were computed by a different build');
  });

  it('a same-build resume runs the missing points and gives the table a fresh sweep gives', () => {
    const path = interruptedCopy('same.db', 2, undefined);
    const r = truce(['sweep', '--resume', '1', '--workers', '1', '--json', '--db', path]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { rows: unknown[] }).rows).toEqual(fresh.rows);
  });

  it('a sweep of another build with no point stored yet resumes, and records this build', () => {
    const path = interruptedCopy('empty.db', 0, '0.0.9+0123456789ab');
    const r = truce(['sweep', '--resume', '1', '--workers', '1', '--json', '--db', path]);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { rows: unknown[] }).rows).toEqual(fresh.rows);
    const d = new Database(path, { readonly: true });
    expect((d.prepare('SELECT engine FROM experiments WHERE id = 1').get() as { engine: string }).engine).toBe(engine);
    d.close();
  });

  it('a sweep the dashboard started: the command names SCENARIO.yaml and says so; a store path with a space is quoted', () => {
    const dir = join(tmp, 'a store');
    mkdirSync(dir);
    const path = join(dir, "it's.db");
    const db = openResultsStore(path)!;
    try {
      const loaded = loadScenarioText(readFileSync(DEFAULT_SCENARIO, 'utf8'), 'dashboard', { kind: 'shipped' });
      const params = {
        design: 'grid' as const,
        ranges: { verification: [0, 1] as [number, number], sanctions: [0.25, 0.75] as [number, number] },
        points: 4,
        runsPerPoint: 8,
        seed: 3,
        framework: 'structural-architecture',
        set: ['faceSaving=0.5'],
        days: null,
        posterior: 'default',
      };
      const id = startSweep(db, loaded, params);
      releaseExperiment(db, id);
      // No point yet: any build resumes it (and records itself).
      expect(sweepResume(db, getExperiment(db, id)!, 'another+build').resumable).toBe(true);
      addSweepPoint(db, id, 0, { verification: 0, sanctions: 0.25 }, {});
      const r = sweepResume(db, getExperiment(db, id)!, 'another+build');
      expect(r).toMatchObject({ resumable: false, reason: 'engine', storedPoints: 1, scenarioFile: null });
      expect(r.rerun).toBe(
        `truce sweep SCENARIO.yaml --design grid --ranges verification=0:1,sanctions=0.25:0.75 --points 4 --runs-per-point 8 --seed 3 --framework structural-architecture --set faceSaving=0.5 --posterior default --db '${dir}/it'\\''s.db'`,
      );
      const advice = resumeAdvice(id, 'interrupted', r);
      expect(advice).not.toContain('--resume');
      expect(advice).toContain('SCENARIO.yaml: the scenario the dashboard sent, saved as a file');
      // Under the build that stored it, the same record resumes.
      expect(sweepResume(db, getExperiment(db, id)!, getExperiment(db, id)!.engine!).resumable).toBe(true);
    } finally {
      db.close();
    }
  });
});
