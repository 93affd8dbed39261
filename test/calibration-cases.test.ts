/** The case library: strict CSV, the case format, the coding, and `truce forecast` on rows it has never seen. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalAt } from '../src/core/analysis/survival/kaplan-meier.js';
import { lifeTableFromObservations } from '../src/core/analysis/survival/life-table.js';
import {
  ARENAS,
  CaseFileError,
  parseCases,
  parseTerm,
  SPECIFICITY,
  YES_PARTIAL_NO,
  type CaseCovariates,
} from '../src/core/calibration/cases.js';
import { caseScenario } from '../src/core/calibration/coding.js';
import { CsvError, parseCsv } from '../src/core/calibration/csv.js';
import { buildModel } from '../src/core/engine/model.js';
import { runCeasefire } from '../src/core/engine/run.js';
import { truce } from './helpers/cli.js';

const libraryText = readFileSync('data/ceasefires.csv', 'utf8');
const tmp = mkdtempSync(join(tmpdir(), 'truce-cases-'));

describe('strict CSV', () => {
  it('reads quoted commas, doubled quotes and line breaks inside quotes (RFC 4180)', () => {
    const t = parseCsv('a,b,c\r\n1,"x, y","say ""hi"""\n2,"two\nlines",\n');
    expect(t.header).toEqual(['a', 'b', 'c']);
    expect(t.rows).toEqual([
      ['1', 'x, y', 'say "hi"'],
      ['2', 'two\nlines', ''],
    ]);
    expect(t.lines).toEqual([2, 3]);
  });
  it('names the line of a malformed row', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n')).toThrow(/line 3: expected 2 fields/);
    expect(() => parseCsv('a,b\n1,"open\n')).toThrow(/line 2: field 2: a quoted field is never closed/);
    expect(() => parseCsv('a,b\n1,x"y\n')).toThrow(CsvError);
  });
});

describe('the case library', () => {
  const cases = parseCases(libraryText, { requireOutcome: true });
  it('holds the 46 sourced spells, 30 interstate and 16 state-nonstate', () => {
    expect(cases).toHaveLength(46);
    expect(cases.filter((c) => c.covariates.arena === 'interstate')).toHaveLength(30);
  });
  it("reproduces the record's Kaplan-Meier shares quoted in issue 10 (15% / 20% / 22% / 31% failed by 7 / 30 / 90 / 365 days)", () => {
    const km = kaplanMeier(
      lifeTableFromObservations(
        cases.map((c) => c.outcome!.days),
        cases.map((c) => c.outcome!.collapsed),
      ),
    );
    const failed = (d: number) => 1 - survivalAt(km, d)!.survival;
    expect(failed(7)).toBeCloseTo(0.152, 2);
    expect(failed(30)).toBeCloseTo(0.196, 2);
    expect(failed(90)).toBeCloseTo(0.217, 2);
    expect(Math.round(failed(365) * 100)).toBe(31);
  });
  it('reads fixed terms: a leading "N unit" is a term, anything else is none', () => {
    expect(parseTerm('72 hours')).toBe(3);
    expect(parseTerm('28 days')).toBe(28);
    expect(parseTerm('2 months, renewed twice')).toBe(61);
    expect(parseTerm('at least 3 years, UNEF mandate renewed')).toBe(1096);
    expect(parseTerm('none (indefinite until settlement)')).toBeNull();
    expect(parseTerm('humanitarian')).toBeNull();
  });
  it('names the line, the row and the column of every bad field', () => {
    const lines = libraryText.split(/\r?\n/);
    const header = lines[0];
    // Row 3 of the file, a single-line row: change its arena and its specificity.
    const cols = parseCsv(header).header;
    const row = parseCsv(header + '\n' + lines[2]).rows[0];
    row[cols.indexOf('arena')] = 'galactic';
    row[cols.indexOf('specificity')] = 'very';
    const quoted = row.map((f) => `"${f.replace(/"/g, '""')}"`).join(',');
    let err: CaseFileError | null = null;
    try {
      parseCases([header, quoted].join('\n'));
    } catch (e) {
      err = e as CaseFileError;
    }
    expect(err).toBeInstanceOf(CaseFileError);
    expect(err!.message).toMatch(
      /line 2 \(row il_arab_1948_truce2\), column arena: expected one of interstate, state-nonstate, found "galactic"/,
    );
    expect(err!.message).toMatch(/column specificity: expected one of high, medium, low, found "very"/);
  });
  it('accepts a row whose outcome columns are empty (a case to forecast)', () => {
    const t = parseCsv(libraryText);
    const r = [...t.rows[0]];
    for (const c of ['end_date', 'end_event', 'status', 'duration_days']) r[t.header.indexOf(c)] = '';
    const csv = [t.header.join(','), r.map((f) => `"${f.replace(/"/g, '""')}"`).join(',')].join('\n');
    const [c] = parseCases(csv);
    expect(c.outcome).toBeNull();
    expect(() => parseCases(csv, { requireOutcome: true })).toThrow(/column status/);
  });
});

const covariates = fc.record({
  id: fc.constantFrom('x1', 'case-2'),
  arena: fc.constantFrom(...ARENAS),
  writtenAgreement: fc.constantFrom(...YES_PARTIAL_NO),
  monitoring: fc.constantFrom(...YES_PARTIAL_NO),
  buffer: fc.constantFrom(...YES_PARTIAL_NO),
  specificity: fc.constantFrom(...SPECIFICITY),
  guarantee: fc.constantFrom(...YES_PARTIAL_NO),
  faceSaving: fc.constantFrom(...YES_PARTIAL_NO),
  mediated: fc.boolean(),
  termDays: fc.option(fc.integer({ min: 1, max: 2000 })),
  humanitarian: fc.boolean(),
}) as fc.Arbitrary<CaseCovariates>;

describe('the coding', () => {
  it('turns any covariates into a runnable scenario, deterministically', () => {
    fc.assert(
      fc.property(covariates, (c) => {
        const s = caseScenario(c);
        expect(caseScenario({ ...c })).toEqual(s);
        const o = runCeasefire(buildModel(s, {}), { seed: 1, days: 30 }).outcome;
        expect(o.time).toBeGreaterThan(0);
        expect(o.time).toBeLessThanOrEqual(30);
      }),
      { numRuns: 40 },
    );
  });
  it('maps each provision to the agreement: monitoring to verification, specificity, guarantee, face-saving, terms', () => {
    const base: CaseCovariates = {
      id: 'x',
      arena: 'interstate',
      writtenAgreement: 'yes',
      monitoring: 'no',
      buffer: 'no',
      specificity: 'low',
      guarantee: 'no',
      faceSaving: 'no',
      mediated: true,
      termDays: null,
      humanitarian: false,
    };
    const a = caseScenario(base);
    const b = caseScenario({
      ...base,
      monitoring: 'yes',
      specificity: 'high',
      guarantee: 'partial',
      faceSaving: 'yes',
      buffer: 'yes',
      writtenAgreement: 'no',
    });
    expect(b.agreement.verification.capability).toBeGreaterThan(a.agreement.verification.capability);
    expect(b.agreement.specificity).toBeGreaterThan(a.agreement.specificity);
    expect(b.agreement.guarantee).toBeGreaterThan(a.agreement.guarantee);
    expect(b.agreement.faceSaving).toBeGreaterThan(a.agreement.faceSaving);
    const contact = (s: typeof a) =>
      (s.actors['side-a'] as { activities: Record<string, number> }).activities['cross-line-fire'];
    expect(contact(b)).toBeLessThan(contact(a));
    expect(a.agreement.terms['cross-line-fire']).toBe('prohibited');
    expect(b.agreement.terms['cross-line-fire']).toBeUndefined();
  });
});

describe('truce forecast', () => {
  it('answers the contract for rows it has never seen, with empty outcome columns', () => {
    const t = parseCsv(libraryText);
    const cols = t.header;
    const unseen = (id: string, arena: string, monitoring: string) =>
      cols.map(
        (c) =>
          ({
            id,
            name: `Unseen ${id}`,
            arena,
            third_party_monitoring: monitoring,
            written_agreement: 'partial',
            dmz_or_buffer: 'no',
            specificity: 'low',
            third_party_guarantee: 'no',
            face_saving: 'no',
            mediator: 'Qatar',
            fixed_term: 'none',
          })[c] ?? '',
      );
    const file = join(tmp, 'unseen.csv');
    writeFileSync(
      file,
      [
        cols.join(','),
        unseen('future-1', 'state-nonstate', 'no').join(','),
        unseen('future-2', 'interstate', 'yes').join(','),
      ].join('\n') + '\n',
    );
    const r = truce(['forecast', '--cases', file, '--runs', '40', '--seed', '3', '--json', '--workers', '1']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.runs).toBe(40);
    expect(j.seed).toBe(3);
    expect(typeof j.posterior).toBe('string');
    expect(j.cases.map((c: { id: string }) => c.id)).toEqual(['future-1', 'future-2']);
    for (const c of j.cases) {
      expect(Object.keys(c.pCollapseBy)).toEqual(['7', '30', '90', '180', '365']);
      let last = 0;
      for (const d of ['7', '30', '90', '180', '365']) {
        const p = c.pCollapseBy[d];
        expect(p.lo).toBeLessThanOrEqual(p.estimate);
        expect(p.hi).toBeGreaterThanOrEqual(p.estimate);
        expect(p.estimate).toBeGreaterThanOrEqual(last);
        last = p.estimate;
      }
      expect(c.medianDay === null || Number.isInteger(c.medianDay)).toBe(true);
    }
  });
  it('rejects a malformed row with its row and column, exit 2, nothing on stdout', () => {
    const bad = libraryText.replace(
      'il_eg_1949_armistice,Israel-Egypt General Armistice Agreement,Israel-Egypt,"Israel, Egypt",interstate',
      'il_eg_1949_armistice,Israel-Egypt General Armistice Agreement,Israel-Egypt,"Israel, Egypt",interplanetary',
    );
    const file = join(tmp, 'bad.csv');
    writeFileSync(file, bad);
    const r = truce(['forecast', '--cases', file, '--runs', '5', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      `${file}: line 4 (row il_eg_1949_armistice), column arena: expected one of interstate, state-nonstate, found "interplanetary"`,
    );
  });
});
