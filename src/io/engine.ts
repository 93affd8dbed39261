/**
 * The engine fingerprint stored with every experiment (docs/analysis.md, "The engine fingerprint"): the
 * package version and a hash of the code that decides what a stored result holds: src/core/, the modules
 * of RESULT_MODULES (design generation, per-point summaries, posterior draws over points, the ensemble's
 * fold, the workers) and the shipped default posterior. Run from dist/ it is the same string as the
 * queue's engine id (src/queue/protocol.ts), which workers check; run from src/ (tests) it hashes the
 * sources instead. `truce sweep --resume` refuses a sweep whose stored points another engine computed:
 * one table must never hold points computed two ways.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from './version.js';

/**
 * Modules outside core/ whose code decides the content of a stored point or result (without extension,
 * relative to src/ or dist/). Why each, and why the other modules they import are left out:
 * docs/analysis.md, "The engine fingerprint"; test/engine-fingerprint.test.ts checks the list against the
 * imports of the sweep and sensitivity modules.
 */
export const RESULT_MODULES = [
  // The worker bodies: a batch of runs, a calibration task.
  'shell/ensemble-worker',
  'shell/calibration-worker',
  // Cuts batches and folds each point's chunks in order: the accumulator a point is summarised from.
  'shell/ensemble',
  // A sweep's design points (designPoints), each point's stored outcomes (pointOutcomes), the point numbering.
  'app/sweep',
  // A sensitivity analysis's design, its evaluation and its indices.
  'app/sensitivity',
  // How posterior draws are laid over design points, and what a posterior's draws are.
  'app/posterior-ensemble',
  'app/posterior',
  // How a point's lever values and fixed settings become the scenario it runs (resolveArm).
  'app/scenario',
  // The per-run rows stored with each point.
  'app/run-rows',
] as const;

/** Data files (relative to the package root) that decide stored results: the draws of `--posterior default`. */
export const RESULT_DATA = ['data/posterior.json'] as const;

/** Hash the code under `root` (dist/ or src/) with extension `ext`: the store's engine and the queue's engine id. */
export function codeFingerprint(root: string, ext: string): string {
  const h = createHash('sha256');
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(ext)) h.update(p.slice(root.length)).update(readFileSync(p));
    }
  };
  try {
    walk(join(root, 'core'));
    for (const m of RESULT_MODULES) h.update(`/${m}${ext}`).update(readFileSync(join(root, `${m}${ext}`)));
  } catch {
    throw new Error(`compiled engine missing under ${root} (run npm run build)`);
  }
  // dist/ and src/ sit side by side in the package: both read the same data files.
  for (const d of RESULT_DATA) {
    const p = join(dirname(root), d);
    h.update(`/${d}`).update(existsSync(p) ? readFileSync(p) : '');
  }
  return `${VERSION}+${h.digest('hex').slice(0, 12)}`;
}

let cached: string | null = null;

/** The fingerprint of the code this process runs (dist/ when installed, src/ under the tests). */
export function runningEngine(): string {
  if (cached) return cached;
  const here = fileURLToPath(import.meta.url);
  cached = codeFingerprint(dirname(dirname(here)), extname(here));
  return cached;
}
