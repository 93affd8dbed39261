/**
 * Reading YAML or JSON documents from disk, with errors that name the file
 * and the line, and writing results whole or not at all. JSON is YAML 1.2,
 * so one reader serves both and both get line numbers; well-formed JSON
 * without repeated keys is read by JSON.parse, which gives the same value far
 * faster (parseText).
 */
import { readFileSync, statSync } from 'node:fs';
import { Composer, type CST, type Document, isMap, isScalar, isSeq, LineCounter, Parser, YAMLParseError } from 'yaml';
import type { z } from 'zod';
import { checkDocument, DOCUMENT_LIMITS, type DocumentLimits, withoutPrototypes } from '../core/limits/document.js';
import { checkShape, formatPath, type Checked } from '../core/scenario/problems.js';
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

/**
 * Parse YAML/JSON text into a document with positions; malformed input becomes an InputError with line and column.
 *
 * Two checks run on the concrete syntax tree, before the yaml library builds
 * its document, because both would otherwise cost far more than the text:
 * nesting (composing is recursive: a 2-KB line of `[` exhausts the stack and
 * can abort the process) and duplicate keys (the library's own check is
 * quadratic: one map of 10^5 keys takes minutes). docs/limits.md.
 */
export function parseTextDocument(text: string, file: string): Document {
  const lines = new LineCounter();
  const tokens = [...new Parser(lines.addNewLine).parse(text)];
  const kind = /\.json$/i.test(file) ? 'JSON' : 'YAML';
  const at = (offset: number) => {
    const pos = lines.linePos(offset);
    return { where: `${file}:${pos.line}:${pos.col}`, line: pos.line };
  };
  const bad = syntaxProblem(tokens, DOCUMENT_LIMITS);
  if (bad !== null) {
    const { where, line } = at(bad.offset);
    const path = formatPath(bad.path);
    throw new InputError(`${where}: ${path ? `${path}: ` : ''}expected ${bad.expected}, got ${bad.found}`, {
      problems: [{ path, expected: bad.expected, found: bad.found, line }],
    });
  }
  let doc: Document | null = null;
  for (const d of new Composer({ uniqueKeys: false }).compose(tokens, true, text.length)) {
    if (doc) {
      doc.errors.push(
        new YAMLParseError(
          d.range.slice(0, 2) as [number, number],
          'MULTIPLE_DOCS',
          'Source contains multiple documents',
        ),
      );
      break;
    }
    doc = d;
  }
  // compose(…, forceDoc) always yields a document.
  const parsed = doc as Document;
  const errors: { message: string; offset: number }[] = parsed.errors.map((e) => ({
    message: e.message.split('\n')[0],
    offset: e.pos[0],
  }));
  if (errors.length === 0) {
    const dup = duplicateKey(parsed.contents);
    if (dup !== null) errors.push({ message: 'Map keys must be unique', offset: dup });
  }
  if (errors.length > 0) {
    const problems = errors.map((e) => ({
      path: '',
      expected: `well-formed ${kind}`,
      found: e.message,
      line: at(e.offset).line,
    }));
    const text = errors.map((e) => `${at(e.offset).where}: malformed ${kind}: ${e.message}`);
    throw new InputError(text.join('\n'), { problems });
  }
  return parsed;
}

interface SyntaxProblem {
  offset: number;
  path: PropertyKey[];
  expected: string;
  found: string;
}

/** The plain text of a scalar key token (for paths in messages). */
function keyText(t: CST.Token | null | undefined): string {
  if (!t || !('source' in t) || typeof t.source !== 'string') return '?';
  return t.type === 'single-quoted-scalar' || t.type === 'double-quoted-scalar' ? t.source.slice(1, -1) : t.source;
}

/**
 * The first collection nested deeper than the bound, or holding more items than a list or map may: found on
 * the syntax tree, iteratively, so neither costs more than reading the text.
 */
function syntaxProblem(tokens: CST.Token[], limits: DocumentLimits): SyntaxProblem | null {
  const stack: [CST.Token | null | undefined, number, PropertyKey[]][] = tokens.map((t) => [t, 0, []]);
  while (stack.length > 0) {
    const [t, depth, path] = stack.pop()!;
    if (!t) continue;
    if (t.type === 'document') {
      stack.push([t.value, depth, path]);
      continue;
    }
    if (t.type !== 'block-map' && t.type !== 'block-seq' && t.type !== 'flow-collection') continue;
    if (depth + 1 > limits.maxDepth)
      return {
        offset: t.offset,
        path: [],
        expected: `nesting at most ${limits.maxDepth} levels deep`,
        found: 'deeper',
      };
    const isMapToken = t.type === 'block-map' || (t.type === 'flow-collection' && t.start.source === '{');
    const max = isMapToken ? limits.maxMapKeys : limits.maxListItems;
    if (t.items.length > max) {
      const what = isMapToken ? ['a map', 'keys'] : ['a list', 'items'];
      return {
        offset: t.offset,
        path,
        expected: `${what[0]} of at most ${max} ${what[1]}`,
        found: `${t.items.length} ${what[1]}`,
      };
    }
    t.items.forEach((item, i) => {
      const key = 'key' in item ? item.key : undefined;
      const at = [...path, isMapToken ? keyText(key) : i];
      if (key) stack.push([key, depth + 1, at]);
      stack.push([item.value, depth + 1, at]);
    });
  }
  return null;
}

/** The offset of the first repeated key in any map (scalar keys compared by value, as the yaml library does), or null. */
function duplicateKey(node: unknown): number | null {
  if (isMap(node)) {
    const seen = new Set<unknown>();
    for (const pair of node.items) {
      if (isScalar(pair.key)) {
        if (seen.has(pair.key.value)) return pair.key.range?.[0] ?? 0;
        seen.add(pair.key.value);
      }
      const inKey = duplicateKey(pair.key);
      if (inKey !== null) return inKey;
      const inValue = duplicateKey(pair.value);
      if (inValue !== null) return inValue;
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const found = duplicateKey(item);
      if (found !== null) return found;
    }
  }
  return null;
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
  const json = plainJson(text);
  // Within the bounds it is the YAML reader's value; outside them, that reader says where (line and column).
  if (json !== undefined && checkDocument(json, 1).length === 0) return withoutPrototypes(json);
  return documentValue(parseTextDocument(text, file), file);
}

/**
 * Text that is JSON, read by JSON.parse: the value the YAML reader would give (JSON is YAML 1.2), at a
 * hundredth of its cost (the YAML lexer takes about a second over the 1.2-MB shipped posterior, which every
 * command that runs an ensemble reads). undefined when the text is not plain JSON, or is JSON with a repeated
 * key (which JSON.parse would silently collapse): the YAML reader then reads it and says what is wrong, and
 * where.
 */
function plainJson(text: string): unknown {
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return keysInText(text) === keysInValue(value) ? value : undefined;
}

/**
 * The object keys of valid JSON text: each string followed by a colon. One regular expression over the text: a
 * loop over its characters takes about 100 ms over the shipped posterior in a fresh process (before the loop is
 * optimised), the expression a few ms (bench/startup.js).
 */
function keysInText(text: string): number {
  let keys = 0;
  // A string (escapes included), then its colon if it is a key. Valid JSON: nothing else can follow a key.
  const strings = /"(?:[^"\\]|\\.)*"(\s*:)?/g;
  for (let m = strings.exec(text); m !== null; m = strings.exec(text)) if (m[1] !== undefined) keys++;
  return keys;
}

/** The keys of every object in a parsed JSON value (iteratively: the value may be deeply nested). */
function keysInValue(value: unknown): number {
  let keys = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object') continue;
    const children = Array.isArray(v) ? v : Object.values(v as Record<string, unknown>);
    if (!Array.isArray(v)) keys += Object.keys(v).length;
    for (const c of children) stack.push(c);
  }
  return keys;
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

/** Output files are written by src/io/output.ts; re-exported for the modules that have always imported it from here. */
export { writeFileAtomic } from './output.js';
