/** The comparison: the headline table and the figures of src/charts/figures.ts. */
import type { ComparisonResult } from '../../../src/app/contract.js';
import { DEFENDER_STRUCK_FIRST, formatShare, formatShares } from '../../../src/charts/format.js';
import { hazardSentence } from '../../../src/charts/hazard-note.js';
import { describePosterior, INTERVAL_CAPTION } from '../../../src/charts/posterior-note.js';
import { defenderStrikesTables } from '../../../src/charts/defender-strikes-table.js';
import { comparisonFigures } from '../../../src/charts/figures.js';
import { Figures } from '../figures.js';
import { pct } from '../format.js';
import { CliTable } from '../cli-table.js';
import { ScenarioWarnings } from '../scenario-warnings.js';

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
      <ScenarioWarnings warnings={result.scenarioWarnings} id="scenario-warnings" />
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
            <th scope="col">collapses</th>
            <th scope="col">first crosser</th>
            <th scope="col">defender struck first</th>
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
              <td data-value={a.collapsed}>{a.collapsed}</td>
              <td class="first-crosser">{formatShares(a.firstCrosser)}</td>
              <td class="struck-first">
                {a.collapsed && a.preemptiveShare !== undefined ? formatShare(a.preemptiveShare) : '-'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {arms.some((a) => a.collapsed > 0) && <p class="hint">{DEFENDER_STRUCK_FIRST}</p>}
      {
        // The defender side's own fire, the tables of `truce compare` (src/charts/defender-strikes-table.ts): only when
        // some arm's defender side fired.
        defenderStrikesTables(arms).map((t) => (
          <CliTable
            id={t.id}
            caption={t.caption}
            header={t.header}
            rows={t.rows.map((r) => ({ cells: r.cells, attrs: { 'data-arm': r.arm } }))}
          />
        ))
      }
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
