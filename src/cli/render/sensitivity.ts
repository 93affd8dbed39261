/** Sensitivity indices as a table. */
import type { SensitivityOutput } from '../../app/sensitivity.js';
import { designHead } from '../../charts/posterior-note.js';
import { morrisTable } from '../../charts/morris-table.js';
import { noiseLine, sobolTable } from '../../charts/sobol-table.js';
import { prose, table } from './format.js';

// The noise floor in words is shared with the dashboard (src/charts/sobol-table.ts).
export { noiseLine };

export function renderSensitivity(o: SensitivityOutput, label: string): string {
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
    const t = morrisTable(o);
    out.push(
      table(
        t.header,
        t.rows.map((r) => r.cells),
      ),
    );
    out.push(prose(t.note));
  }
  return out.join('\n');
}
