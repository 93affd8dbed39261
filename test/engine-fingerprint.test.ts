/**
 * The engine fingerprint (src/io/engine.ts; docs/analysis.md, "The engine fingerprint") covers every module
 * whose code decides what a stored sweep point or sensitivity result holds, not only src/core/: a change to
 * how src/app builds a design or summarises a point must refuse `truce sweep --resume` of points summarised
 * the old way. The queue's engine id is the same function over dist/, and equals the engine a CLI run stores.
 */
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { codeFingerprint, RESULT_DATA, RESULT_MODULES } from '../src/io/engine.js';
import { engineId } from '../src/queue/protocol.js';
import { ROOT, truce } from './helpers/cli.js';

/**
 * Modules of src/app and src/shell that the result modules import but that decide nothing a stored result
 * holds, each with the reason (the same as docs/analysis.md gives). A new import must be put in one list or
 * the other.
 */
const NOT_RESULT: Record<string, string> = {
  'app/budget': 'refuses work above a limit before anything runs; computes nothing stored',
  'app/context': 'the clock and the runner type',
  'app/contract': 'request schemas, response types and the text of stored settings',
  'app/file-kind': 'names the kind of a file in error messages',
  'app/profiles': 'reads defence profile files when an analysis starts; the profiles read are stored with it',
  'app/case-library': 'the calibration cases and the path of the default posterior, whose content is hashed as data',
  'shell/scenario-key':
    "names a design point (the workers' model cache, the queue's job ids) by a hash of its scenario; it changes no result",
  'shell/engine-env':
    'reads TRUCE_ENGINE: JavaScript or the WebAssembly kernel, the same outcomes bit for bit (docs/kernel.md)',
};

/** Relative value imports (not `import type`) of a source file, outside core/ (hashed whole). */
function valueImports(file: string): string[] {
  const text = readFileSync(join(ROOT, 'src', `${file}.ts`), 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^(?:import|export)\s+(type\s+)?[^;]*?from\s+'(\.[^']+)'/gms)) {
    if (m[1]) continue;
    const target = normalize(join(dirname(file), m[2].replace(/\.js$/, '')));
    if (!target.startsWith('core/')) out.push(target);
  }
  return out;
}

describe('the engine fingerprint covers what decides a stored result', () => {
  it('every app/ and shell/ module the sweep, sensitivity and ensemble modules import is hashed or named as not deciding results', () => {
    const seen = new Set<string>();
    const queue: string[] = [...RESULT_MODULES];
    while (queue.length) {
      const f = queue.pop()!;
      if (seen.has(f)) continue;
      seen.add(f);
      if (f.startsWith('app/') || f.startsWith('shell/')) queue.push(...valueImports(f));
    }
    const unclassified = [...seen].filter(
      (f) => (f.startsWith('app/') || f.startsWith('shell/')) && !RESULT_MODULES.includes(f as never) && !NOT_RESULT[f],
    );
    expect(unclassified).toEqual([]);
    for (const m of ['app/sweep', 'app/sensitivity', 'app/posterior-ensemble', 'app/scenario', 'shell/ensemble'])
      expect(RESULT_MODULES).toContain(m);
    for (const m of Object.keys(NOT_RESULT)) expect(RESULT_MODULES).not.toContain(m);
  });

  it('a change to a result module or the default posterior changes it; a change elsewhere in src/app does not', () => {
    const tmp = mkdtempSync(join(tmpdir(), 'truce-fingerprint-'));
    const src = join(tmp, 'src');
    cpSync(join(ROOT, 'src'), src, { recursive: true });
    for (const d of RESULT_DATA) cpSync(join(ROOT, d), join(tmp, d));
    const before = codeFingerprint(src, '.ts');
    // The copy hashes as the tree it copies (paths are taken relative to the root).
    expect(before).toBe(codeFingerprint(join(ROOT, 'src'), '.ts'));
    let last = before;
    for (const f of [
      ...RESULT_MODULES.map((m) => join('src', `${m}.ts`)),
      'src/core/ensemble/summarize.ts',
      ...RESULT_DATA,
    ]) {
      appendFileSync(join(tmp, f), '\n');
      const now = codeFingerprint(src, '.ts');
      expect(now, `a change to ${f}`).not.toBe(last);
      last = now;
    }
    // Outside the list: another command's module, the CLI, the store.
    for (const f of ['src/app/compare.ts', 'src/cli/main.ts', 'src/store/experiments.ts', 'src/app/budget.ts']) {
      appendFileSync(join(tmp, f), '\n// a comment\n');
      expect(codeFingerprint(src, '.ts'), `a change to ${f}`).toBe(last);
    }
  });

  it("the queue's engine id is the fingerprint of dist/, and the engine a CLI run stores", () => {
    expect(engineId()).toBe(codeFingerprint(join(ROOT, 'dist'), '.js'));
    const db = join(mkdtempSync(join(tmpdir(), 'truce-fingerprint-db-')), 't.db');
    const r = truce([
      'sensitivity',
      '--method',
      'morris',
      '--levers',
      'verification,sanctions',
      '--samples',
      '2',
      '--runs-per-point',
      '4',
      '--days',
      '10',
      '--workers',
      '1',
      '--json',
      '--db',
      db,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const d = new Database(db, { readonly: true });
    try {
      expect((d.prepare('SELECT engine FROM experiments WHERE id = 1').get() as { engine: string }).engine).toBe(
        engineId(),
      );
    } finally {
      d.close();
    }
  });
});
