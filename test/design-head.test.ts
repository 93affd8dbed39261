/**
 * Sensitivity and sweep outputs say first what they analysed (audit5 A10): the scenario and the base
 * framework the levers move from, and which global parameters the runs use (as written by default: not
 * the headline's model). A Sobol design too small for its intervals is flagged.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sobolPrecisionWarnings } from '../src/app/sensitivity.js';
import { truce } from './helpers/cli.js';

const index = (lo: number, hi: number) => ({ S1: (lo + hi) / 2, S1Lo: lo, S1Hi: hi, ST: 0.5, STLo: 0.4, STHi: 0.6 });

describe('Sobol precision', () => {
  it('warns when an interval is wider than the whole range of an index, and names the N that would narrow it', () => {
    const [w] = sobolPrecisionWarnings({ a: index(0.1, 0.3), b: index(-0.7, 0.8) }, 8);
    // width 1.5: N (1.5 / 0.2)^2 = 8 x 56.25 = 450.
    expect(w).toMatch(/--samples 8 is too small/);
    expect(w).toMatch(/S1\(b\) is 1\.50 wide/);
    expect(w).toMatch(/roughly --samples 450 for \+-0\.1/);
  });
  it('says nothing when every interval is inside the range', () => {
    expect(sobolPrecisionWarnings({ a: index(0.1, 0.3), b: index(-0.2, 0.75) }, 64)).toEqual([]);
  });
  it('the Ishigami check at N = 1024 carries no warning', () => {
    const r = truce(['sensitivity', '--test-function', 'ishigami', '--method', 'sobol', '--samples', '1024', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings).toEqual([]);
  });
});

describe('what a sensitivity or sweep analysed, stated first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-head-'));
  const small = ['--runs-per-point', '8', '--days', '30', '--seed', '1', '--workers', '1'];

  it('sensitivity names its scenario, base framework and model above the table, and in --json', () => {
    const args = ['sensitivity', '--method', 'morris', '--levers', 'verification', '--samples', '2', ...small];
    const text = truce([...args, '--no-store']);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^Scenario iran-israel, base framework transactional-freeze/);
    expect(lines[1]).toMatch(/^Global parameters: none .*the judged model, not the headline's/);
    expect(lines[2]).toMatch(/^Morris elementary effects of/);
    const json = JSON.parse(truce([...args, '--no-store', '--json', '--posterior', 'default']).stdout);
    expect(json.scenario).toBe('iran-israel');
    expect(json.framework).toBe('transactional-freeze');
    expect(json.posteriorCarried.parameters.map((p: { name: string }) => p.name)).toEqual(['unagreedUnwritten']);
    expect(json.posteriorWarning).toBeNull();
  });

  it('a sweep under the architecture says the posterior carries nothing there', () => {
    const r = truce([
      'sweep',
      '--design',
      'grid',
      '--ranges',
      'verification=0.2:0.8',
      '--points',
      '2',
      '--framework',
      'structural-architecture',
      '--posterior',
      'default',
      ...small,
      '--db',
      join(dir, 's.db'),
    ]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Scenario iran-israel, base framework structural-architecture/);
    expect(lines[1]).toMatch(
      /^Global parameters: posterior default .*which carries nothing here: the scenario as written/,
    );
    expect(lines[2]).toMatch(/^point +verification/);
    expect(r.stderr).not.toMatch(/warning/);
  });
});

describe('one run', () => {
  it('says its global parameters are as written (compare and report draw from the posterior)', () => {
    const r = truce(['run', '--seed', '1', '--days', '30']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[2]).toMatch(/^Global parameters: as written in the scenario .*compare and report do/);
  });
});
