/**
 * `--posterior FILE`: a posterior in the format of data/posterior.json (what
 * `truce calibrate --out` writes) is read from its file, so a fit can travel
 * without the store it was made in. The same draws give the same runs as the
 * shipped default; a bad file is refused naming the file and the path in it;
 * sweeps refuse files (a resumed sweep reloads its posterior by what it stored).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, truce } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-posterior-file-'));
const shipped = readFileSync(join(ROOT, 'data', 'posterior.json'), 'utf8');

function compareJson(posterior: string) {
  const r = truce([
    'compare',
    '--posterior',
    posterior,
    '--runs',
    '60',
    '--seed',
    '5',
    '--days',
    '120',
    '--json',
    '--no-store',
  ]);
  expect(r.stderr).not.toMatch(/Error:|at .*\.js:\d+/);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as { arms: unknown[]; comparisons: unknown; posterior: string; posteriorDraws: number };
}

describe('--posterior FILE', () => {
  it('a copy of the shipped posterior gives the runs of --posterior default, labelled by its file', () => {
    const copy = join(dir, 'fit.json');
    writeFileSync(copy, shipped);
    const fromFile = compareJson(copy);
    const fromDefault = compareJson('default');
    expect(fromFile.posterior).toMatch(/^file fit\.json \(/);
    expect(fromDefault.posterior).toMatch(/^default \(data\/posterior\.json/);
    expect(fromFile.posteriorDraws).toBe(fromDefault.posteriorDraws);
    expect(fromFile.arms).toEqual(fromDefault.arms);
    expect(fromFile.comparisons).toEqual(fromDefault.comparisons);
  });

  it('the shipped file names the commit whose model made it, as the docs do, and its provenance is read by nothing', () => {
    const doc = JSON.parse(shipped) as { fittedWith: { commit: string; command: string; settings: string } };
    expect(doc.fittedWith.commit).toMatch(/^[0-9a-f]{40}$/);
    expect(doc.fittedWith.command).toContain(`git checkout ${doc.fittedWith.commit}`);
    expect(doc.fittedWith.command).toContain(doc.fittedWith.settings);
    const record = readFileSync(join(ROOT, 'docs', 'calibration-record.md'), 'utf8');
    expect(record).toContain(`git checkout ${doc.fittedWith.commit}`);
    // Without the provenance block the same runs come out: it changes no computation.
    const bare = join(dir, 'bare.json');
    const { fittedWith: _ignored, ...rest } = JSON.parse(shipped) as Record<string, unknown>;
    expect(_ignored).toBeDefined();
    writeFileSync(bare, JSON.stringify(rest));
    const a = compareJson(bare);
    const b = compareJson('default');
    expect(a.arms).toEqual(b.arms);
    expect(a.comparisons).toEqual(b.comparisons);
  });

  it('a file whose draws are not numbers is refused with the file and the path inside it, exit 2', () => {
    const doc = JSON.parse(shipped) as { draws: Record<string, unknown>[] };
    const name = Object.keys(doc.draws[0])[0];
    doc.draws[3][name] = 'high';
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(doc));
    const r = truce(['compare', '--posterior', bad, '--runs', '20', '--json', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('bad.json');
    expect(r.stderr).toContain(`draws[3].${name}`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('a file that does not exist is refused by name, exit 2', () => {
    const r = truce(['facts', '--posterior', join(dir, 'missing.json'), '--runs', '20', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--posterior .*missing\.json: expected a posterior file .* found no such file/);
  });

  it('a sweep refuses a posterior file before it stores anything', () => {
    const copy = join(dir, 'fit-sweep.json');
    writeFileSync(copy, shipped);
    const db = join(dir, 'sweep.db');
    const r = truce([
      'sweep',
      '--design',
      'lhs',
      '--ranges',
      'verification=0:1',
      '--posterior',
      copy,
      '--points',
      '2',
      '--runs-per-point',
      '10',
      '--db',
      db,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a posterior file is not accepted here/);
    // Nothing stored: either no store was created, or it holds no experiment.
    if (existsSync(db)) {
      const listed = truce(['runs', 'list', '--db', db, '--json']);
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout)).toEqual([]);
    }
  });
});
