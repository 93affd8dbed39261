/** Reading a case file and the priors: file errors name the file, the row (line and id) and the column. */
import { resolve } from 'node:path';
import { CaseFileError, CsvError, formatCaseProblem, parseCases, type CaseRow } from '../core/calibration/cases.js';
import { parameterList, priorsSchema, type Parameter } from '../core/calibration/parameters.js';
import { PACKAGE_ROOT } from '../io/paths.js';
import { InputError as UserError } from '../io/errors.js';
import { readChecked, readText } from '../io/documents.js';

export const DATA_DIR = resolve(PACKAGE_ROOT, 'data');
export const DEFAULT_CASES = resolve(DATA_DIR, 'ceasefires.csv');
export const DEFAULT_PRIORS = resolve(DATA_DIR, 'priors.yaml');
export const DEFAULT_POSTERIOR = resolve(DATA_DIR, 'posterior.json');

export function loadCases(file: string, opts: { requireOutcome?: boolean } = {}): CaseRow[] {
  const text = readText(file);
  try {
    return parseCases(text, opts);
  } catch (err) {
    if (err instanceof CaseFileError)
      throw new UserError(err.problems.map((p) => `${file}: ${formatCaseProblem(p)}`).join('\n'));
    if (err instanceof CsvError) throw new UserError(`${file}: malformed CSV: ${err.message}`);
    throw err;
  }
}

export function loadPriors(file: string): { file: string; params: Parameter[] } {
  return { file, params: parameterList(readChecked(file, priorsSchema)) };
}
