/**
 * What the fuzzer runs a generated document through: the same use cases the
 * CLI commands and the dashboard's routes call (src/app), in process, at small
 * sizes. A case is clean when it gives a sensible output or a user error (an
 * InputError with a sentence); a crash when anything else is thrown; nonsense
 * when an output holds NaN, Infinity, a probability outside [0, 1] or a
 * negative count (fuzz/nonsense.ts).
 */
import { checkScenario } from '../src/app/check-scenario.js';
import { compare } from '../src/app/compare.js';
import { loadPosterior, type Posterior } from '../src/app/posterior.js';
import { campaign, engage, loadCampaignText, loadEngagementText } from '../src/app/engagement.js';
import { runStory } from '../src/app/run.js';
import { threadPoolRunner, type Runner } from '../src/app/runner.js';
import { loadScenarioText } from '../src/app/scenario.js';
import { layerNamesAreUnique } from '../src/core/engagement/rules.js';
import { defenseProfileSchema } from '../src/core/engagement/schema.js';
import { checkShape } from '../src/core/scenario/problems.js';
import { parseText, unwrap } from '../src/io/documents.js';
import { InputError, problemsError } from '../src/io/errors.js';
import type { FuzzCase } from './arbitraries.js';
import { findNonsense } from './nonsense.js';

export type Verdict = 'clean' | 'crash' | 'nonsense';

export interface Outcome {
  verdict: Verdict;
  /** The use case that gave the verdict. */
  target: string;
  detail: string;
}

/** Ensembles in this thread (one worker runs on the main thread; the fuzzer isolates cases itself). */
const inProcess: Runner = threadPoolRunner(1);

const SHIPPED = { kind: 'shipped' } as const;

/**
 * The shipped posterior, read once per process: the compare a case runs uses it, as the CLI's compare does by
 * default. Reading it is most of a small compare's time (a 1 MB document checked line by line), and it is the
 * same file for every case.
 */
let shippedPosterior: Posterior | undefined;
const defaultPosterior = (): Posterior => (shippedPosterior ??= loadPosterior('default', ''));

async function judge(target: string, f: () => unknown): Promise<Outcome> {
  try {
    const out = await f();
    const bad = findNonsense(out);
    return bad ? { verdict: 'nonsense', target, detail: bad } : { verdict: 'clean', target, detail: 'ok' };
  } catch (err) {
    if (err instanceof InputError && err.message.length > 0 && !/internal error/i.test(err.message))
      return { verdict: 'clean', target, detail: err.message.split('\n')[0].slice(0, 200) };
    const e = err as Error;
    return { verdict: 'crash', target, detail: `${e?.name ?? typeof err}: ${String(e?.message ?? err).slice(0, 300)}` };
  }
}

/** How much each use case runs: small, so a clean case is quick and a slow one is a finding. */
export interface CaseSizes {
  runs: number;
  days: number;
  samples: number;
  campaignRuns: number;
}
export const CASE_SIZES: CaseSizes = { runs: 6, days: 40, samples: 300, campaignRuns: 20 };

/** Run one generated document through every use case of its kind; the worst outcome first. */
export async function runDocumentCase(c: FuzzCase, seed: number, size: CaseSizes = CASE_SIZES): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  if (c.kind === 'scenario') {
    outcomes.push(await judge('check', () => checkScenario(c.text, 'fuzz')));
    let loaded;
    try {
      loaded = loadScenarioText(c.text, 'fuzz', SHIPPED);
    } catch {
      loaded = undefined;
    }
    if (loaded) {
      const l = loaded;
      outcomes.push(await judge('run', () => runStory(l, { seed, days: size.days })));
      outcomes.push(
        await judge(
          'compare',
          async () =>
            (
              await compare(
                l,
                { runs: size.runs, seed, days: size.days, posterior: defaultPosterior() },
                { runner: inProcess, db: null },
              )
            ).output,
        ),
      );
    }
  } else if (c.kind === 'engagement') {
    let e;
    // Loading is judged for its errors only: a loaded file is not an output (an unlimited inventory is Infinity there).
    outcomes.push(await judge('engagement', () => void (e = loadEngagementText(c.text, 'fuzz', SHIPPED))));
    if (e) {
      const x = e;
      outcomes.push(await judge('engage', () => engage(x, 'fuzz', { method: 'auto', samples: size.samples, seed })));
      outcomes.push(
        await judge('engage monte-carlo', () =>
          engage(x, 'fuzz', { method: 'monte-carlo', samples: size.samples, seed }),
        ),
      );
    }
  } else if (c.kind === 'campaign') {
    let k;
    outcomes.push(await judge('campaign file', () => void (k = loadCampaignText(c.text, 'fuzz', SHIPPED))));
    if (k) {
      const x = k;
      outcomes.push(await judge('campaign', () => campaign(x, size.campaignRuns, seed)));
    }
  } else {
    outcomes.push(
      await judge('profile', () => {
        const p = unwrap('fuzz', checkShape(defenseProfileSchema, parseText(c.text, 'fuzz')));
        const problems = layerNamesAreUnique(p.layers);
        if (problems.length) throw problemsError('fuzz', problems);
      }),
    );
  }
  const rank: Record<Verdict, number> = { crash: 0, nonsense: 1, clean: 2 };
  return outcomes.sort((a, b) => rank[a.verdict] - rank[b.verdict]);
}
