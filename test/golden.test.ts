/**
 * Golden seeded outputs: `truce run --json` for one seed and a 200-run
 * `truce compare --json`, rounded to 6 significant digits, must match the
 * files in test/golden/ exactly. A refactor must not move them; a change of
 * the model or of the random streams that is meant to move them regenerates
 * them with `npm run golden:update` and says so in CHANGELOG.md.
 *
 * The run's trajectory and events (1.4 MB) are kept as SHA-256 digests of
 * their rounded JSON plus every 30th day and the first and last events in
 * clear, so a failure shows where it moved.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, truce } from './helpers/cli.js';

const UPDATE = process.env.GOLDEN_UPDATE === '1';
const DIR = resolve(ROOT, 'test', 'golden');

/** Numbers to 6 significant digits; volatile fields (version, hash of the scenario text) dropped. */
export function rounded(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value, (k, v) => {
      if (k === 'truceVersion' || k === 'scenarioHash' || k === 'experimentId') return undefined;
      if (typeof v === 'number' && Number.isFinite(v) && !Number.isInteger(v)) return Number(v.toPrecision(6));
      return v;
    }),
  );
}

function golden(name: string, actual: unknown): void {
  const file = resolve(DIR, name);
  const text = JSON.stringify(actual, null, 1) + '\n';
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`${file} is missing: run npm run golden:update`);
    writeFileSync(file, text);
    return;
  }
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
  expect(text).toBe(readFileSync(file, 'utf8'));
}

describe('golden seeded outputs', () => {
  it('truce run --json --seed 7 is unchanged', () => {
    const r = truce(['run', '--json', '--seed', '7']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = rounded(JSON.parse(r.stdout)) as { trajectory: { day: number }[]; events: unknown[] } & Record<
      string,
      unknown
    >;
    const { trajectory, events, ...rest } = out;
    const sha = (x: unknown) => createHash('sha256').update(JSON.stringify(x)).digest('hex');
    golden('run-seed-7.json', {
      ...rest,
      trajectorySha256: sha(trajectory),
      trajectoryEvery30Days: trajectory.filter((t) => t.day % 30 === 0),
      eventCount: events.length,
      eventsSha256: sha(events),
      firstEvents: events.slice(0, 25),
      lastEvents: events.slice(-25),
    });
  });

  it('truce compare --json --runs 200 --seed 7 is unchanged (and the same on 1 and 2 workers)', () => {
    const args = ['compare', '--json', '--runs', '200', '--seed', '7', '--no-store'];
    const two = truce([...args, '--workers', '2']);
    expect(two.code).toBe(0);
    const one = truce([...args, '--workers', '1']);
    expect(one.code).toBe(0);
    const out = rounded(JSON.parse(two.stdout));
    expect(rounded(JSON.parse(one.stdout))).toEqual(out);
    golden('compare-200-seed-7.json', out);
  });
});
