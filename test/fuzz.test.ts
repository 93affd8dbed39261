/**
 * The fuzzer in the suite (docs/limits.md, "Fuzzing"): generated documents of
 * every kind, valid and broken, through the use cases in process; hostile
 * requests against a live `truce serve`; abusive command lines. Every case
 * must end clean (a sensible output or a user error with a sentence), never a
 * crash or nonsense (NaN, Infinity, a probability outside [0, 1], a negative
 * count). Sizes are small here (huge containers of 1,000 and 5,000, not
 * 10^5); `npm run fuzz -- --minutes N` runs the long mode with the same
 * arbitraries and verdicts. fast-check draws a fresh seed each run and prints
 * it with any failing case.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentArbitrary, type FileKind } from '../fuzz/arbitraries.js';
import { cliVerdict, requestVerdict } from '../fuzz/client.js';
import { findNonsense } from '../fuzz/nonsense.js';
import { cliArbitrary, requestArbitrary } from '../fuzz/requests.js';
import { runDocumentCase, type CaseSizes } from '../fuzz/targets.js';
import { CLI, ROOT } from './helpers/cli.js';
import { startServer, type RunningServer } from './helpers/server.js';

const SMALL: CaseSizes = { runs: 2, days: 15, samples: 60, campaignRuns: 3 };
const HUGE = [1_000, 5_000];

describe('generated documents through the use cases, in process', () => {
  const kinds: [FileKind, number][] = [
    ['scenario', 30],
    ['engagement', 50],
    ['campaign', 50],
    ['profile', 40],
  ];
  for (const [kind, numRuns] of kinds)
    it(`${numRuns} ${kind} documents: no crash, no nonsense`, { timeout: 120_000 }, async () => {
      await fc.assert(
        fc.asyncProperty(documentArbitrary(kind, HUGE), fc.nat(1000), async (c, seed) => {
          const [worst] = await runDocumentCase(c, seed, SMALL);
          expect(worst.verdict, `${worst.target}: ${worst.detail} [${c.how.join(' | ')}]`).toBe('clean');
        }),
        { numRuns },
      );
    });
});

describe('the nonsense detector', () => {
  it('finds NaN, Infinity, probabilities outside [0, 1] and negative counts, and passes sensible outputs', () => {
    expect(findNonsense({ a: { b: [1, NaN] } })).toBe('a.b.1: NaN');
    expect(findNonsense({ pCollapse: 1.2 })).toMatch(/probability/);
    expect(findNonsense({ survival: [{ day: 30, s: -0.1 }] })).toMatch(/survival.0.s: probability/);
    expect(findNonsense({ leakersMean: -3 })).toMatch(/negative count/);
    // An unlimited stock is Infinity (null in JSON); nothing else may be.
    expect(findNonsense({ days: [{ interceptorsLeft: { fighters: { mean: Infinity } } }] })).toBeNull();
    expect(findNonsense({ days: [{ interceptorsLeft: { fighters: { mean: NaN } } }] })).toMatch(/NaN/);
    expect(findNonsense({ runs: 10, pCollapse: 0.4, medianDay: 120, survival: [{ day: 400, s: 0.2 }] })).toBeNull();
  });
});

describe('hostile requests against a live server, and abusive command lines', () => {
  let server: RunningServer;
  const dir = mkdtempSync(join(tmpdir(), 'truce-fuzz-'));
  beforeAll(async () => {
    server = await startServer(null);
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    '40 generated requests: each a sensible answer or a 4xx with a sentence; the server stays whole',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(), async (r) => {
          const judged = await requestVerdict(server.port, server.token, r, 60_000);
          expect(judged.verdict, `${r.method} ${r.path.slice(0, 80)}: ${judged.detail}`).toBe('clean');
        }),
        { numRuns: 40 },
      );
      const builtIn = await requestVerdict(
        server.port,
        server.token,
        {
          method: 'POST',
          path: '/api/run',
          contentType: 'application/json',
          withToken: true,
          body: JSON.stringify({
            yaml: readFileSync(join(ROOT, 'scenarios', 'iran-israel.yaml'), 'utf8'),
            framework: null,
            seed: 1,
            days: 30,
          }),
        },
        60_000,
      );
      expect(builtIn.verdict).toBe('clean');
    },
  );

  it(
    '4 generated command lines: each exits 0 with sensible JSON or 2 with a sentence',
    { timeout: 240_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(cliArbitrary(), async (c) => {
          const judged = await cliVerdict(CLI, c.args, {
            cwd: ROOT,
            env: { ...process.env, TRUCE_DB: join(dir, 'fuzz.db') },
            cpuSeconds: 60,
            timeoutMs: 200_000,
            maxRss: 2 ** 30,
          });
          expect(judged.verdict, `truce ${c.args.join(' ')}: ${judged.detail}`).toBe('clean');
        }),
        { numRuns: 4 },
      );
    },
  );
});
