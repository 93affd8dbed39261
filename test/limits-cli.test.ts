/**
 * Every flag that sets an amount of work refuses above the budget before it
 * starts (exit 2, one sentence with the estimate; docs/limits.md), and the
 * file errors of issue 13 are user errors: a file that cannot be read, an
 * output path in a missing folder or that is a directory, a port out of
 * range. How fast a refusal comes is measured in bench/, not here.
 */
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, truce, type CliResult } from './helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-limits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HUGE = '1000000000000';
const env = { TRUCE_DB: join(dir, 'truce.db') };

/** A user error: exit 2 and one line on stderr, no stack trace, nothing on stdout. */
function userError(r: CliResult, what: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  const lines = r.stderr.trim().split('\n');
  expect(lines[0], r.stderr).toMatch(what);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at .*:\d+/);
  expect(r.stdout).toBe('');
}

describe('every flag that sets an amount of work refuses above the budget', () => {
  const campaign = readFileSync(join(ROOT, 'scenarios', 'campaign', 'twelve-day-war.yaml'), 'utf8');
  const longCampaign = join(dir, 'long-campaign.yaml');
  writeFileSync(longCampaign, campaign.replace(/^days: \d+/m, 'days: 3650'));
  const ranges = ['--design', 'lhs', '--ranges', 'verification=0:1'];
  const cases: [string, string[]][] = [
    ['run --days', ['run', '--days', '1000000000']],
    ['compare --runs', ['compare', '--runs', HUGE, '--no-store']],
    ['compare --days', ['compare', '--days', '1000000000', '--no-store']],
    ['report --runs', ['report', '--runs', HUGE, '--no-store', '--out', join(dir, 'r.html')]],
    ['facts --runs', ['facts', '--runs', HUGE, '--no-store']],
    ['facts --days', ['facts', '--days', '1000000000', '--no-store']],
    ['sweep --points', ['sweep', ...ranges, '--points', '1000000000', '--runs-per-point', '10']],
    ['sweep --runs-per-point', ['sweep', ...ranges, '--points', '10', '--runs-per-point', HUGE]],
    ['sweep --days', ['sweep', ...ranges, '--points', '10', '--runs-per-point', '10', '--days', '1000000000']],
    ['sensitivity Sobol N', ['sensitivity', '--method', 'sobol', '--levers', 'verification', '--samples', HUGE]],
    ['sensitivity Morris r', ['sensitivity', '--method', 'morris', '--levers', 'verification', '--samples', HUGE]],
    ['sensitivity --runs-per-point', ['sensitivity', '--levers', 'verification', '--runs-per-point', HUGE]],
    ['sensitivity --days', ['sensitivity', '--levers', 'verification', '--days', '1000000000']],
    ['engage --samples', ['engage', 'scenarios/history/2024-04-13.yaml', '--method', 'monte-carlo', '--samples', HUGE]],
    ['campaign --runs', ['campaign', 'scenarios/campaign/twelve-day-war.yaml', '--runs', HUGE]],
    ['campaign days (in the file)', ['campaign', longCampaign, '--runs', '100000']],
    ['ablate --runs', ['ablate', '--runs', HUGE]],
    ['ablate --days', ['ablate', '--days', '1000000000']],
    ['forecast --runs', ['forecast', '--cases', 'data/ceasefires.csv', '--runs', HUGE]],
    ['validate --runs', ['validate', '--runs', HUGE]],
    ['calibrate --runs-per-case', ['calibrate', '--runs-per-case', HUGE]],
  ];
  for (const [what, args] of cases)
    it(what, () => {
      // One worker where the command has a pool (the refusal comes before any is started).
      const workers = ['run', 'engage', 'campaign'].includes(args[0]) ? [] : ['--workers', '1'];
      userError(truce([...args, ...workers], { env }), /^truce: .*about [\d.]+e\d+ work units .*above the budget/);
    });

  it('the refusal names the flag that raises the budget, and the budget it names is taken', () => {
    const r = truce(['run', '--days', '100', '--max-work', '100'], { env });
    userError(
      r,
      /^truce: run: this asks for about 700 work units \(1 runs x 100 days x 7 actors; .*\), above the budget of 100: ask for less, or raise the budget with --max-work 707$/,
    );
    const raise = /--max-work (\S+)$/.exec(r.stderr.trim())![1];
    const raised = truce(['run', '--days', '100', '--max-work', raise, '--json'], { env });
    expect(raised.code, raised.stderr).toBe(0);
    expect(JSON.parse(raised.stdout).horizonDays).toBe(100);
  });
});

describe('files that cannot be read or written, and a port out of range, are user errors', () => {
  const folder = join(dir, 'a-folder');
  rmSync(folder, { recursive: true, force: true });
  writeFileSync(join(dir, 'placeholder'), '');
  const missing = join(dir, 'no-such-folder', 'out');

  it('a folder where a file is expected', () => {
    readdirSync(dir);
    for (const args of [
      ['run', dir],
      ['engage', dir],
      ['campaign', dir],
      ['scenario', 'validate', dir],
      ['forecast', '--cases', dir],
      ['calibrate', '--priors', dir],
    ])
      userError(truce(args, { env }), new RegExp(`^truce: ${dir}: expected a file, found a directory`));
  });

  it.skipIf(process.getuid?.() === 0)('a file without read permission (chmod 000; root reads it anyway)', () => {
    const locked = join(dir, 'locked.yaml');
    writeFileSync(locked, readFileSync(join(ROOT, 'scenarios', 'iran-israel.yaml')));
    chmodSync(locked, 0o000);
    try {
      userError(truce(['run', locked], { env }), new RegExp(`^truce: ${locked}: cannot read: .*permission denied`));
    } finally {
      chmodSync(locked, 0o600);
    }
  });

  it('an output path in a missing folder, or that is a directory: nothing is left behind', () => {
    for (const [flag, args] of [
      ['--csv', ['compare', '--runs', '4', '--days', '20', '--no-store', '--workers', '1']],
      ['--out', ['report', '--runs', '4', '--days', '20', '--no-store', '--workers', '1']],
    ] as const) {
      userError(
        truce([...args, flag, missing], { env }),
        new RegExp(`^truce: ${missing}: cannot write: its folder does not exist$`),
      );
      userError(
        truce([...args, flag, dir], { env }),
        new RegExp(`^truce: ${dir}: cannot write: expected a file name, found a directory$`),
      );
    }
    // No temporary file beside the directory either.
    expect(readdirSync(join(dir, '..')).filter((f) => f.startsWith(`${dir.split('/').pop()}.tmp-`))).toEqual([]);
  });

  it('an output path that is a device is written to, never replaced by a file', () => {
    const r = truce(['compare', '--runs', '4', '--days', '20', '--no-store', '--workers', '1', '--csv', '/dev/null'], {
      env,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(statSync('/dev/null').isCharacterDevice()).toBe(true);
    userError(
      truce(['compare', '--runs', '4', '--days', '20', '--no-store', '--workers', '1', '--csv', '/dev/full'], { env }),
      /^truce: \/dev\/full: cannot write: no space left on the device$/,
    );
    expect(statSync('/dev/full').isCharacterDevice()).toBe(true);
  });

  it('serve --port 70000', () => {
    userError(
      truce(['serve', '--port', '70000'], { env }),
      /^truce: --port: expected a port from 0 to 65535, got 70000$/,
    );
  });
});
