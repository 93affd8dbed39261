/**
 * Notes on a valid scenario (audit6a A3, C1, C2, D5, D6): `scenario validate` warns when raising verification adds
 * more perceived violations for a state than it removes, and lists the weights a state's role uses that it leaves to
 * the defaults. Neither fires on the built-in scenario.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ceasefireScenarioSchema, type CeasefireScenario } from '../src/core/scenario/ceasefire-schema.js';
import { checkCeasefireRules } from '../src/core/scenario/ceasefire-rules.js';
import { checkShape } from '../src/core/scenario/problems.js';
import {
  defaultedWeightNotes,
  scenarioNotes,
  verificationWarnings,
  verifiedReadings,
} from '../src/core/scenario/advice.js';
import { checkScenario } from '../src/app/check-scenario.js';
import { stringify } from 'yaml';
import { truce } from './helpers/cli.js';

const builtInText = readFileSync('scenarios/iran-israel.yaml', 'utf8');
type Doc = Record<string, Record<string, Record<string, unknown>>>;

function scenario(edit: (d: Doc) => void = () => {}): CeasefireScenario {
  const doc = parse(builtInText) as Doc;
  edit(doc);
  const c = checkShape(ceasefireScenarioSchema, doc);
  if (!c.ok) throw new Error(JSON.stringify(c.problems));
  return c.value;
}
const noAgreed = (d: Doc) => {
  delete d.agreement.agreedReadings;
};

describe('the verification warning', () => {
  it('does not fire on the built-in scenario, nor does any note', () => {
    expect(scenarioNotes(scenario())).toEqual([]);
  });

  it('fires for both states once the agreed readings are left to their defaults (1 and 0.5)', () => {
    const ws = verificationWarnings(scenario(noAgreed));
    expect(ws.map((w) => [w.level, w.path])).toEqual([
      ['warning', 'actors.israel.redlines'],
      ['warning', 'actors.iran.redlines'],
    ]);
    expect(ws[0].message).toMatch(/^raising verification \(lever verification\) adds [\d.]+ rung-weighted/);
    expect(ws[0].message).toContain('removes 0.24 (spurious reports)');
  });

  it('each action term is r x kappa x (1 + rung) x (agreed - d0 x own), by hand for one action', () => {
    // Israel's view of Iran's clandestine-transfer (prohibited: agreed 1) in the built-in, from the file's own fields;
    // a defender has no pdr or readiness term, so leaving those out is not worth a note (below).
    const s = scenario();
    const iran = s.actors.iran as { activities: Record<string, number>; envelope: number };
    const israel = s.actors.israel as { redlines: Record<string, number>; intelligence: number };
    const a = s.actions['clandestine-transfer'];
    const rate = iran.activities['clandestine-transfer'] * iran.envelope;
    const kappa = s.agreement.verification.coverage[a.domain]!;
    const own = s.agreement.specificity * 1 + (1 - s.agreement.specificity) * israel.redlines['clandestine-transfer'];
    const d0 = israel.intelligence * a.visibility;
    const row = verifiedReadings(s).israel.find((r) => r.action === 'clandestine-transfer' && r.actor === 'iran')!;
    expect(row.agreed).toBe(1);
    expect(row.own).toBeCloseTo(own, 12);
    expect(row.perUnitVerification).toBeCloseTo(rate * kappa * (1 + a.rung) * (1 - d0 * own), 12);
  });

  it('raising any agreed reading never lowers what verification adds (fast-check)', () => {
    const base = scenario(noAgreed);
    const actions = Object.keys(base.actions);
    const total = (s: CeasefireScenario) =>
      Object.values(verifiedReadings(s)).map((rows) => rows.reduce((t, r) => t + r.perUnitVerification, 0));
    fc.assert(
      fc.property(
        fc.constantFrom(...actions),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (action, x, y) => {
          const [lo, hi] = x <= y ? [x, y] : [y, x];
          const low = structuredClone(base);
          low.agreement.agreedReadings[action] = lo;
          const high = structuredClone(base);
          high.agreement.agreedReadings[action] = hi;
          total(low).forEach((t, i) => expect(total(high)[i]).toBeGreaterThanOrEqual(t - 1e-12));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('agreed readings of 0 clear it; no lever or framework on the monitor, no warning', () => {
    const zero = scenario((d) => {
      d.agreement.agreedReadings = Object.fromEntries(Object.keys(d.actions).map((a) => [a, 0]));
    });
    expect(verificationWarnings(zero)).toEqual([]);
    const noLever = scenario((d) => {
      noAgreed(d);
      delete d.levers.verification;
      for (const f of Object.values(d.frameworks) as { levers: Record<string, number> }[]) delete f.levers.verification;
    });
    expect(verificationWarnings(noLever)).toEqual([]);
  });
});

describe('weights left to the defaults', () => {
  it("lists the weights a state's role uses that it leaves out, with their defaults", () => {
    const s = scenario((d) => {
      delete (d.actors.israel as { weights?: unknown }).weights;
      delete (d.actors.iran.weights as Record<string, number>).pdr;
    });
    const notes = defaultedWeightNotes(s);
    expect(notes.map((n) => [n.level, n.path])).toEqual([
      ['info', 'actors.israel.weights'],
      ['info', 'actors.iran.weights'],
    ]);
    expect(notes[0].message).toContain('israel (defender) leaves 10 of the 10 weights its role uses to the defaults');
    expect(notes[0].message).toContain('preemption 1');
    expect(notes[0].message).not.toMatch(/\bpdr\b|\breadiness\b/);
    expect(notes[1].message).toContain(
      'iran (revisionist) leaves 1 of the 9 weights its role uses to the defaults (pdr 1)',
    );
  });

  it('a documented parameter range on a weight the file leaves unset says so', () => {
    const s = scenario((d) => {
      delete (d.actors.israel.weights as Record<string, number>).pv;
    });
    const p = checkCeasefireRules(s).find((x) => x.path === 'parameters["actors.israel.weights.pv"]');
    expect(p?.found).toBe(
      '"actors.israel.weights.pv", which the file leaves unset (give it the value the range documents)',
    );
  });
});

describe('truce scenario validate prints the notes, and stays valid', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'truce-notes-'));
  const doc = parse(builtInText) as Doc;
  noAgreed(doc);
  const file = join(tmp, 'no-agreed.json');
  writeFileSync(file, JSON.stringify(doc));
  it('text: a warning line per state under "valid", exit 0; --json: notes', () => {
    const r = truce(['scenario', 'validate', file]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/: valid ceasefire scenario/);
    expect(lines.slice(1).map((l) => l.slice(0, l.indexOf(': raising')))).toEqual([
      'warning: actors.israel.redlines',
      'warning: actors.iran.redlines',
    ]);
    const j = truce(['scenario', 'validate', file, '--json']);
    expect(j.code).toBe(0);
    const out = JSON.parse(j.stdout);
    expect(out.valid).toBe(true);
    expect(out.notes.map((n: { path: string }) => n.path)).toEqual(['actors.israel.redlines', 'actors.iran.redlines']);
  });
  it('the built-in scenario: the "valid" line alone', () => {
    const r = truce(['scenario', 'validate', 'scenarios/iran-israel.yaml']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
  });
});

describe("the dashboard's check returns the notes (POST /api/check answers with checkScenario)", () => {
  it('a valid text with notes: ok, no problems, the warnings; the built-in: none', () => {
    const doc = parse(builtInText) as Doc;
    noAgreed(doc);
    const c = checkScenario(stringify(doc));
    expect(c.ok).toBe(true);
    if (c.ok) expect(c.notes.map((n) => n.level)).toEqual(['warning', 'warning']);
    const b = checkScenario(builtInText);
    expect(b.ok && b.notes).toEqual([]);
  });
});
