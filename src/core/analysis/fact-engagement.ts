/**
 * Stylized fact 7 (docs/stylized-facts.md), a property of the engagement engine:
 * drone-heavy salvos give an exchange ratio (defender cost / attacker cost)
 * above 1, and larger salvos raise expected leakers more than linearly once
 * channels or tracks saturate.
 */
import { analyzeEngagement } from '../engagement/engage.js';
import type { Engagement } from '../engagement/types.js';
import { withStatus, type FactResult } from './facts.js';
import { zForLevel } from './normal.js';

export const FACT7_STATEMENT =
  'Drone-heavy salvos give an exchange ratio above 1; larger salvos raise expected leakers more than linearly once channels or tracks saturate.';

export function engagementFact(
  build: (salvo: Record<string, number>) => Engagement,
  samples: number,
  seed: number,
  saturating: { small: number; large: number },
): FactResult {
  const z = zForLevel(0.95);
  const droneHeavy = analyzeEngagement(build({ drone: 300, cruise: 20, ballistic: 20 }), {
    method: 'monte-carlo',
    samples,
    seed,
  });
  const ratio = droneHeavy.costUsd.exchangeRatio;
  const small = analyzeEngagement(build({ ballistic: saturating.small }), { method: 'monte-carlo', samples, seed });
  const large = analyzeEngagement(build({ ballistic: saturating.large }), { method: 'monte-carlo', samples, seed });
  const k = saturating.large / saturating.small;
  const excess = large.leakers.mean - k * small.leakers.mean;
  const se = Math.sqrt(large.standardError!.leakersMean ** 2 + (k * small.standardError!.leakersMean) ** 2);
  return withStatus({
    id: 7,
    statement: FACT7_STATEMENT,
    holds: ratio > 1 && excess - z * se > 0,
    measures: [
      {
        name: 'exchange ratio, 300 drones + 20 cruise + 20 ballistic (by construction of the unit costs)',
        a: null,
        b: ratio,
        effect: ratio,
        lo: null,
        hi: null,
        expected: 'positive',
        holds: ratio > 1,
        byConstruction: true,
      },
      {
        name: `leakers(${saturating.large} ballistic) - ${k} x leakers(${saturating.small})`,
        labels: { a: `${k} x leakers(${saturating.small})`, b: `leakers(${saturating.large})` },
        a: k * small.leakers.mean,
        b: large.leakers.mean,
        effect: excess,
        lo: excess - z * se,
        hi: excess + z * se,
        expected: 'increase',
        holds: excess - z * se > 0,
      },
    ],
  });
}
