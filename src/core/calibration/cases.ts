/**
 * The case library format (data/ceasefires.csv, documented in data/README.md):
 * one ceasefire spell per row, its provisions as covariates and, for past
 * cases, its outcome (collapse day or censoring). Parsing is strict: every
 * problem names the row (its line and id) and the column. Outcome columns may
 * be empty (a case to forecast); covariate columns may not.
 */
import { parseCsv, CsvError } from './csv.js';

export const ARENAS = ['interstate', 'state-nonstate'] as const;
export type Arena = (typeof ARENAS)[number];
export const YES_PARTIAL_NO = ['yes', 'partial', 'no'] as const;
export type Provision = (typeof YES_PARTIAL_NO)[number];
export const SPECIFICITY = ['high', 'medium', 'low'] as const;
export type Specificity = (typeof SPECIFICITY)[number];
/** `holding` is a spell still in force at the end of the sources: censored. */
export const STATUSES = ['collapsed', 'censored', 'holding'] as const;

/** What the coding may read: the covariates of a spell, never its outcome. */
export interface CaseCovariates {
  id: string;
  arena: Arena;
  writtenAgreement: Provision;
  monitoring: Provision;
  buffer: Provision;
  specificity: Specificity;
  guarantee: Provision;
  faceSaving: Provision;
  /** A named broker (the `mediator` column is not empty and does not start with "none"). */
  mediated: boolean;
  /** A built-in expiry, in days, read from a leading "N hours/days/weeks/months/years" of `fixed_term`; null if none. */
  termDays: number | null;
  /** `fixed_term` calls it a humanitarian pause. */
  humanitarian: boolean;
}

export interface CaseOutcome {
  /** Days observed: the collapse day or the censoring day. */
  days: number;
  collapsed: boolean;
}

export interface CaseRow {
  covariates: CaseCovariates;
  /** Null when the outcome columns are empty (a case to forecast). */
  outcome: CaseOutcome | null;
  name: string;
  /** 1-based line of the file on which the row starts. */
  line: number;
}

/** Columns a file must have (the outcome columns may be empty, not absent: `status`, `duration_days`). */
export const REQUIRED_COLUMNS = [
  'id',
  'arena',
  'written_agreement',
  'third_party_monitoring',
  'dmz_or_buffer',
  'specificity',
  'third_party_guarantee',
  'face_saving',
  'mediator',
  'fixed_term',
  'status',
  'duration_days',
] as const;

export interface CaseProblem {
  line: number;
  row: string;
  column: string;
  expected: string;
  found: string;
}

export class CaseFileError extends Error {
  constructor(readonly problems: CaseProblem[]) {
    super(problems.map(formatCaseProblem).join('\n'));
    this.name = 'CaseFileError';
  }
}

export function formatCaseProblem(p: CaseProblem): string {
  return `line ${p.line}${p.row ? ` (row ${p.row})` : ''}, column ${p.column}: expected ${p.expected}, found ${p.found}`;
}

const UNITS: Record<string, number> = { hour: 1 / 24, day: 1, week: 7, month: 30.4375, year: 365.25 };

/** "72 hours" -> 3, "2 months, renewed twice" -> 61, "at least 3 years" -> 1096, "none" -> null. */
export function parseTerm(text: string): number | null {
  const m = /^\s*(?:at least\s+|initially\s+)?(\d+(?:\.\d+)?)\s*(hour|day|week|month|year)s?\b/i.exec(text);
  if (!m) return null;
  return Math.max(1, Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()]));
}

function show(v: string): string {
  return v === '' ? 'an empty field' : JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
}

/** Parse a case file. Throws CaseFileError (every problem found) or CsvError (malformed CSV). */
export function parseCases(text: string, opts: { requireOutcome?: boolean } = {}): CaseRow[] {
  const table = parseCsv(text);
  const problems: CaseProblem[] = [];
  const missing = REQUIRED_COLUMNS.filter((c) => !table.header.includes(c));
  if (missing.length)
    throw new CaseFileError(
      missing.map((c) => ({
        line: 1,
        row: '',
        column: c,
        expected: 'this column in the header',
        found: 'no such column',
      })),
    );
  const col = Object.fromEntries(table.header.map((h, k) => [h, k])) as Record<string, number>;
  const ids = new Set<string>();
  const out: CaseRow[] = [];
  table.rows.forEach((r, k) => {
    const line = table.lines[k];
    const id = r[col.id].trim();
    const before = problems.length;
    const bad = (column: string, expected: string) =>
      problems.push({ line, row: id, column, expected, found: show(r[col[column]].trim()) });
    if (!/^[A-Za-z0-9][\w.-]*$/.test(id)) bad('id', 'an identifier (letters, digits, _ . -)');
    else if (ids.has(id))
      problems.push({
        line,
        row: id,
        column: 'id',
        expected: 'an id not used by an earlier row',
        found: JSON.stringify(id),
      });
    ids.add(id);
    const choice = <T extends string>(column: string, values: readonly T[]): T => {
      const v = r[col[column]].trim().toLowerCase();
      if (!(values as readonly string[]).includes(v)) bad(column, `one of ${values.join(', ')}`);
      return v as T;
    };
    const arena = choice('arena', ARENAS);
    const writtenAgreement = choice('written_agreement', YES_PARTIAL_NO);
    const monitoring = choice('third_party_monitoring', YES_PARTIAL_NO);
    const buffer = choice('dmz_or_buffer', YES_PARTIAL_NO);
    const specificity = choice('specificity', SPECIFICITY);
    const guarantee = choice('third_party_guarantee', YES_PARTIAL_NO);
    const faceSaving = choice('face_saving', YES_PARTIAL_NO);
    const mediator = r[col.mediator].trim();
    if (mediator === '') bad('mediator', 'who brokered it, or "none"');
    const fixedTerm = r[col.fixed_term].trim();
    if (fixedTerm === '') bad('fixed_term', 'the built-in expiry ("72 hours", "6 months") or "none"');
    const status = r[col.status].trim().toLowerCase();
    const durationText = r[col.duration_days].trim();
    let outcome: CaseOutcome | null = null;
    if (status !== '' || durationText !== '') {
      if (!(STATUSES as readonly string[]).includes(status))
        bad('status', `one of ${STATUSES.join(', ')} (or empty, with duration_days empty, for a case to forecast)`);
      const days = Number(durationText);
      if (durationText === '' || !Number.isInteger(days) || days < 0)
        bad('duration_days', 'a whole number of days >= 0 (or empty, with status empty)');
      else outcome = { days, collapsed: status === 'collapsed' };
    } else if (opts.requireOutcome) {
      bad('status', `one of ${STATUSES.join(', ')}: this use needs every row's outcome`);
    }
    if (problems.length > before) return;
    out.push({
      covariates: {
        id,
        arena,
        writtenAgreement,
        monitoring,
        buffer,
        specificity,
        guarantee,
        faceSaving,
        mediated: !/^none\b/i.test(mediator),
        termDays: parseTerm(fixedTerm),
        humanitarian: /humanitarian/i.test(fixedTerm),
      },
      outcome,
      name: col.name !== undefined ? r[col.name] : id,
      line,
    });
  });
  if (problems.length) throw new CaseFileError(problems);
  if (out.length === 0)
    throw new CaseFileError([{ line: 2, row: '', column: 'id', expected: 'at least one case row', found: 'none' }]);
  return out;
}

export { CsvError };
