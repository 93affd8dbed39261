/**
 * Stored comparisons: open one, or several side by side; stored comparisons and sweeps: take their per-run rows;
 * stored sensitivity analyses: which method (Morris or Sobol) and design size, as `truce runs list` says.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ComparisonResult, StoredExperiment } from '../../../src/app/contract.js';
import type { ShownSweep } from './sweep.js';
import { describeParams, designText, storedScenarioWarnings } from '../../../src/app/contract.js';
import { get } from '../api.js';
import { PerRunDownload } from '../per-run.js';

type Stored = { summary: ComparisonResult; params: Record<string, unknown> };

export function StoredView({
  onOpen,
  onOpenSweep,
}: {
  onOpen: (r: ComparisonResult) => void;
  onOpenSweep: (s: ShownSweep) => void;
}) {
  const [list, setList] = useState<StoredExperiment[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  useEffect(() => {
    get<StoredExperiment[]>('/api/runs').then(setList);
  }, []);
  const openOne = (id: number) =>
    get<Stored>(`/api/runs/${id}`).then((e) => onOpen({ ...e.summary, scenarioWarnings: storedScenarioWarnings(e) }));
  // A stored sweep in the sweep view: its table as `truce runs show` prints it, its warnings as a comparison's.
  const openSweep = (id: number) =>
    get<StoredExperiment>(`/api/runs/${id}`).then(
      (e) => e.sweep && onOpenSweep({ result: { ...e.sweep, scenarioWarnings: storedScenarioWarnings(e) }, stored: e }),
    );
  // Several stored comparisons side by side: their arms, and their scenario warnings, labelled by experiment.
  const openMany = async () => {
    const parts = await Promise.all(selected.map((id) => get<Stored>(`/api/runs/${id}`)));
    const arms = parts.flatMap((p, i) => p.summary.arms.map((a) => ({ ...a, label: `#${selected[i]} ${a.label}` })));
    const warned = parts.flatMap((p, i) => (storedScenarioWarnings(p) ?? []).map((w) => `#${selected[i]} ${w}`));
    onOpen({ ...parts[0].summary, experimentId: undefined, arms, comparisons: [], scenarioWarnings: warned });
  };
  const compares = list.filter((e) => e.kind === 'compare');
  const sweeps = list.filter((e) => e.kind === 'sweep');
  const analyses = list.filter((e) => e.kind === 'sensitivity');
  return (
    <div>
      {compares.length === 0 && <p class="hint">No comparisons stored yet.</p>}
      <table id="stored-table">
        <caption>Stored comparisons</caption>
        <thead>
          <tr>
            <th scope="col">select</th>
            <th scope="col">id</th>
            <th scope="col">scenario</th>
            <th scope="col">created</th>
            <th scope="col">runs</th>
            <th scope="col">seed</th>
            <th scope="col">what was varied</th>
            <th scope="col">open</th>
            <th scope="col">per-run rows</th>
          </tr>
        </thead>
        <tbody>
          {compares.map((e) => (
            <tr data-experiment={e.id}>
              <td>
                <input
                  type="checkbox"
                  aria-label={`select experiment ${e.id}`}
                  checked={selected.includes(e.id)}
                  onChange={(ev) =>
                    setSelected(
                      (ev.target as HTMLInputElement).checked
                        ? [...selected, e.id]
                        : selected.filter((x) => x !== e.id),
                    )
                  }
                />
              </td>
              <td>{e.id}</td>
              <td>{e.scenarioName}</td>
              <td>{e.createdAt.slice(0, 19).replace('T', ' ')}</td>
              <td>{e.runs}</td>
              <td>{e.seed}</td>
              <td class="varied">{describeParams(e.params) || '-'}</td>
              <td>
                <button type="button" onClick={() => openOne(e.id)}>
                  Open
                </button>
              </td>
              <td>
                <PerRunDownload experiment={e} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={selected.length < 2} onClick={openMany}>
        Compare selected
      </button>
      {sweeps.length > 0 && (
        <table id="stored-sweeps">
          <caption>Stored sweeps: one row per run (its point, lever values and outcome) to download</caption>
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">scenario</th>
              <th scope="col">created</th>
              <th scope="col">status</th>
              <th scope="col">what was varied</th>
              <th scope="col">open</th>
              <th scope="col">per-run rows</th>
            </tr>
          </thead>
          <tbody>
            {sweeps.map((e) => (
              <tr data-experiment={e.id}>
                <td>{e.id}</td>
                <td>{e.scenarioName}</td>
                <td>{e.createdAt.slice(0, 19).replace('T', ' ')}</td>
                <td>{e.status}</td>
                <td class="varied">{describeParams(e.params) || '-'}</td>
                <td>
                  <button type="button" onClick={() => openSweep(e.id)}>
                    Open
                  </button>
                </td>
                <td>
                  <PerRunDownload experiment={e} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {analyses.length > 0 && (
        <table id="stored-sensitivity">
          <caption>
            Stored sensitivity analyses: the method (Morris elementary effects or Sobol indices) and its design size
            (truce runs show ID prints the indices)
          </caption>
          <thead>
            <tr>
              <th scope="col">id</th>
              <th scope="col">scenario</th>
              <th scope="col">created</th>
              <th scope="col">runs per point</th>
              <th scope="col">seed</th>
              <th scope="col">design</th>
              <th scope="col">what was varied</th>
            </tr>
          </thead>
          <tbody>
            {analyses.map((e) => (
              <tr data-experiment={e.id} data-method={e.design?.method}>
                <td>{e.id}</td>
                <td>{e.scenarioName}</td>
                <td>{e.createdAt.slice(0, 19).replace('T', ' ')}</td>
                <td>{e.runs}</td>
                <td>{e.seed}</td>
                <td class="design">{designText(e.kind, e.design)}</td>
                <td class="varied">{describeParams(e.params) || '-'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
