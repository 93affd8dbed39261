/** Sensitivity indices as a table. */
import type { SensitivityOutput } from '../../app/sensitivity.js';
import { fmt, table } from './format.js';

export function renderSensitivity(o: SensitivityOutput, label: string): string {
  const names = Object.keys(o.indices);
  const indices = o.indices;
  const out = [`${o.method === 'sobol' ? 'Sobol indices' : 'Morris elementary effects'} of ${label} (seed ${o.seed}):`];
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
  if (o.posterior !== undefined)
    out.push(
      `global parameters: ${o.posterior}${o.posteriorDraws && o.posteriorDraws > 1 ? `, ${o.posteriorDraws} draws per design point` : ''}`,
    );
  return out.join('\n');
}
