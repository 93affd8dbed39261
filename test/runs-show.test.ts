/**
 * `truce runs show ID` prints a stored result as the command that made it printed it (the same tables), for
 * comparisons, sensitivity analyses and sweeps alike; `--json` is the stored record, unchanged.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openResultsStore } from '../src/app/store.js';
import { loadScenario } from '../src/app/scenario.js';
import { startSweep } from '../src/app/sweep.js';
import { releaseExperiment } from '../src/store/experiments.js';
import { truce } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-runs-show-'));

/** The command's stdout without the line that says where it was stored. */
const result = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => !/^stored as experiment/.test(l))
    .join('\n')
    .trimEnd();

/** `runs show` text: the head (experiment, parameters, timings, per-run rows), a blank line, then the result. */
function shown(db: string, id: number) {
  const r = truce(['runs', 'show', String(id), '--db', db]);
  expect(r.code, r.stderr).toBe(0);
  const at = r.stdout.indexOf('\n\n');
  return { head: r.stdout.slice(0, at), body: r.stdout.slice(at + 2).trimEnd() };
}

describe('runs show: the stored result as its command printed it', () => {
  const db = join(dir, 'store.db');
  const small = ['--days', '60', '--seed', '3', '--workers', '1', '--db', db];

  it('a sensitivity analysis: the indices table, not JSON', () => {
    const ran = truce([
      'sensitivity',
      '--method',
      'morris',
      '--samples',
      '3',
      '--runs-per-point',
      '10',
      '--levers',
      'verification,sanctions',
      ...small,
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    const id = Number(/stored as experiment (\d+)/.exec(ran.stdout)![1]);
    const { head, body } = shown(db, id);
    expect(head).toMatch(new RegExp(`^experiment ${id}: sensitivity \\(complete\\)`));
    expect(body).toBe(result(ran.stdout));
    // What was analysed comes first (scenario, base framework, global parameters), then the table.
    expect(body).toMatch(
      /^Scenario iran-israel, base framework transactional-freeze .*\nGlobal parameters: none.*\nMorris elementary effects of .*, 10 runs per point \(seed 3\):\nfactor +range +mu\* x range/,
    );
    expect(body).not.toMatch(/^\{/m);
    const json = JSON.parse(truce(['runs', 'show', String(id), '--json', '--db', db]).stdout) as {
      kind: string;
      summary: { method: string; indices: Record<string, unknown> };
    };
    expect(json.kind).toBe('sensitivity');
    expect(Object.keys(json.summary.indices)).toEqual(['verification', 'sanctions']);
  });

  it('a sweep: the points table, complete', () => {
    const ran = truce([
      'sweep',
      '--design',
      'grid',
      '--ranges',
      'verification=0:1,sanctions=0:1',
      '--points',
      '4',
      '--runs-per-point',
      '10',
      ...small,
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    const id = Number(/sweep (\d+) complete/.exec(ran.stdout)![1]);
    const { head, body } = shown(db, id);
    expect(head).toMatch(new RegExp(`^experiment ${id}: sweep \\(complete\\)`));
    expect(body).toBe(result(ran.stdout));
    expect(body.split('\n')[0]).toMatch(/^Scenario iran-israel, base framework transactional-freeze/);
    expect(body.split('\n')[2]).toMatch(/^point +verification +sanctions +P\(collapse\)/);
  });

  it('a sweep that was interrupted: the points it has, and how to finish it', () => {
    const store = openResultsStore(db)!;
    let id: number;
    try {
      const params = {
        design: 'lhs' as const,
        ranges: { verification: [0, 1] as [number, number] },
        points: 5,
        runsPerPoint: 10,
        seed: 1,
        framework: null,
        set: [],
        days: 45,
        posterior: 'none',
      };
      id = startSweep(store, loadScenario(), params);
      releaseExperiment(store, id);
    } finally {
      store.close();
    }
    const { head, body } = shown(db, id);
    expect(head).toMatch(new RegExp(`^experiment ${id}: sweep \\(interrupted\\)`));
    expect(body).toMatch(/^Global parameters: none.*\npoint +verification +P\(collapse\)/);
    expect(body).toContain(
      `sweep ${id} interrupted, not complete: 0 points stored in ${db} (truce sweep --resume ${id} runs the rest)`,
    );
  });
});
