/**
 * Reading YAML or JSON documents from disk, with errors that name the file
 * and the line, and writing results whole or not at all. JSON is read by the
 * YAML parser (JSON is YAML 1.2), so one reader serves both and both get
 * line numbers.
 */
import { readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { checkDocument, DOCUMENT_LIMITS, type DocumentLimits, withoutPrototypes } from '../core/limits/document.js';
import { checkShape, type Checked } from '../core/scenario/problems.js';
import { InputError, problemsError } from './errors.js';

const MAX_BYTES = 16 * 1024 * 1024;

/** Read a text file; `label` is how messages name it (default: the path as given). */
export function readText(file: string, label = file): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError(`${label}: expected a file, found a directory`);
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    const missing = (err as NodeJS.ErrnoException).code === 'ENOENT';
    throw new InputError(`${label}: cannot read: ${missing ? 'no such file' : (err as Error).message}`, {
      kind: missing ? 'not-found' : 'invalid',
    });
  }
  if (size > MAX_BYTES)
    throw new InputError(
      `${label}: expected a file under ${MAX_BYTES / 1024 / 1024} MiB, got ${(size / 1024 / 1024).toFixed(1)} MiB`,
    );
  return readFileSync(file, 'utf8');
}

/** Parse YAML/JSON text into a document with positions; malformed input becomes an InputError with line and column. */
export function parseTextDocument(text: string, file: string): Document {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      path: '',
      expected: `well-formed ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}`,
      found: e.message.split('\n')[0],
      line: e.linePos?.[0].line,
    }));
    const lines = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      return `${where}: malformed ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    });
    throw new InputError(lines.join('\n'), { problems });
  }
  return doc;
}

/** Aliases a document may expand (the yaml library's guard against "billion laughs"; docs/limits.md). */
export const MAX_ALIAS_COUNT = 100;

/**
 * The plain value of a parsed document; an empty document is an InputError.
 * Aliases are limited, the document bounds and prototype keys are checked
 * (src/core/limits/document.ts), and the value has no prototypes.
 */
export function documentValue(doc: Document, file: string): unknown {
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    // The yaml library throws for excessive or unresolved aliases.
    const msg = (err as Error).message.split('\n')[0];
    throw new InputError(
      `${file}: expected a document whose aliases expand at most ${MAX_ALIAS_COUNT} times and all resolve, got: ${msg}`,
      { problems: [{ path: '', expected: `aliases that resolve, at most ${MAX_ALIAS_COUNT} expansions`, found: msg }] },
    );
  }
  if (value === null || value === undefined) throw new InputError(`${file}: expected a document, found an empty file`);
  return checkedValue(value, file);
}

/** A parsed value (from YAML or a JSON request body) within the document bounds, rebuilt without prototypes. */
export function checkedValue(value: unknown, file: string, limits: DocumentLimits = DOCUMENT_LIMITS): unknown {
  const problems = checkDocument(value, 20, limits);
  if (problems.length) throw problemsError(file, problems);
  return withoutPrototypes(value);
}

/** Parse YAML/JSON text; malformed input becomes an InputError with line and column. */
export function parseText(text: string, file: string): unknown {
  return documentValue(parseTextDocument(text, file), file);
}

export function readDocument(file: string, label = file): unknown {
  return parseText(readText(file, label), label);
}

/** Read a file and check it against a schema, or throw an InputError listing every problem. */
export function readChecked<S extends z.ZodType>(file: string, schema: S, label = file): z.output<S> {
  return unwrap(label, checkShape(schema, readDocument(file, label)));
}

export function unwrap<T>(file: string, checked: Checked<T>): T {
  if (!checked.ok) throw problemsError(file, checked.problems);
  return checked.value;
}

/** Write a whole file or nothing: a temporary file renamed into place, so an interrupted write never leaves half a result. */
export function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, path);
  } catch (err) {
    throw new InputError(`${path}: cannot write: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
