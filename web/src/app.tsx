/**
 * The analyst's dashboard: the scenario panel on the left, one view per tab.
 * State shared by the views lives here; computation happens on the server
 * (ensembles, on its runner, as jobs) or in a web worker (the engagement
 * explorer), so the page never freezes. One file per view in views/.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CheckResponse, ComparisonResult, Job, LeverInfo, ScenariosResponse, ScenarioTextResponse } from '../../src/app/contract.js';
import { describeError, get, post, runJob } from './api.js';
import { CompareView } from './views/compare.js';
import { EngagementView } from './views/engagement.js';
import { ScenarioPanel } from './views/scenario-panel.js';
import { SensitivityView } from './views/sensitivity.js';
import { StoredView } from './views/stored.js';
import { StoryView } from './views/story.js';
import { SweepView } from './views/sweep.js';

const TABS = ['Compare', 'Run story', 'Engagement', 'Sensitivity', 'Sweep', 'Stored runs'] as const;
type Tab = (typeof TABS)[number];

type ValidCheck = Extract<CheckResponse, { ok: true }>;

/** A lever's value under the scenario's default framework (what an untouched slider shows). */
function frameworkValue(c: ValidCheck, l: LeverInfo): number {
  const fw = c.defaultFramework ? c.frameworks[c.defaultFramework] : undefined;
  return fw?.levers[l.name] ?? l.default;
}

export function App() {
  const [tab, setTab] = useState<Tab>('Compare');
  const [scenarios, setScenarios] = useState<{ name: string; file: string }[]>([]);
  const [profiles, setProfiles] = useState<string[]>([]);
  const [yaml, setYaml] = useState('');
  const [check, setCheck] = useState<CheckResponse | null>(null);
  const [leverValues, setLeverValues] = useState<Record<string, number>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [frameworks, setFrameworks] = useState<string[]>([]);
  const [runs, setRuns] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [job, setJob] = useState<Job | null>(null);
  const [compare, setCompare] = useState<ComparisonResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadScenario = (name: string) =>
    get<ScenarioTextResponse>(`/api/scenarios/${encodeURIComponent(name)}`).then((r) => {
      setTouched({});
      setYaml(r.yaml);
    });

  useEffect(() => {
    get<ScenariosResponse>('/api/scenarios').then((r) => {
      setScenarios(r.scenarios);
      setProfiles(r.profiles);
      const first = r.scenarios.find((s) => s.name === 'iran-israel') ?? r.scenarios[0];
      if (first) loadScenario(first.name);
    });
  }, []);

  // Validate as the analyst types (debounced); problems appear inline with their paths.
  useEffect(() => {
    if (!yaml) return;
    const t = setTimeout(() => {
      post<CheckResponse>('/api/check', { yaml }).then((c) => {
        setCheck(c);
        if (c.ok) {
          setLeverValues((old) => Object.fromEntries(c.levers.map((l) => [l.name, touched[l.name] ? (old[l.name] ?? l.default) : frameworkValue(c, l)])));
          setFrameworks((fw) => (fw.length && fw.every((f) => c.frameworks[f]) ? fw : Object.keys(c.frameworks).slice(0, 2)));
        }
      });
    }, 250);
    return () => clearTimeout(t);
  }, [yaml]);

  // Only levers the analyst moved are sent: the rest come from each arm's framework.
  const set = useMemo(() => Object.fromEntries(Object.entries(leverValues).filter(([k]) => touched[k])), [leverValues, touched]);

  const runCompare = async () => {
    setError(null);
    try {
      const done = await runJob<ComparisonResult>('/api/compare', { yaml, frameworks, set, runs, seed }, setJob);
      if (done.result) setCompare(done.result);
    } catch (e) {
      setError(describeError(e));
    }
  };

  const upload = (ev: Event) => {
    const f = (ev.target as HTMLInputElement).files?.[0];
    if (f) f.text().then((t) => (setTouched({}), setYaml(t)));
  };

  const ok = !!check?.ok;
  const levers = check?.ok ? check.levers : [];
  const frameworkNames = check?.ok ? Object.keys(check.frameworks) : [];
  return (
    <div class="layout">
      <header>
        <h1>truce</h1>
        <p>How externally brokered ceasefires degrade into war, and what keeps them standing.</p>
      </header>
      <ScenarioPanel {...{ scenarios, loadScenario, upload, yaml, setYaml, check, leverValues, setLeverValues, touched, setTouched, frameworks, setFrameworks, runs, setRuns, seed, setSeed, job, runCompare, error }} />
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
          {tab === 'Run story' && <StoryView yaml={yaml} ok={ok} frameworks={frameworkNames} set={set} />}
          {tab === 'Engagement' && <EngagementView profiles={profiles} />}
          {tab === 'Sensitivity' && <SensitivityView yaml={yaml} ok={ok} levers={levers} set={set} />}
          {tab === 'Sweep' && <SweepView yaml={yaml} ok={ok} levers={levers} set={set} />}
          {tab === 'Stored runs' && <StoredView onOpen={(r) => (setCompare(r), setTab('Compare'))} />}
        </div>
      </main>
    </div>
  );
}
