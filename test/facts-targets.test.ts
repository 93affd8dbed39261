/**
 * The stylized facts that were calibration targets of the built-in scenario's
 * fitted values (audit6b A3): `truce facts` marks them in its text and --json,
 * and counts the independent facts apart. Independent expectation: the table
 * of fitted values in docs/model/calibration-ceasefire.md ("fitted so that ...
 * facts N hold") and the "calibration target of" column of
 * docs/stylized-facts.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CALIBRATION_TARGETS, markCalibrationTargets, type FactResult } from '../src/core/analysis/facts.js';
import { renderFacts } from '../src/cli/render/facts.js';
import { ROOT, truce } from './helpers/cli.js';

const doc = (p: string) => readFileSync(join(ROOT, p), 'utf8');

/** Fact numbers named in the "fitted so that" column of the calibration doc's table of fitted values. */
function targetsInCalibrationDoc(): Set<number> {
  const out = new Set<number>();
  const rows = doc('docs/model/calibration-ceasefire.md')
    .split('\n')
    .filter((l) => l.startsWith('| ') && !l.startsWith('| parameter'));
  for (const row of rows) {
    const cell = row.split('|').at(-2) ?? '';
    for (const m of cell.matchAll(/facts? ([\d, and]+)/g)) for (const n of m[1].match(/\d+/g) ?? []) out.add(Number(n));
  }
  return out;
}

/** Facts whose "calibration target of" cell in docs/stylized-facts.md is not "no ...". */
function targetsInFactsDoc(): Map<number, string> {
  const out = new Map<number, string>();
  const lines = doc('docs/stylized-facts.md').split('\n');
  const head = lines.findIndex((l) => l.startsWith('| # | fact |'));
  expect(lines[head]).toMatch(/\| calibration target of \|$/);
  for (const l of lines.slice(head + 2)) {
    if (!l.startsWith('| ')) break;
    const cells = l.split('|').map((c) => c.trim());
    if (!/^no\b/.test(cells.at(-2)!)) out.set(Number(cells[1]), cells.at(-2)!);
  }
  return out;
}

const targetIds = Object.keys(CALIBRATION_TARGETS).map(Number);

describe('facts: calibration targets', () => {
  it('are the facts the calibration doc says the fitted values were tuned to, and the facts doc marks', () => {
    expect(targetsInCalibrationDoc()).toEqual(new Set(targetIds));
    expect(new Set(targetsInFactsDoc().keys())).toEqual(new Set(targetIds));
  });

  it('are marked for the built-in scenario only', () => {
    const results = Array.from({ length: 16 }, (_, i) => ({
      id: i + 1,
      statement: `fact ${i + 1}`,
      holds: true,
      status: 'holds' as const,
      measures: [],
    }));
    const marked = markCalibrationTargets(results, 'iran-israel');
    expect(marked.filter((r) => r.calibrationTarget).map((r) => r.id)).toEqual(targetIds);
    expect(marked.find((r) => r.id === 12)!.fittedToIt).toMatch(/Israel's weights/);
    expect(marked.find((r) => r.id === 2)!.fittedToIt).toBeNull();
    const other = markCalibrationTargets(results, 'my-scenario');
    expect(other.every((r) => r.calibrationTarget === false && r.fittedToIt === null)).toBe(true);
  });

  it('the summary counts independent facts apart from targets', () => {
    // Facts 1-16; 2 and 3 fail: one independent (2), one target (3).
    const results: FactResult[] = markCalibrationTargets(
      Array.from({ length: 16 }, (_, i) => {
        const fails = i + 1 === 2 || i + 1 === 3;
        return {
          id: i + 1,
          statement: `fact ${i + 1}`,
          holds: !fails,
          status: fails ? ('fails' as const) : ('holds' as const),
          measures: [],
        };
      }),
      'iran-israel',
    );
    const text = renderFacts(results, 100);
    expect(text).toMatch(/14 of 16 facts hold with 95% confidence/);
    expect(text).toContain('Independent facts: 9 of 10 hold.');
    expect(text).toMatch(/Calibration targets \(facts 1, 3, 4, 5, 8, 12: [^)]*\): 5 of 6 hold\./);
    // A stored result from before the marks has none: no target line.
    const stored = results.map((r) => ({ ...r, calibrationTarget: undefined, fittedToIt: undefined }));
    expect(renderFacts(stored, 100)).not.toMatch(/Independent/);
  });

  it('truce facts --json marks the targets with what was fitted to them', () => {
    const r = truce(['facts', '--runs', '10', '--seed', '1', '--json', '--no-store', '--workers', '1']);
    expect(r.code, r.stderr).toBe(0);
    const facts = (JSON.parse(r.stdout) as { facts: FactResult[] }).facts;
    expect(facts).toHaveLength(16);
    for (const f of facts) {
      expect(f.calibrationTarget).toBe(targetIds.includes(f.id));
      expect(f.fittedToIt).toBe(CALIBRATION_TARGETS[f.id] ?? null);
    }
  });
});
