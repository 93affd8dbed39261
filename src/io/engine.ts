/**
 * The engine fingerprint stored with every experiment (docs/analysis.md, "The results store"): the
 * package version and a hash of the simulation code that computes results (core/ and the ensemble and
 * calibration workers). Run from dist/ it is the same string as the queue's engine id
 * (src/queue/protocol.ts), which workers check; run from src/ (tests) it hashes the sources instead.
 * `truce sweep --resume` refuses a sweep whose stored points another engine computed: one table must
 * never hold points computed two ways.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VERSION } from './version.js';

/** Hash the code under `root` (dist/ or src/) with extension `ext`, as the queue's engine id does. */
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
    h.update(readFileSync(join(root, 'shell', `ensemble-worker${ext}`)));
    h.update(readFileSync(join(root, 'shell', `calibration-worker${ext}`)));
  } catch {
    throw new Error(`compiled engine missing under ${root} (run npm run build)`);
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
