/**
 * The walls between the layers, as the issue states them (lint holds the
 * same walls in eslint.config.js; this test states the contract plainly).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.ts') ? [p] : [];
  });
}
const imports = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'([^']+)'/g)].map((m) => m[1]);

describe('layer walls', () => {
  it('server, shell, store, app and io never import from ../cli/', () => {
    const offenders = ['src/server', 'src/shell', 'src/store', 'src/app', 'src/io']
      .flatMap(walk)
      .filter((f) => imports(f).some((i) => i.startsWith('../cli/')));
    expect(offenders).toEqual([]);
  });
  it('no CLI command module imports another', () => {
    const offenders = walk('src/cli/commands').filter((f) =>
      imports(f).some((i) => i.startsWith('./') || i.includes('/commands/')),
    );
    expect(offenders).toEqual([]);
  });
  it('app never imports the server; core imports nothing outside the core', () => {
    expect(walk('src/app').filter((f) => imports(f).some((i) => i.includes('/server/')))).toEqual([]);
    expect(
      walk('src/core').filter((f) =>
        imports(f).some((i) => i.startsWith('node:') || /\/(cli|app|io|store|server|shell|report|charts)\//.test(i)),
      ),
    ).toEqual([]);
  });
  it('the CLI entry point loads no command module until one is dispatched', () => {
    const main = readFileSync('src/cli/main.ts', 'utf8');
    expect(main).not.toMatch(/^import .*\.\/commands\//m);
  });
});
