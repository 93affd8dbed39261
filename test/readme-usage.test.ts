/**
 * README's Usage lists every command `truce --help` lists (a new analyst reads the README, not the help), and
 * what it says of `runs export --format parquet` is what the command does: Parquet needs --out.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, truce } from './helpers/cli.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const usage = readme.slice(readme.indexOf('## Usage'), readme.indexOf('\n## ', readme.indexOf('## Usage') + 1));
const synopses = /```sh\n([\s\S]*?)```/.exec(usage)![1].split('\n').filter(Boolean);

describe('README Usage', () => {
  it('has a synopsis and a line of explanation for every command truce --help lists', () => {
    const help = truce(['--help']);
    expect(help.code).toBe(0);
    const commands = help.stdout
      .slice(help.stdout.indexOf('Commands:'))
      .split('\n')
      .map((l) => /^ {2}([a-z]+)\b/.exec(l)?.[1])
      .filter((c): c is string => c !== undefined && c !== 'help');
    expect(commands.length).toBeGreaterThan(15);
    const missing = commands.filter((c) => !synopses.some((l) => l.startsWith(`npx truce ${c} `)));
    expect(missing).toEqual([]);
    const unexplained = commands.filter((c) => !new RegExp(`^- \`${c}[\` ,]`, 'm').test(usage));
    expect(unexplained).toEqual([]);
    // No command's help prints the checkout's path (a default file is named by its place in the package).
    const withPath = commands.filter((c) => truce([c, '--help']).stdout.replace(/\s+/g, '').includes(ROOT));
    expect(withPath).toEqual([]);
  });

  it('says Parquet export needs --out, as the command does', () => {
    expect(synopses).toContain('npx truce runs export ID [--per-run] --format parquet --out FILE');
    const db = join(mkdtempSync(join(tmpdir(), 'truce-readme-')), 'none.db');
    const r = truce(['runs', '--db', db, 'export', '1', '--format', 'parquet']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--format parquet: a binary file, written with --out FILE/);
  });
});
