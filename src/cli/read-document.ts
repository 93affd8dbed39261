/**
 * Reading YAML or JSON documents from disk, with errors that name the file
 * and the line. JSON is read by the YAML parser (JSON is YAML 1.2), so one
 * reader serves both and both get line numbers.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseDocument } from 'yaml';
import { checkShape, type Checked } from '../core/scenario/problems.js';
import { problemsError, UserError } from './errors.js';
import type { z } from 'zod';

const MAX_BYTES = 16 * 1024 * 1024;

export function readText(file: string): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError(`${file}: expected a file, found a directory`);
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw new UserError(`${file}: cannot read: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  if (size > MAX_BYTES) throw new UserError(`${file}: expected a file under ${MAX_BYTES / 1024 / 1024} MiB, got ${(size / 1024 / 1024).toFixed(1)} MiB`);
  return readFileSync(file, 'utf8');
}

/** Parse YAML/JSON text; malformed input becomes a UserError with line and column. */
export function parseText(text: string, file: string): unknown {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const lines = doc.errors.map((e) => {
      const pos = e.linePos?.[0];
      const where = pos ? `${file}:${pos.line}:${pos.col}` : file;
      return `${where}: malformed ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`;
    });
    throw new UserError(lines.join('\n'));
  }
  const value = doc.toJS({ maxAliasCount: 100 });
  if (value === null || value === undefined) throw new UserError(`${file}: expected a document, found an empty file`);
  return value;
}

export function readDocument(file: string): unknown {
  return parseText(readText(file), file);
}

/** Read a file and check it against a schema, or throw a UserError listing every problem. */
export function readChecked<S extends z.ZodType>(file: string, schema: S): z.output<S> {
  return unwrap(file, checkShape(schema, readDocument(file)));
}

export function unwrap<T>(file: string, checked: Checked<T>): T {
  if (!checked.ok) throw problemsError(file, checked.problems);
  return checked.value;
}
