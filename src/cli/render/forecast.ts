/** A forecast per case: P(collapse by day d) with intervals, and the median duration. */
import { FORECAST_DAYS, type ForecastResult } from '../../app/forecast.js';
import { pct, table } from './format.js';

export function renderForecast(r: ForecastResult): string {
  const head = [
    `Forecast: ${r.runs} runs per case, seed ${r.seed}; posterior: ${r.posterior}.`,
    'P(collapse by day d) with 95% Wilson intervals; median survival in days, Kaplan-Meier (> 5 y: more than half the runs last five years).',
    '',
  ];
  const rows = r.cases.map((c) => [
    c.id,
    ...FORECAST_DAYS.map(
      (d) => `${pct(c.pCollapseBy[d].estimate)} [${pct(c.pCollapseBy[d].lo)}, ${pct(c.pCollapseBy[d].hi)}]`,
    ),
    c.medianDay === null ? '> 5 y' : String(c.medianDay),
  ]);
  return (
    head.join('\n') +
    table(['case', ...FORECAST_DAYS.map((d) => `by ${d}`), 'median survival (days)'], rows, [
      false,
      true,
      true,
      true,
      true,
      true,
      true,
    ]) +
    '\n'
  );
}
