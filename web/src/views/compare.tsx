/** The comparison: the headline table and the figures of src/charts/figures.ts. */
import type { ComparisonResult } from '../../../src/app/contract.js';
import { describePosterior, INTERVAL_CAPTION } from '../../../src/charts/posterior-note.js';
import { comparisonFigures } from '../../../src/charts/figures.js';
import { formatPValue } from '../../../src/charts/format.js';
import { Figures } from '../figures.js';
import { pct } from '../format.js';

const ratio = (x: { hazardRatio: number | null; hrLo: number | null; hrHi: number | null }) =>
  `${x.hazardRatio!.toFixed(2)} [${x.hrLo!.toFixed(2)}, ${x.hrHi!.toFixed(2)}]`;

/** One comparison in words, as in the report: the windows lead when the hazards are not proportional (docs/analysis.md). */
function hazardSentence(c: ComparisonResult['comparisons'][number]): string {
  const lr = `log-rank p ${formatPValue(c.logRankP)}`;
  if (c.hazardRatio === null) return `${c.b} vs ${c.a}: ${c.note}; ${lr}.`;
  // One window is the whole horizon (a horizon of 30 days or less): nothing to add.
  const cut = (c.hazardRatioWindows ?? []).length > 1 ? c.hazardRatioWindows! : [];
  const windows = cut
    .map((w) => `days ${w.from}-${w.to} ${w.hazardRatio === null ? 'not estimable' : ratio(w)}`)
    .join(', ');
  const ph = c.proportionalHazards;
  if (ph?.rejected)
    return cut.length
      ? `${c.b} vs ${c.a}: hazards not proportional (Grambsch-Therneau p ${formatPValue(ph.p)}); hazard ratio by window of days ${windows}; over the whole horizon ${ratio(c)} (an average of these), ${lr}.`
      : `${c.b} vs ${c.a}: hazard ratio ${ratio(c)}, but hazards not proportional (Grambsch-Therneau p ${formatPValue(ph.p)}): it averages periods in which the ratio differs, ${lr}.`;
  return `${c.b} vs ${c.a}: hazard ratio ${ratio(c)}${ph ? ` (proportional-hazards check p ${formatPValue(ph.p)}${cut.length ? `; by window ${windows}` : ''})` : ''}, ${lr}.`;
}

export function CompareView({ result }: { result: ComparisonResult | null }) {
  if (!result)
    return (
      <p class="hint">
        Set the levers and frameworks on the left, then run a comparison. Results are stored like CLI runs.
      </p>
    );
  const arms = result.arms;
  const days = Object.keys(arms[0].pCollapseBy);
  const version = JSON.stringify([result.experimentId, arms.map((a) => a.label), arms.map((a) => a.collapsed)]);
  // What the intervals include: the parameters the posterior carries to each arm (docs/calibration-record.md).
  const posterior = describePosterior(result);
  return (
    <div>
      <p>
        {result.scenario}: {arms.map((a) => a.label).join(' against ')}; {result.runs} runs per arm, seed {result.seed}
        {result.experimentId !== undefined ? `, stored as experiment ${result.experimentId}` : ''}.
      </p>
      {posterior.warning && (
        <p class="warning" id="posterior-warning" role="note">
          Warning: {posterior.warning}.
        </p>
      )}
      <p id="posterior-note">
        {posterior.source}
        {posterior.arms.length > 0 ? ':' : '.'}
      </p>
      {posterior.arms.length > 0 && (
        <ul>
          {posterior.arms.map((l) => (
            <li>{l}</li>
          ))}
        </ul>
      )}
      <p>{posterior.intervals}</p>
      <table id="compare-table">
        <caption>P(collapse by day d), {INTERVAL_CAPTION}</caption>
        <thead>
          <tr>
            <th scope="col">arm</th>
            {days.map((d) => (
              <th scope="col">by day {d}</th>
            ))}
            <th scope="col">median survival (days)</th>
            <th scope="col">first crosser</th>
          </tr>
        </thead>
        <tbody>
          {arms.map((a) => (
            <tr data-arm={a.label}>
              <th scope="row">{a.label}</th>
              {days.map((d) => (
                <td data-day={d} data-value={a.pCollapseBy[d].estimate}>
                  {pct(a.pCollapseBy[d].estimate)} [{pct(a.pCollapseBy[d].lo)}, {pct(a.pCollapseBy[d].hi)}]
                </td>
              ))}
              <td>{a.medianDay ?? `> ${a.horizonDays}`}</td>
              <td>
                {Object.entries(a.firstCrosser)
                  .map(([k, v]) => `${k} ${pct(v)}`)
                  .join(', ') || '-'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.comparisons.length > 0 && (
        <p id="compare-hazards">{result.comparisons.map((c) => `${hazardSentence(c)} `)}</p>
      )}
      <Figures
        figures={comparisonFigures(arms)}
        version={version}
        source={{ scenario: result.scenario, seed: result.seed, runs: result.runs, version: result.truceVersion }}
      />
    </div>
  );
}
