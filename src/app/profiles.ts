/**
 * Defence profiles: a name of a shipped profile (scenarios/defense/NAME.yaml)
 * or, for documents read from files, a path relative to the referring file.
 * Text that came from the dashboard may name shipped profiles, or profile
 * files uploaded with it (attached, by the path the scenario writes), and
 * never reads the server's disk for a path.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, isAbsolute, posix, resolve } from 'node:path';
import { defenseProfileSchema, type DefenseProfile } from '../core/engagement/schema.js';
import { InputError } from '../io/errors.js';
import { parseText, readChecked, unwrap } from '../io/documents.js';
import { checkShape } from '../core/scenario/problems.js';
import { DEFENSE_DIR, displayPath } from '../io/paths.js';

const NAME = /^[A-Za-z][\w-]*$/;

export function listDefenseProfiles(): string[] {
  try {
    return readdirSync(DEFENSE_DIR)
      .filter((f) => /\.(ya?ml|json)$/.test(f))
      .map((f) => f.replace(/\.(ya?ml|json)$/, ''))
      .sort();
  } catch {
    return [];
  }
}

/** What a profile reference may be: shipped names only (dashboard text), or also paths relative to a file. */
export type ProfileBase =
  { kind: 'shipped' } | { kind: 'file'; referringFile: string } | { kind: 'attached'; files: Record<string, string> };

const isPathReference = (name: string) => /[\\/]|\.(ya?ml|json)$/i.test(name);

/** The key of a relative profile path among attached files ("./a/b.yaml" and "a/b.yaml" are one key); null for absolute or escaping paths. */
export function attachedKey(name: string): string | null {
  const p = name.replace(/\\/g, '/');
  if (p.startsWith('/') || /^[A-Za-z]:/.test(p)) return null;
  const n = posix.normalize(p);
  return n === '..' || n.startsWith('../') || n === '.' ? null : n;
}

/** The file of a profile reference, or null when there is none. */
export function defenseProfilePath(name: string, base: ProfileBase): string | null {
  if (isPathReference(name)) {
    if (base.kind !== 'file') return null;
    const p = isAbsolute(name) ? name : resolve(dirname(base.referringFile), name);
    return existsSync(p) ? p : null;
  }
  if (!NAME.test(name)) return null;
  for (const ext of ['.yaml', '.yml', '.json']) {
    const p = resolve(DEFENSE_DIR, name + ext);
    if (existsSync(p)) return p;
  }
  return null;
}

/**
 * What a reference was expected to be, for messages, with how to reference a profile from where the text came:
 * a file may name a shipped profile or a path (relative to the file, or absolute); dashboard text may name a
 * shipped profile or a profile file uploaded with it, by the relative path the scenario writes (docs/dashboard.md).
 */
export function expectedProfile(base: ProfileBase, name?: string): string {
  const shipped = `a defence profile in scenarios/defense/ (${listDefenseProfiles().join(', ')})`;
  if (base.kind === 'file')
    return `${shipped}, or a path to a profile file, relative to the scenario file or absolute${
      name !== undefined && isPathReference(name)
        ? ` (no file at ${displayPath(isAbsolute(name) ? name : resolve(dirname(base.referringFile), name))})`
        : ''
    }`;
  const uploaded = base.kind === 'attached' ? Object.keys(base.files) : [];
  const example = uploaded.find((k) => isPathReference(k)) ?? 'my-profile.yaml';
  const how = `or a profile file uploaded with the scenario, named by its file name with the extension (profile: ${example}); uploaded: ${uploaded.length ? uploaded.join(', ') : 'none'}`;
  if (name === undefined) return `${shipped}, ${how}`;
  if (!isPathReference(name)) {
    // A bare name means a shipped profile, as on the command line; an upload is named as a file.
    const match = uploaded.find((k) => posix.basename(k.replace(/\\/g, '/')).replace(/\.(ya?ml|json)$/i, '') === name);
    return match
      ? `${shipped}; a bare name means a shipped profile: to use the uploaded ${JSON.stringify(match)}, write its file name with the extension (profile: ${isPathReference(match) ? match : `${match}.yaml`}${isPathReference(match) ? '' : `, and upload it as ${match}.yaml`})`
      : `${shipped}, ${how}`;
  }
  const abs = attachedKey(name) === null;
  return `${shipped}, ${how}${abs ? ". The dashboard never reads the server's disk: upload the profile file and write its file name, relative (profile: " + posix.basename(name.replace(/\\/g, '/')) + ')' : ''}`;
}

/**
 * Read a profile by reference: null when there is no such profile (the caller
 * reports it at its own path); a malformed profile is an InputError naming
 * the profile file (shipped files by their path in the package, never a
 * machine path).
 */
export function readDefenseProfile(
  name: string,
  base: ProfileBase,
): { path: string; label: string; profile: DefenseProfile } | null {
  if (base.kind === 'attached' && isPathReference(name)) {
    // A browser uploads files by name only, so a reference matches an attached file by its relative path, else by a unique file name.
    const key = attachedKey(name);
    const files = Object.entries(base.files);
    const byName = files.filter(
      ([k]) => posix.basename(k.replace(/\\/g, '/')) === posix.basename(name.replace(/\\/g, '/')),
    );
    const entry =
      files.find(([k]) => key !== null && attachedKey(k) === key) ?? (byName.length === 1 ? byName[0] : undefined);
    if (!entry) return null;
    const label = attachedKey(entry[0]) ?? posix.basename(entry[0]);
    return { path: label, label, profile: unwrap(label, checkShape(defenseProfileSchema, parseText(entry[1], label))) };
  }
  const path = defenseProfilePath(name, base);
  if (!path) return null;
  const label = displayPath(path);
  return { path, label, profile: readChecked(path, defenseProfileSchema, label) };
}

/** A shipped profile by name (the dashboard's GET /api/defense/NAME); unknown is a not-found InputError naming it. */
export function shippedDefenseProfile(name: string): DefenseProfile {
  const found = readDefenseProfile(name, { kind: 'shipped' });
  if (!found)
    throw new InputError(
      `no defence profile named ${JSON.stringify(name)}: expected one of scenarios/defense/ (${listDefenseProfiles().join(', ')})`,
      { kind: 'not-found' },
    );
  return found.profile;
}
