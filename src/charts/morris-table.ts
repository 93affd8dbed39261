/**
 * A Morris analysis as a table (docs/analysis.md, "Morris"): the same columns, order and words in
 * `truce sensitivity --method morris` (src/cli/render/sensitivity.ts) and the dashboard's sensitivity view.
 * Pure, so the browser bundle can use it.
 */
import { fmt } from './format.js';

export interface MorrisTableInput {
  indices: Record<string, Record<string, number>>;
  /** Each factor's range and unit (absent from results stored before the range-scaled index). */
  factors?: Record<string, { min: number; max: number; unit?: string }>;
}

export interface MorrisTable {
  header: string[];
  /** Ranked by mu* x range (mu* for a result stored before it). */
  rows: { factor: string; cells: string[] }[];
  /** What the ranking index means, in words. */
  note: string;
}

const num = (x: number) => String(+x.toPrecision(4));

export function morrisTable(o: MorrisTableInput): MorrisTable {
  const names = Object.keys(o.indices);
  const indices = o.indices;
  // Ranked over each lever's whole range (mu* x (max - min)); the per-unit mu* is kept beside it with its unit.
  // Results stored before the range-scaled index have only the per-unit one, ranked as before.
  const scaled = names.every((n) => indices[n].muStarScaled !== undefined);
  const key = scaled ? 'muStarScaled' : 'muStar';
  const range = (n: string) => {
    const f = o.factors?.[n];
    return f ? `[${num(f.min)}, ${num(f.max)}]${f.unit ? ` ${f.unit}` : ''}` : '-';
  };
  const sorted = [...names].sort((a, b) => indices[b][key] - indices[a][key]);
  if (!scaled)
    return {
      header: ['factor', 'mu*', 'mu* 95% CI', 'mu', 'sigma'],
      rows: sorted.map((n) => {
        const v = indices[n];
        return {
          factor: n,
          cells: [n, fmt(v.muStar, 4), `[${fmt(v.muStarLo, 4)}, ${fmt(v.muStarHi, 4)}]`, fmt(v.mu, 4), fmt(v.sigma, 4)],
        };
      }),
      note: "mu* is per unit of each lever's own units: it ranks levers measured in different units by their units as much as by their effect (stored before the range-scaled index; docs/analysis.md).",
    };
  return {
    header: [
      'factor',
      'range',
      'mu* x range',
      'mu* x range 95% CI',
      'mu x range',
      'sigma x range',
      'mu* per unit of the lever',
    ],
    rows: sorted.map((n) => {
      const v = indices[n];
      return {
        factor: n,
        cells: [
          n,
          range(n),
          fmt(v.muStarScaled, 4),
          `[${fmt(v.muStarScaledLo, 4)}, ${fmt(v.muStarScaledHi, 4)}]`,
          fmt(v.muScaled, 4),
          fmt(v.sigmaScaled, 4),
          fmt(v.muStar, 4),
        ],
      };
    }),
    note: "Ranked by mu* x range: the mean absolute change of the output over a step scaled to the lever's whole range (mu* times max - min, the elementary effects on the unit cube, as SALib's morris.analyze gives them), so levers in days, shares and multipliers compare. mu* per unit of the lever (--json: muStar) is in the units of the range column, and ranks levers by their units as much as by their effect (docs/analysis.md).",
  };
}
