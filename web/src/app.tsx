/**
 * The analyst's dashboard: the scenario panel on the left, one view per tab.
 * State shared by the views lives here; computation happens on the server
 * (ensembles, on its runner, as jobs) or in a web worker (the engagement
 * explorer), so the page never freezes. One file per view in views/.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type {
  CheckResponse,
  ComparisonResult,
  Job,
  LeverInfo,
  ScenariosResponse,
  ScenarioTextResponse,
} from '../../src/app/contract.js';
import { cancelJob, describeError, get, post, runJob } from './api.js';
import { JobBanner } from './progress.js';
import { CompareView } from './views/compare.js';
import { EngagementView } from './views/engagement.js';
import { ScenarioPanel } from './views/scenario-panel.js';
import { RecordView } from './views/record.js';
import { SensitivityView } from './views/sensitivity.js';
import { StoredView } from './views/stored.js';
import { StoryView } from './views/story.js';
import { SweepView, type ShownSweep } from './views/sweep.js';

const TABS = ['Compare', 'Run story', 'Engagement', 'Sensitivity', 'Sweep', 'Record', 'Stored runs'] as const;
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
  /** What the scenario dropdown names: a shipped scenario, or the uploaded file. */
  const [scenarioName, setScenarioName] = useState('');
  const [uploadedName, setUploadedName] = useState<string | null>(null);
  /** Defence profile files uploaded with the scenario (for `profile: ./myprof.yaml`), by file name. */
  const [profileFiles, setProfileFiles] = useState<Record<string, string>>({});
  const [check, setCheck] = useState<CheckResponse | null>(null);
  /** The last valid check: the lever panel keeps working from it while the YAML is invalid (marked stale). */
  const [lastValid, setLastValid] = useState<ValidCheck | null>(null);
  const [leverValues, setLeverValues] = useState<Record<string, number>>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [frameworks, setFrameworks] = useState<string[]>([]);
  const [runs, setRuns] = useState(1000);
  const [seed, setSeed] = useState(1);
  const [job, setJob] = useState<Job | null>(null);
  const [compare, setCompare] = useState<ComparisonResult | null>(null);
  /** The sweep the sweep view shows (run there, or opened from the stored runs). */
  const [sweep, setSweep] = useState<ShownSweep | null>(null);
  const [error, setError] = useState<string | null>(null);

  const loadScenario = (name: string) =>
    get<ScenarioTextResponse>(`/api/scenarios/${encodeURIComponent(name)}`).then((r) => {
      setTouched({});
      setScenarioName(name);
      setUploadedName(null);
      setProfileFiles({});
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
      post<CheckResponse>('/api/check', { yaml, ...profilesBody }).then((c) => {
        setCheck(c);
        if (c.ok) {
          setLastValid(c);
          setLeverValues((old) =>
            Object.fromEntries(
              c.levers.map((l) => [l.name, touched[l.name] ? (old[l.name] ?? l.default) : frameworkValue(c, l)]),
            ),
          );
          setFrameworks((fw) =>
            fw.length && fw.every((f) => c.frameworks[f]) ? fw : Object.keys(c.frameworks).slice(0, 2),
          );
        }
      });
    }, 250);
    return () => clearTimeout(t);
  }, [yaml, profileFiles]);

  // Only levers the analyst moved are sent: the rest come from each arm's framework.
  const set = useMemo(
    () => Object.fromEntries(Object.entries(leverValues).filter(([k]) => touched[k])),
    [leverValues, touched],
  );

  const runCompare = async () => {
    setError(null);
    try {
      if (!Number.isInteger(runs) || runs < 1 || runs > 200_000) {
        setError('Enter the number of runs per arm: a whole number from 1 to 200,000.');
        return;
      }
      const done = await runJob<ComparisonResult>(
        '/api/compare',
        { yaml, ...profilesBody, frameworks, set, runs, seed },
        setJob,
      );
      if (done.result) setCompare(done.result);
    } catch (e) {
      setError(describeError(e));
    }
  };

  // A scenario file, optionally with the defence profile files it names by path (a file with `actors:` is the scenario).
  const upload = (ev: Event) => {
    const files = Array.from((ev.target as HTMLInputElement).files ?? []);
    if (!files.length) return;
    Promise.all(files.map((f) => f.text().then((t) => ({ name: f.name, text: t })))).then((read) => {
      const scenario = read.find((r) => /^actors\s*:/m.test(r.text)) ?? read[0];
      setTouched({});
      setUploadedName(scenario.name);
      setScenarioName(`upload:${scenario.name}`);
      setProfileFiles(Object.fromEntries(read.filter((r) => r !== scenario).map((r) => [r.name, r.text])));
      setYaml(scenario.text);
    });
  };

  const cancel = () =>
    job && job.status === 'running' && cancelJob(job.id).then(setJob, (e) => setError(describeError(e)));

  const profilesBody = Object.keys(profileFiles).length ? { profiles: profileFiles } : {};
  // While the YAML is invalid, the levers and frameworks of the last valid state stay usable (marked stale).
  const current = check?.ok ? check : lastValid;
  const stale = !!check && !check.ok && !!lastValid;
  const ok = !!check?.ok;
  const levers = current ? current.levers : [];
  const frameworkNames = current ? Object.keys(current.frameworks) : [];
  const source = { scenario: current?.name ?? uploadedName ?? scenarioName, seed };
  return (
    <div class="layout">
      <header>
        <h1>truce</h1>
        <p>How externally brokered ceasefires degrade into war, and what keeps them standing.</p>
      </header>
      <ScenarioPanel
        {...{
          scenarios,
          scenarioName,
          uploadedName,
          profileNames: Object.keys(profileFiles),
          loadScenario,
          upload,
          yaml,
          setYaml,
          check,
          lastValid: current,
          stale,
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
        }}
      />
      <main>
        <nav role="tablist" aria-label="views">
          {TABS.map((t) => (
            <button
              type="button"
              role="tab"
              aria-selected={tab === t}
              id={`tab-${t.replace(/ /g, '-').toLowerCase()}`}
              onClick={() => setTab(t)}
            >
              {t}
            </button>
          ))}
        </nav>
        <JobBanner job={job} what="comparison" onCancel={cancel} />
        <div role="tabpanel">
          {tab === 'Compare' && <CompareView result={compare} />}
          {tab === 'Run story' && (
            <StoryView
              yaml={yaml}
              profiles={profileFiles}
              ok={ok}
              frameworks={frameworkNames}
              set={set}
              source={source}
            />
          )}
          {tab === 'Engagement' && <EngagementView profiles={profiles} />}
          {tab === 'Sensitivity' && (
            <SensitivityView yaml={yaml} profiles={profileFiles} ok={ok} levers={levers} set={set} />
          )}
          {tab === 'Record' && <RecordView />}
          {tab === 'Sweep' && (
            <SweepView
              yaml={yaml}
              profiles={profileFiles}
              ok={ok}
              levers={levers}
              set={set}
              shown={sweep}
              setShown={setSweep}
            />
          )}
          {tab === 'Stored runs' && (
            <StoredView
              onOpen={(r) => (setCompare(r), setTab('Compare'))}
              onOpenSweep={(s) => (setSweep(s), setTab('Sweep'))}
            />
          )}
        </div>
      </main>
    </div>
  );
}
