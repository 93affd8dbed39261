/**
 * The shell's text output (src/cli/render/format.ts): tables fit the output
 * width (the terminal's, or $COLUMNS), wrapping the widest columns and losing
 * nothing; --json and --csv are the same whatever the width; `runs list` says
 * in full what each experiment varied; `sweep --help` offers only what sweep
 * accepts.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { table, wrapText } from '../src/cli/render/format.js';
import { describeParams } from '../src/cli/render/runs.js';
import { truce } from './helpers/cli.js';

const letters = (s: string) => s.replace(/[\s-]/g, '');
const word = fc.stringMatching(/^[a-z]{1,14}$/);
const cell = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));

describe('wrapText and table', () => {
  it('wrapText: lines within the width, no character lost, unchanged when it fits', () => {
    fc.assert(
      fc.property(cell, fc.integer({ min: 1, max: 40 }), (text, width) => {
        const lines = wrapText(text, width);
        for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
        expect(letters(lines.join(''))).toBe(letters(text));
        if (text.length <= width) expect(lines).toEqual([text]);
      }),
    );
  });

  it('table: every line within any feasible width, every character of every cell kept, and as before when it fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) =>
          fc.record({
            header: fc.array(cell, { minLength: n, maxLength: n }),
            rows: fc.array(fc.array(cell, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 4 }),
            width: fc.integer({ min: 10 * n + 2 * (n - 1), max: 200 }),
          }),
        ),
        ({ header, rows, width }) => {
          const text = table(header, rows, undefined, width);
          const lines = text.split('\n');
          for (const l of lines) expect(l.length).toBeLessThanOrEqual(width);
          // Conservation: the letters of the cells, and nothing else but the rule under the header.
          const all = [header, ...rows].flat().join('');
          const sorted = (x: string) => [...letters(x)].sort().join('');
          expect(sorted(text)).toBe(sorted(all));
          const wide = table(header, rows, undefined, Infinity);
          if (wide.split('\n').every((l) => l.length <= width)) expect(text).toBe(wide);
        },
      ),
    );
  });

  it('narrows the widest column first, between words, before cutting any word', () => {
    const t = table(
      ['arm', 'why'],
      [['structural-architecture', 'pre-emption 36%, verification 18%, external-retaliation 18%']],
      [false, false],
      60,
    );
    expect(t.split('\n')).toEqual([
      'arm                      why',
      '-----------------------  -----------------------------------',
      'structural-architecture  pre-emption 36%, verification 18%,',
      '                         external-retaliation 18%',
    ]);
  });
});

describe('the CLI fits its tables to the output width', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-width-'));
  const args = ['compare', '--runs', '40', '--days', '60', '--seed', '4', '--no-store', '--workers', '1'];

  it('compare at COLUMNS=80 and 60: no line wider, nothing cut', () => {
    const wide = truce(args, { env: { COLUMNS: '' } });
    expect(wide.code, wide.stderr).toBe(0);
    expect(Math.max(...wide.stdout.split('\n').map((l) => l.length))).toBeGreaterThan(100);
    for (const columns of [80, 60]) {
      const r = truce(args, { env: { COLUMNS: String(columns) } });
      expect(r.code, r.stderr).toBe(0);
      for (const l of r.stdout.split('\n')) expect(l.length, l).toBeLessThanOrEqual(columns);
      // The same characters: only line breaks and padding differ (the run's seconds aside; the plot
      // narrows with the width, so the text is compared up to it).
      const text = (s: string) =>
        [...letters(s.slice(0, s.indexOf('\n1.0 |')).replace(/\(\d+\.\d s on/, ''))].sort().join('');
      expect(text(r.stdout)).toBe(text(wide.stdout));
    }
  });

  it('--json and --csv are the same whatever the width', () => {
    const a = truce([...args, '--json', '--csv', join(dir, 'a.csv')], { env: { COLUMNS: '40' } });
    const b = truce([...args, '--json', '--csv', join(dir, 'b.csv')], { env: { COLUMNS: '' } });
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(readFileSync(join(dir, 'a.csv'), 'utf8')).toBe(readFileSync(join(dir, 'b.csv'), 'utf8'));
  });
});

describe('runs list says what was varied, in full', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-list-'));
  const db = join(dir, 't.db');
  const made = truce([
    'compare',
    '--runs',
    '20',
    '--days',
    '30',
    '--set',
    'verification=0.5',
    '--vary',
    'faceSaving=0,1',
    '--db',
    db,
    '--workers',
    '1',
    '--json',
  ]);

  it('lever overrides, frameworks, vary and posterior, beyond 60 characters, wrapped to the width but never cut', () => {
    expect(made.code, made.stderr).toBe(0);
    const stored = JSON.parse(truce(['runs', '--db', db, 'list', '--json']).stdout)[0];
    const said = describeParams(stored.params);
    for (const part of [
      'frameworks transactional-freeze, structural-architecture',
      'set verification=0.5',
      'vary faceSaving=0,1',
      'days 30',
      `posterior ${stored.params.posterior}`,
    ])
      expect(said).toContain(part);
    expect(said.length).toBeGreaterThan(60);
    const full = truce(['runs', '--db', db, 'list'], { env: { COLUMNS: '' } });
    expect(full.stdout).toContain(said);
    // Wide enough: a column, read down its lines.
    const mid = truce(['runs', '--db', db, 'list'], { env: { COLUMNS: '110' } })
      .stdout.trimEnd()
      .split('\n');
    for (const l of mid) expect(l.length).toBeLessThanOrEqual(110);
    const at = mid[0].indexOf('what was varied');
    expect(at).toBeGreaterThan(0);
    expect(
      mid
        .slice(2)
        .map((l) => l.slice(at).trim())
        .join(' '),
    ).toBe(said);
    // Narrow: on its own indented lines under the experiment's row.
    const narrow = truce(['runs', '--db', db, 'list'], { env: { COLUMNS: '70' } })
      .stdout.trimEnd()
      .split('\n');
    for (const l of narrow) expect(l.length).toBeLessThanOrEqual(70);
    expect(narrow[0]).not.toContain('what was varied');
    expect(narrow[2]).toMatch(/^ +1 +compare +complete /);
    expect(
      narrow
        .slice(3)
        .map((l) => l.trim())
        .join(' '),
    ).toBe(said);
  });
});

describe('sweep offers only what it accepts', () => {
  it('--help does not offer --no-store, and --no-store is refused with the reason', () => {
    const help = truce(['sweep', '--help']);
    expect(help.stdout).toContain('--db <path>');
    expect(help.stdout).not.toContain('--no-store');
    const r = truce(['sweep', '--design', 'grid', '--ranges', 'verification=0:1', '--points', '2', '--no-store']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/truce sweep stores its points as it goes: --no-store is not available/);
  });
});
