/**
 * Sensitivity: run a Morris or Sobol analysis of the scenario in the editor
 * as a server job (stored like `truce sensitivity`), with progress; or open
 * a stored one. Morris shows as a tornado, Sobol as bars and the CLI's table
 * with its Monte Carlo noise column.
 */
import { useEffect, useState } from 'preact/hooks';
import type { LeverInfo, SensitivityRequest, SensitivityResult, StoredExperiment } from '../../../src/app/contract.js';
import * as C from '../../../src/charts/charts.js';
import { outputLabel } from '../../../src/charts/format.js';
import { describeError, get, runJob } from '../api.js';
import { Chart } from '../chart.js';
import { designHead } from '../../../src/charts/posterior-note.js';
import { noiseLine, sobolTable } from '../../../src/charts/sobol-table.js';
import { morrisTable } from '../../../src/charts/morris-table.js';
import { PosteriorSelect, type PosteriorChoice } from './posterior-select.js';
import { JobProgress } from '../progress.js';
import type { Job } from '../../../src/app/contract.js';

import { CliTable } from '../cli-table.js';
import { ScenarioWarnings } from '../scenario-warnings.js';

const OUTPUTS = ['pCollapse', 'medianDay', 'meanSurvivalDays', 'meanDefenderCost', 'meanInterceptors'] as const;

export function SensitivityView(props: {
  yaml: string;
  profiles?: Record<string, string>;
  ok: boolean;
  levers: LeverInfo[];
  set: Record<string, number>;
}) {
  const [list, setList] = useState<StoredExperiment[]>([]);
  const [chosen, setChosen] = useState<SensitivityResult | null>(null);
  const [method, setMethod] = useState<'morris' | 'sobol'>('morris');
  const [output, setOutput] = useState<(typeof OUTPUTS)[number]>('pCollapse');
  const [picked, setPicked] = useState<string[]>(['verification', 'faceSaving', 'mediatorCommitment']);
  const [samples, setSamples] = useState(4);
  const [runsPerPoint, setRunsPerPoint] = useState(100);
  const [days, setDays] = useState(180);
  const [posterior, setPosterior] = useState<PosteriorChoice>('none');
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () =>
    get<StoredExperiment[]>('/api/runs').then((l) => setList(l.filter((e) => e.kind === 'sensitivity')));
  useEffect(() => void refresh(), []);
  const levers = picked.filter((p) => props.levers.some((l) => l.name === p));
  const open = (id: number) => get<{ summary: SensitivityResult }>(`/api/runs/${id}`).then((e) => setChosen(e.summary));
  const start = async () => {
    setError(null);
    setJob(null);
    // Only the levers the analyst moved are fixed; the analysed ones vary over their ranges.
    const set = Object.fromEntries(Object.entries(props.set).filter(([k]) => !levers.includes(k)));
    const body: SensitivityRequest = {
      yaml: props.yaml,
      ...(props.profiles && Object.keys(props.profiles).length ? { profiles: props.profiles } : {}),
      method,
      levers,
      output,
      samples,
      runsPerPoint,
      seed: 1,
      days,
      set,
      posterior,
    };
    try {
      const done = await runJob<SensitivityResult>('/api/sensitivity', body, setJob);
      setChosen(done.result!);
      refresh();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const morris =
    chosen?.method === 'morris'
      ? Object.entries(chosen.indices).map(([factor, v]) =>
          // Over each lever's range when the result has it (the ranking of the CLI), else per unit as stored.
          v.muStarScaled !== undefined
            ? { factor, muStar: v.muStarScaled, lo: v.muStarScaledLo, hi: v.muStarScaledHi, sigma: v.sigmaScaled }
            : { factor, muStar: v.muStar, lo: v.muStarLo, hi: v.muStarHi, sigma: v.sigma },
        )
      : [];
  const sobol =
    chosen?.method === 'sobol'
      ? Object.entries(chosen.indices).flatMap(([factor, v]) => [
          { factor, index: 'S1', value: v.S1, lo: v.S1Lo, hi: v.S1Hi },
          { factor, index: 'ST', value: v.ST, lo: v.STLo, hi: v.STHi },
        ])
      : [];
  const sobolRows = chosen?.method === 'sobol' ? sobolTable(chosen) : null;
  const morrisRows = chosen?.method === 'morris' ? morrisTable(chosen) : null;
  const sobolNoise = chosen?.method === 'sobol' ? noiseLine(chosen) : null;
  return (
    <div>
      <fieldset id="sensitivity-form" data-status={error ? 'error' : (job?.status ?? 'idle')}>
        <legend>Run a sensitivity analysis</legend>
        <div class="row">
          <label for="sens-method">Method</label>
          <select
            id="sens-method"
            value={method}
            onChange={(e) => setMethod((e.target as HTMLSelectElement).value as 'morris' | 'sobol')}
          >
            <option value="morris">Morris screening</option>
            <option value="sobol">Sobol indices</option>
          </select>
          <label for="sens-output">Output</label>
          <select
            id="sens-output"
            value={output}
            onChange={(e) => setOutput((e.target as HTMLSelectElement).value as (typeof OUTPUTS)[number])}
          >
            {OUTPUTS.map((o) => (
              <option value={o}>{outputLabel(o)}</option>
            ))}
          </select>
        </div>
        <div class="row" role="group" aria-label="levers to analyse">
          {props.levers.map((l) => (
            <label class="check">
              <input
                type="checkbox"
                name="sens-lever"
                value={l.name}
                checked={picked.includes(l.name)}
                onChange={(e) =>
                  setPicked(
                    (e.target as HTMLInputElement).checked ? [...picked, l.name] : picked.filter((x) => x !== l.name),
                  )
                }
              />{' '}
              {l.name}
            </label>
          ))}
        </div>
        <div class="row">
          <label for="sens-samples">{method === 'morris' ? 'Trajectories' : 'Base sample N'}</label>
          <input
            id="sens-samples"
            type="number"
            min={1}
            value={samples}
            onInput={(e) => setSamples(Number((e.target as HTMLInputElement).value))}
          />
          <label for="sens-runs">Runs per point</label>
          <input
            id="sens-runs"
            type="number"
            min={1}
            value={runsPerPoint}
            onInput={(e) => setRunsPerPoint(Number((e.target as HTMLInputElement).value))}
          />
          <label for="sens-days">Days</label>
          <input
            id="sens-days"
            type="number"
            min={1}
            value={days}
            onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))}
          />
          <PosteriorSelect id="sens-posterior" value={posterior} onChange={setPosterior} />
        </div>
        <button
          type="button"
          class="primary"
          id="run-sensitivity"
          disabled={!props.ok || levers.length === 0 || job?.status === 'running'}
          onClick={start}
        >
          Run sensitivity analysis
        </button>
        <JobProgress job={job} id="sensitivity-progress" label="sensitivity progress" />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </fieldset>
      {list.length === 0 && (
        <p class="hint">
          No sensitivity analyses stored yet: run one above, or from the command line (truce sensitivity); they appear
          here.
        </p>
      )}
      <ul>
        {list.map((e) => (
          <li>
            <button type="button" onClick={() => open(e.id)}>
              Experiment {e.id}: {e.scenarioName ?? ''} ({e.createdAt.slice(0, 19).replace('T', ' ')})
            </button>
          </li>
        ))}
      </ul>
      {chosen && (
        <div id="sensitivity-head">
          <ScenarioWarnings warnings={chosen.scenarioWarnings} id="sensitivity-scenario-warnings" />
          {designHead({ ...chosen, per: 'per design point', toMatch: 'choose "drawn from the shipped posterior"' }).map(
            (l) => (
              <p class={l.startsWith('Warning') ? 'warning' : 'hint'}>{l}</p>
            ),
          )}
          {(chosen.warnings ?? []).map((w) => (
            <p class="warning">Warning: {w}.</p>
          ))}
        </div>
      )}
      {morris.length > 0 && (
        <Chart
          name="tornado"
          deps={[chosen]}
          rows={morris}
          render={() => C.tornadoChart(morris, chosen!.output, undefined, chosen!.rankedBy === 'muStarScaled')}
        />
      )}
      {morris.length > 0 && chosen?.rankedBy === 'muStarScaled' && chosen.factors && (
        <p class="hint" id="sensitivity-ranges">
          Ranked by mu* x range: mu* times the lever's max - min, the effect of moving it across its whole range, so
          levers in different units compare (docs/analysis.md). Ranges:{' '}
          {Object.entries(chosen.factors)
            .map(([n, f]) => `${n} [${f.min}, ${f.max}]${f.unit ? ` ${f.unit}` : ''}`)
            .join('; ')}
          .
        </p>
      )}
      {morrisRows && (
        // The table of `truce sensitivity --method morris`, ranked as it ranks (src/charts/morris-table.ts).
        <CliTable
          id="morris-table"
          caption={`Morris elementary effects of ${outputLabel(chosen!.output)} (seed ${chosen!.seed})`}
          header={morrisRows.header}
          rows={morrisRows.rows.map((r) => ({ cells: r.cells, attrs: { 'data-factor': r.factor } }))}
        />
      )}
      {sobol.length > 0 && (
        <Chart name="sobol-indices" deps={[chosen]} rows={sobol} render={() => C.sobolChart(sobol, chosen!.output)} />
      )}
      {sobolRows && (
        // The table of `truce sensitivity --method sobol`, with its noise column and words (src/charts/sobol-table.ts).
        <CliTable
          id="sobol-table"
          caption={`Sobol indices of ${outputLabel(chosen!.output)} (seed ${chosen!.seed})`}
          header={sobolRows.header}
          rows={sobolRows.rows.map((r) => ({
            cells: r.cells,
            attrs: {
              'data-factor': r.factor,
              'data-below-noise': String(r.belowNoise),
              class: r.belowNoise ? 'below-noise' : '',
            },
          }))}
        />
      )}
      {sobolNoise && (
        <p class="hint" id="sobol-noise">
          {sobolNoise}
        </p>
      )}
    </div>
  );
}
