/**
 * The analyst's dashboard. State lives here; computation happens on the
 * server (ensembles, on its worker pool) or in a web worker (the engagement
 * explorer), so the page never freezes.
 */
import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import * as C from '../../src/charts/charts.js';
import { attributionRows, distributionRows, firstCrosserRows, proportionRows } from '../../src/charts/from-results.js';
import type { ArmSummary, Comparison } from '../../src/core/ensemble/summarize.js';
import type { DefenseProfile } from '../../src/core/engagement/schema.js';
import type { EngageReport } from '../../src/core/engagement/engage.js';
import type { LeverInfo } from '../../src/core/scenario/levers.js';
import type { ExplorerDefaults } from '../../src/app/contract.js';
import { ApiError, get, post, type Problem } from './api.js';
import { Chart } from './chart.js';
import './styles.css';

interface CheckResult {
  ok: boolean;
  problems: Problem[];
  name?: string;
  levers?: LeverInfo[];
  frameworks?: Record<string, { description: string; levers: Record<string, number> }>;
  defaultFramework?: string | null;
  horizonDays?: number;
}
interface CompareResult {
  scenario: string;
  runs: number;
  seed: number;
  horizonDays: number;
  arms: ArmSummary[];
  comparisons: Comparison[];
  experimentId?: number;
}
interface Job {
  id: string;
  status: 'running' | 'done' | 'error';
  done: number;
  total: number;
  result?: CompareResult;
  error?: string;
}

const TABS = ['Compare', 'Run story', 'Engagement', 'Sensitivity', 'Stored runs'] as const;
type Tab = (typeof TABS)[number];
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function App() {
  const [tab, setTab] = useState<Tab>('Compare');
  const [scenarios, setScenarios] = useState<{ name: string; file: string }[]>([]);
  const [profiles, setProfiles] = useState<string[]>([]);
  const [yaml, setYaml] = useState('');
  const [check, setCheck] = useState<CheckResult | null>(null);
  const [leverValues, setLeverValues] = useState<Record<string, number>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [frameworks, setFrameworks] = useState<string[]>([]);
  const [runs, setRuns] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [job, setJob] = useState<Job | null>(null);
  const [compare, setCompare] = useState<CompareResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ scenarios: { name: string; file: string }[]; profiles: string[] }>('/api/scenarios').then((r) => {
      setScenarios(r.scenarios);
      setProfiles(r.profiles);
      const first = r.scenarios.find((s) => s.name === 'iran-israel') ?? r.scenarios[0];
      if (first) loadScenario(first.name);
    });
  }, []);

  const loadScenario = (name: string) =>
    get<{ yaml: string }>(`/api/scenarios/${encodeURIComponent(name)}`).then((r) => {
      setTouched({});
      setYaml(r.yaml);
    });

  // Validate as the analyst types (debounced); problems appear inline with their paths.
  useEffect(() => {
    if (!yaml) return;
    const t = setTimeout(() => {
      post<CheckResult>('/api/check', { yaml }).then((c) => {
        setCheck(c);
        if (c.ok && c.levers) {
          setLeverValues((old) => Object.fromEntries(c.levers!.map((l) => [l.name, touched[l.name] ? (old[l.name] ?? l.default) : frameworkValue(c, l)])));
          setFrameworks((fw) => (fw.length && fw.every((f) => c.frameworks![f]) ? fw : Object.keys(c.frameworks!).slice(0, 2)));
        }
      });
    }, 250);
    return () => clearTimeout(t);
  }, [yaml]);

  const frameworkValue = (c: CheckResult, l: LeverInfo) => {
    const fw = c.defaultFramework ? c.frameworks?.[c.defaultFramework] : undefined;
    return fw?.levers[l.name] ?? l.default;
  };

  // Only levers the analyst moved are sent: the rest come from each arm's framework.
  const set = useMemo(() => Object.fromEntries(Object.entries(leverValues).filter(([k]) => touched[k])), [leverValues, touched]);

  const runCompare = async () => {
    setError(null);
    try {
      const started = await post<Job>('/api/compare', { yaml, frameworks, set, runs, seed });
      setJob(started);
      const poll = async (): Promise<void> => {
        const j = await get<Job>(`/api/jobs/${started.id}`);
        setJob(j);
        if (j.status === 'running') return void setTimeout(poll, 250);
        if (j.status === 'done' && j.result) setCompare(j.result);
        if (j.status === 'error') setError(j.error ?? 'the comparison failed');
      };
      poll();
    } catch (e) {
      setError(e instanceof ApiError ? `${e.message}${e.problems.length ? `: ${e.problems.map((p) => `${p.path} ${p.expected}`).join('; ')}` : ''}` : String(e));
    }
  };

  const upload = (ev: Event) => {
    const f = (ev.target as HTMLInputElement).files?.[0];
    if (f) f.text().then((t) => (setTouched({}), setYaml(t)));
  };

  return (
    <div class="layout">
      <header>
        <h1>truce</h1>
        <p>How externally brokered ceasefires degrade into war, and what keeps them standing.</p>
      </header>
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
            {check.levers!.map((l) => (
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
            {Object.entries(check.frameworks!).map(([name, f]) => (
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
        {job && job.status === 'running' && (
          <div class="progress">
            <progress id="compare-progress" max={job.total} value={job.done} aria-label="comparison progress" /> {job.done}/{job.total} runs
          </div>
        )}
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
      </aside>
      <main>
        <nav role="tablist" aria-label="views">
          {TABS.map((t) => (
            <button type="button" role="tab" aria-selected={tab === t} id={`tab-${t.replace(/ /g, '-').toLowerCase()}`} onClick={() => setTab(t)}>
              {t}
            </button>
          ))}
        </nav>
        <div role="tabpanel">
          {tab === 'Compare' && <CompareView result={compare} />}
          {tab === 'Run story' && <StoryView yaml={yaml} ok={!!check?.ok} frameworks={Object.keys(check?.frameworks ?? {})} set={set} />}
          {tab === 'Engagement' && <EngagementView profiles={profiles} />}
          {tab === 'Sensitivity' && <SensitivityView />}
          {tab === 'Stored runs' && <StoredView onOpen={(r) => (setCompare(r), setTab('Compare'))} />}
        </div>
      </main>
    </div>
  );
}

function CompareView({ result }: { result: CompareResult | null }) {
  if (!result) return <p class="hint">Set the levers and frameworks on the left, then run a comparison. Results are stored like CLI runs.</p>;
  const arms = result.arms;
  const days = Object.keys(arms[0].pCollapseBy);
  const key = JSON.stringify([result.experimentId, arms.map((a) => a.label), arms.map((a) => a.collapsed)]);
  const survivalRows = arms.flatMap((a) => a.survival.map((p) => ({ arm: a.label, ...p })));
  return (
    <div>
      <p>
        {result.scenario}: {result.runs} runs per arm, seed {result.seed}
        {result.experimentId !== undefined ? `, stored as experiment ${result.experimentId}` : ''}.
      </p>
      <table id="compare-table">
        <caption>P(collapse by day d) with 95% Wilson intervals</caption>
        <thead>
          <tr>
            <th scope="col">arm</th>
            {days.map((d) => (
              <th scope="col">by day {d}</th>
            ))}
            <th scope="col">median day</th>
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
              <td>{Object.entries(a.firstCrosser).map(([k, v]) => `${k} ${pct(v)}`).join(', ') || '-'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.comparisons.length > 0 && (
        <p>
          {result.comparisons.map((c) => (c.hazardRatio === null ? `${c.b} vs ${c.a}: ${c.note}; log-rank p ${c.logRankP.toExponential(1)}. ` : `${c.b} vs ${c.a}: hazard ratio ${c.hazardRatio.toFixed(2)} [${c.hrLo!.toFixed(2)}, ${c.hrHi!.toFixed(2)}], log-rank p ${c.logRankP.toExponential(1)}. `))}
        </p>
      )}
      <div class="grid">
        <Chart name="survival" deps={[key]} rows={survivalRows} render={() => C.survivalChart(arms)} />
        <Chart name="p-collapse-by-day" deps={[key]} rows={proportionRows(arms) as unknown as Record<string, unknown>[]} render={() => C.pCollapseChart(proportionRows(arms))} />
        {arms.some((a) => a.collapsed > 0) && <Chart name="first-crosser" deps={[key]} rows={firstCrosserRows(arms)} render={() => C.sharesChart(firstCrosserRows(arms), 'Who crossed first (share of collapses)', 'state')} />}
        {arms.some((a) => a.collapsed > 0) && <Chart name="attribution" deps={[key]} rows={attributionRows(arms)} render={() => C.sharesChart(attributionRows(arms), 'Why: mean attribution of collapses to the pillars', 'pillar')} />}
        {distributionRows(arms, 'openingLeakers').length > 0 && <Chart name="opening-leakers" deps={[key]} rows={distributionRows(arms, 'openingLeakers')} render={() => C.distributionChart(distributionRows(arms, 'openingLeakers'), 'Leakers in the opening exchange (collapsed runs)', 'leakers')} />}
        <Chart name="interceptors-used" deps={[key]} rows={distributionRows(arms, 'interceptorsUsed')} render={() => C.distributionChart(distributionRows(arms, 'interceptorsUsed'), 'Interceptors used over the run', 'interceptors')} />
        <Chart name="defender-cost" deps={[key]} rows={distributionRows(arms, 'defenderCostUsd', 1e6)} render={() => C.distributionChart(distributionRows(arms, 'defenderCostUsd', 1e6), "Defender's interceptor cost over the run", 'USD million')} />
      </div>
    </div>
  );
}

interface Story {
  outcome: { collapsed: boolean; day: number | null; firstCrosser: string | null; attribution: Record<string, number> };
  trajectory: C.StoryPoint[];
  events: { day: number; kind: string; actor: string; action: string; perceivedAsViolationBy: string[] }[];
}

function StoryView(props: { yaml: string; ok: boolean; frameworks: string[]; set: Record<string, number> }) {
  const [framework, setFramework] = useState(props.frameworks[0] ?? '');
  const [seed, setSeed] = useState(1);
  const [story, setStory] = useState<Story | null>(null);
  const [error, setError] = useState<string | null>(null);
  const go = () => post<Story>('/api/run', { yaml: props.yaml, framework: framework || null, set: props.set, seed }).then(setStory, (e) => setError(String(e.message)));
  const states = story ? Object.keys(story.trajectory[0].actors) : [];
  const weekly = useMemo(() => {
    if (!story) return [];
    const rows: { day: number; series: string; value: number }[] = [];
    const last = story.trajectory[story.trajectory.length - 1].day;
    for (let w = 0; w * 7 <= last; w++) {
      const inWeek = story.events.filter((e) => e.day > w * 7 && e.day <= (w + 1) * 7);
      rows.push({ day: (w + 1) * 7, series: 'actions by the other side', value: inWeek.filter((e) => e.kind === 'action').length });
      rows.push({ day: (w + 1) * 7, series: 'read as violations', value: inWeek.filter((e) => (e.kind === 'action' || e.kind === 'spurious') && e.perceivedAsViolationBy.length > 0).length });
      rows.push({ day: (w + 1) * 7, series: 'of which spurious', value: inWeek.filter((e) => e.kind === 'spurious' && e.perceivedAsViolationBy.length > 0).length });
    }
    return rows;
  }, [story]);
  const series = (f: (p: C.StoryPoint) => Record<string, number>) => (story ? story.trajectory.flatMap((p) => Object.entries(f(p)).map(([k, v]) => ({ day: p.day, series: k, value: v }))) : []);
  const cred = series((p) => Object.fromEntries(states.map((s) => [`${s} perceives`, p.actors[s].credibility])));
  const proxies = series((p) => Object.fromEntries(Object.entries(p.proxies).map(([k, v]) => [k, v.strength])));
  const stocks = series((p) => Object.fromEntries(states.filter((s) => p.actors[s].interceptors !== undefined).map((s) => [`${s} interceptors`, p.actors[s].interceptors!])));
  const key = JSON.stringify([framework, seed, story?.outcome]);
  return (
    <div>
      <div class="row">
        <label for="story-framework">Framework</label>
        <select id="story-framework" value={framework} onChange={(e) => setFramework((e.target as HTMLSelectElement).value)}>
          {props.frameworks.map((f) => (
            <option value={f}>{f}</option>
          ))}
        </select>
        <label for="story-seed">Seed</label>
        <input id="story-seed" type="number" min={0} value={seed} onInput={(e) => setSeed(Number((e.target as HTMLInputElement).value))} />
        <button type="button" class="primary" id="run-story" disabled={!props.ok} onClick={go}>
          Run one trajectory
        </button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
      {story && (
        <div>
          <p id="story-outcome">{story.outcome.collapsed ? `Collapsed on day ${story.outcome.day}: ${story.outcome.firstCrosser} crossed first.` : 'Held to the horizon.'}</p>
          <div class="grid">
            <Chart name="escalation-ladder" deps={[key]} rows={story.trajectory.flatMap((p) => states.map((s) => ({ day: p.day, state: s, rung: p.actors[s].rung })))} render={() => C.ladderChart(story.trajectory)} />
            {states.map((s) => (
              <Chart name={`eu-terms-${s}`} deps={[key]} rows={story.trajectory.flatMap((p) => Object.entries(p.actors[s].terms).map(([t, v]) => ({ day: p.day, term: t, value: v })))} render={() => C.euTermsChart(story.trajectory, s)} />
            ))}
            <Chart name="violations" deps={[key]} rows={weekly} render={() => C.seriesChart(weekly, 'Perceived versus actual violations, per week', 'events per week')} />
            <Chart name="credibility" deps={[key]} rows={cred} render={() => C.seriesChart(cred, 'Perceived mediator credibility', 'probability of enforcement', undefined, [0, 1])} />
            <Chart name="proxy-strength" deps={[key]} rows={proxies} render={() => C.seriesChart(proxies, 'Proxy network strength', 'strength (0-1)', undefined, [0, 1])} />
            {stocks.length > 0 && <Chart name="interceptor-stocks" deps={[key]} rows={stocks} render={() => C.seriesChart(stocks, 'Interceptor stocks (finite layers)', 'interceptors')} />}
            <Chart name="timeline" deps={[key]} rows={story.events as unknown as Record<string, unknown>[]} render={() => C.timelineChart(story.events)} />
          </div>
        </div>
      )}
    </div>
  );
}

function EngagementView({ profiles }: { profiles: string[] }) {
  const [defaults, setDefaults] = useState<ExplorerDefaults | null>(null);
  const [profileName, setProfileName] = useState<string | null>(null);
  const [profile, setProfile] = useState<DefenseProfile | null>(null);
  const [salvo, setSalvo] = useState<Record<string, number>>({});
  const [reliability, setReliability] = useState(0.85);
  // The starting salvo, threats and profile come from scenarios/engagement/explorer.yaml.
  useEffect(() => {
    get<ExplorerDefaults>('/api/explorer').then((d) => {
      setDefaults(d);
      setSalvo(d.salvo);
      setReliability(d.threats.ballistic?.reliability ?? 0.85);
      setProfileName(profiles.includes(d.profile) ? d.profile : (profiles[0] ?? d.profile));
    });
  }, []);
  const [stock, setStock] = useState(1);
  const [tracks, setTracks] = useState<number | null>(null);
  const [report, setReport] = useState<EngageReport | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  const [campaign, setCampaign] = useState<{ days: { day: number; interceptorsLeft: Record<string, { mean: number; p05: number; p95: number }> }[]; dryDay: Record<string, { median: number | null; pDryByEnd: number }> } | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    worker.current = new Worker(new URL('./engage-worker.ts', import.meta.url), { type: 'module' });
    worker.current.onmessage = (ev) => {
      if (ev.data.id !== seq.current) return;
      setReport(ev.data.report);
      setMs(ev.data.ms);
    };
    return () => worker.current?.terminate();
  }, []);
  useEffect(() => {
    if (!profileName) return;
    get<DefenseProfile>(`/api/defense/${profileName}`).then((p) => {
      setProfile(p);
      setTracks(p.trackCapacity ?? 1000);
    });
  }, [profileName]);
  useEffect(() => {
    if (!profile || !defaults || !worker.current) return;
    seq.current++;
    worker.current.postMessage({
      id: seq.current,
      profile: { ...profile, trackCapacity: tracks ?? profile.trackCapacity },
      salvo,
      threats: { ...defaults.threats, ...(defaults.threats.ballistic ? { ballistic: { ...defaults.threats.ballistic, reliability } } : {}) },
      inventoryScale: stock,
      samples: 4000,
    });
  }, [profile, defaults, salvo, reliability, stock, tracks]);
  const slider = (id: string, label: string, value: number, min: number, max: number, step: number, on: (v: number) => void, unit = '') => (
    <div class="lever">
      <label for={id}>
        {label} <output data-testid={`${id}-value`}>{value}</output>
        {unit}
      </label>
      <input id={id} type="range" min={min} max={max} step={step} value={value} onInput={(e) => on(Number((e.target as HTMLInputElement).value))} />
    </div>
  );
  const funnel = report ? Object.entries(report.killedByLayer).flatMap(([layer, m]) => Object.entries(m).map(([type, killed]) => ({ layer, type, killed }))) : [];
  const dist = report ? (report.leakers.distribution ?? report.histogram ?? []) : [];
  const key = JSON.stringify([report?.leakers.mean, report?.method]);
  return (
    <div>
      <div class="controls">
        <label for="profile-select">Defence profile</label>
        <select id="profile-select" value={profileName ?? ''} onChange={(e) => setProfileName((e.target as HTMLSelectElement).value)}>
          {profiles.map((p) => (
            <option value={p}>{p}</option>
          ))}
        </select>
        {salvo.drone !== undefined && slider('salvo-drone', 'Drones', salvo.drone, 0, 400, 5, (v) => setSalvo({ ...salvo, drone: v }))}
        {salvo.cruise !== undefined && slider('salvo-cruise', 'Cruise missiles', salvo.cruise, 0, 100, 1, (v) => setSalvo({ ...salvo, cruise: v }))}
        {salvo.ballistic !== undefined && slider('salvo-ballistic', 'Ballistic missiles', salvo.ballistic, 0, 400, 5, (v) => setSalvo({ ...salvo, ballistic: v }))}
        {slider('reliability', 'Ballistic reliability', reliability, 0, 1, 0.01, setReliability)}
        {slider('stock', 'Interceptor stock multiplier', stock, 0.1, 3, 0.05, setStock, ' x')}
        {tracks !== null && slider('tracks', 'Sensor track capacity per wave', tracks, 50, 1000, 10, setTracks, ' tracks')}
      </div>
      {report && (
        <div>
          <p id="engage-summary">
            {report.method === 'exact' ? 'Exact' : `Monte Carlo, ${report.samples} samples (standard error ${report.standardError!.leakersMean.toFixed(2)}; ${report.note?.replace(/^Monte Carlo, because /, 'the exact method does not apply: ') ?? ''})`}: expected leakers <strong id="engage-leakers">{report.leakers.mean.toFixed(2)}</strong> (sd {report.leakers.sd.toFixed(2)}), P(no leaker) {pct(report.leakers.pZero)}; defender cost ${(report.costUsd.defender / 1e6).toFixed(0)} M against attacker ${(report.costUsd.attacker / 1e6).toFixed(0)} M: exchange ratio {report.costUsd.exchangeRatio.toFixed(2)}.{' '}
            <span id="engage-ms" data-ms={ms ?? ''}>
              Recomputed in {ms?.toFixed(1)} ms.
            </span>
          </p>
          <div class="grid">
            <Chart name="leaker-distribution" deps={[key]} rows={dist.map((p, k) => ({ leakers: k, probability: p }))} render={() => C.leakerDistributionChart(dist)} />
            <Chart name="layer-funnel" deps={[key]} rows={funnel} render={() => C.funnelChart(funnel)} />
          </div>
        </div>
      )}
      <h2>Campaign</h2>
      <button type="button" id="run-campaign" onClick={() => post('/api/campaign', { runs: 300 }).then((c) => setCampaign(c as never))}>
        Run the twelve-day war campaign
      </button>
      {campaign && (
        <div>
          <Chart
            name="campaign-depletion"
            deps={[campaign]}
            rows={campaign.days.flatMap((d) => Object.entries(d.interceptorsLeft).filter(([, v]) => v.mean !== null && Number.isFinite(v.mean)).map(([layer, v]) => ({ day: d.day, layer, ...v })))}
            render={() => C.depletionChart(campaign.days.flatMap((d) => Object.entries(d.interceptorsLeft).filter(([, v]) => v.mean !== null && Number.isFinite(v.mean)).map(([layer, v]) => ({ day: d.day, layer, ...v }))))}
          />
          <table>
            <caption>The day each layer runs dry</caption>
            <thead>
              <tr>
                <th scope="col">layer</th>
                <th scope="col">P(dry by the end)</th>
                <th scope="col">median dry day</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(campaign.dryDay).map(([l, d]) => (
                <tr>
                  <th scope="row">{l}</th>
                  <td>{pct(d.pDryByEnd)}</td>
                  <td>{d.median ?? '-'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

interface Experiment {
  id: number;
  kind: string;
  status: string;
  createdAt: string;
  scenarioName: string | null;
  runs: number | null;
  seed: number | null;
  summary?: unknown;
}

function SensitivityView() {
  const [list, setList] = useState<Experiment[]>([]);
  const [chosen, setChosen] = useState<{ method: string; output: string; indices: Record<string, Record<string, number>> } | null>(null);
  useEffect(() => {
    get<Experiment[]>('/api/runs').then((l) => setList(l.filter((e) => e.kind === 'sensitivity')));
  }, []);
  const open = (id: number) => get<{ summary: typeof chosen }>(`/api/runs/${id}`).then((e) => setChosen(e.summary));
  const morris = chosen?.method === 'morris' ? Object.entries(chosen.indices).map(([factor, v]) => ({ factor, muStar: v.muStar, lo: v.muStarLo, hi: v.muStarHi, sigma: v.sigma })) : [];
  const sobol = chosen?.method === 'sobol' ? Object.entries(chosen.indices).flatMap(([factor, v]) => [
        { factor, index: 'S1', value: v.S1, lo: v.S1Lo, hi: v.S1Hi },
        { factor, index: 'ST', value: v.ST, lo: v.STLo, hi: v.STHi },
      ]) : [];
  return (
    <div>
      {list.length === 0 && <p class="hint">No sensitivity analyses stored yet. Run one from the command line, e.g. <code>truce sensitivity --method morris --levers verification,specificity,faceSaving,mediatorCommitment</code>; it appears here.</p>}
      <ul>
        {list.map((e) => (
          <li>
            <button type="button" onClick={() => open(e.id)}>
              Experiment {e.id}: {e.scenarioName ?? ''} ({e.createdAt.slice(0, 19).replace('T', ' ')})
            </button>
          </li>
        ))}
      </ul>
      {morris.length > 0 && <Chart name="tornado" deps={[chosen]} rows={morris} render={() => C.tornadoChart(morris, chosen!.output)} />}
      {sobol.length > 0 && <Chart name="sobol-indices" deps={[chosen]} rows={sobol} render={() => C.sobolChart(sobol, chosen!.output)} />}
    </div>
  );
}

function StoredView({ onOpen }: { onOpen: (r: CompareResult) => void }) {
  const [list, setList] = useState<Experiment[]>([]);
  const [selected, setSelected] = useState<number[]>([]);
  useEffect(() => {
    get<Experiment[]>('/api/runs').then(setList);
  }, []);
  const openOne = (id: number) => get<{ summary: CompareResult }>(`/api/runs/${id}`).then((e) => onOpen(e.summary));
  // Several stored comparisons side by side: their arms, labelled by experiment.
  const openMany = async () => {
    const parts = await Promise.all(selected.map((id) => get<{ summary: CompareResult }>(`/api/runs/${id}`)));
    const arms = parts.flatMap((p, i) => p.summary.arms.map((a) => ({ ...a, label: `#${selected[i]} ${a.label}` })));
    onOpen({ ...parts[0].summary, experimentId: undefined, arms, comparisons: [] });
  };
  const compares = list.filter((e) => e.kind === 'compare');
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
            <th scope="col">open</th>
          </tr>
        </thead>
        <tbody>
          {compares.map((e) => (
            <tr>
              <td>
                <input type="checkbox" aria-label={`select experiment ${e.id}`} checked={selected.includes(e.id)} onChange={(ev) => setSelected((ev.target as HTMLInputElement).checked ? [...selected, e.id] : selected.filter((x) => x !== e.id))} />
              </td>
              <td>{e.id}</td>
              <td>{e.scenarioName}</td>
              <td>{e.createdAt.slice(0, 19).replace('T', ' ')}</td>
              <td>{e.runs}</td>
              <td>{e.seed}</td>
              <td>
                <button type="button" onClick={() => openOne(e.id)}>
                  Open
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" disabled={selected.length < 2} onClick={openMany}>
        Compare selected
      </button>
    </div>
  );
}

render(<App />, document.getElementById('app')!);
