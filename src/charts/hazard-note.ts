/**
 * One comparison of two arms in words, for the report and the dashboard: the
 * hazard ratio, and when the proportional-hazards check rejects, the ratios by
 * window of days first and the single ratio called their average
 * (docs/analysis.md, "Proportional hazards"). Results stored before the check
 * have neither.
 */
import { formatPValue } from './format.js';

interface Ratio {
  hazardRatio: number | null;
  hrLo: number | null;
  hrHi: number | null;
}

export interface HazardComparison extends Ratio {
  a: string;
  b: string;
  note?: string;
  logRankP: number;
  hazardRatioWindows?: (Ratio & { from: number; to: number })[];
  proportionalHazards?: { p: number; rejected: boolean } | null;
}

/** A hazard ratio and its interval, two decimals: "0.18 [0.16, 0.20]". */
export const ratioText = (x: Ratio) => `${x.hazardRatio!.toFixed(2)} [${x.hrLo!.toFixed(2)}, ${x.hrHi!.toFixed(2)}]`;

export function hazardSentence(c: HazardComparison): string {
  const lr = `log-rank p ${formatPValue(c.logRankP)}`;
  if (c.hazardRatio === null) return `${c.b} against ${c.a}: ${c.note ?? 'hazard ratio not estimable'}; ${lr}.`;
  // One window is the whole horizon (a horizon of 30 days or less): nothing to add.
  const cut = (c.hazardRatioWindows ?? []).length > 1 ? c.hazardRatioWindows! : [];
  const windows = cut
    .map((w) => `days ${w.from}-${w.to} ${w.hazardRatio === null ? 'not estimable' : ratioText(w)}`)
    .join(', ');
  const ph = c.proportionalHazards;
  const pText = ph ? formatPValue(ph.p) : '';
  if (ph?.rejected)
    return cut.length
      ? `${c.b} against ${c.a}: the hazards are not proportional (Grambsch-Therneau test p ${pText}), so no single hazard ratio describes them. Hazard ratio of collapse by window of days (runs still at risk on its first day): ${windows}; over the whole horizon ${ratioText(c)}, an average of these; ${lr}.`
      : `${c.b} against ${c.a}: hazard ratio of collapse ${ratioText(c)}, but the hazards are not proportional (Grambsch-Therneau test p ${pText}), so it averages periods in which the ratio differs; ${lr}.`;
  return `${c.b} against ${c.a}: hazard ratio of collapse ${ratioText(c)}${ph ? ` (proportional-hazards check p ${pText}${cut.length ? `; by window of days: ${windows}` : ''})` : ''}; ${lr}.`;
}
