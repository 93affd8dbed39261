/**
 * A documented range (the scenario's `parameters` block) states plausible values, not validity: a value
 * outside it in a scenario file is allowed with a warning (stderr; `scenario validate` says it), the
 * schema's hard bounds stay errors (docs/scenario-reference.md, docs/analysis.md "Moving a documented
 * parameter").
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { truce } from './helpers/cli.js';

const BUILT_IN = readFileSync('scenarios/iran-israel.yaml', 'utf8');

/** The built-in scenario with one line's value replaced, written to a temporary file. */
function variant(dir: string, name: string, pattern: RegExp, replacement: string): string {
  const text = BUILT_IN.replace(pattern, replacement);
  expect(text).not.toBe(BUILT_IN);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('a value outside its documented range', () => {
  it('is allowed with a warning that names the file, the line, the path, the value and the range', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-ranges-'));
    try {
      // depletionWeight 0 switches the depletion channel off (documented range 0.5-2).
      const file = variant(dir, 'dep0.yaml', /^(\s+depletionWeight:) [0-9.]+/m, '$1 0');
      const line =
        readFileSync(file, 'utf8')
          .split('\n')
          .findIndex((l) => /^\s+depletionWeight: 0\b/.test(l)) + 1;
      const v = truce(['scenario', 'validate', file]);
      expect(v.code, v.stderr).toBe(0);
      expect(v.stdout).toMatch(/valid ceasefire scenario/);
      const warning = `${file}:${line}: actors.israel.preemption.depletionWeight: 0 is outside its documented range [0.5, 2]`;
      expect(v.stdout).toContain(`warning: ${warning}`);
      const j = truce(['scenario', 'validate', file, '--json']);
      expect(j.code).toBe(0);
      const o = JSON.parse(j.stdout);
      expect(o.valid).toBe(true);
      expect(o.warnings).toHaveLength(1);
      expect(o.warnings[0]).toContain(warning);
      // Any command that reads it runs, and warns on stderr (stdout stays the result).
      const c = truce([
        'compare',
        file,
        '--runs',
        '20',
        '--days',
        '30',
        '--posterior',
        'none',
        '--frameworks',
        'transactional-freeze',
        '--no-store',
        '--json',
      ]);
      expect(c.code, c.stderr).toBe(0);
      expect(c.stderr).toContain(`truce: warning: ${warning}`);
      expect(() => JSON.parse(c.stdout)).not.toThrow();
      // The built-in scenario has no value outside its ranges: no warning.
      const b = truce(['scenario', 'validate', 'scenarios/iran-israel.yaml', '--json']);
      expect(JSON.parse(b.stdout).warnings).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("the schema's hard bounds stay errors: a probability of 1.5 is refused, exit 2, naming the path", () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-ranges-'));
    try {
      const file = variant(dir, 'p15.yaml', /^(\s+termsUnagreed:) [0-9.]+/m, '$1 1.5');
      const v = truce(['scenario', 'validate', file]);
      expect(v.code).toBe(2);
      expect(v.stderr).toMatch(/agreement\.termsUnagreed/);
      expect(v.stderr).not.toMatch(/at .*\.js:\d+/);
      // A range whose maximum is below its minimum is a malformed range, still refused.
      const bad = variant(
        dir,
        'range.yaml',
        /agreement\.termsUnagreed: \{ min: 0, max: [0-9.]+/,
        'agreement.termsUnagreed: { min: 0.5, max: 0.1',
      );
      const r = truce(['scenario', 'validate', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /parameters\["agreement\.termsUnagreed"\]\.max: expected a maximum >= min \(0\.5\), got 0\.1/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--set PATH=V and --vary PATH=...: a documented parameter by its path', () => {
  const small = ['--runs', '40', '--days', '60', '--seed', '5', '--no-store', '--json', '--workers', '1'];
  it('runs exactly as a copy of the scenario with the value written there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-setpath-'));
    try {
      const copy = variant(dir, 'dep2.yaml', /^(\s+depletionWeight:) [0-9.]+/m, '$1 2');
      const base = ['compare', '--posterior', 'none', '--frameworks', 'transactional-freeze', ...small];
      const viaSet = truce([...base, '--set', 'actors.israel.preemption.depletionWeight=2']);
      const viaFile = truce(['compare', copy, ...base.slice(1)]);
      expect(viaSet.code, viaSet.stderr).toBe(0);
      expect(viaFile.code, viaFile.stderr).toBe(0);
      const a = JSON.parse(viaSet.stdout).arms[0];
      const b = JSON.parse(viaFile.stdout).arms[0];
      expect(a.pCollapseBy).toEqual(b.pCollapseBy);
      expect(a.survival).toEqual(b.survival);
      // scenario show writes the value at the path.
      const shown = truce([
        'scenario',
        'show',
        'scenarios/iran-israel.yaml',
        '--set',
        'actors.israel.preemption.depletionWeight=2',
        '--json',
      ]);
      expect(shown.code, shown.stderr).toBe(0);
      expect(JSON.parse(shown.stdout).actors.israel.preemption.depletionWeight).toBe(2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it('--vary PATH=V1,V2 gives one arm per value, labelled with the path', () => {
    const r = truce([
      'compare',
      '--posterior',
      'none',
      '--frameworks',
      'transactional-freeze',
      '--vary',
      'actors.israel.defense.stocksAtSigning=0.4,1',
      ...small,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).arms.map((a: { label: string }) => a.label)).toEqual([
      'transactional-freeze actors.israel.defense.stocksAtSigning=0.4',
      'transactional-freeze actors.israel.defense.stocksAtSigning=1',
    ]);
  });
  it('refuses a value outside the documented range, an unknown path, and a path the posterior draws: exit 2, naming the flag and the path', () => {
    const out = truce(['run', '--set', 'actors.israel.defense.stocksAtSigning=3']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(
      /--set actors\.israel\.defense\.stocksAtSigning: expected a value in the documented range of actors\.israel\.defense\.stocksAtSigning, \[0\.4, 1\].*got 3/,
    );
    const unknown = truce(['run', '--set', 'actors.israel.nothing=1']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(
      /--set actors\.israel\.nothing: expected a lever of this scenario \(.*\) or the path of a documented parameter/,
    );
    const vary = truce([
      'compare',
      '--vary',
      'actors.israel.defense.stocksAtSigning=0.4,7',
      '--runs',
      '5',
      '--no-store',
    ]);
    expect(vary.code).toBe(2);
    expect(vary.stderr).toMatch(/--vary actors\.israel\.defense\.stocksAtSigning/);
    // The default posterior draws agreement.termsUnagreed under the freeze: a --set there would be overwritten.
    const drawn = truce(['compare', '--set', 'agreement.termsUnagreed=0.1', '--runs', '5', '--no-store']);
    expect(drawn.code).toBe(2);
    expect(drawn.stderr).toMatch(
      /--set agreement\.termsUnagreed: the posterior default .* draws this path under transactional-freeze \(parameter unagreedUnwritten\).*--posterior none/,
    );
    for (const r of [out, unknown, vary, drawn]) expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});
