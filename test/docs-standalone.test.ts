/**
 * The repository stands alone: nothing points at the reference design or
 * data kept outside it, every relative link in the docs resolves, and every
 * `docs/...` path cited in code, scenarios, tests and help texts exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

function tracked(): string[] {
  const r = spawnSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ls-files failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((f) => f && existsSync(resolve(ROOT, f)))
    .filter(
      (f) =>
        /\.(ts|tsx|js|md|yaml|yml|json|html|css)$/.test(f) && !f.startsWith('web/dist/') && f !== 'package-lock.json',
    );
}

// Built from pieces so this file does not match itself.
const OUTSIDE = [
  new RegExp(['MODEL', 'md'].join('\\.')),
  new RegExp(`(?<![\\w-]/)(?<![\\w-])${'shared'}/(data|MODEL|STYLE)`),
];

describe('docs stand alone', () => {
  const files = tracked();

  it('no file refers to the reference material kept outside the repository', () => {
    const hits: string[] = [];
    for (const f of files) {
      const lines = readFileSync(resolve(ROOT, f), 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (OUTSIDE.some((re) => re.test(line))) hits.push(`${f}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(hits).toEqual([]);
  });

  it('every relative link in the markdown docs resolves to a file in the repository', () => {
    const broken: string[] = [];
    for (const f of files.filter((x) => x.endsWith('.md'))) {
      const text = readFileSync(resolve(ROOT, f), 'utf8');
      for (const m of text.matchAll(/\]\(([^)\s]+)\)/g)) {
        const target = m[1].split('#')[0];
        if (!target || /^[a-z]+:/.test(target)) continue;
        if (!existsSync(resolve(ROOT, dirname(f), target))) broken.push(`${f}: ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('every docs/ path cited in code, scenarios and tests exists', () => {
    const missing: string[] = [];
    for (const f of files.filter((x) => !x.endsWith('.md'))) {
      const text = readFileSync(resolve(ROOT, f), 'utf8');
      for (const m of text.matchAll(/(?<![\w/.-])docs\/[\w./-]*\w\.md/g)) {
        if (!existsSync(resolve(ROOT, m[0]))) missing.push(`${f}: ${m[0]}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
