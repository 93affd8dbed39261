/** A grid of figures from the one figure list (src/charts/figures.ts), each with its exports. */
import type { Figure } from '../../src/charts/figures.js';
import { Chart } from './chart.js';

export function Figures({ figures, version }: { figures: Figure[]; version: string }) {
  return (
    <div class="grid">
      {figures.map((f) => (
        <Chart name={f.name} deps={[version, f.name]} rows={f.rows} render={() => f.render()} />
      ))}
    </div>
  );
}
