/**
 * Monte Carlo engagement: many seeded salvo samples, summarised with
 * standard errors. Salvos are drawn by AliasSalvoSampler: each layer's
 * binomial stages come exactly from alias tables over their distributions
 * (alias-sampler.ts), the same law as SalvoSampler's sequential draws.
 */
import { Stream } from '../rng/stream.js';
import { AliasSalvoSampler } from './alias-sampler.js';
import type { Engagement } from './types.js';

export interface MonteCarloResult {
  method: 'monte-carlo';
  samples: number;
  seed: number;
  leakersMean: number;
  leakersSd: number;
  pZero: number;
  /** Observed frequency of each total leaker count (index = leakers). */
  histogram: number[];
  leakersByType: Record<string, number>;
  failedByType: Record<string, number>;
  killedByLayer: Record<string, Record<string, number>>;
  interceptorsUsed: Record<string, number>;
  engagedByLayer: Record<string, number>;
  standardError: { leakersMean: number; pZero: number };
}

/**
 * The stream of a Monte Carlo run. One stream for the whole run keeps the hot
 * loop free of per-sample stream derivation; samples are still reproducible
 * from (seed, samples).
 */
export function runMonteCarlo(e: Engagement, samples: number, seed: number): MonteCarloResult {
  if (!(samples >= 1)) throw new RangeError(`samples: expected a whole number >= 1, got ${samples}`);
  const rng = Stream.derive(seed, 'engage', 'monte-carlo');
  const sampler = new AliasSalvoSampler(e);
  const T = sampler.nTypes;
  const L = sampler.nLayers;
  let sum = 0;
  let sumSq = 0;
  let zero = 0;
  // Leakers never exceed the threats launched: the histogram is preallocated.
  const histogram = new Float64Array(e.threats.reduce((n, t) => n + t.launched, 0) + 1);
  let maxLeak = 0;
  const leakedSum = new Float64Array(T);
  const flyingSum = new Float64Array(T);
  const killedSum = new Float64Array(L * T);
  const usedSum = new Float64Array(L);
  const engagedSum = new Float64Array(L);
  if (sampler.countable) {
    // One class through fixed-shot layers: salvos are counted by joint outcome
    // (layer-chain.ts), the same draws as below; totals are sums over outcomes.
    sampler.countSalvos(rng, samples, histogram);
    sampler.addCountedTotals(flyingSum, engagedSum, killedSum, usedSum);
    for (let k = 0; k < histogram.length; k++) {
      const h = histogram[k];
      if (h === 0) continue;
      sum += h * k;
      sumSq += h * k * k;
      maxLeak = k;
    }
    zero = histogram[0];
    leakedSum[0] = sum;
  } else {
    for (let i = 0; i < samples; i++) {
      sampler.sample(rng);
      let leak = 0;
      for (let t = 0; t < T; t++) {
        leak += sampler.leaked[t];
        leakedSum[t] += sampler.leaked[t];
        flyingSum[t] += sampler.flying[t];
      }
      for (let k = 0; k < L * T; k++) killedSum[k] += sampler.killed[k];
      for (let l = 0; l < L; l++) {
        usedSum[l] += sampler.used[l];
        engagedSum[l] += sampler.engaged[l];
      }
      sum += leak;
      sumSq += leak * leak;
      if (leak === 0) zero++;
      if (leak > maxLeak) maxLeak = leak;
      histogram[leak]++;
    }
  }
  const mean = sum / samples;
  const variance = samples > 1 ? Math.max(0, (sumSq - samples * mean * mean) / (samples - 1)) : 0;
  const pZero = zero / samples;
  const leakersByType: Record<string, number> = {};
  const failedByType: Record<string, number> = {};
  e.threats.forEach((t, i) => {
    leakersByType[t.type] = leakedSum[i] / samples;
    failedByType[t.type] = t.launched - flyingSum[i] / samples;
  });
  const killedByLayer: Record<string, Record<string, number>> = {};
  const interceptorsUsed: Record<string, number> = {};
  const engagedByLayer: Record<string, number> = {};
  e.layers.forEach((layer, l) => {
    killedByLayer[layer.name] = {};
    e.threats.forEach((t, i) => {
      if (layer.pKill[t.type] !== undefined) killedByLayer[layer.name][t.type] = killedSum[l * T + i] / samples;
    });
    interceptorsUsed[layer.name] = usedSum[l] / samples;
    engagedByLayer[layer.name] = engagedSum[l] / samples;
  });
  return {
    method: 'monte-carlo',
    samples,
    seed,
    leakersMean: mean,
    leakersSd: Math.sqrt(variance),
    pZero,
    histogram: Array.from(histogram.subarray(0, maxLeak + 1), (h) => h / samples),
    leakersByType,
    failedByType,
    killedByLayer,
    interceptorsUsed,
    engagedByLayer,
    standardError: { leakersMean: Math.sqrt(variance / samples), pZero: Math.sqrt((pZero * (1 - pZero)) / samples) },
  };
}
