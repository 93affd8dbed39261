/** `truce discover` through the CLI over a stored sweep. */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { truce } from './helpers/cli.js';

describe('truce discover', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-discover-'));
  const db = join(dir, 't.db');
  const sweep = truce([
    'sweep',
    '--design',
    'grid',
    '--ranges',
    'verification=0:1,specificity=0:1',
    '--points',
    '16',
    '--runs-per-point',
    '60',
    '--days',
    '300',
    '--seed',
    '3',
    '--json',
    '--db',
    db,
    '--workers',
    '1',
  ]);

  it("finds boxes of lever space over the sweep, consistent with the sweep's own table", () => {
    expect(sweep.code).toBe(0);
    const rows = JSON.parse(sweep.stdout).rows as {
      lever_verification: number;
      lever_specificity: number;
      p_collapse: number;
    }[];
    const r = truce([
      'discover',
      '1',
      '--db',
      db,
      '--threshold',
      '0.3',
      '--min-density',
      '0.8',
      '--json',
      '--csv',
      join(dir, 'traj.csv'),
      '--chart',
      join(dir, 'traj.svg'),
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.day).toBe(300);
    // Points of interest at the horizon are the sweep's points with P(collapse) < 0.3.
    expect(j.pointsOfInterest).toBe(rows.filter((p) => p.p_collapse < 0.3).length);
    expect(j.trajectory[0].coverage).toBe(j.pointsOfInterest > 0 ? 1 : 0);
    if (j.chosen) {
      expect(j.chosen.density).toBeGreaterThanOrEqual(0.8);
      const inside = rows.filter(
        (p) =>
          p.lever_verification >= j.chosen.limits.verification[0] &&
          p.lever_verification <= j.chosen.limits.verification[1] &&
          p.lever_specificity >= j.chosen.limits.specificity[0] &&
          p.lever_specificity <= j.chosen.limits.specificity[1],
      );
      expect(inside.length).toBe(j.chosen.cases);
    }
    const csv = readFileSync(join(dir, 'traj.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^experiment,step,coverage,density,mass,points,points_of_interest,p_collapse/);
    expect(csv.length).toBe(j.trajectory.length + 1);
    const svg = readFileSync(join(dir, 'traj.svg'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns/);
    expect(svg).toContain('PRIM peeling trajectory');
    expect(svg).toMatch(/truce \S+ discover 1: scenario iran-israel, seed 3, 16 points x 60 runs/);
  });

  it('an earlier day is answered from the stored collapse days', () => {
    const r = truce(['discover', '1', '--db', db, '--day', '90', '--threshold', '0.05', '--json']);
    expect(r.code).toBe(0);
    const late = JSON.parse(
      truce(['discover', '1', '--db', db, '--day', '300', '--threshold', '0.05', '--json']).stdout,
    );
    // Collapses by day 90 are no more than by day 300: at least as many points are of interest.
    expect(JSON.parse(r.stdout).pointsOfInterest).toBeGreaterThanOrEqual(late.pointsOfInterest);
    expect(JSON.parse(r.stdout).trajectory[0].pCollapse.estimate).toBeLessThanOrEqual(
      late.trajectory[0].pCollapse.estimate,
    );
  });

  it('bad input: not a sweep, a day past the horizon, a threshold out of range', () => {
    const notSweep = truce(['discover', '9', '--db', db]);
    expect(notSweep.code).toBe(2);
    expect(notSweep.stderr).toMatch(/expected the id of a sweep/);
    const day = truce(['discover', '1', '--db', db, '--day', '400']);
    expect(day.code).toBe(2);
    expect(day.stderr).toMatch(/day: expected a whole day in \[1, 300\]/);
    const thr = truce(['discover', '1', '--db', db, '--threshold', '1.5']);
    expect(thr.code).toBe(2);
    expect(thr.stderr).toMatch(/expected a probability in \(0, 1\]/);
  });
});
