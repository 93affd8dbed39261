/**
 * Fixed-bin histograms: constant memory whatever the number of runs, and
 * mergeable. Quantiles are read from the bins (linear within a bin), so they
 * are approximate to the bin width; means and standard deviations are exact.
 */

export interface HistogramSpec {
  kind: 'linear' | 'log10';
  lo: number;
  hi: number;
  bins: number;
}

export interface Histogram {
  spec: HistogramSpec;
  n: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
  /** counts[0]: below lo (or zero for log bins); counts[bins + 1]: at or above hi. */
  counts: number[];
}

export function emptyHistogram(spec: HistogramSpec): Histogram {
  return { spec, n: 0, sum: 0, sumSq: 0, min: Infinity, max: -Infinity, counts: new Array(spec.bins + 2).fill(0) };
}

function binOf(spec: HistogramSpec, x: number): number {
  if (spec.kind === 'log10') {
    if (x <= 0 || x < spec.lo) return 0;
    if (x >= spec.hi) return spec.bins + 1;
    return (
      1 + Math.floor(((Math.log10(x) - Math.log10(spec.lo)) / (Math.log10(spec.hi) - Math.log10(spec.lo))) * spec.bins)
    );
  }
  if (x < spec.lo) return 0;
  if (x >= spec.hi) return spec.bins + 1;
  return 1 + Math.floor(((x - spec.lo) / (spec.hi - spec.lo)) * spec.bins);
}

function edge(spec: HistogramSpec, i: number): number {
  const f = i / spec.bins;
  return spec.kind === 'log10'
    ? 10 ** (Math.log10(spec.lo) + f * (Math.log10(spec.hi) - Math.log10(spec.lo)))
    : spec.lo + f * (spec.hi - spec.lo);
}

export function addToHistogram(h: Histogram, x: number): void {
  h.n++;
  h.sum += x;
  h.sumSq += x * x;
  if (x < h.min) h.min = x;
  if (x > h.max) h.max = x;
  h.counts[binOf(h.spec, x)]++;
}

/** a += b (same spec). */
export function mergeHistogram(a: Histogram, b: Histogram): void {
  a.n += b.n;
  a.sum += b.sum;
  a.sumSq += b.sumSq;
  a.min = Math.min(a.min, b.min);
  a.max = Math.max(a.max, b.max);
  for (let i = 0; i < a.counts.length; i++) a.counts[i] += b.counts[i];
}

export function histogramQuantile(h: Histogram, q: number): number | null {
  if (h.n === 0) return null;
  const target = q * h.n;
  let acc = 0;
  for (let i = 0; i < h.counts.length; i++) {
    const c = h.counts[i];
    if (acc + c >= target && c > 0) {
      if (i === 0) return h.spec.kind === 'log10' ? Math.max(0, h.min) : Math.max(h.min, h.spec.lo);
      if (i === h.spec.bins + 1) return h.max;
      const lo = Math.max(edge(h.spec, i - 1), h.min);
      const hi = Math.min(edge(h.spec, i), h.max);
      return lo + ((target - acc) / c) * (hi - lo);
    }
    acc += c;
  }
  return h.max;
}

export interface DistributionSummary {
  n: number;
  mean: number | null;
  sd: number | null;
  min: number | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

export function summarizeHistogram(h: Histogram): DistributionSummary {
  if (h.n === 0) return { n: 0, mean: null, sd: null, min: null, p05: null, p50: null, p95: null, max: null };
  const mean = h.sum / h.n;
  const variance = h.n > 1 ? Math.max(0, (h.sumSq - h.n * mean * mean) / (h.n - 1)) : 0;
  return {
    n: h.n,
    mean,
    sd: Math.sqrt(variance),
    min: h.min,
    p05: histogramQuantile(h, 0.05),
    p50: histogramQuantile(h, 0.5),
    p95: histogramQuantile(h, 0.95),
    max: h.max,
  };
}

/** Bins for the quantities an ensemble tracks. */
export const HISTOGRAM_SPECS = {
  interceptorsUsed: { kind: 'linear', lo: 0, hi: 5000, bins: 500 },
  openingLeakers: { kind: 'linear', lo: 0, hi: 500, bins: 500 },
  defenderCostUsd: { kind: 'log10', lo: 1e5, hi: 1e12, bins: 280 },
  attackerCostUsd: { kind: 'log10', lo: 1e5, hi: 1e12, bins: 280 },
  // The opening exchange alone, over collapsed runs (docs/analysis.md): what one saturation wave costs.
  openingInterceptors: { kind: 'linear', lo: 0, hi: 5000, bins: 500 },
  openingDefenderCostUsd: { kind: 'log10', lo: 1e5, hi: 1e12, bins: 280 },
  openingAttackerCostUsd: { kind: 'log10', lo: 1e5, hi: 1e12, bins: 280 },
} as const satisfies Record<string, HistogramSpec>;

/**
 * Bins for the defender side's own fire (docs/analysis.md, "Costs"): kept apart from HISTOGRAM_SPECS, since an arm
 * tracks them only when its runs have a strike account (RunOutcome.defenderStrikes). Over the whole run its leakers
 * can pass 500 (limited strikes, a proxy's attacks), so their bins reach 5000, still one leaker wide.
 */
export const STRIKE_HISTOGRAM_SPECS = {
  leakers: { kind: 'linear', lo: 0, hi: 5000, bins: 5000 },
  interceptorsUsed: HISTOGRAM_SPECS.interceptorsUsed,
  interceptorCostUsd: HISTOGRAM_SPECS.defenderCostUsd,
  munitionsCostUsd: HISTOGRAM_SPECS.attackerCostUsd,
  // The opening strike alone, over collapsed runs (0 when no such salvo flew), as the per-run opening_strike_*.
  openingStrikeLeakers: HISTOGRAM_SPECS.openingLeakers,
  openingStrikeInterceptors: HISTOGRAM_SPECS.openingInterceptors,
  openingStrikeInterceptorCostUsd: HISTOGRAM_SPECS.openingDefenderCostUsd,
  openingStrikeCostUsd: HISTOGRAM_SPECS.openingAttackerCostUsd,
} as const satisfies Record<string, HistogramSpec>;

/** One bin's width: in the quantity's units (linear bins), or as a factor (log bins). */
export function binWidth(spec: HistogramSpec): number {
  return spec.kind === 'log10'
    ? 10 ** ((Math.log10(spec.hi) - Math.log10(spec.lo)) / spec.bins)
    : (spec.hi - spec.lo) / spec.bins;
}

/**
 * What a median or percentile of a distribution is: read from its histogram, so exact only to within one
 * bin. Said beside every such label (CLI, report): it is the inverse empirical CDF of the per-run rows (R's
 * type 1) to within a bin, and an interpolating quantile (R's default type 7, numpy's) can differ by more where
 * the values come in steps (docs/analysis.md).
 */
export const BINNED_QUANTILES = `binned: quantiles read from histograms, exact to within one bin (${binWidth(
  HISTOGRAM_SPECS.interceptorsUsed,
)} interceptors, ${binWidth(HISTOGRAM_SPECS.openingLeakers)} leaker, ${Math.round(
  100 * (binWidth(HISTOGRAM_SPECS.defenderCostUsd) - 1),
)}% of a cost)`;
