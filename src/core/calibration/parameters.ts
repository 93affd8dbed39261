/**
 * Global parameters: the behavioural constants that are not case covariates,
 * each with a prior and the scenario paths it sets (data/priors.yaml,
 * docs/calibration-record.md). A parameter vector is a point of the unit
 * cube u; each coordinate maps to a value through its prior's quantile
 * function (uniform or log-uniform), so prior draws, proposals and posterior
 * summaries all work on one scale.
 */
import { z } from 'zod';
import type { CeasefireScenario } from '../scenario/ceasefire-schema.js';
import { getPath, parentExists, setPath } from '../scenario/paths.js';
import type { CaseCovariates } from './cases.js';
import { isShortPause } from './coding.js';

const finite = z.number({ error: 'a number' }).refine(Number.isFinite, { error: 'a finite number' });

export const parameterSchema = z
  .object({
    description: z.string({ error: 'a description' }),
    prior: z.enum(['uniform', 'log-uniform'], { error: '"uniform" or "log-uniform"' }),
    min: finite,
    max: finite,
    /** Paths in the case archetype (actors side-a, side-b, spoilers, broker). */
    paths: z.array(z.string(), { error: 'a list of scenario paths' }).min(1, { error: 'at least one path' }),
    /** Only cases of this arena (default: all). */
    arena: z.enum(['interstate', 'state-nonstate'], { error: '"interstate" or "state-nonstate"' }).optional(),
    /**
     * Only cases whose covariates take one of the listed values (a fitted effect
     * of a provision level on a mechanism, e.g. the chance that terms were never
     * agreed when nothing was written down). Later parameters override earlier
     * ones at the same path.
     */
    when: z
      .object({
        writtenAgreement: z.array(z.enum(['yes', 'partial', 'no'])).optional(),
        monitoring: z.array(z.enum(['yes', 'partial', 'no'])).optional(),
        buffer: z.array(z.enum(['yes', 'partial', 'no'])).optional(),
        specificity: z.array(z.enum(['high', 'medium', 'low'])).optional(),
        guarantee: z.array(z.enum(['yes', 'partial', 'no'])).optional(),
        faceSaving: z.array(z.enum(['yes', 'partial', 'no'])).optional(),
        mediated: z.boolean().optional(),
        shortPause: z.boolean().optional(),
      })
      .strict()
      .optional(),
    /** Paths in named scenarios the fitted value carries to (the built-in scenario). */
    scenarioPaths: z.record(z.string(), z.array(z.string())).default({}),
    basis: z.string().optional(),
  })
  .strict()
  .refine((p) => p.max > p.min && (p.prior === 'uniform' || p.min > 0), {
    error: 'min < max, and min > 0 for a log-uniform prior',
  });

export const priorsSchema = z
  .object({
    description: z.string().optional(),
    parameters: z
      .record(z.string(), parameterSchema)
      .refine((r) => Object.keys(r).length > 0, { error: 'at least one parameter' }),
  })
  .strict();

export type ParameterSpec = z.output<typeof parameterSchema>;
export type Priors = z.output<typeof priorsSchema>;

export interface Parameter extends ParameterSpec {
  name: string;
}

export function parameterList(p: Priors): Parameter[] {
  return Object.entries(p.parameters).map(([name, spec]) => ({ name, ...spec }));
}

/** Value of a parameter at unit-cube coordinate u (the prior's quantile function). */
export function fromUnit(p: ParameterSpec, u: number): number {
  const c = Math.min(1, Math.max(0, u));
  return p.prior === 'uniform' ? p.min + c * (p.max - p.min) : p.min * Math.pow(p.max / p.min, c);
}

/** Unit-cube coordinate of a value (inverse of fromUnit); values outside the range clamp. */
export function toUnit(p: ParameterSpec, value: number): number {
  const u =
    p.prior === 'uniform' ? (value - p.min) / (p.max - p.min) : Math.log(value / p.min) / Math.log(p.max / p.min);
  return Math.min(1, Math.max(0, u));
}

export function valuesOf(params: readonly Parameter[], u: ArrayLike<number>): Record<string, number> {
  return Object.fromEntries(params.map((p, k) => [p.name, fromUnit(p, u[k])]));
}

/** Whether a parameter applies to a case (its arena and `when` filters). */
export function appliesTo(p: ParameterSpec, c: CaseCovariates): boolean {
  if (p.arena && p.arena !== c.arena) return false;
  const w = p.when;
  if (!w) return true;
  const inList = <T>(list: readonly T[] | undefined, v: T) => list === undefined || list.includes(v);
  return (
    inList(w.writtenAgreement, c.writtenAgreement) &&
    inList(w.monitoring, c.monitoring) &&
    inList(w.buffer, c.buffer) &&
    inList(w.specificity, c.specificity) &&
    inList(w.guarantee, c.guarantee) &&
    inList(w.faceSaving, c.faceSaving) &&
    (w.mediated === undefined || w.mediated === c.mediated) &&
    (w.shortPause === undefined || w.shortPause === isShortPause(c))
  );
}

/** Set each parameter's value at its archetype paths, for the parameters that apply to the case, in file order. In place. */
export function applyToCase(
  s: CeasefireScenario,
  c: CaseCovariates,
  params: readonly Parameter[],
  values: Record<string, number>,
): CeasefireScenario {
  for (const p of params) {
    if (!appliesTo(p, c)) continue;
    for (const path of p.paths) setPath(s, path, values[p.name]);
  }
  return s;
}

/** Set the fitted values in a named scenario (its `scenarioPaths`); parameters without paths there are left alone. In place. */
export function applyToScenario(
  s: CeasefireScenario,
  scenarioName: string,
  params: readonly Parameter[],
  values: Record<string, number>,
): CeasefireScenario {
  for (const p of params) for (const path of p.scenarioPaths[scenarioName] ?? []) setPath(s, path, values[p.name]);
  return s;
}

/** Problems with the paths: each must lead to a number (or a settable field) of the archetype. */
export function checkPaths(
  params: readonly Parameter[],
  archetype: CeasefireScenario,
): { parameter: string; path: string }[] {
  const bad: { parameter: string; path: string }[] = [];
  for (const p of params)
    for (const path of p.paths)
      if (
        !parentExists(archetype, path) ||
        (getPath(archetype, path) !== undefined && typeof getPath(archetype, path) !== 'number')
      )
        bad.push({ parameter: p.name, path });
  return bad;
}

export function checkScenarioPaths(
  params: readonly Parameter[],
  scenarioName: string,
  s: CeasefireScenario,
): { parameter: string; path: string }[] {
  const bad: { parameter: string; path: string }[] = [];
  for (const p of params)
    for (const path of p.scenarioPaths[scenarioName] ?? [])
      if (!parentExists(s, path) || (getPath(s, path) !== undefined && typeof getPath(s, path) !== 'number'))
        bad.push({ parameter: p.name, path });
  return bad;
}
