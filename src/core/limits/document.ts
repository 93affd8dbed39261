/**
 * Bounds every document truce reads (scenario, engagement, campaign, defence
 * profile, request body) must keep, checked on the parsed value before any
 * schema or engine sees it (docs/limits.md). Pure: problems are values.
 *
 * Also: no prototype keys. `__proto__`, `constructor` and `prototype` are
 * refused as map keys anywhere, with the path where they occur, and the
 * value handed on is rebuilt from objects without a prototype, so nothing
 * built from input can reach or change Object.prototype.
 */
import { formatPath, type Problem } from '../scenario/problems.js';

export const DOCUMENT_LIMITS = {
  /** Nesting depth of lists and maps. */
  maxDepth: 24,
  /** Items in one list. */
  maxListItems: 1000,
  /** Keys in one map. */
  maxMapKeys: 1000,
  /** Characters in one string (descriptions and sources included). */
  maxStringChars: 20_000,
  /** Lists, maps and scalars in the whole document. */
  maxNodes: 100_000,
} as const;

export type DocumentLimits = { readonly [K in keyof typeof DOCUMENT_LIMITS]: number };

export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export function isPrototypeKey(key: string): boolean {
  return PROTOTYPE_KEYS.has(key);
}

/**
 * Walk a parsed document; return its problems (at most `maxProblems`, the
 * walk stops at the first bound that makes the rest meaningless).
 */
export function checkDocument(value: unknown, maxProblems = 20, limits: DocumentLimits = DOCUMENT_LIMITS): Problem[] {
  const problems: Problem[] = [];
  let nodes = 0;
  const L = limits;
  // One path, pushed and popped as the walk goes (a copy per value costs more than the walk over a large
  // document, such as the shipped posterior); a problem formats it when it is found.
  const path: PropertyKey[] = [];
  const walk = (v: unknown, depth: number): boolean => {
    if (problems.length >= maxProblems) return false;
    if (++nodes > L.maxNodes) {
      problems.push({
        path: formatPath(path),
        expected: `a document of at most ${L.maxNodes} values (lists, maps and scalars)`,
        found: 'more',
      });
      return false;
    }
    if (typeof v === 'string') {
      if (v.length > L.maxStringChars)
        problems.push({
          path: formatPath(path),
          expected: `text of at most ${L.maxStringChars} characters`,
          found: `${v.length} characters`,
        });
      return true;
    }
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) problems.push({ path: formatPath(path), expected: 'a finite number', found: String(v) });
      return true;
    }
    if (typeof v === 'bigint') {
      problems.push({
        path: formatPath(path),
        expected: 'a number of at most 15 significant digits',
        found: `${String(v).slice(0, 20)}`,
      });
      return true;
    }
    if (v === null || typeof v !== 'object') return true;
    if (depth >= L.maxDepth) {
      problems.push({ path: formatPath(path), expected: `nesting at most ${L.maxDepth} levels deep`, found: 'deeper' });
      return true;
    }
    if (Array.isArray(v)) {
      if (v.length > L.maxListItems) {
        problems.push({
          path: formatPath(path),
          expected: `a list of at most ${L.maxListItems} items`,
          found: `${v.length} items`,
        });
        return true;
      }
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        const ok = walk(v[i], depth + 1);
        path.pop();
        if (!ok) return false;
      }
      return true;
    }
    const keys = Object.keys(v);
    if (keys.length > L.maxMapKeys) {
      problems.push({
        path: formatPath(path),
        expected: `a map of at most ${L.maxMapKeys} keys`,
        found: `${keys.length} keys`,
      });
      return true;
    }
    for (const k of keys) {
      if (isPrototypeKey(k)) {
        problems.push({
          path: formatPath([...path, k]),
          expected: 'a name other than __proto__, constructor or prototype',
          found: JSON.stringify(k),
        });
        continue;
      }
      if (k.length > 200)
        problems.push({
          path: formatPath(path),
          expected: 'keys of at most 200 characters',
          found: `a key of ${k.length}`,
        });
      path.push(k);
      const ok = walk((v as Record<string, unknown>)[k], depth + 1);
      path.pop();
      if (!ok) return false;
    }
    return true;
  };
  walk(value, 0);
  return problems;
}

/** A deep copy whose maps have no prototype (call after checkDocument found nothing). */
export function withoutPrototypes<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v) => withoutPrototypes(v)) as T;
  if (value === null || typeof value !== 'object') return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(value))
    if (!isPrototypeKey(k)) out[k] = withoutPrototypes((value as Record<string, unknown>)[k]);
  return out as T;
}
