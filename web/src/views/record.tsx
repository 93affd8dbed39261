/**
 * The record: how the fitted model's forecasts score on real ceasefires it
 * did not see (leave-one-out over data/ceasefires.csv), against the base rate
 * and a Cox model, with the reliability diagram; `truce validate` as a
 * server job. Method: docs/calibration-record.md.
 */
import { useState } from 'preact/hooks';
import type { Job, ValidationReport, ValidationRequest } from '../../../src/app/contract.js';
import { reliabilityChart } from '../../../src/charts/calibration-charts.js';
import { benchmarkColumns, comparisonNote, kindLabel, scoresKindNote } from '../../../src/charts/validation-notes.js';
import { describeError, runJob } from '../api.js';
import { Chart } from '../chart.js';
import { JobProgress } from '../progress.js';

export function RecordView() {
  const [runs, setRuns] = useState(50);
  const [job, setJob] = useState<Job | null>(null);
  const [result, setResult] = useState<ValidationReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const start = async () => {
    setError(null);
    setJob(null);
    const body: ValidationRequest = { runs, seed: 1 };
    try {
      const done = await runJob<ValidationReport>('/api/validation', body, setJob);
      setResult(done.result!);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const kind = result ? kindLabel(result.scoresAre) : '';
  const cols = result ? benchmarkColumns(result.scoresAre) : [];
  return (
    <div>
      <fieldset id="validation-form" data-status={error ? 'error' : (job?.status ?? 'idle')}>
        <legend>Score the fitted model against the record</legend>
        <p class="hint">
          Leave-one-out cross-validation over the case library: each real ceasefire is forecast by the model refitted
          without it, and scored at 30, 90 and 365 days against the base rate and a Cox model on the same covariates
          (docs/calibration-record.md). When a fold's refit has an effective sample size below 10 it cannot move away
          from the full fit: its spells' scores are labelled in-sample and ranked against the base rate and the Cox
          model fitted in-sample, the other folds' spells against the held-out ones. The same numbers as{' '}
          <code>truce validate --runs N --seed 1</code>.
        </p>
        <div class="row">
          <label for="validation-runs">Runs per held-out case</label>
          <input
            id="validation-runs"
            type="number"
            min={1}
            value={runs}
            onInput={(e) => setRuns(Number((e.target as HTMLInputElement).value))}
          />
        </div>
        <button type="button" class="primary" id="run-validation" disabled={job?.status === 'running'} onClick={start}>
          Run the validation
        </button>
        <JobProgress job={job} id="validation-progress" label="validation progress" />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      {result && (
        <div id="validation-result">
          <p>
            {result.cases} spells, {result.folds >= result.cases ? 'leave-one-out' : `${result.folds}-fold`},{' '}
            {result.runs} runs per held-out case, seed {result.seed}; posterior {result.posterior}; refit effective
            sample size per fold {result.essRange[0].toFixed(1)} to {result.essRange[1].toFixed(1)}.
          </p>
          <p id="validation-kind" data-in-sample={String(result.inSample)} data-scores-are={result.scoresAre}>
            {scoresKindNote(result)} {comparisonNote(result)}
          </p>
          <table id="validation-table">
            <caption>
              Cross-validated scores, {kind} (Brier: lower is better; log score: higher is better; the best at each
              horizon among forecasters of the same kind in bold)
            </caption>
            <thead>
              <tr>
                <th scope="col">horizon</th>
                <th scope="col">spells scored</th>
                <th scope="col">collapsed</th>
                {(['Brier', 'log'] as const).map((score) => [
                  <th scope="col">
                    {score}: truce ({kind})
                  </th>,
                  ...cols.map((c) => <th scope="col">{c.label}</th>),
                ])}
              </tr>
            </thead>
            <tbody>
              {result.scores.map((s) => {
                // Ranked only like with like (benchmarkColumns): the columns of the other kind are shown, not ranked.
                const ranked = [true, ...cols.map((c) => c.ranked)];
                const brier = [s.model.brier, ...cols.map((c) => s[c.key].brier)];
                const log = [s.model.log, ...cols.map((c) => s[c.key].log)];
                const b = Math.min(...brier.filter((_, i) => ranked[i]));
                const l = Math.max(...log.filter((_, i) => ranked[i]));
                return (
                  <tr>
                    <th scope="row">{s.horizon} days</th>
                    <td>{s.n}</td>
                    <td>{s.events}</td>
                    {brier.map((x, i) => (
                      <td>{ranked[i] && x === b ? <strong>{x.toFixed(3)}</strong> : x.toFixed(3)}</td>
                    ))}
                    {log.map((x, i) => (
                      <td>{ranked[i] && x === l ? <strong>{x.toFixed(3)}</strong> : x.toFixed(3)}</td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <Chart
            name="reliability"
            deps={[result]}
            rows={result.reliability}
            source={{ scenario: 'case library (data/ceasefires.csv)', seed: result.seed, runs: result.runs }}
            render={() => reliabilityChart(result.reliability)}
          />
        </div>
      )}
    </div>
  );
}
