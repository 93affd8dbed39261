/**
 * A sweep's per-run rows (docs/analysis.md, "Per-run rows"): stored with each
 * design point, exported from the store (CSV, JSON, Parquet) and written by
 * `truce sweep --runs-csv`. Read back, they must be one row per run, carry the
 * point's lever values, and add up to the point's stored aggregate.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../src/core/calibration/csv.js';
import { truce } from './helpers/cli.js';

function table(text: string): Record<string, string>[] {
  const t = parseCsv(text);
  return t.rows.map((r) => Object.fromEntries(t.header.map((h, i) => [h, r[i]])));
}

describe('truce sweep: per-run rows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-sweep-runs-'));
  const db = join(dir, 'runs.db');
  const runsCsv = join(dir, 'runs.csv');
  // Each point's rows wait in a spool under the temporary folder until the point is stored: none may stay.
  const spools = mkdtempSync(join(tmpdir(), 'truce-sweep-spools-'));
  // Under the shipped posterior (a sweep's default is none): each point's runs are posterior draws, so rows also carry draw and parameters.
  const swept = truce(
    [
      'sweep',
      '--design',
      'lhs',
      '--ranges',
      'verification=0:1,sanctions=0:1',
      '--points',
      '3',
      '--runs-per-point',
      '40',
      '--days',
      '150',
      '--seed',
      '4',
      '--posterior',
      'default',
      '--db',
      db,
      '--runs-csv',
      runsCsv,
    ],
    { env: { TMPDIR: spools } },
  );
  const points = table(truce(['runs', 'export', '1', '--db', db]).stdout);

  it('writes one row per run, each with its point, the point’s lever values and a survival time', () => {
    expect(swept.stderr).not.toMatch(/internal error/);
    expect(swept.code).toBe(0);
    expect(readdirSync(spools)).toEqual([]);
    const rows = table(readFileSync(runsCsv, 'utf8'));
    const runs = points.reduce((t, p) => t + Number(p.runs), 0);
    expect(points).toHaveLength(3);
    expect(rows).toHaveLength(runs);
    // One row per (point, run): no run twice, none missing.
    expect(new Set(rows.map((r) => `${r.point}/${r.run}`)).size).toBe(runs);
    for (const p of points) {
      const own = rows.filter((r) => r.point === p.point);
      expect(own).toHaveLength(Number(p.runs));
      for (const r of own) {
        expect(Number(r.lever_verification)).toBe(Number(p.lever_verification));
        expect(Number(r.lever_sanctions)).toBe(Number(p.lever_sanctions));
        expect(r.arm).toBe(`point ${p.point}`);
        expect(Number(r.time)).toBeLessThanOrEqual(150);
        expect(r.collapsed === '1' ? Number(r.day) : r.day).toBe(r.collapsed === '1' ? Number(r.time) : 'NA');
      }
      // The collapses of a point's rows are the point's stored count, and its P(collapse).
      const collapsed = own.filter((r) => r.collapsed === '1').length;
      expect(collapsed).toBe(Number(p.collapsed));
      expect(collapsed / own.length).toBeCloseTo(Number(p.p_collapse), 12);
      // The restricted mean survival is the mean of the rows' survival times: a collapse on day d counts d days.
      const meanTime = own.reduce((t, r) => t + Number(r.time), 0) / own.length;
      expect(Number(p.mean_survival_days)).toBeCloseTo(meanTime, 9);
    }
    // Under a posterior each run says which draw it ran under, and the values drawn.
    expect(rows.every((r) => r.draw !== 'NA')).toBe(true);
    expect(Object.keys(rows[0]).some((c) => c.startsWith('param_'))).toBe(true);
  });

  it('runs show says how many per-run rows the sweep keeps, and how to export them', () => {
    const runs = points.reduce((t, p) => t + Number(p.runs), 0);
    const shown = truce(['runs', 'show', '1', '--db', db]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain(`per-run rows: ${runs} (truce runs export 1 --per-run)`);
    const json = JSON.parse(truce(['runs', 'show', '1', '--json', '--db', db]).stdout) as {
      runRows: { stored: number; runs: number };
    };
    expect(json.runRows).toEqual({ stored: runs, runs });
  });

  it('the store gives the same rows back as CSV, JSON and Parquet', async () => {
    const csv = truce(['runs', 'export', '1', '--per-run', '--db', db]);
    expect(csv.code).toBe(0);
    expect(csv.stdout).toBe(readFileSync(runsCsv, 'utf8'));
    const json = JSON.parse(truce(['runs', 'export', '1', '--per-run', '--format', 'json', '--db', db]).stdout) as {
      point: number;
      run: number;
      collapsed: number;
    }[];
    const fromCsv = table(csv.stdout);
    expect(json.map((r) => `${r.point}/${r.run}/${r.collapsed}`)).toEqual(
      fromCsv.map((r) => `${r.point}/${r.run}/${r.collapsed}`),
    );
    const pq = join(dir, 'runs.parquet');
    expect(truce(['runs', 'export', '1', '--per-run', '--format', 'parquet', '--out', pq, '--db', db]).code).toBe(0);
    const file = await asyncBufferFromFile(pq);
    const rows = await parquetReadObjects({ file, metadata: await parquetMetadataAsync(file) });
    expect(rows).toHaveLength(fromCsv.length);
    expect(rows.map((r) => `${String(r.point)}/${String(r.run)}/${String(r.collapsed)}`)).toEqual(
      fromCsv.map((r) => `${r.point}/${r.run}/${r.collapsed}`),
    );
  });

  it('per-run rows go through the atomic writer: a device is written to, not replaced, and a failure says why', () => {
    // /dev/full is a device that refuses every write: renaming a temporary file over it would have replaced it.
    const r = truce(['runs', 'export', '1', '--per-run', '--out', '/dev/full', '--db', db]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('truce: /dev/full: cannot write: no space left on the device\n');
    expect(existsSync('/dev/full') && !statSync('/dev/full').isFile()).toBe(true);
  });

  it('per-run files are refused before anything runs or is stored when the sweep cannot have its rows', () => {
    const fresh = join(dir, 'refused.db');
    const big = truce([
      'sweep',
      '--design',
      'grid',
      '--ranges',
      'verification=0:1',
      '--points',
      '2000',
      '--runs-per-point',
      '1000',
      '--days',
      '5',
      '--db',
      fresh,
      '--runs-csv',
      join(dir, 'big.csv'),
    ]);
    expect(big.code).toBe(2);
    expect(big.stderr).toMatch(
      /big\.csv: this sweep has 2,000,000 runs, above the 1,000,000 whose rows a sweep stores/,
    );
    const queued = truce([
      'sweep',
      '--design',
      'lhs',
      '--ranges',
      'verification=0:1',
      '--points',
      '2',
      '--runs-per-point',
      '5',
      '--db',
      fresh,
      '--queue',
      'redis://127.0.0.1:1',
      '--runs-parquet',
      join(dir, 'q.parquet'),
    ]);
    expect(queued.code).toBe(2);
    expect(queued.stderr).toMatch(/q\.parquet: per-run rows are not handed back through the Redis queue/);
    // Nothing stored: the store holds no experiment.
    const list = truce(['runs', 'list', '--json', '--db', fresh]);
    expect(list.code === 0 ? (JSON.parse(list.stdout) as unknown[]).length : 0).toBe(0);
    expect(existsSync(join(dir, 'big.csv'))).toBe(false);
  });
});
