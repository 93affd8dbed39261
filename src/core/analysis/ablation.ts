/**
 * One-at-a-time ablation (docs/ablation.md): every lever and every
 * documented parameter of a scenario moved to each end of its range, the
 * rest as the framework leaves it. The variants run with common random
 * numbers (the same seed and replicates), so differences are the
 * parameter's, not the draws'. Pure: the use case runs the variants.
 */
import { getPath, setPath } from '../scenario/paths.js';
import { resolveScenario, type Resolution } from '../scenario/levers.js';
import type { CeasefireScenario } from '../scenario/ceasefire-schema.js';
import { zForLevel } from './normal.js';
import type { Proportion } from './wilson.js';

export interface AblationVariant {
  /** A lever name, or a scenario path of a documented parameter. */
  parameter: string;
  kind: 'lever' | 'parameter';
  end: 'min' | 'max';
  value: number;
  /** The value the framework leaves it at. */
  baseline: number;
  /** What the essay says raising it does to P(collapse), when it says. */
  essay?: 'raises' | 'lowers';
  source?: string;
}

/** Variants in a fixed order: levers, then parameters, each at min then max. */
export function ablationVariants(s: CeasefireScenario, framework: string | null): AblationVariant[] {
  const base = resolveScenario(s, framework, {});
  const out: AblationVariant[] = [];
  for (const [name, l] of Object.entries(s.levers)) {
    for (const end of ['min', 'max'] as const)
      out.push({
        parameter: name,
        kind: 'lever',
        end,
        value: l[end],
        baseline: base.levers[name],
        essay: l.essay,
        source: l.source,
      });
  }
  for (const [path, r] of Object.entries(s.parameters)) {
    const v = getPath(base.scenario, path);
    for (const end of ['min', 'max'] as const)
      out.push({
        parameter: path,
        kind: 'parameter',
        end,
        value: r[end],
        baseline: typeof v === 'number' ? v : NaN,
        essay: r.essay,
        source: r.source,
      });
  }
  return out;
}

/** The resolved scenario of a variant (the input is not mutated). */
export function variantScenario(s: CeasefireScenario, framework: string | null, v: AblationVariant): Resolution {
  if (v.kind === 'lever') return resolveScenario(s, framework, { [v.parameter]: v.value });
  const r = resolveScenario(s, framework, {});
  setPath(r.scenario, v.parameter, v.value);
  return r;
}

export interface AblationEffect {
  parameter: string;
  day: string;
  /** P(collapse by day) at max minus at min. */
  effect: number;
  lo: number;
  hi: number;
  essay?: 'raises' | 'lowers';
  /** none: the interval holds 0; with: the sign the essay gives; against: the other sign; unsigned: the essay says nothing. */
  verdict: 'none' | 'with' | 'against' | 'unsigned';
}

/** Effect of moving a parameter from min to max on P(collapse by day), with an unpaired 95% Wald interval (conservative under common random numbers). */
export function ablationEffect(
  parameter: string,
  day: string,
  atMin: Proportion,
  atMax: Proportion,
  runs: number,
  essay?: 'raises' | 'lowers',
): AblationEffect {
  const z = zForLevel(0.95);
  const d = atMax.estimate - atMin.estimate;
  const se = Math.sqrt((atMin.estimate * (1 - atMin.estimate) + atMax.estimate * (1 - atMax.estimate)) / runs);
  const lo = d - z * se;
  const hi = d + z * se;
  const sign = lo > 0 ? 1 : hi < 0 ? -1 : 0;
  const verdict = sign === 0 ? 'none' : !essay ? 'unsigned' : (essay === 'raises') === sign > 0 ? 'with' : 'against';
  return { parameter, day, effect: d, lo, hi, essay, verdict };
}
