/**
 * Every `truce ...` command cited in README.md and docs/model/*.md runs (issue 9: a doc claim cannot
 * cite a command that fails). Commands are taken from inline code and code blocks; synopses (with
 * placeholders), the server, the queue and its workers are left out; runs and samples are cut to a
 * reduced size, files go to a scratch folder and results to a scratch database, so the tree stays
 * clean. A command named alone (`truce calibrate`) is a reference to the command: its --help must work.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, truce } from './helpers/cli.js';

const DOCS = ['README.md', ...readdirSync(join(ROOT, 'docs', 'model')).map((f) => `docs/model/${f}`)].filter((f) =>
  f.endsWith('.md'),
);

/** Commands cited in a Markdown text, in order: inline code spans (which may wrap lines) and code-block lines. */
export function citedCommands(text: string): string[] {
  const found: { at: number; command: string }[] = [];
  for (const m of text.matchAll(/`((?:npx )?truce [^`]+)`/g))
    found.push({ at: m.index, command: m[1].replace(/\s+/g, ' ').trim() });
  let fence = false;
  let at = 0;
  for (const line of text.split('\n')) {
    const here = at;
    at += line.length + 1;
    if (/^\s*```/.test(line)) {
      fence = !fence;
      continue;
    }
    if (!fence && !/^ {4}/.test(line)) continue;
    const m = line.trim().match(/^(?:npm ci && )?(?:npx )?(truce .*?)\s*(?:#.*)?$/);
    if (m) found.push({ at: here, command: m[1] });
  }
  return found.sort((a, b) => a.at - b.at).map((f) => f.command.replace(/^npx /, ''));
}

/** A synopsis or a command that needs a server, a queue or a secret: not run. */
function runnable(command: string): boolean {
  const words = command.split(' ');
  if (['serve', 'worker', 'queue'].includes(words[1])) return false;
  if (/[[\]<>|$]|\.\.\./.test(command)) return false;
  // Placeholders in capitals (N, FILE, ID, SWEEP_ID).
  return !words.slice(1).some((w) => /^[A-Z][A-Z_]*$/.test(w));
}

const SCRATCH = mkdtempSync(join(tmpdir(), 'truce-docs-'));
afterAll(() => rmSync(SCRATCH, { recursive: true, force: true }));

/** The command at reduced size, writing only under the scratch folder. */
function reduced(command: string): string[] {
  const args = command.split(' ').slice(1);
  if (args.length === 1) return [args[0], '--help'];
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = args[i + 1];
    if ((a === '--runs' || a === '--runs-per-point') && next) {
      out.push(a, String(Math.min(Number(next), 12)));
      i++;
    } else if ((a === '--samples' || a === '--points') && next) {
      out.push(a, String(Math.min(Number(next), 64)));
      i++;
    } else if (['--out', '--markdown', '--csv', '--chart'].includes(a) && next) {
      out.push(a, join(SCRATCH, basename(next)));
      i++;
    } else out.push(a);
  }
  return out;
}

const cited = DOCS.flatMap((file) =>
  citedCommands(readFileSync(join(ROOT, file), 'utf8')).map((command) => ({ file, command })),
);
// Stored-result commands (`runs show 1`) read what the others stored: run them after.
const ordered = [
  ...cited.filter((c) => !c.command.startsWith('truce runs')),
  ...cited.filter((c) => c.command.startsWith('truce runs')),
];

describe('the extraction', () => {
  it('finds inline, wrapped and code-block commands and leaves synopses out', () => {
    const text = [
      'Run `npx truce compare --runs 2000',
      '--seed 1` and then:',
      '',
      '    truce facts --runs 700 --seed 21   # about 2 minutes',
      '',
      '```sh',
      'npm ci && npx truce report --runs 2000 --out report.html',
      'truce run [FILE] [--seed S]',
      '```',
    ].join('\n');
    const found = citedCommands(text);
    expect(found).toEqual([
      'truce compare --runs 2000 --seed 1',
      'truce facts --runs 700 --seed 21',
      'truce report --runs 2000 --out report.html',
      'truce run [FILE] [--seed S]',
    ]);
    expect(found.filter(runnable)).toHaveLength(3);
    expect(reduced('truce facts --runs 700 --seed 21')).toEqual(['facts', '--runs', '12', '--seed', '21']);
    expect(reduced('truce calibrate')).toEqual(['calibrate', '--help']);
  });
  it('finds the commands the docs cite', () => {
    expect(ordered.filter((c) => runnable(c.command)).length).toBeGreaterThan(10);
  });
});

describe('every command cited in README.md and docs/model/ runs (reduced size)', () => {
  const env = { TRUCE_DB: join(SCRATCH, 'docs.db') };
  const seen = new Set<string>();
  for (const { file, command } of ordered) {
    if (!runnable(command) || seen.has(command)) continue;
    seen.add(command);
    it(`${file}: ${command}`, () => {
      const r = truce(reduced(command), { env });
      expect(r.code, `${reduced(command).join(' ')}\n${r.stderr.slice(0, 2000)}`).toBe(0);
    });
  }
});
