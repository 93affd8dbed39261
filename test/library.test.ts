/**
 * The library API (docs/library.md): the package imports by its name,
 * `truce` (Node resolves a package's own name through its `exports`), its
 * index exports every documented function, and every example in the doc runs
 * against the built package. `npm test` builds first.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/cli.js';

const DOC = readFileSync(resolve(ROOT, 'docs', 'library.md'), 'utf8');
const examples = [...DOC.matchAll(/^### (.+)\n[\s\S]*?^```js\n([\s\S]*?)^```/gm)].map((m) => ({
  title: m[1],
  code: m[2],
}));

function node(code: string) {
  return spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: ROOT, encoding: 'utf8' });
}

describe('import from "truce"', () => {
  it('resolves by name to the built index, with its type declarations', () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('truce');
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', import: './dist/index.js' });
    expect(pkg.types).toBe('./dist/index.d.ts');
    const r = node("const t = await import('truce'); console.log(JSON.stringify(Object.keys(t).sort()));");
    expect(r.stderr).toBe('');
    const names: string[] = JSON.parse(r.stdout);
    // Every function a heading of docs/library.md names is exported.
    const documented = [...DOC.matchAll(/^### (.+)$/gm)].flatMap((m) =>
      [...m[1].matchAll(/`(?:Stream\.)?(\w+)\(/g)].map((x) => x[1]),
    );
    expect(documented.length).toBeGreaterThan(25);
    for (const f of documented) expect(names, f).toContain(f === 'derive' ? 'Stream' : f);
  });

  it('the index exports only the pure core and one file loader', () => {
    const index = readFileSync(resolve(ROOT, 'src', 'index.ts'), 'utf8');
    const from = [...index.matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]);
    expect(from.filter((f) => !f.startsWith('core/'))).toEqual(['app/scenario.js']);
  });

  for (const ex of examples) {
    it(`docs/library.md example runs: ${ex.title}`, () => {
      const r = node(ex.code);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    });
  }
});
