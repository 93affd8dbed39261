/** A grid of figures from the one figure list (src/charts/figures.ts), each with its exports. */
import type { Figure } from '../../src/charts/figures.js';
import { Chart } from './chart.js';
import type { ChartSource } from './export.js';

export function Figures({ figures, version, source }: { figures: Figure[]; version: string; source?: ChartSource }) {
  return (
    <div class="grid">
      {figures.map((f) => (
        <Chart name={f.name} deps={[version, f.name]} rows={f.rows} render={() => f.render()} source={source} />
      ))}
    </div>
  );
}
