/**
 * How the shell refuses (issue 11): a command line commander rejects prints
 * its one error line and where to read more, never the whole help; an output
 * path that cannot be written is said before anything runs, in one sentence
 * naming the path. Both exit 2.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { truce } from './helpers/cli.js';

describe('command lines commander refuses', () => {
  const cases: [string, string[], RegExp, string][] = [
    ['an unknown option', ['compare', '--bogus'], /^error: unknown option '--bogus'$/, 'truce compare'],
    ['a missing argument', ['engage'], /^error: missing required argument 'file'$/, 'truce engage'],
    ['a missing option value', ['compare', '--runs'], /^error: option '--runs <n>' argument missing$/, 'truce compare'],
    [
      'a bad choice',
      ['sweep', '--design', 'spiral'],
      /^error: option '--design <d>' argument 'spiral' is invalid\. expected one of grid, lhs, sobol/,
      'truce sweep',
    ],
    [
      'a subcommand without its argument',
      ['runs', 'export'],
      /^error: missing required argument 'id'$/,
      'truce runs export',
    ],
    ['an unknown command', ['retreat'], /^error: unknown command 'retreat'$/, 'truce'],
  ];
  for (const [what, args, error, command] of cases)
    it(`${what}: the error line and a pointer to --help, exit 2`, () => {
      const r = truce(args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(error);
      expect(lines[1]).toBe(`(see ${command} --help)`);
      expect(r.stderr).not.toMatch(/Usage:|Options:/);
    });
});

describe('output paths are checked before anything runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-outputs-'));
  const aFile = join(dir, 'a-file');
  writeFileSync(aFile, 'x');
  const cases: [string, string[], string, string][] = [
    [
      '--runs-csv into a folder that does not exist',
      ['--runs-csv'],
      join(dir, 'nowhere', 'runs.csv'),
      'its folder does not exist',
    ],
    [
      '--runs-parquet under a file',
      ['--runs-parquet'],
      join(aFile, 'runs.parquet'),
      'its folder is a file, not a folder',
    ],
    ['--csv naming a directory', ['--csv'], dir, 'expected a file name, found a directory'],
  ];
  for (const [what, flag, path, why] of cases)
    it(`compare ${what}: one sentence naming the path, exit 2, nothing run or stored`, () => {
      const db = join(dir, `${flag[0].slice(2)}.db`);
      // 10^6 runs would take minutes: a refusal that came after the run would time this test out.
      const r = truce(['compare', '--runs', '1000000', '--max-work', '1e13', '--db', db, ...flag, path]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(`truce: ${path}: cannot write: ${why}\n`);
      expect(existsSync(db)).toBe(false);
    });

  it('report --out and sweep --runs-csv are checked the same way', () => {
    const report = truce(['report', '--out', join(dir, 'gone', 'r.html'), '--no-store']);
    expect(report.code).toBe(2);
    expect(report.stderr).toBe(`truce: ${join(dir, 'gone', 'r.html')}: cannot write: its folder does not exist\n`);
    const db = join(dir, 'sweep.db');
    const sweep = truce([
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
      db,
      '--runs-csv',
      dir,
    ]);
    expect(sweep.code).toBe(2);
    expect(sweep.stderr).toBe(`truce: ${dir}: cannot write: expected a file name, found a directory\n`);
    expect(existsSync(db)).toBe(false);
  });
});
