/** `truce sensitivity` through the CLI: Ishigami by Sobol, Morris over levers, stored. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ishigami } from '../src/core/analysis/sensitivity/test-functions.js';
import { truce } from './helpers/cli.js';

describe('truce sensitivity', () => {
  it('--test-function ishigami --method sobol recovers the exact indices, each inside its interval', () => {
    const r = truce([
      'sensitivity',
      '--test-function',
      'ishigami',
      '--method',
      'sobol',
      '--samples',
      '8192',
      '--seed',
      '3',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const { indices } = JSON.parse(r.stdout);
    const exact = ishigami.exact();
    ['x1', 'x2', 'x3'].forEach((x, i) => {
      expect(Object.keys(indices[x])).toEqual(expect.arrayContaining(['S1', 'ST', 'S1Lo', 'S1Hi', 'STLo', 'STHi']));
      expect(Math.abs(indices[x].S1 - exact.S1[i])).toBeLessThan(0.03);
      expect(Math.abs(indices[x].ST - exact.ST[i])).toBeLessThan(0.03);
      expect(indices[x].S1Lo - 0.01).toBeLessThanOrEqual(exact.S1[i]);
      expect(indices[x].S1Hi + 0.01).toBeGreaterThanOrEqual(exact.S1[i]);
    });
  });
  it('Morris over scenario levers prints muStar and sigma per lever and is stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-sens-'));
    const r = truce([
      'sensitivity',
      '--method',
      'morris',
      '--levers',
      'verification,faceSaving',
      '--samples',
      '3',
      '--runs-per-point',
      '40',
      '--days',
      '120',
      '--seed',
      '2',
      '--json',
      '--db',
      join(dir, 't.db'),
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.indices)).toEqual(['verification', 'faceSaving']);
    for (const v of Object.values<{ muStar: number; sigma: number }>(j.indices)) {
      expect(v.muStar).toBeGreaterThanOrEqual(0);
      expect(v.sigma).toBeGreaterThanOrEqual(0);
    }
    expect(j.experimentId).toBe(1);
    const rows = truce(['runs', '--db', join(dir, 't.db'), 'export', '1', '--format', 'json']);
    expect(JSON.parse(rows.stdout).filter((x: { index: string }) => x.index === 'mu_star')).toHaveLength(2);
    // And over each lever's range (both levers run 0-1 here, so the same values).
    const scaled = JSON.parse(rows.stdout).filter((x: { index: string }) => x.index === 'mu_star_scaled');
    expect(scaled.map((x: { factor: string }) => x.factor)).toEqual(['verification', 'faceSaving']);
    // The stored settings name the framework the levers moved from (no --framework: the scenario's
    // default), not null, which a reader would take for "no framework".
    const shown = JSON.parse(truce(['runs', '--db', join(dir, 't.db'), 'show', '1', '--json']).stdout);
    expect(j.framework).toBe('transactional-freeze');
    expect(shown.params.framework).toBe(j.framework);
  });
});
