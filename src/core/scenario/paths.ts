/** Dot paths into a scenario object (`actors.us.commitment`). Keys may contain dashes. */

/** Keys a path may never walk through: they reach Object.prototype (docs/limits.md). */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function splitPath(path: string): string[] {
  return path.split('.').filter((p) => p.length > 0);
}

/** Whether a path names a prototype key (`__proto__`, `constructor`, `prototype`) anywhere. */
export function hasPrototypeKey(path: string): boolean {
  return splitPath(path).some((k) => FORBIDDEN.has(k));
}

/** The value at a path, following own properties only. */
export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of splitPath(path)) {
    if (cur === null || typeof cur !== 'object' || FORBIDDEN.has(key) || !Object.hasOwn(cur, key)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Whether the object holding the last key exists. */
export function parentExists(root: unknown, path: string): boolean {
  const keys = splitPath(path);
  if (keys.some((k) => FORBIDDEN.has(k))) return false;
  const parent = getPath(root, keys.slice(0, -1).join('.'));
  return keys.length > 0 && parent !== null && typeof parent === 'object' && !Array.isArray(parent);
}

/** A path's keys, if a value may be set there: at least one key, none a prototype key. */
function settableKeys(path: string): string[] {
  const keys = splitPath(path);
  if (keys.length === 0 || keys.some((k) => FORBIDDEN.has(k)))
    throw new RangeError(`path ${JSON.stringify(path)}: a prototype key cannot be set`);
  return keys;
}

/** Set a value in place; the parent must exist (checked by the rules) and no key may be a prototype key. */
export function setPath(root: unknown, path: string, value: unknown): void {
  const keys = settableKeys(path);
  const parent = getPath(root, keys.slice(0, -1).join('.')) as Record<string, unknown> | undefined;
  if (parent === null || typeof parent !== 'object')
    throw new RangeError(`path ${JSON.stringify(path)}: no such object`);
  parent[keys[keys.length - 1]] = value;
}

/**
 * A copy of `root` with the value at `path` set, sharing everything off the path with `root`, which is left as
 * it was. The objects along the path are copied (a scenario under each of a thousand posterior draws costs a
 * few small objects per draw, not a whole scenario); the same parent and prototype-key rules as `setPath`.
 * Whatever is shared must not be changed in place afterwards: set it with `withPath` again.
 */
export function withPath<T>(root: T, path: string, value: unknown): T {
  const keys = settableKeys(path);
  // Arrays as arrays, objects with their own prototype (null for a loaded document's maps).
  const copy = (o: object): Record<string, unknown> =>
    Array.isArray(o) ? ([...o] as never) : Object.assign(Object.create(Object.getPrototypeOf(o) as object | null), o);
  if (root === null || typeof root !== 'object') throw new RangeError(`path ${JSON.stringify(path)}: no such object`);
  const top = copy(root);
  let cur = top;
  for (const key of keys.slice(0, -1)) {
    const next = Object.hasOwn(cur, key) ? cur[key] : undefined;
    if (next === null || typeof next !== 'object') throw new RangeError(`path ${JSON.stringify(path)}: no such object`);
    cur = cur[key] = copy(next);
  }
  cur[keys[keys.length - 1]] = value;
  return top as T;
}
