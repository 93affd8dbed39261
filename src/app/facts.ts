/** The stylized facts (docs/model/) as ensemble contrasts: direction, effect size, interval. */
import { engagementFact, FACT7_STATEMENT } from '../core/analysis/fact-engagement.js';
import {
  evaluateFact,
  factSpecs,
  markCalibrationTargets,
  type ArmRuns,
  type FactArm,
  type FactNotAsked,
  type FactResult,
} from '../core/analysis/facts.js';
import { getPath, withPath } from '../core/scenario/paths.js';
import { normalizeEngagement } from '../core/engagement/normalize.js';
import { buildModel } from '../core/engine/model.js';
import { saveExperiment } from '../store/experiments.js';
import { InputError } from '../io/errors.js';
import { VERSION } from '../io/version.js';
import { enforceBudget, scenarioWork, type Budget } from './budget.js';
import { wallClock, type UseCaseContext } from './context.js';
import type { DesignPoint, Runner } from './runner.js';
import { resolveArm, scenarioHash, scenarioWarningsOf, statesByRole, type LoadedScenario } from './scenario.js';
import { drawMerger, planUnderPosterior, uncarriedWarning, type ArmCarried } from './posterior-ensemble.js';
import { NO_POSTERIOR, type Posterior } from './posterior.js';

export interface FactsRequest {
  runs: number;
  seed: number;
  days?: number;
  budget?: Budget;
  /** Draw each run's global parameters from this posterior (default none: the scenario as written). */
  posterior?: Posterior;
  /** Only these facts (by number; default every fact): their arms alone are run, on the same random streams. */
  only?: readonly number[];
}

type FactsRunOptions = FactsRequest & {
  runner: Runner;
  onProgress?: (d: number, t: number) => void;
  signal?: AbortSignal;
};

/** Every fact the scenario can express, evaluated on one ensemble over their distinct arms. */
export async function runFacts(loaded: LoadedScenario, opts: FactsRunOptions): Promise<FactResult[]> {
  return (await runFactsCarrying(loaded, opts)).results;
}

/** runFacts, with what the posterior carried to each distinct arm (for the renamed-scenario warning). */
async function runFactsCarrying(
  loaded: LoadedScenario,
  opts: FactsRunOptions,
): Promise<{ results: FactResult[]; notAsked: FactNotAsked[]; carried: ArmCarried[] }> {
  const s = loaded.scenario;
  const frameworks = Object.keys(s.frameworks);
  const base = s.defaultFramework ?? frameworks[0];
  // Fact 9's stronger arm: the built-in structural framework, else the first framework after the default
  // (said with the fact, since the direction is then the built-in pair's, assumed).
  const builtInStrong = frameworks.includes('structural-architecture') && base !== 'structural-architecture';
  const strong = builtInStrong ? 'structural-architecture' : (frameworks.find((f) => f !== base) ?? base);
  const strongNote = builtInStrong
    ? undefined
    : `the arms are this scenario's default framework and its next one; the expected direction is the built-in fact's (a structural settlement holds longer than a transactional freeze), assumed to carry over: list the stronger framework second, after the default`;
  const { revisionist, defender } = statesByRole(s);
  const mediator = s.agreement.mediator;
  // A fact is asked only where the scenario can express it: its levers, frameworks and parameter paths exist.
  const missing = (a: FactArm): string[] => [
    ...Object.keys(a.levers)
      .filter((l) => !Object.hasOwn(s.levers, l))
      .map((l) => `no lever ${l}`),
    ...(Object.hasOwn(s.frameworks, a.framework) ? [] : [`no framework ${a.framework}`]),
    ...Object.keys(a.set ?? {})
      .filter((p) => typeof getPath(s, p) !== 'number')
      .map((p) => `no numeric ${p}`),
  ];
  const wanted = (id: number) => opts.only === undefined || opts.only.includes(id);
  const all = factSpecs(base, strong, { defender, revisionist, mediator }, strongNote).filter((f) => wanted(f.id));
  const notAsked: FactNotAsked[] = [];
  const specs = all.filter((f) => {
    const why = f.id === 9 && strong === base ? ['one framework only, nothing to contrast'] : f.arms.flatMap(missing);
    if (why.length) notAsked.push({ id: f.id, statement: f.statement, reason: [...new Set(why)].join(', ') });
    return why.length === 0;
  });
  // One ensemble over every distinct arm.
  const keyOf = (a: FactArm) => JSON.stringify([a.framework, a.levers, a.set ?? {}]);
  const keys: string[] = [];
  const arms: FactArm[] = [];
  const points: DesignPoint[] = [];
  for (const f of specs) {
    for (const a of f.arms) {
      const key = keyOf(a);
      if (keys.includes(key)) continue;
      keys.push(key);
      arms.push(a);
      const r = resolveArm(loaded, a.framework, a.levers);
      points.push({ scenario: r.scenario, profiles: loaded.profiles });
    }
  }
  enforceBudget(scenarioWork(s, points.length, opts.runs, opts.days), opts.budget, 'facts');
  const plan = planUnderPosterior(
    points,
    opts.posterior ?? NO_POSTERIOR,
    opts.runs,
    arms.map((a) => a.framework),
  );
  // A fact's own parameter settings go on after the posterior's draw: the contrast it asks for
  // must hold whatever the draw says about the same parameter.
  const drawsOf = plan.points.length / arms.length;
  plan.points.forEach((p, i) => {
    // withPath, not setPath: a point's scenario shares its unchanged parts with the others (planUnderPosterior).
    for (const [path, v] of Object.entries(arms[Math.floor(i / drawsOf)].set ?? {}))
      p.scenario = withPath(p.scenario, path, v);
  });
  // Each arm's runs replicate by replicate (draw d takes replicates [d R, (d + 1) R) in every arm): the paired measures.
  const perArm = plan.draws * plan.runsPerDraw;
  const collapseDays = arms.map(() => new Array<number | null>(perArm).fill(null));
  // Each arm's draws merged as they come: memory does not grow with the draws.
  const merger = drawMerger(plan, arms.length);
  await opts.runner.stream({
    points: plan.points,
    runs: plan.runsPerDraw,
    seed: opts.seed,
    days: opts.days,
    onProgress: opts.onProgress,
    signal: opts.signal,
    onPointDone: merger.onPointDone,
    onRuns: (point, rows) => {
      const arm = Math.floor(point / drawsOf);
      for (const r of rows) collapseDays[arm][r.replicate] = r.collapsed ? r.time : null;
    },
  });
  const accs = merger.merged();
  // Replicates are the units of the paired interval, as in every interval of an ensemble here: the R runs
  // that share a posterior draw (R = ceil(runs / draws), 3 at 1,000 runs) are taken as independent, so D
  // copies of one draw give the answer of that draw alone (test/posterior-replicates.test.ts).
  const runsOf = (i: number): ArmRuns => ({ days: collapseDays[i], cluster: 1, horizon: accs[i].horizon });
  const revActor = s.actors[revisionist];
  const ctx = {
    revisionist,
    defender,
    mediator,
    revisionistHasHardliners:
      revActor.kind === 'state' && Object.values(revActor.factions ?? {}).some((f) => f.hardliner === true),
    misalignment: (a: { framework: string; levers: Record<string, number> }) =>
      buildModel(resolveArm(loaded, a.framework, a.levers).scenario, loaded.profiles).misalignment,
  };
  const results = specs.map((f) =>
    evaluateFact(
      f,
      f.arms.map((a) => accs[keys.indexOf(keyOf(a))]),
      ctx,
      f.arms.map((a) => runsOf(keys.indexOf(keyOf(a)))),
    ),
  );
  // Fact 7 on the defender's profile and the revisionist's threats.
  const defSpec = s.actors[defender];
  const revSpec = s.actors[revisionist];
  if (wanted(7) && !(defSpec.kind === 'state' && defSpec.defense && revSpec.kind === 'state'))
    notAsked.push({
      id: 7,
      statement: FACT7_STATEMENT,
      reason: `${defender} has no defence profile to engage a salvo with`,
    });
  if (wanted(7) && defSpec.kind === 'state' && defSpec.defense && revSpec.kind === 'state') {
    const profile = loaded.profiles[defSpec.defense.profile];
    const build = (salvo: Record<string, number>) =>
      normalizeEngagement({
        salvo,
        threats: revSpec.arsenal?.threats,
        layers: profile.layers,
        trackCapacity: profile.trackCapacity,
        saturationPKillFactor: profile.saturationPKillFactor,
      });
    const tracks = profile.trackCapacity ?? 200;
    results.push(
      engagementFact(build, 20_000, opts.seed, {
        small: Math.max(10, Math.floor(tracks * 0.6)),
        large: Math.max(20, Math.floor(tracks * 1.2)),
      }),
    );
  }
  return {
    results: results.sort((a, b) => a.id - b.id),
    notAsked: notAsked.sort((a, b) => a.id - b.id),
    carried: plan.carried,
  };
}

export interface FactsOutput {
  runs: number;
  seed: number;
  /** Which posterior each run's global parameters were drawn from. */
  posterior: string;
  /** What the posterior carried to each distinct arm the facts ran (empty parameters: the values as written). */
  posteriorCarried: ArmCarried[];
  /** Set when a posterior was asked for and carries nothing to this scenario (a renamed copy, say). */
  posteriorWarning: string | null;
  facts: FactResult[];
  /** The facts this scenario cannot express (the levers, frameworks or actors they need are not in it), and why. */
  notAsked: FactNotAsked[];
  experimentId?: number;
}

/** The facts use case: run, then store. */
export async function facts(loaded: LoadedScenario, req: FactsRequest, ctx: UseCaseContext): Promise<FactsOutput> {
  if (Object.keys(loaded.scenario.frameworks).length === 0)
    throw new InputError(`${loaded.file}: frameworks: expected at least one framework to contrast`);
  const started = Date.now();
  const { results, notAsked, carried } = await runFactsCarrying(loaded, {
    ...req,
    runner: ctx.runner,
    onProgress: ctx.onProgress,
    signal: ctx.signal,
  });
  const output: FactsOutput = {
    runs: req.runs,
    seed: req.seed,
    posterior: (req.posterior ?? NO_POSTERIOR).label,
    posteriorCarried: carried,
    posteriorWarning: uncarriedWarning(req.posterior ?? NO_POSTERIOR, loaded.scenario.name, carried),
    facts: markCalibrationTargets(results, loaded.scenario.name),
    notAsked,
  };
  if (ctx.db) {
    output.experimentId = saveExperiment(ctx.db, {
      kind: 'facts',
      truceVersion: VERSION,
      scenarioName: loaded.scenario.name,
      scenarioHash: scenarioHash(loaded),
      scenario: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles },
      seed: req.seed,
      runs: req.runs,
      params: { days: req.days ?? null, posterior: output.posterior, scenarioWarnings: scenarioWarningsOf(loaded) },
      timings: { seconds: (Date.now() - started) / 1000 },
      summary: output,
      createdAt: (ctx.now ?? wallClock)(),
    });
  }
  return output;
}
