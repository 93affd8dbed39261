/**
 * Sweep: a design (grid, Latin hypercube, Sobol') over lever ranges with
 * runs per point, run as a server job and stored point by point like
 * `truce sweep`, with progress; the points as a table and a chart.
 */
import { useState } from 'preact/hooks';
import type { Job, LeverInfo, StoredExperiment, SweepRequest, SweepResult } from '../../../src/app/contract.js';
import { resumeAdvice } from '../../../src/app/contract.js';
import * as C from '../../../src/charts/charts.js';
import { describeError, get, runJob } from '../api.js';
import { Chart } from '../chart.js';
import { pct } from '../format.js';
import { designHead } from '../../../src/charts/posterior-note.js';
import { PosteriorSelect, type PosteriorChoice } from './posterior-select.js';
import { JobProgress } from '../progress.js';
import { PerRunDownload } from '../per-run.js';
import { ScenarioWarnings } from '../scenario-warnings.js';

/** Mean defender cost per run in millions of dollars, as `truce sweep` prints it. */
const millionsUsd = (usd: number | null) => `$${((usd ?? 0) / 1e6).toFixed(0)} M`;

/** The sweep the view shows: run from the page or opened from the stored runs, with its stored record once known. */
export interface ShownSweep {
  result: SweepResult;
  /** The stored sweep: whether it keeps its per-run rows, and whether it is complete. */
  stored: StoredExperiment | null;
}

export function SweepView(props: {
  yaml: string;
  profiles?: Record<string, string>;
  ok: boolean;
  levers: LeverInfo[];
  set: Record<string, number>;
  /** Kept by the app, so that the sweep shown stays across tabs and a stored one can be opened here. */
  shown: ShownSweep | null;
  setShown: (s: ShownSweep | null) => void;
}) {
  const [design, setDesign] = useState<'grid' | 'lhs' | 'sobol'>('lhs');
  const [ranges, setRanges] = useState<Record<string, [number, number]>>({ verification: [0, 1] });
  const [points, setPoints] = useState(8);
  const [runsPerPoint, setRunsPerPoint] = useState(100);
  const [days, setDays] = useState(180);
  const [posterior, setPosterior] = useState<PosteriorChoice>('none');
  const [job, setJob] = useState<Job | null>(null);
  const result = props.shown?.result ?? null;
  // The stored sweep: whether it keeps its per-run rows (not through the queue, nor above the store's limit).
  const stored = props.shown?.stored ?? null;
  const [error, setError] = useState<string | null>(null);
  const known = Object.fromEntries(Object.entries(ranges).filter(([k]) => props.levers.some((l) => l.name === k)));
  const start = async () => {
    setError(null);
    setJob(null);
    const set = Object.fromEntries(Object.entries(props.set).filter(([k]) => !(k in known)));
    const body: SweepRequest = {
      yaml: props.yaml,
      ...(props.profiles && Object.keys(props.profiles).length ? { profiles: props.profiles } : {}),
      design,
      ranges: known,
      points,
      runsPerPoint,
      seed: 1,
      days,
      set,
      posterior,
    };
    try {
      const done = await runJob<SweepResult>('/api/sweep', body, setJob);
      const shown = { result: done.result!, stored: null };
      props.setShown(shown);
      // The sweep is stored and shown: if this look-up fails, only the download links are missing.
      get<StoredExperiment>(`/api/runs/${done.result!.experimentId}`).then(
        (e) => props.setShown({ ...shown, stored: e }),
        () => undefined,
      );
    } catch (e) {
      setError(describeError(e));
    }
  };
  const toggle = (l: LeverInfo, on: boolean) => {
    const next = { ...ranges };
    if (on) next[l.name] = [l.min, l.max];
    else delete next[l.name];
    setRanges(next);
  };
  const names = result ? Object.keys(result.ranges) : [];
  const chartRows =
    result && names.length
      ? result.rows.map((r) => ({
          x: r[`lever_${names[0]}`] as number,
          p: r.p_collapse as number,
          lo: r.p_collapse_lo as number,
          hi: r.p_collapse_hi as number,
        }))
      : [];
  return (
    <div>
      <fieldset id="sweep-form" data-status={error ? 'error' : (job?.status ?? 'idle')}>
        <legend>Run a sweep</legend>
        <div class="row">
          <label for="sweep-design">Design</label>
          <select
            id="sweep-design"
            value={design}
            onChange={(e) => setDesign((e.target as HTMLSelectElement).value as 'grid' | 'lhs' | 'sobol')}
          >
            <option value="lhs">Latin hypercube</option>
            <option value="grid">grid</option>
            <option value="sobol">Sobol' sequence</option>
          </select>
          <label for="sweep-points">Points</label>
          <input
            id="sweep-points"
            type="number"
            min={1}
            value={points}
            onInput={(e) => setPoints(Number((e.target as HTMLInputElement).value))}
          />
          <label for="sweep-runs">Runs per point</label>
          <input
            id="sweep-runs"
            type="number"
            min={1}
            value={runsPerPoint}
            onInput={(e) => setRunsPerPoint(Number((e.target as HTMLInputElement).value))}
          />
          <label for="sweep-days">Days</label>
          <input
            id="sweep-days"
            type="number"
            min={1}
            value={days}
            onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))}
          />
          <PosteriorSelect id="sweep-posterior" value={posterior} onChange={setPosterior} />
        </div>
        <div role="group" aria-label="levers to sweep">
          {props.levers.map((l) => (
            <div class="row">
              <label class="check">
                <input
                  type="checkbox"
                  name="sweep-lever"
                  value={l.name}
                  checked={l.name in ranges}
                  onChange={(e) => toggle(l, (e.target as HTMLInputElement).checked)}
                />{' '}
                {l.name}
              </label>
              {l.name in ranges && (
                <span>
                  from{' '}
                  <input
                    aria-label={`${l.name} from`}
                    type="number"
                    step="any"
                    value={ranges[l.name][0]}
                    onInput={(e) =>
                      setRanges({
                        ...ranges,
                        [l.name]: [Number((e.target as HTMLInputElement).value), ranges[l.name][1]],
                      })
                    }
                  />{' '}
                  to{' '}
                  <input
                    aria-label={`${l.name} to`}
                    type="number"
                    step="any"
                    value={ranges[l.name][1]}
                    onInput={(e) =>
                      setRanges({
                        ...ranges,
                        [l.name]: [ranges[l.name][0], Number((e.target as HTMLInputElement).value)],
                      })
                    }
                  />
                </span>
              )}
            </div>
          ))}
        </div>
        <button
          type="button"
          class="primary"
          id="run-sweep"
          disabled={!props.ok || Object.keys(known).length === 0 || job?.status === 'running'}
          onClick={start}
        >
          Run sweep
        </button>
        <JobProgress job={job} id="sweep-progress" label="sweep progress" />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      {result && (
        <div>
          <p id="sweep-summary">
            Sweep stored as experiment {result.experimentId}: {result.points} points ({result.design}); export it with
            truce runs export {result.experimentId}.
          </p>
          {stored?.id === result.experimentId && stored.status !== 'complete' && (
            <p class="warning" id="sweep-status">
              Sweep {result.experimentId} {stored.status}, not complete: {result.rows.length} points stored
              {/* --resume only when this build would accept it (the server's answer, as truce runs show gives it). */}
              {resumeAdvice(result.experimentId, stored.status, stored.resume)}
              {stored.resume?.reason === 'engine' ? '' : '.'}
            </p>
          )}
          <ScenarioWarnings warnings={result.scenarioWarnings} id="sweep-scenario-warnings" />
          <div id="sweep-head">
            {designHead({ ...result, per: 'per point', toMatch: 'choose "drawn from the shipped posterior"' }).map(
              (l) => (
                <p class={l.startsWith('Warning') ? 'warning' : 'hint'}>{l}</p>
              ),
            )}
          </div>
          {stored?.id === result.experimentId && (
            <p id="sweep-per-run">
              Download one row per run (its point, lever values and outcome; the file truce runs export{' '}
              {result.experimentId} --per-run writes): <PerRunDownload experiment={stored} />
            </p>
          )}
          {chartRows.length > 0 && (
            <Chart
              name="sweep"
              deps={[result.experimentId]}
              rows={result.rows}
              render={() => C.sweepChart(chartRows, names[0])}
            />
          )}
          <table id="sweep-table">
            <caption>
              Design points: lever values, P(collapse by the horizon) with 95% interval, median survival and mean
              defender cost per run (the columns of truce sweep)
            </caption>
            <thead>
              <tr>
                <th scope="col">point</th>
                {names.map((n) => (
                  <th scope="col">{n}</th>
                ))}
                <th scope="col">P(collapse)</th>
                <th scope="col">median survival (days)</th>
                <th scope="col">defender cost</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r) => (
                <tr data-point={r.point}>
                  <td>{r.point}</td>
                  {names.map((n) => (
                    <td>{(r[`lever_${n}`] as number).toFixed(3)}</td>
                  ))}
                  <td data-value={r.p_collapse}>
                    {pct(r.p_collapse as number)} [{pct(r.p_collapse_lo as number)}, {pct(r.p_collapse_hi as number)}]
                  </td>
                  <td>{r.median_day ?? `> ${result.horizonDays}`}</td>
                  <td data-value={r.mean_defender_cost_usd}>
                    {millionsUsd(r.mean_defender_cost_usd as number | null)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
