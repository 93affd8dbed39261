/** Sensitivity indices as a table. */
import type { SensitivityOutput } from '../../app/sensitivity.js';
import { designHead } from '../../charts/posterior-note.js';
import { fmt, prose, table } from './format.js';

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
    out.push(
      table(
        ['factor', 'S1 [95% CI]', 'ST [95% CI]'],
        names.map((n) => {
          const v = indices[n];
          return [
            n,
            `${fmt(v.S1, 3)} [${fmt(v.S1Lo, 3)}, ${fmt(v.S1Hi, 3)}]`,
            `${fmt(v.ST, 3)} [${fmt(v.STLo, 3)}, ${fmt(v.STHi, 3)}]`,
          ];
        }),
      ),
    );
  } else {
    out.push(
      table(
        ['factor', 'mu*', 'mu* 95% CI', 'mu', 'sigma'],
        [...names]
          .sort((a, b) => indices[b].muStar - indices[a].muStar)
          .map((n) => {
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
  }
  return out.join('\n');
}
