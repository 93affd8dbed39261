/** Sensitivity indices as a table. */
import type { SensitivityOutput } from '../../app/sensitivity.js';
import { designHead } from '../../charts/posterior-note.js';
import { noiseLine, sobolTable } from '../../charts/sobol-table.js';
import { fmt, prose, table } from './format.js';

// The noise floor in words is shared with the dashboard (src/charts/sobol-table.ts).
export { noiseLine };

const num = (x: number) => String(+x.toPrecision(4));

export function renderSensitivity(o: SensitivityOutput, label: string): string {
  const names = Object.keys(o.indices);
  const indices = o.indices;
  // What was analysed comes first: the base framework and the model (posterior or as written), then any warning.
  const out = [
    ...designHead({ ...o, per: 'per design point' }).map((l) => prose(l)),
    ...(o.warnings ?? []).map((w) => prose(`Warning: ${w}.`)),
    `${o.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'} of ${label} (seed ${o.seed}):`,
  ];
  if (o.method === 'sobol') {
    const t = sobolTable(o);
    out.push(
      table(
        t.header,
        t.rows.map((r) => r.cells),
      ),
    );
    const noise = noiseLine(o);
    if (noise) out.push(prose(noise));
  } else {
    // Ranked over each lever's whole range (mu* x (max - min)); the per-unit mu* is kept beside it with its unit.
    // Results stored before the range-scaled index have only the per-unit one, ranked as before.
    const scaled = names.every((n) => indices[n].muStarScaled !== undefined);
    const key = scaled ? 'muStarScaled' : 'muStar';
    const range = (n: string) => {
      const f = o.factors?.[n];
      return f ? `[${num(f.min)}, ${num(f.max)}]${f.unit ? ` ${f.unit}` : ''}` : '-';
    };
    const sorted = [...names].sort((a, b) => indices[b][key] - indices[a][key]);
    out.push(
      scaled
        ? table(
            [
              'factor',
              'range',
              'mu* x range',
              'mu* x range 95% CI',
              'mu x range',
              'sigma x range',
              'mu* per unit of the lever',
            ],
            sorted.map((n) => {
              const v = indices[n];
              return [
                n,
                range(n),
                fmt(v.muStarScaled, 4),
                `[${fmt(v.muStarScaledLo, 4)}, ${fmt(v.muStarScaledHi, 4)}]`,
                fmt(v.muScaled, 4),
                fmt(v.sigmaScaled, 4),
                fmt(v.muStar, 4),
              ];
            }),
          )
        : table(
            ['factor', 'mu*', 'mu* 95% CI', 'mu', 'sigma'],
            sorted.map((n) => {
              const v = indices[n];
              return [
                n,
                fmt(v.muStar, 4),
                `[${fmt(v.muStarLo, 4)}, ${fmt(v.muStarHi, 4)}]`,
                fmt(v.mu, 4),
                fmt(v.sigma, 4),
              ];
            }),
          ),
    );
    out.push(
      prose(
        scaled
          ? "Ranked by mu* x range: the mean absolute change of the output over a step scaled to the lever's whole range (mu* times max - min, the elementary effects on the unit cube, as SALib's morris.analyze gives them), so levers in days, shares and multipliers compare. mu* per unit of the lever (--json: muStar) is in the units of the range column, and ranks levers by their units as much as by their effect (docs/analysis.md)."
          : "mu* is per unit of each lever's own units: it ranks levers measured in different units by their units as much as by their effect (stored before the range-scaled index; docs/analysis.md).",
      ),
    );
  }
  return out.join('\n');
}
