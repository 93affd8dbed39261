/**
 * The engagement explorer: a salvo against a layered defence, recomputed in
 * a web worker as the sliders move; its starting salvo, threats and profile
 * come from scenarios/engagement/explorer.yaml (GET /api/explorer). Below,
 * the twelve-day war campaign's depletion.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type {
  CampaignFile,
  CampaignReport,
  DefenseProfile,
  EngageReport,
  ExplorerDefaults,
  ExplorerPreset,
  ExplorerRequest,
  ThreatSpec,
} from '../../../src/app/contract.js';
import * as C from '../../../src/charts/charts.js';
import { fmt } from '../../../src/charts/format.js';
import {
  engagementYaml,
  explorerArrivalOrder,
  explorerEngagement,
  explorerProfileLabel,
} from '../../../src/core/engagement/explorer-file.js';
import { describeError, get, post } from '../api.js';
import { Chart } from '../chart.js';
import { pct } from '../format.js';
import { campaignNotes } from '../../../src/charts/campaign-note.js';

/** The profile select's value for the loaded file's own layers (a profile name is an identifier: no colon). */
const OWN_LAYERS = 'file:layers';

/** The built-in threat types' names on the count sliders, and each slider's upper end (below twice the file's count). */
const BUILT_IN_THREATS: Record<string, { noun: string; max: number }> = {
  drone: { noun: 'drones', max: 400 },
  cruise: { noun: 'cruise missiles', max: 100 },
  rocket: { noun: 'rockets', max: 1000 },
  ballistic: { noun: 'ballistic missiles', max: 400 },
};

/** A threat type as the sliders name it: the built-in types in words, a type the file declares by its own name. */
const threatNoun = (t: string): string => BUILT_IN_THREATS[t]?.noun ?? t;

/**
 * The part of a control's id that names a threat type: the type itself when it is a plain name, else its place
 * among the file's types (a declared type may be any text; an id with spaces or quotes is awkward to select).
 */
const threatId = (t: string, i: number): string => (/^[A-Za-z][\w-]*$/.test(t) ? t : `type${i}`);

export function EngagementView({ profiles }: { profiles: string[] }) {
  const [defaults, setDefaults] = useState<ExplorerDefaults | null>(null);
  const [profileName, setProfileName] = useState<string | null>(null);
  const [profile, setProfile] = useState<DefenseProfile | null>(null);
  /** The name of the profile loaded in `profile` (the select may already name the next one). */
  const [loadedName, setLoadedName] = useState('');
  /** The order the threat types reach the defence within a wave: the file's arrivalOrder, else the engine's. */
  const [order, setOrder] = useState<string[]>([]);
  /** Per layer, the threat types the user left out of its engages. */
  const [withheld, setWithheld] = useState<Record<string, string[]>>({});
  const [salvo, setSalvo] = useState<Record<string, number>>({});
  /** Every threat type of the loaded file (its salvo and its threats), in its arrival order: one set of sliders each. */
  const [types, setTypes] = useState<string[]>([]);
  /** Per threat type, the share that arrives (the file's reliability, else 1, the engine's default). */
  const [reliabilities, setReliabilities] = useState<Record<string, number>>({});
  const [presets, setPresets] = useState<ExplorerPreset[]>([]);
  const [preset, setPreset] = useState('explorer');
  const [campaigns, setCampaigns] = useState<CampaignFile[]>([]);
  const [campaignName, setCampaignName] = useState('');
  const [campaignText, setCampaignText] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  /** Depletion as shares of each layer's starting stock (one scale for all), or counts in one panel per layer. */
  const [depletionMode, setDepletionMode] = useState<'share' | 'panels'>('share');
  const [stock, setStock] = useState(1);
  /** The sensors' track capacity per wave; null when neither the file nor the profile limits it (unlimited). */
  const [tracks, setTracks] = useState<number | null>(null);
  /** Counts loads, so that only the latest file's or profile's answer sets the controls. */
  const loads = useRef(0);
  /** The profile the select names: a shipped one, or the loaded file's own layers. */
  const profileOf = (d: ExplorerDefaults, name: string): Promise<DefenseProfile> =>
    name === OWN_LAYERS && d.layers
      ? Promise.resolve({ layers: d.layers })
      : get<DefenseProfile>(`/api/defense/${encodeURIComponent(name)}`);
  // Everything comes from the engagement file (a preset or an upload): salvo, threats (reliabilities and costs),
  // arrival order, warning, sensors, profile or layers. Loading one sets every control from it, or to its
  // default (stocks as in the profile, every type engaged), so the view, the numbers and the file agree.
  const start = (d: ExplorerDefaults) => {
    const n = ++loads.current;
    const name = d.layers ? OWN_LAYERS : d.profile;
    profileOf(d, name).then(
      (p) => {
        if (n !== loads.current) return;
        setProblem(null);
        setDefaults(d);
        setProfile(p);
        setProfileName(name);
        setLoadedName(d.layers ? d.source : d.profile);
        setSalvo(d.salvo);
        const loaded = explorerArrivalOrder(d);
        setTypes(loaded);
        setOrder(loaded);
        setWithheld({});
        // A threat type without a reliability always arrives (the engine's default, docs/model/engagement.md).
        setReliabilities(Object.fromEntries(loaded.map((t) => [t, d.threats[t]?.reliability ?? 1])));
        setStock(1);
        setTracks(d.trackCapacity ?? p.trackCapacity ?? null);
      },
      (e) => n === loads.current && setProblem(describeError(e)),
    );
  };
  /** Another profile for the same file: its layers, every type engaged, the file's or its own track capacity. */
  const chooseProfile = (name: string) => {
    if (!defaults) return;
    const n = ++loads.current;
    profileOf(defaults, name).then(
      (p) => {
        if (n !== loads.current) return;
        setProfile(p);
        setProfileName(name);
        setLoadedName(name === OWN_LAYERS ? defaults.source : name);
        setWithheld({});
        setTracks(defaults.trackCapacity ?? p.trackCapacity ?? null);
      },
      (e) => n === loads.current && setProblem(describeError(e)),
    );
  };
  useEffect(() => {
    get<ExplorerDefaults>('/api/explorer').then(start);
    get<ExplorerPreset[]>('/api/explorer/presets').then(setPresets);
    get<CampaignFile[]>('/api/campaigns').then((c) => {
      setCampaigns(c);
      setCampaignName(c.find((x) => x.name === 'twelve-day-war')?.name ?? c[0]?.name ?? '');
    });
  }, []);
  const choosePreset = (name: string) => {
    setPreset(name);
    get<ExplorerDefaults>(`/api/explorer?preset=${encodeURIComponent(name)}`).then(start, (e) =>
      setProblem(describeError(e)),
    );
  };
  const uploadEngagement = (ev: Event) => {
    const input = ev.target as HTMLInputElement;
    const f = input.files?.[0];
    // Cleared, so that choosing the same file again (after editing it) loads it again.
    input.value = '';
    if (f)
      f.text().then((yaml) =>
        // The file's name goes with it: the server's messages name the upload by it.
        post<ExplorerDefaults>('/api/explorer', { yaml, name: f.name.slice(0, 200) } satisfies ExplorerRequest).then(
          (d) => (setPreset(`upload:${f.name}`), start({ ...d, source: f.name })),
          (e) => setProblem(describeError(e)),
        ),
      );
  };
  const uploadCampaign = (ev: Event) => {
    const f = (ev.target as HTMLInputElement).files?.[0];
    if (f) f.text().then((t) => (setCampaignText(t), setCampaignName(`upload:${f.name}`)));
  };
  const runCampaign = () => {
    const upload = campaignName.startsWith('upload:');
    const yaml = upload ? campaignText : campaigns.find((c) => c.name === campaignName)?.yaml;
    // The file as `truce campaign` would be given it: the shipped path, or the uploaded file's name.
    const file = upload ? campaignName.slice(7) : (campaigns.find((c) => c.name === campaignName)?.file ?? '');
    post<CampaignReport>('/api/campaign', { runs: 300, ...(yaml ? { yaml } : {}) }).then(
      (c) => (setProblem(null), setCampaign({ ...c, file })),
      (e) => setProblem(describeError(e)),
    );
  };
  const [report, setReport] = useState<EngageReport | null>(null);
  const [ms, setMs] = useState<number | null>(null);
  /** The campaign shown, and the file it ran (for the command that prints the same numbers). */
  const [campaign, setCampaign] = useState<(CampaignReport & { file: string }) | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  useEffect(() => {
    worker.current = new Worker(new URL('../engage-worker.ts', import.meta.url), { type: 'module' });
    worker.current.onmessage = (ev) => {
      if (ev.data.id !== seq.current) return;
      setReport(ev.data.report);
      setMs(ev.data.ms);
    };
    return () => worker.current?.terminate();
  }, []);
  // The explorer's choices as one engagement file: the worker computes it and the page offers it to download.
  const ownLayers = profileName === OWN_LAYERS;
  const label = explorerProfileLabel({ profileName: loadedName, ownLayers });
  /**
   * The file's threats with the reliabilities the sliders set: written for a type whose file gives one, or whose
   * slider left 1 (the default); a type at the default stays as the file wrote it.
   */
  const threats: Record<string, ThreatSpec> = { ...defaults?.threats };
  for (const t of types) {
    const r = reliabilities[t];
    const given = defaults?.threats[t];
    if (r !== undefined && (given?.reliability !== undefined || r !== 1)) threats[t] = { ...given, reliability: r };
  }
  const spec =
    profile && defaults
      ? explorerEngagement({
          profileName: loadedName,
          profile,
          ownLayers,
          salvo,
          threats,
          arrivalOrder: order,
          ...(defaults.warningMinutes !== undefined ? { warningMinutes: defaults.warningMinutes } : {}),
          withheld,
          inventoryScale: stock,
          ...(tracks !== null ? { trackCapacity: tracks } : {}),
          ...(defaults.saturationPKillFactor !== undefined
            ? { saturationPKillFactor: defaults.saturationPKillFactor }
            : {}),
        })
      : null;
  const specKey = JSON.stringify(spec);
  useEffect(() => {
    if (!spec || !profile || !worker.current) return;
    seq.current++;
    worker.current.postMessage({ id: seq.current, spec, profile, samples: 4000 });
  }, [specKey]);
  const fileText = spec
    ? engagementYaml(spec, [
        "Saved from the truce dashboard's engagement explorer.",
        '`truce engage FILE --samples 4000 --seed 1` computes what the explorer showed.',
        ...Object.entries(withheld)
          .filter(([, ts]) => ts.length)
          .map(([l, ts]) => `Changed from ${label}: ${l} no longer engages ${ts.join(', ')}.`),
        ...(stock !== 1 ? [`Every layer's inventory is its inventory in ${label} times ${stock}, rounded.`] : []),
      ])
    : '';
  const downloadFile = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([fileText], { type: 'application/yaml' }));
    a.download = 'explorer-engagement.yaml';
    a.click();
    URL.revokeObjectURL(a.href);
  };
  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    setOrder(next);
  };
  const toggleEngages = (layer: string, type: string, on: boolean) => {
    const left = (withheld[layer] ?? []).filter((t) => t !== type);
    setWithheld({ ...withheld, [layer]: on ? left : [...left, type] });
  };
  const waveOf = (t: string) => defaults?.threats[t]?.wave ?? 1;
  const waves = new Set(order.map(waveOf)).size;
  const slider = (
    id: string,
    label: string,
    value: number,
    min: number,
    max: number,
    step: number,
    on: (v: number) => void,
    unit = '',
  ) => (
    <div class="lever">
      <label for={id}>
        {label} <output data-testid={`${id}-value`}>{value}</output>
        {unit}
      </label>
      <input
        id={id}
        type="range"
        min={Math.min(min, value)}
        max={Math.max(max, value)}
        step={step}
        value={value}
        onInput={(e) => on(Number((e.target as HTMLInputElement).value))}
      />
    </div>
  );
  const funnel = report
    ? Object.entries(report.killedByLayer).flatMap(([layer, m]) =>
        Object.entries(m).map(([type, killed]) => ({ layer, type, killed })),
      )
    : [];
  const dist = report ? (report.leakers.distribution ?? report.histogram ?? []) : [];
  const key = JSON.stringify([report?.leakers.mean, report?.method]);
  return (
    <div>
      <div class="controls">
        <label for="preset-select">Start from</label>
        <select id="preset-select" value={preset} onChange={(e) => choosePreset((e.target as HTMLSelectElement).value)}>
          {preset.startsWith('upload:') && <option value={preset}>{preset.slice(7)} (uploaded)</option>}
          {presets.map((p) => (
            <option value={p.name} title={p.description}>
              {p.name === 'explorer' ? 'explorer defaults' : p.name}
            </option>
          ))}
        </select>
        <label for="engagement-upload">or an engagement file (salvo, threats with reliabilities and costs)</label>
        <input id="engagement-upload" type="file" accept=".yaml,.yml,.json" onChange={uploadEngagement} />
        {defaults && (
          <small id="explorer-source">
            From {defaults.source}
            {defaults.description ? `: ${defaults.description}` : ''}
          </small>
        )}
        {problem && (
          <p class="error" role="alert">
            {problem}
          </p>
        )}
        <label for="profile-select">Defence profile</label>
        <select
          id="profile-select"
          value={profileName ?? ''}
          onChange={(e) => chooseProfile((e.target as HTMLSelectElement).value)}
        >
          {defaults?.layers && <option value={OWN_LAYERS}>the layers of {defaults.source}</option>}
          {profiles.map((p) => (
            <option value={p}>{p}</option>
          ))}
        </select>
        {types.map((t, i) => {
          // Every type of the file, built-in or declared under threats: its count in the salvo and its reliability.
          const id = threatId(t, i);
          const noun = threatNoun(t);
          const count = salvo[t] ?? 0;
          const max = Math.max(BUILT_IN_THREATS[t]?.max ?? 100, 2 * (defaults?.salvo[t] ?? 0));
          return (
            <div
              class="threat-controls"
              role="group"
              aria-label={noun}
              title={defaults?.threats[t]?.description}
              data-type={t}
              key={t}
            >
              {slider(`salvo-${id}`, noun.charAt(0).toUpperCase() + noun.slice(1), count, 0, max, 1, (v) =>
                setSalvo({ ...salvo, [t]: v }),
              )}
              {slider(`reliability-${id}`, `Reliability of ${noun}`, reliabilities[t] ?? 1, 0, 1, 0.01, (v) =>
                setReliabilities({ ...reliabilities, [t]: v }),
              )}
            </div>
          );
        })}
        {slider('stock', 'Interceptor stock multiplier', stock, 0.1, 3, 0.05, setStock, ' x')}
        {tracks !== null ? (
          slider('tracks', 'Sensor track capacity per wave', tracks, 50, 1000, 10, setTracks, ' tracks')
        ) : (
          <p class="hint" id="tracks-unlimited">
            Sensor track capacity: unlimited (neither the file nor the profile gives trackCapacity).
          </p>
        )}
      </div>
      <div class="row">
        <fieldset id="arrival-order-controls">
          <legend>Arrival order (arrivalOrder)</legend>
          <p class="hint">
            The order the threat types reach the defence; each layer takes threats in this order, with no priority by
            type.
            {waves > 1 ? ' Waves come first: a type of a later wave arrives after every type of an earlier one.' : ''}
          </p>
          <ol id="arrival-order" aria-label="arrival order">
            {order.map((t, i) => (
              <li key={t} data-type={t}>
                <span>
                  {t}
                  {waves > 1 ? ` (wave ${waveOf(t)})` : ''}
                </span>{' '}
                <button
                  type="button"
                  id={`order-earlier-${t}`}
                  aria-label={`Move ${t} earlier`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                >
                  ↑
                </button>{' '}
                <button
                  type="button"
                  id={`order-later-${t}`}
                  aria-label={`Move ${t} later`}
                  disabled={i === order.length - 1}
                  onClick={() => move(i, 1)}
                >
                  ↓
                </button>
              </li>
            ))}
          </ol>
        </fieldset>
        {profile && (
          <fieldset id="engages-controls">
            <legend>Threat types each layer engages (engages)</legend>
            <p class="hint">
              A type left out passes the layer untouched and uses none of its channels; the kill probabilities are those
              of {label}.
            </p>
            {profile.layers.map((l) => (
              <div class="engages-layer" role="group" aria-label={`${l.name} engages`}>
                <strong>{l.name}</strong>{' '}
                {Object.entries(l.engages).map(([t, p]) => (
                  <label for={`engages-${l.name}-${t}`}>
                    <input
                      type="checkbox"
                      id={`engages-${l.name}-${t}`}
                      checked={!(withheld[l.name] ?? []).includes(t)}
                      onChange={(e) => toggleEngages(l.name, t, (e.target as HTMLInputElement).checked)}
                    />
                    {t} ({p}){' '}
                  </label>
                ))}
              </div>
            ))}
          </fieldset>
        )}
      </div>
      {report && (
        <div>
          <p id="engage-summary">
            {report.method === 'exact'
              ? 'Exact'
              : `Monte Carlo, ${report.samples} samples (standard error ${report.standardError!.leakersMean.toFixed(2)}; ${report.note?.replace(/^Monte Carlo, because /, 'the exact method does not apply: ') ?? ''})`}
            : expected leakers <strong id="engage-leakers">{report.leakers.mean.toFixed(2)}</strong> (sd{' '}
            {report.leakers.sd.toFixed(2)}), P(no leaker) {pct(report.leakers.pZero)}; defender cost $
            {(report.costUsd.defender / 1e6).toFixed(0)} M against attacker $
            {(report.costUsd.attacker / 1e6).toFixed(0)} M: exchange ratio {fmt(report.costUsd.exchangeRatio, 2)}.{' '}
            <span id="engage-ms" data-ms={ms ?? ''}>
              Recomputed in {ms?.toFixed(1)} ms.
            </span>
          </p>
          {report.notes.length > 0 && (
            <ul id="engage-notes" class="notes" aria-label="notes on the layers">
              {report.notes.map((n) => (
                <li class="warning">note: {n}</li>
              ))}
            </ul>
          )}
          <div class="grid">
            <Chart
              name="leaker-distribution"
              deps={[key]}
              rows={dist.map((p, k) => ({ leakers: k, probability: p }))}
              render={() => C.leakerDistributionChart(dist)}
            />
            <Chart name="layer-funnel" deps={[key]} rows={funnel} render={() => C.funnelChart(funnel)} />
          </div>
          <details id="engagement-file">
            <summary>These choices as an engagement file</summary>
            <p>
              Salvo, reliabilities, arrival order, the types each layer engages, stocks and track capacity as the
              explorer computes them; save it and run <code>truce engage FILE --samples 4000 --seed 1</code> for the
              same numbers.
            </p>
            <pre id="engagement-yaml">{fileText}</pre>
            <button type="button" id="download-engagement" onClick={downloadFile}>
              Save the engagement file (download YAML)
            </button>
          </details>
        </div>
      )}
      <h2>Campaign</h2>
      <div class="row">
        <label for="campaign-select">Campaign</label>
        <select
          id="campaign-select"
          value={campaignName}
          onChange={(e) => setCampaignName((e.target as HTMLSelectElement).value)}
        >
          {campaignName.startsWith('upload:') && (
            <option value={campaignName}>{campaignName.slice(7)} (uploaded)</option>
          )}
          {campaigns.map((c) => (
            <option value={c.name}>{c.name}</option>
          ))}
        </select>
        <label for="campaign-upload">or a campaign file</label>
        <input id="campaign-upload" type="file" accept=".yaml,.yml,.json" onChange={uploadCampaign} />
        <button type="button" id="run-campaign" onClick={runCampaign}>
          Run the campaign
        </button>
      </div>
      {campaign && (
        <div>
          <div id="campaign-summary">
            <p>
              {campaign.file}: {campaign.replicates} replicates, seed {campaign.seed}; truce campaign {campaign.file}{' '}
              --runs {campaign.replicates} --seed {campaign.seed} prints these numbers, with a table of the days.
            </p>
            {campaignNotes(campaign).map((l) => (
              <p class={l.startsWith('Pre-emption pressure') ? 'warning' : 'hint'}>{l}</p>
            ))}
          </div>
          <Chart
            name="campaign-depletion"
            deps={[campaign, depletionMode]}
            rows={campaign.days.flatMap((d) =>
              Object.entries(d.interceptorsLeft)
                .filter(([, v]) => v.mean !== null && Number.isFinite(v.mean))
                .map(([layer, v]) => ({ day: d.day, layer, ...v })),
            )}
            render={() =>
              C.depletionChart(
                campaign.days.flatMap((d) =>
                  Object.entries(d.interceptorsLeft)
                    .filter(([, v]) => v.mean !== null && Number.isFinite(v.mean))
                    .map(([layer, v]) => ({ day: d.day, layer, ...v })),
                ),
                undefined,
                depletionMode,
              )
            }
          />
          <label for="depletion-mode">Depletion drawn as</label>
          <select
            id="depletion-mode"
            value={depletionMode}
            onChange={(e) => setDepletionMode((e.target as HTMLSelectElement).value as 'share' | 'panels')}
          >
            <option value="share">shares of each layer's starting stock</option>
            <option value="panels">interceptors left, one panel per layer</option>
          </select>
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
