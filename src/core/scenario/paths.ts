/** Dot paths into a scenario object (`actors.us.commitment`). Keys may contain dashes. */

export function splitPath(path: string): string[] {
  return path.split('.').filter((p) => p.length > 0);
}

export function getPath(root: unknown, path: string): unknown {
  let cur: unknown = root;
  for (const key of splitPath(path)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Whether the object holding the last key exists. */
export function parentExists(root: unknown, path: string): boolean {
  const keys = splitPath(path);
  const parent = getPath(root, keys.slice(0, -1).join('.'));
  return keys.length > 0 && parent !== null && typeof parent === 'object' && !Array.isArray(parent);
}

/** Set a value in place; the parent must exist. */
export function setPath(root: unknown, path: string, value: unknown): void {
  const keys = splitPath(path);
  const parent = getPath(root, keys.slice(0, -1).join('.')) as Record<string, unknown>;
  parent[keys[keys.length - 1]] = value;
}
