/**
 * Ablation: every lever and every documented parameter of a scenario moved
 * to each end of its range, one at a time, under one framework, with common
 * random numbers (the same seed and replicates in every variant). Each
 * variant is summarised as an arm (P(collapse by day), median, who, why);
 * the effect of each parameter, max minus min, is checked against the sign
 * the essay gives it. `truce ablate` comes here (docs/ablation.md).
 */
import { enforceBudget, scenarioWork, type Budget } from './budget.js';
import {
  ablationEffect,
  ablationVariants,
  holmResolved,
  VERDICT_DAYS,
  pairedDaysSurvived,
  pairedDifference,
  variantScenario,
  type AblationEffect,
  type AblationVariant,
  type HolmCount,
} from '../core/analysis/ablation.js';
import type { Proportion } from '../core/analysis/wilson.js';
import { summarizeArm, type ArmSummary } from '../core/ensemble/summarize.js';
import type { Pillar } from '../core/model/escalation-utility.js';
import { resolveScenario } from '../core/scenario/levers.js';
import { VERSION } from '../io/version.js';
import { InputError } from '../io/errors.js';
import type { ReportAblation } from '../report/ablation-section.js';
import { getExperiment, saveExperiment } from '../store/experiments.js';
import type { DB } from './store.js';
import { wallClock, type UseCaseContext } from './context.js';
import type { DesignPoint } from './runner.js';
import { reportedWarning } from './report.js';
import { frameworkOrDefault, scenarioHash, scenarioWarningsOf, statesByRole, type LoadedScenario } from './scenario.js';

/** Days at which P(collapse) is reported (those within the horizon). */
export const ABLATION_DAYS = [7, 30, 90, 365, 730];

export interface AblateRequest {
  framework?: string;
  runs: number;
  seed: number;
  /** Horizon (default: the scenario's horizonDays). */
  days?: number;
  /** Refuse above this work (docs/limits.md); the CLI's default budget when absent. */
  budget?: Budget;
}

export interface AblationArm {
  pCollapseBy: Record<string, Proportion>;
  medianDay: number | null;
  firstCrosser: Record<string, number>;
  causalAttribution: Record<Pillar, number>;
  /** The collapses the causal shares rest on (n), and how many no pillar explains (docs/model/attribution.md). */
  causalSample: { collapses: number; unexplained: number };
}

export interface AblationVariantResult extends AblationArm {
  parameter: string;
  value: number;
  kind: AblationVariant['kind'];
  end: AblationVariant['end'];
  baseline: number;
  essay?: AblationVariant['essay'];
  source?: string;
}

export interface AblationOutput {
  scenario: string;
  scenarioHash: string;
  /** The scenario's warnings (values outside their documented ranges); empty when none, absent in ablations stored before. */
  scenarioWarnings?: string[];
  truceVersion: string;
  framework: string | null;
  runs: number;
  seed: number;
  horizonDays: number;
  /** The defender (its first-crosser share is the table's last column); absent in ablations stored before it. */
  defender?: string;
  baseline: AblationArm;
  variants: AblationVariantResult[];
  /** Per parameter: P(collapse by the effect day) at max minus at min, and its verdict against the essay. */
  effects: AblationEffect[];
  effectDay: string;
  /**
   * The resolved count corrected for multiplicity: Holm over every (parameter, verdict day) test, family-wise 5%
   * (each effect's `resolvedAtHolm` names its days). Absent in ablations stored before it existed.
   */
  holm?: HolmCount;
  /** The stored experiment (`runs list`, `runs show`, `report --ablation ID`), when stored. */
  experimentId?: number;
}

function armOf(s: ArmSummary): AblationArm {
  return {
    pCollapseBy: s.pCollapseBy,
    medianDay: s.medianDay,
    firstCrosser: s.firstCrosser,
    causalAttribution: s.causalAttribution,
    causalSample: s.causalSample,
  };
}

/** The variants and their design points; fails on input (an unknown framework) before anything runs. */
export function planAblation(
  loaded: LoadedScenario,
  req: AblateRequest,
): { framework: string | null; variants: AblationVariant[]; points: DesignPoint[] } {
  const framework = frameworkOrDefault(loaded, req.framework);
  const variants = ablationVariants(loaded.scenario, framework);
  const base = resolveScenario(loaded.scenario, framework, {});
  const points: DesignPoint[] = [{ scenario: base.scenario, profiles: loaded.profiles }];
  for (const v of variants)
    points.push({ scenario: variantScenario(loaded.scenario, framework, v).scenario, profiles: loaded.profiles });
  return { framework, variants, points };
}

export async function ablate(
  loaded: LoadedScenario,
  req: AblateRequest,
  ctx: UseCaseContext,
): Promise<{ output: AblationOutput; seconds: number; workers: number }> {
  const { framework, variants, points } = planAblation(loaded, { ...req, framework: req.framework });
  // The scenario's own horizon unless --days asks for another: a 180-day scenario is judged within 180 days.
  const days = req.days ?? points[0].scenario.horizonDays;
  enforceBudget(scenarioWork(loaded.scenario, points.length, req.runs, days, 'variants'), req.budget, 'ablate');
  const started = Date.now();
  // Each replicate's collapse day (null: held to the horizon), per point: the paired statistic needs them.
  const collapseDays: (number | null)[][] = points.map(() => new Array<number | null>(req.runs).fill(null));
  const accs = await ctx.runner.run({
    points,
    runs: req.runs,
    seed: req.seed,
    days,
    signal: ctx.signal,
    onProgress: ctx.onProgress,
    onRuns: (point, rows) => {
      for (const r of rows) collapseDays[point][r.replicate] = r.collapsed ? r.time : null;
    },
  });
  const seconds = (Date.now() - started) / 1000;
  // Reported days and verdict days are those within the horizon, and the horizon itself: never a day past it.
  const within = ABLATION_DAYS.filter((d) => d <= days);
  const reportDays = within.includes(days) ? within : [...within, days];
  const summaries = accs.map((acc) => summarizeArm(acc, { label: '', framework, levers: {} }, reportDays));
  const results: AblationVariantResult[] = variants.map((v, i) => ({
    parameter: v.parameter,
    value: v.value,
    ...armOf(summaries[i + 1]),
    kind: v.kind,
    end: v.end,
    baseline: v.baseline,
    essay: v.essay,
    source: v.source,
  }));
  const effectDay = String(reportDays.includes(365) ? 365 : reportDays[reportDays.length - 1]);
  // The verdict reads every day of 90, 365 and 730 within the horizon, and the horizon.
  const verdictDays = VERDICT_DAYS.filter((x) => x <= days);
  if (!verdictDays.includes(days)) verdictDays.push(days);
  const effects: AblationEffect[] = [];
  for (let i = 0; i + 1 < results.length; i += 2) {
    const lo = results[i];
    const hi = results[i + 1];
    // Variant i is point i + 1 (point 0 is the baseline).
    const atMin = collapseDays[i + 1];
    const atMax = collapseDays[i + 2];
    effects.push(
      ablationEffect(
        lo.parameter,
        effectDay,
        lo.pCollapseBy[effectDay],
        hi.pCollapseBy[effectDay],
        req.runs,
        lo.essay,
        {
          difference: pairedDifference(atMin, atMax, Number(effectDay)),
          daysSurvived: pairedDaysSurvived(atMin, atMax, days),
          byDay: Object.fromEntries(verdictDays.map((x) => [String(x), pairedDifference(atMin, atMax, x)])),
        },
      ),
    );
  }
  const output: AblationOutput = {
    scenario: loaded.scenario.name,
    scenarioHash: scenarioHash(loaded),
    scenarioWarnings: scenarioWarningsOf(loaded),
    truceVersion: VERSION,
    framework,
    runs: req.runs,
    seed: req.seed,
    horizonDays: days,
    defender: statesByRole(loaded.scenario).defender,
    baseline: armOf(summaries[0]),
    variants: results,
    effects,
    effectDay,
    holm: holmResolved(effects),
  };
  if (ctx.db) {
    output.experimentId = saveExperiment(ctx.db, {
      kind: 'ablation',
      truceVersion: VERSION,
      scenarioName: loaded.scenario.name,
      scenarioHash: output.scenarioHash,
      scenario: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles },
      seed: req.seed,
      runs: req.runs,
      params: { framework, days, scenarioWarnings: scenarioWarningsOf(loaded) },
      timings: { seconds, workers: ctx.runner.workers },
      summary: output,
      createdAt: (ctx.now ?? wallClock)(),
    });
  }
  return { output, seconds, workers: ctx.runner.workers };
}

/** The report's ablation table from an ablation's output (src/report/ablation-section.ts). */
export function ablationForReport(o: AblationOutput): ReportAblation {
  return {
    experimentId: o.experimentId,
    framework: o.framework,
    runs: o.runs,
    seed: o.seed,
    horizonDays: o.horizonDays,
    effectDay: o.effectDay,
    effects: o.effects.map((e) => ({
      parameter: e.parameter,
      effect: e.effect,
      lo: e.lo,
      hi: e.hi,
      essay: e.essay,
      verdict: e.verdict,
      resolvedAt: e.resolvedAt,
      againstAt: e.againstAt,
      paired: e.paired ? { up: e.paired.up, down: e.paired.down } : undefined,
    })),
    ranges: o.effects.map((_, i) => [o.variants[2 * i].value, o.variants[2 * i + 1].value]),
    ...(o.holm ? { holm: o.holm } : {}),
    ...(o.scenarioWarnings ? { scenarioWarnings: o.scenarioWarnings.map(reportedWarning) } : {}),
  };
}

/** A stored ablation (`truce ablate` stores one), for the report; an input error if the id is not one. */
export function storedAblation(db: DB, id: number): AblationOutput {
  const e = getExperiment(db, id);
  if (!e) throw new InputError(`--ablation: no experiment ${id} in the results store (truce runs list)`);
  if (e.kind !== 'ablation' || !e.summary)
    throw new InputError(`--ablation: experiment ${id} is a ${e.kind}, expected an ablation (truce ablate)`);
  return { ...(e.summary as AblationOutput), experimentId: id };
}
