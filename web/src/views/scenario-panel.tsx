/**
 * The scenario panel: pick, upload or edit a scenario (checked as you type,
 * problems inline with their lines), move the levers, choose the frameworks,
 * and run a comparison as a server job with progress.
 */
import type { CheckResponse, Job, LeverInfo } from '../../../src/app/contract.js';
import { JobProgress } from '../progress.js';

export interface ScenarioPanelProps {
  scenarios: { name: string; file: string }[];
  loadScenario: (name: string) => void;
  upload: (ev: Event) => void;
  yaml: string;
  setYaml: (t: string) => void;
  check: CheckResponse | null;
  leverValues: Record<string, number>;
  setLeverValues: (v: Record<string, number>) => void;
  touched: Record<string, boolean>;
  setTouched: (t: Record<string, boolean>) => void;
  frameworks: string[];
  setFrameworks: (f: string[]) => void;
  runs: number;
  setRuns: (n: number) => void;
  seed: number;
  setSeed: (n: number) => void;
  job: Job | null;
  runCompare: () => void;
  error: string | null;
}

export function ScenarioPanel(props: ScenarioPanelProps) {
  const { scenarios, loadScenario, upload, yaml, setYaml, check, leverValues, setLeverValues, touched, setTouched, frameworks, setFrameworks, runs, setRuns, seed, setSeed, job, runCompare, error } = props;
  const levers: LeverInfo[] = check?.ok ? check.levers : [];
  return (
    <aside aria-label="scenario and levers">
        <label for="scenario-select">Scenario</label>
        <select id="scenario-select" onChange={(e) => loadScenario((e.target as HTMLSelectElement).value)}>
          {scenarios.map((s) => (
            <option value={s.name}>{s.name}</option>
          ))}
        </select>
        <label for="upload">Upload a scenario (YAML)</label>
        <input id="upload" type="file" accept=".yaml,.yml,.json" onChange={upload} />
        <label for="yaml-editor">Scenario YAML</label>
        <textarea id="yaml-editor" spellcheck={false} value={yaml} onInput={(e) => setYaml((e.target as HTMLTextAreaElement).value)} aria-describedby="yaml-status" />
        <div id="yaml-status" role="status" aria-live="polite">
          {check && !check.ok && (
            <ul class="problems" data-testid="yaml-errors">
              {check.problems.map((p) => (
                <li>
                  {p.line ? `line ${p.line}: ` : ''}
                  <code>{p.path || '(document)'}</code>: expected {p.expected}
                  {p.found !== undefined ? `, got ${p.found}` : ''}
                </li>
              ))}
            </ul>
          )}
          {check?.ok && <p class="ok">Scenario {check.name} is valid.</p>}
        </div>
        {check?.ok && (
          <fieldset>
            <legend>Levers</legend>
            {levers.map((l) => (
              <div class="lever">
                <label for={`lever-${l.name}`}>
                  {l.name} <output data-testid={`lever-value-${l.name}`}>{+(leverValues[l.name] ?? l.default).toFixed(3)}</output>
                </label>
                <input
                  id={`lever-${l.name}`}
                  type="range"
                  min={l.min}
                  max={l.max}
                  step={(l.max - l.min) / 100}
                  value={leverValues[l.name] ?? l.default}
                  aria-describedby={`lever-desc-${l.name}`}
                  onInput={(e) => {
                    const v = Number((e.target as HTMLInputElement).value);
                    setLeverValues({ ...leverValues, [l.name]: v });
                    setTouched({ ...touched, [l.name]: true });
                  }}
                />
                <small id={`lever-desc-${l.name}`}>
                  {l.description} [{l.min}, {l.max}{l.unit ? ` ${l.unit}` : ''}]{touched[l.name] ? ' (set in every arm)' : ' (from each framework)'}
                </small>
              </div>
            ))}
          </fieldset>
        )}
        {check?.ok && (
          <fieldset>
            <legend>Frameworks to compare</legend>
            {Object.entries(check.frameworks).map(([name, f]) => (
              <label class="check" title={f.description}>
                <input type="checkbox" checked={frameworks.includes(name)} onChange={(e) => setFrameworks((e.target as HTMLInputElement).checked ? [...frameworks, name] : frameworks.filter((x) => x !== name))} /> {name}
              </label>
            ))}
          </fieldset>
        )}
        <div class="row">
          <label for="runs">Runs per arm</label>
          <input id="runs" type="number" min={1} max={200000} value={runs} onInput={(e) => setRuns(Number((e.target as HTMLInputElement).value))} />
          <label for="seed">Seed</label>
          <input id="seed" type="number" min={0} value={seed} onInput={(e) => setSeed(Number((e.target as HTMLInputElement).value))} />
        </div>
        <button type="button" class="primary" id="run-compare" disabled={!check?.ok || frameworks.length === 0 || job?.status === 'running'} onClick={runCompare}>
          Run comparison
        </button>
        <JobProgress job={job} id="compare-progress" label="comparison progress" />
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
    </aside>
  );
}
