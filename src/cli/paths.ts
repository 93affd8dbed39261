import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (holds scenarios/), whether run from dist/ or src/. */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const SCENARIOS_DIR = resolve(PACKAGE_ROOT, 'scenarios');
export const DEFENSE_DIR = resolve(SCENARIOS_DIR, 'defense');
