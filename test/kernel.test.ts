/**
 * The WebAssembly kernel (kernel/day-loop.c, docs/kernel.md) is a mirror of the TypeScript run, and this file keeps
 * it honest: every run the kernel covers must give the JavaScript path's result bit for bit (the JSON of the
 * outcome and of the munitions ledger, key order included). A change to src/core's run without the same change to
 * the C fails here, and so does a C change without a rebuild of the committed module.
 * - the built-in scenario's two arms, with and without the shipped posterior's draws, a few thousand replicates;
 * - generated scenarios (fast-check): several adversaries, armed defenders, proxies of each side, shoot-look-shoot
 *   layers, Poisson rates above 30 a day, relief tracks, unagreed starts and war restarts; each model is in the
 *   kernel's scope (and then equal) or out of it with a named reason, and most are in it;
 * - the committed module is the build of kernel/ (its source hash always; its bytes when clang can build wasm32).
 */
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planUnderPosterior } from '../src/app/posterior-ensemble.js';
import { loadPosterior } from '../src/app/posterior.js';
import { loadScenario, modelFor, resolveArm, type LoadedScenario } from '../src/app/scenario.js';
import { buildModel, type Model } from '../src/core/engine/model.js';
import { kernelScope } from '../src/core/engine/kernel/flatten.js';
import { kernelRefusal } from '../src/core/engine/kernel/run-kernel.js';
import { KERNEL_BUILT_WITH, KERNEL_SOURCE_SHA256 } from '../src/core/engine/kernel/wasm.generated.js';
import { KernelScopeError, runCeasefire, type RunOptions } from '../src/core/engine/run.js';
import { N_TERMS } from '../src/core/model/escalation-utility.js';
import { listLevers } from '../src/core/scenario/levers.js';
import { setPath } from '../src/core/scenario/paths.js';
import { DEFAULT_SCENARIO } from '../src/io/paths.js';
// @ts-expect-error: a plain JavaScript script (no declarations)
import { clangVersion, sourceHash } from '../scripts/build-kernel.js';
import { ROOT } from './helpers/cli.js';

/** The whole result through each path, as JSON. */
function both(m: Model, opts: Omit<RunOptions, 'engine'>): [string, string] {
  const js = runCeasefire(m, { ...opts, engine: 'js' });
  const k = runCeasefire(m, { ...opts, engine: 'kernel' });
  return [
    JSON.stringify({ outcome: js.outcome, ledger: js.ledger }),
    JSON.stringify({ outcome: k.outcome, ledger: k.ledger }),
  ];
}

/** Runs [from, from + n) of seed through both paths; the replicates whose results differ (none expected). */
function differing(m: Model, seed: number, from: number, n: number, days?: number): number[] {
  const bad: number[] = [];
  for (let r = from; r < from + n; r++) {
    const [a, b] = both(m, { seed, replicate: r, days });
    if (a !== b) bad.push(r);
  }
  return bad;
}

describe('the kernel gives the JavaScript path’s results bit for bit', () => {
  const loaded = loadScenario(DEFAULT_SCENARIO);
  const arms = ['transactional-freeze', 'structural-architecture'];

  it('on the built-in scenario’s two arms, 1,000 replicates each', () => {
    for (const fw of arms) {
      const m = modelFor(loaded, resolveArm(loaded, fw, {}));
      expect(kernelScope(m)).toBeNull();
      expect(differing(m, 1, 0, 1000)).toEqual([]);
    }
  });

  it('on the same arms under the shipped posterior’s draws (a model per draw)', () => {
    const shipped = loadPosterior(undefined, ':memory:');
    const points = arms.map((fw) => ({ scenario: resolveArm(loaded, fw, {}).scenario, profiles: loaded.profiles }));
    const plan = planUnderPosterior(points, shipped, 1200, arms);
    expect(plan.draws).toBeGreaterThan(1);
    let runs = 0;
    let collapsed = 0;
    for (const p of plan.points) {
      const m = buildModel(p.scenario, p.profiles);
      expect(kernelScope(m)).toBeNull();
      for (let r = 0; r < plan.runsPerDraw; r++) {
        const replicate = (p.replicateOffset ?? 0) + r;
        const [a, b] = both(m, { seed: 7, replicate });
        expect(b).toBe(a);
        runs++;
        if ((JSON.parse(a) as { outcome: { collapsed: boolean } }).outcome.collapsed) collapsed++;
      }
    }
    expect(runs).toBeGreaterThanOrEqual(2400);
    // Both kinds of run are compared: collapses (attribution, the opening exchange) and censored ones.
    expect(collapsed).toBeGreaterThan(100);
    expect(runs - collapsed).toBeGreaterThan(100);
  });

  it('interleaving models in one thread (the kernel reloads the model a run asks for)', () => {
    const [a, b] = arms.map((fw) => modelFor(loaded, resolveArm(loaded, fw, {})));
    for (let r = 0; r < 200; r++) {
      const m = r % 3 === 0 ? a : b;
      const [x, y] = both(m, { seed: 11, replicate: r, days: 200 });
      expect(y).toBe(x);
    }
  });
});

// ---------- generated scenarios ----------

const BASES = [
  DEFAULT_SCENARIO,
  'test/fixtures/multi-adversary/ipc3.yaml',
  'test/fixtures/multi-adversary/ip-armed.yaml',
  'test/fixtures/multi-adversary/ip-proxies.yaml',
];
const bases = BASES.map((f) => loadScenario(f));

interface Variant {
  base: number;
  arm: number;
  levers: number[];
  termsUnagreed: number;
  warRungRestart: number;
  sanctionsRelief: number;
  /** Mediator attention shocks a day (above 30: the Poisson draw's gamma split). */
  shocksPerDay: number;
  /** Per layer of every profile: fire shoot-look-shoot with this many shots (0: as written). */
  shootLookShoot: number[];
  days: number;
  seed: number;
}

const variantArb: fc.Arbitrary<Variant> = fc.record({
  base: fc.nat({ max: BASES.length - 1 }),
  arm: fc.nat({ max: 1 }),
  levers: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 12, maxLength: 12 }),
  termsUnagreed: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.6, noNaN: true })),
  warRungRestart: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  sanctionsRelief: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1, noNaN: true })),
  shocksPerDay: fc.oneof(fc.constant(-1), fc.double({ min: 0, max: 45, noNaN: true })),
  shootLookShoot: fc.array(fc.nat({ max: 3 }), { minLength: 8, maxLength: 8 }),
  days: fc.integer({ min: 30, max: 365 }),
  seed: fc.nat({ max: 1_000_000 }),
});

/** The variant's model: its base scenario with the variant's settings (a copy; the bases are never changed). */
function variantModel(v: Variant): { model: Model; label: string } {
  const base = bases[v.base];
  const loaded: LoadedScenario = {
    ...base,
    scenario: structuredClone(base.scenario),
    profiles: structuredClone(base.profiles),
  };
  const frameworks = Object.keys(loaded.scenario.frameworks);
  const fw = frameworks[v.arm % frameworks.length];
  const levers = Object.fromEntries(
    listLevers(loaded.scenario).map((l, i) => [l.name, l.min + (l.max - l.min) * v.levers[i % v.levers.length]]),
  );
  // (A lever of the same name, where the scenario has one, sets the value below again.)
  setPath(loaded.scenario, 'agreement.termsUnagreed', v.termsUnagreed);
  setPath(loaded.scenario, 'agreement.warRungRestart', v.warRungRestart);
  setPath(loaded.scenario, 'agreement.sanctionsRelief', v.sanctionsRelief);
  const mediator = loaded.scenario.agreement.mediator;
  if (v.shocksPerDay >= 0) {
    const theaters = Math.max(
      0.5,
      (loaded.scenario.actors[mediator] as { competingTheaters: number }).competingTheaters,
    );
    setPath(loaded.scenario, `actors.${mediator}.competingTheaters`, theaters);
    setPath(loaded.scenario, `actors.${mediator}.attentionShockRate`, Math.min(100, v.shocksPerDay / theaters));
  }
  let k = 0;
  for (const profile of Object.values(loaded.profiles) as { layers: { doctrine?: string; shots?: number }[] }[])
    for (const layer of profile.layers) {
      const shots = v.shootLookShoot[k++ % v.shootLookShoot.length];
      if (shots > 0) {
        layer.doctrine = 'shoot-look-shoot';
        layer.shots = shots;
      }
    }
  const model = modelFor(loaded, resolveArm(loaded, fw, levers));
  return { model, label: `${BASES[v.base]} ${fw} ${JSON.stringify(v)}` };
}

describe('generated scenarios (property)', () => {
  it('are in the kernel’s scope and give the same results, or are out of it with a reason', () => {
    let cases = 0;
    let inScope = 0;
    const reasons: string[] = [];
    fc.assert(
      fc.property(variantArb, (v) => {
        const { model, label } = variantModel(v);
        cases++;
        const why = kernelScope(model);
        if (why !== null) {
          expect(why.length).toBeGreaterThan(0);
          reasons.push(why);
          expect(() => runCeasefire(model, { seed: v.seed, days: v.days, engine: 'kernel' })).toThrow(KernelScopeError);
          return;
        }
        inScope++;
        expect(kernelRefusal(model, v.days)).toBeNull();
        for (let r = 0; r < 12; r++) {
          const [a, b] = both(model, { seed: v.seed, replicate: r, days: v.days });
          if (a !== b) throw new Error(`replicate ${r} differs: ${label}`);
        }
      }),
      { numRuns: 60 },
    );
    // Most generated models are in scope, or the kernel covers too little to be worth having.
    expect(inScope / cases, reasons.join('; ')).toBeGreaterThanOrEqual(0.9);
  });

  it('the paths the built-in arms never take are taken: shoot-look-shoot layers, Poisson rates above 30', () => {
    // Fixed variants (not left to chance): every layer shoot-look-shoot, 40 shocks a day, relief and unagreed starts.
    for (const base of [0, 2, 3]) {
      const { model, label } = variantModel({
        base,
        arm: 0,
        levers: Array(12).fill(1),
        termsUnagreed: 0.3,
        warRungRestart: 0.5,
        sanctionsRelief: 0.8,
        shocksPerDay: 40,
        shootLookShoot: Array(8).fill(2),
        days: 365,
        seed: 5,
      });
      expect(kernelScope(model), label).toBeNull();
      const med = model.mediator.spec;
      expect(med.attentionShockRate * med.competingTheaters).toBeGreaterThan(30);
      expect(
        model.states.some((s) => s.arsenal && [...s.arsenal.against.values()].some((e) => e.layers.length > 0)),
      ).toBe(true);
      expect(differing(model, 5, 0, 150)).toEqual([]);
    }
  });
});

describe('scope and settings', () => {
  it('a run with a record is the JavaScript path’s whatever the setting, with the outcome the kernel gives', () => {
    const m = modelFor(bases[0], resolveArm(bases[0], 'transactional-freeze', {}));
    const rec = runCeasefire(m, { seed: 3, replicate: 1, record: true, engine: 'kernel' });
    expect(rec.trajectory.length).toBeGreaterThan(1);
    const plain = runCeasefire(m, { seed: 3, replicate: 1, engine: 'kernel' });
    expect(JSON.stringify(plain.outcome)).toBe(JSON.stringify(rec.outcome));
  });

  it('frozen terms (the causal attribution’s replays) give the JavaScript path’s results (property)', () => {
    const models = ['transactional-freeze', 'structural-architecture'].map((fw) =>
      modelFor(bases[0], resolveArm(bases[0], fw, {})),
    );
    let changed = 0;
    fc.assert(
      fc.property(
        fc.nat({ max: 1 }),
        fc.array(fc.boolean(), { minLength: N_TERMS, maxLength: N_TERMS }),
        fc.nat({ max: 100_000 }),
        fc.integer({ min: 20, max: 365 }),
        (arm, mask, replicate, days) => {
          const freezeTerms = Uint8Array.from(mask, (b) => (b ? 1 : 0));
          const [a, b] = both(models[arm], { seed: 9, replicate, days, freezeTerms });
          expect(b).toBe(a);
          const [live] = both(models[arm], { seed: 9, replicate, days });
          if (live !== a) changed++;
        },
      ),
      { numRuns: 150 },
    );
    // The masks change runs (else this would compare nothing the freezing does).
    expect(changed).toBeGreaterThan(10);
  });

  it('a model out of scope runs in JavaScript under auto and is refused under kernel, naming the reason', () => {
    const m = modelFor(bases[0], resolveArm(bases[0], 'transactional-freeze', {}));
    // More threat types than the kernel holds, on a copy of the model (the built model is never changed).
    const ars = m.states.find((s) => s.arsenal)!.arsenal!;
    const wide: Model = {
      ...m,
      states: m.states.map((s) =>
        s.arsenal === ars ? { ...s, arsenal: { ...ars, stocks: new Float64Array(40) } } : s,
      ),
    };
    expect(kernelScope(wide)).toMatch(/40 threat types \(the kernel holds at most 32\)/);
    expect(() => runCeasefire(wide, { seed: 1, engine: 'kernel' })).toThrow(/TRUCE_ENGINE=kernel: .*40 threat types/);
    expect(kernelRefusal(m, 200.5)).toMatch(/whole days/);
  });
});

describe('a run that outgrows the kernel’s memory', () => {
  it('is the JavaScript path’s under auto, refused under kernel, and the next run goes through the kernel again', () => {
    const m = modelFor(bases[3], resolveArm(bases[3], 'hotline-pause', {}));
    expect(m.proxies.length).toBeGreaterThan(0);
    // A proxy-degradation window of 3 million days: each proxy's history (3 million doubles) outgrows the kernel's
    // 16 MiB arena when the model loads. A copy of the model: the built one is never changed.
    const huge: Model = { ...m, pdrWindowDays: 3_000_000 };
    expect(kernelRefusal(huge, 60)).toBeNull();
    const auto = runCeasefire(huge, { seed: 4, replicate: 2, days: 60 });
    const js = runCeasefire(huge, { seed: 4, replicate: 2, days: 60, engine: 'js' });
    expect(JSON.stringify(auto.outcome)).toBe(JSON.stringify(js.outcome));
    expect(() => runCeasefire(huge, { seed: 4, replicate: 2, days: 60, engine: 'kernel' })).toThrow(
      /TRUCE_ENGINE=kernel: .*outgrew the kernel's memory/,
    );
    expect(differing(m, 4, 0, 20, 60)).toEqual([]);
  });
});

describe('the committed module is the build of kernel/', () => {
  it('its source hash is the hash of kernel/ now', () => {
    // A change to the C without `npm run build:kernel` fails here, with or without a compiler.
    expect(sourceHash(ROOT), 'kernel/ changed: run npm run build:kernel').toBe(KERNEL_SOURCE_SHA256);
  });

  const clang: string | null = clangVersion();
  const sameCompiler = clang !== null && KERNEL_BUILT_WITH.startsWith(clang);
  if (!clang) console.warn('kernel.test: no clang with wasm-ld for wasm32: the rebuild check is skipped');
  else if (!sameCompiler)
    console.warn(`kernel.test: ${clang} is not the compiler of the committed module: the rebuild check is skipped`);
  it.skipIf(!sameCompiler)('rebuilt by clang, its bytes are the committed ones', () => {
    const run = spawnSync(process.execPath, ['scripts/build-kernel.js', '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
  });
});
