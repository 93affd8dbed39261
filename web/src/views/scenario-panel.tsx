/**
 * The scenario panel: pick, upload or edit a scenario (checked as you type,
 * problems inline with their lines), move the levers, choose the frameworks,
 * and run a comparison as a server job with progress.
 */
import { useRef } from 'preact/hooks';
import type { CheckResponse, Job, LeverInfo } from '../../../src/app/contract.js';
import { JobProgress } from '../progress.js';

export interface ScenarioPanelProps {
  scenarios: { name: string; file: string }[];
  /** The dropdown's value: a shipped scenario's name, or "upload:FILE" for an uploaded one. */
  scenarioName: string;
  uploadedName: string | null;
  profileNames: string[];
  /** The check the levers and frameworks come from: the current one, or the last valid one while the YAML is invalid. */
  lastValid: Extract<CheckResponse, { ok: true }> | null;
  stale: boolean;
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
  const {
    scenarios,
    scenarioName,
    uploadedName,
    profileNames,
    lastValid,
    stale,
    loadScenario,
    upload,
    yaml,
    setYaml,
    check,
    leverValues,
    setLeverValues,
    touched,
    setTouched,
    frameworks,
    setFrameworks,
    runs,
    setRuns,
    seed,
    setSeed,
    job,
    runCompare,
    error,
  } = props;
  const levers: LeverInfo[] = lastValid ? lastValid.levers : [];
  const gutter = useRef<HTMLPreElement>(null);
  const lineCount = Math.max(1, yaml.split('\n').length);
  const badLines = new Set(check && !check.ok ? check.problems.map((p) => p.line).filter((l): l is number => !!l) : []);
  const runsOk = Number.isInteger(runs) && runs >= 1 && runs <= 200_000;
  const download = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([yaml], { type: 'application/yaml' }));
    a.download = uploadedName ?? `${lastValid?.name ?? (scenarioName || 'scenario')}.yaml`;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };
  return (
    <aside aria-label="scenario and levers">
      <label for="scenario-select">Scenario</label>
      <select
        id="scenario-select"
        value={scenarioName}
        onChange={(e) => loadScenario((e.target as HTMLSelectElement).value)}
      >
        {uploadedName && <option value={`upload:${uploadedName}`}>{uploadedName} (uploaded)</option>}
        {scenarios.map((s) => (
          <option value={s.name}>{s.name}</option>
        ))}
      </select>
      <label for="upload">Upload a scenario (YAML), with any defence profile files it names by path</label>
      <input id="upload" type="file" multiple accept=".yaml,.yml,.json" onChange={upload} />
      {profileNames.length > 0 && (
        <small id="uploaded-profiles">Profiles uploaded with it: {profileNames.join(', ')}</small>
      )}
      <label for="yaml-editor">Scenario YAML</label>
      <div class="editor">
        <pre class="gutter" ref={gutter} aria-hidden="true" data-testid="yaml-gutter">
          {Array.from({ length: lineCount }, (_, i) => (
            <span class={badLines.has(i + 1) ? 'bad' : undefined} data-line={i + 1}>
              {i + 1}
              {'\n'}
            </span>
          ))}
        </pre>
        <textarea
          id="yaml-editor"
          spellcheck={false}
          wrap="off"
          value={yaml}
          onInput={(e) => setYaml((e.target as HTMLTextAreaElement).value)}
          onScroll={(e) => gutter.current && (gutter.current.scrollTop = (e.target as HTMLTextAreaElement).scrollTop)}
          aria-describedby="yaml-status"
        />
      </div>
      <button type="button" id="download-yaml" onClick={download}>
        Save the edited scenario (download YAML)
      </button>
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
        {check?.ok && (check.warnings ?? []).length > 0 && (
          // Values outside a documented range run (they are not errors), but the author is told, as the CLI does.
          <ul class="notes" data-testid="yaml-range-warnings">
            {(check.warnings ?? []).map((w) => (
              <li class="warning">Warning: {w}</li>
            ))}
          </ul>
        )}
        {check?.ok && check.notes.length > 0 && (
          <ul class="notes" data-testid="yaml-notes">
            {check.notes.map((n) => (
              <li class={n.level}>
                {n.level === 'warning' ? 'Warning' : 'Note'}: {n.path}: {n.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {stale && (
        <p class="stale" id="levers-stale">
          The YAML has problems: the levers and frameworks below are from its last valid state (stale) until it is
          fixed.
        </p>
      )}
      {lastValid && (
        <fieldset>
          <legend>Levers{stale ? ' (stale)' : ''}</legend>
          {levers.map((l) => (
            <div class="lever">
              <label for={`lever-${l.name}`}>
                {l.name}{' '}
                <output data-testid={`lever-value-${l.name}`}>{+(leverValues[l.name] ?? l.default).toFixed(3)}</output>
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
                {l.description} [{l.min}, {l.max}
                {l.unit ? ` ${l.unit}` : ''}]{touched[l.name] ? ' (set in every arm)' : ' (from each framework)'}
              </small>
            </div>
          ))}
        </fieldset>
      )}
      {lastValid && (
        <fieldset>
          <legend>Frameworks to compare</legend>
          {Object.entries(lastValid.frameworks).map(([name, f]) => (
            <label class="check" title={f.description}>
              <input
                type="checkbox"
                checked={frameworks.includes(name)}
                onChange={(e) =>
                  setFrameworks(
                    (e.target as HTMLInputElement).checked
                      ? [...frameworks, name]
                      : frameworks.filter((x) => x !== name),
                  )
                }
              />{' '}
              {name}
            </label>
          ))}
        </fieldset>
      )}
      <div class="row">
        <label for="runs">Runs per arm</label>
        <input
          id="runs"
          type="number"
          min={1}
          max={200000}
          value={Number.isNaN(runs) ? '' : runs}
          onInput={(e) => {
            const v = (e.target as HTMLInputElement).value;
            setRuns(v.trim() === '' ? Number.NaN : Number(v));
          }}
          aria-describedby="runs-hint"
        />
        <label for="seed">Seed</label>
        <input
          id="seed"
          type="number"
          min={0}
          value={seed}
          onInput={(e) => setSeed(Number((e.target as HTMLInputElement).value))}
        />
      </div>
      {!runsOk && (
        <p class="error" id="runs-hint">
          Enter the number of runs per arm: a whole number from 1 to 200,000.
        </p>
      )}
      <button
        type="button"
        class="primary"
        id="run-compare"
        disabled={!check?.ok || !runsOk || frameworks.length === 0 || job?.status === 'running'}
        onClick={runCompare}
      >
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
