import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (holds scenarios/), whether run from dist/ or src/. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCENARIOS_DIR = resolve(PACKAGE_ROOT, 'scenarios');
export const DEFENSE_DIR = resolve(SCENARIOS_DIR, 'defense');
export const DEFAULT_SCENARIO = resolve(SCENARIOS_DIR, 'iran-israel.yaml');
export const DEFAULT_CAMPAIGN = resolve(SCENARIOS_DIR, 'campaign', 'twelve-day-war.yaml');
export const WEB_ROOT = resolve(PACKAGE_ROOT, 'web', 'dist');

/**
 * An absolute path inside the package (a shipped scenario or profile) named
 * from the package root, `scenarios/defense/x.yaml`, so messages and stored
 * records carry no machine path; any other path is kept as the user gave it.
 */
export function displayPath(file: string): string {
  return isAbsolute(file) && file.startsWith(PACKAGE_ROOT + sep)
    ? relative(PACKAGE_ROOT, file).split(sep).join('/')
    : file;
}

/** The results database: the flag, else $TRUCE_DB, else ./truce.db. */
export function storePath(flag?: string): string {
  return flag ?? process.env.TRUCE_DB ?? 'truce.db';
}
