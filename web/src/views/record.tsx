/**
 * The record: how the fitted model's forecasts score on real ceasefires it
 * did not see (leave-one-out over data/ceasefires.csv), against the base rate
 * and a Cox model, with the reliability diagram; `truce validate` as a
 * server job. Method: docs/calibration-record.md.
 */
import { useState } from 'preact/hooks';
import type { Job, ValidationReport, ValidationRequest } from '../../../src/app/contract.js';
import { reliabilityChart } from '../../../src/charts/calibration-charts.js';
import { comparisonNote, scoresKindNote } from '../../../src/charts/validation-notes.js';
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
  const kind = result?.inSample ? 'in-sample' : 'held out';
  return (
    <div>
      <fieldset id="validation-form" data-status={error ? 'error' : (job?.status ?? 'idle')}>
        <legend>Score the fitted model against the record</legend>
        <p class="hint">
          Leave-one-out cross-validation over the case library: each real ceasefire is forecast by the model refitted
          without it, and scored at 30, 90 and 365 days against the base rate and a Cox model on the same covariates
          (docs/calibration-record.md). When a fold's refit has an effective sample size below 10 it cannot move away
          from the full fit, and the scores are labelled in-sample and ranked against the Cox model fitted in-sample.
          The same numbers as <code>truce validate --runs N --seed 1</code>.
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
          <p id="validation-kind" data-in-sample={String(result.inSample)}>
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
                <th scope="col">Brier: truce ({kind})</th>
                <th scope="col">base rate ({kind})</th>
                <th scope="col">Cox (held out)</th>
                <th scope="col">Cox (in-sample)</th>
                <th scope="col">log: truce ({kind})</th>
                <th scope="col">base rate ({kind})</th>
                <th scope="col">Cox (held out)</th>
                <th scope="col">Cox (in-sample)</th>
              </tr>
            </thead>
            <tbody>
              {result.scores.map((s) => {
                // Ranked only like with like: the Cox column of the other kind is shown, not ranked.
                const base = result.inSample ? s.baseRateInSample : s.baseRate;
                const ranked = [true, true, !result.inSample, result.inSample];
                const brier = [s.model.brier, base.brier, s.cox.brier, s.coxInSample.brier];
                const log = [s.model.log, base.log, s.cox.log, s.coxInSample.log];
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
