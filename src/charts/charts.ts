/**
 * Every chart of the dashboard and the report, as Observable Plot calls.
 * Each function takes plain data and an optional `document` (the browser's,
 * or linkedom's when the report renders SVG in Node), so both draw the same
 * charts from the same calls. Colours: the Okabe-Ito palette, safe for the
 * common colour-vision deficiencies. Every chart has a title and axis labels
 * with units.
 */
import * as Plot from '@observablehq/plot';
import { BINNED_QUANTILES } from '../core/ensemble/histogram.js';
import { GROUP_OF_TERM, TERM_GROUPS } from '../core/model/escalation-utility.js';
import { outputLabel } from './format.js';

export const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

type Doc = Document | undefined;

export interface SurvivalArm {
  label: string;
  survival: { day: number; s: number; lo: number; hi: number }[];
}

function base(document: Doc, title: string, extra: Record<string, unknown> = {}) {
  return {
    ...(document ? { document } : {}),
    title,
    width: 720,
    height: 320,
    marginLeft: 56,
    style: { fontSize: '12px', background: 'white' },
    ...extra,
  } as Plot.PlotOptions;
}

export function survivalChart(arms: SurvivalArm[], document?: Doc): Element {
  const rows = arms.flatMap((a) => a.survival.map((p) => ({ ...p, arm: a.label })));
  return Plot.plot({
    ...base(
      document,
      "Ceasefire survival: share of runs still holding, with pointwise 95% band (each day's own interval, not one for the whole curve)",
    ),
    x: { label: 'day →', grid: true },
    y: { label: '↑ share holding (S)', domain: [0, 1], grid: true, percent: false },
    color: { legend: true, range: PALETTE, domain: arms.map((a) => a.label) },
    marks: [
      Plot.areaY(rows, { x: 'day', y1: 'lo', y2: 'hi', fill: 'arm', fillOpacity: 0.15, curve: 'step-after' }),
      Plot.lineY(rows, { x: 'day', y: 's', stroke: 'arm', strokeWidth: 2, curve: 'step-after' }),
      Plot.ruleY([0]),
    ],
  });
}

export interface ProportionRow {
  arm: string;
  day: number;
  estimate: number;
  lo: number;
  hi: number;
}

export function pCollapseChart(rows: ProportionRow[], document?: Doc): Element {
  const arms = [...new Set(rows.map((r) => r.arm))];
  return Plot.plot({
    ...base(document, 'P(collapse by day d) with 95% Wilson intervals'),
    fx: { label: 'by day' },
    x: { axis: null, domain: arms },
    y: { label: '↑ probability of collapse', domain: [0, 1], grid: true },
    color: { legend: true, range: PALETTE, domain: arms },
    marks: [
      Plot.ruleX(rows, { fx: 'day', x: 'arm', y1: 'lo', y2: 'hi', stroke: 'arm', strokeWidth: 3 }),
      Plot.dot(rows, { fx: 'day', x: 'arm', y: 'estimate', fill: 'arm', r: 5, tip: true }),
      Plot.ruleY([0]),
    ],
  });
}

export function sharesChart(
  rows: { arm: string; key: string; share: number }[],
  title: string,
  keyLabel: string,
  document?: Doc,
  xLabel = 'share of collapses →',
): Element {
  const arms = [...new Set(rows.map((r) => r.arm))];
  return Plot.plot({
    ...base(document, title, {
      marginLeft: 150,
      height: Math.max(160, 40 + 24 * new Set(rows.map((r) => r.key)).size * Math.max(1, arms.length)),
    }),
    // A causal share can be negative (a pillar whose movement, on average, held the collapse back).
    x: { label: xLabel, domain: [Math.min(0, ...rows.map((r) => r.share)), 1], grid: true },
    y: { label: keyLabel },
    fy: arms.length > 1 ? { label: null } : undefined,
    color: { legend: true, range: PALETTE, domain: arms },
    marks: [
      Plot.barX(rows, { y: 'key', x: 'share', fill: 'arm', ...(arms.length > 1 ? { fy: 'arm' } : {}), tip: true }),
      Plot.ruleX([0]),
    ],
  });
}

export function distributionChart(
  rows: { arm: string; p05: number; p50: number; p95: number; mean: number }[],
  title: string,
  unit: string,
  document?: Doc,
): Element {
  return Plot.plot({
    ...base(document, title, { marginLeft: 170, height: 60 + 40 * rows.length }),
    x: { label: `${unit} →`, grid: true },
    y: { label: null },
    color: { range: PALETTE, domain: rows.map((r) => r.arm) },
    marks: [
      Plot.ruleY(rows, { y: 'arm', x1: 'p05', x2: 'p95', stroke: 'arm', strokeWidth: 3 }),
      Plot.dot(rows, { y: 'arm', x: 'p50', fill: 'arm', r: 6, tip: true }),
      Plot.tickX(rows, { y: 'arm', x: 'mean', stroke: 'black' }),
    ],
    caption: `Dot: median; line: 5th to 95th percentile (${BINNED_QUANTILES}); tick: mean (exact).`,
  });
}

export interface StoryPoint {
  day: number;
  actors: Record<
    string,
    {
      rung: number;
      eu: number;
      terms: Record<string, number>;
      credibility: number;
      /**
       * Stored belief that the adversary prepares to defect, and the reading with the stale gap the decisions act on,
       * both about `threatFrom`: the adversary the state acts on (null: it has none; absent in runs stored before it).
       */
      threatBelief: number;
      threatReading: number;
      threatFrom?: string | null;
      perceivedViolations: number;
      hardlinerPower: number;
      interceptors?: number;
      missiles?: number;
    }
  >;
  proxies: Record<string, { strength: number }>;
  mediator: { competingTheaters: number; enforcementProbability: number };
}

export function ladderChart(trajectory: StoryPoint[], document?: Doc): Element {
  const ids = Object.keys(trajectory[0]?.actors ?? {});
  const rows = trajectory.flatMap((p) => ids.map((id) => ({ day: p.day, state: id, rung: p.actors[id].rung })));
  return Plot.plot({
    ...base(document, 'Escalation ladder of each state', { height: 240 }),
    x: { label: 'day →', grid: true },
    y: {
      label: '↑ rung (0 compliance … 4 state-on-state strikes)',
      domain: [0, 5],
      ticks: [0, 1, 2, 3, 4, 5],
      grid: true,
    },
    color: { legend: true, range: PALETTE, domain: ids },
    marks: [
      Plot.lineY(rows, { x: 'day', y: 'rung', stroke: 'state', curve: 'step-after', strokeWidth: 2 }),
      Plot.ruleY([4], { stroke: '#D55E00', strokeDasharray: '4,3' }),
    ],
  });
}

/** EU terms grouped for the chart (the one term table, core/model/escalation-utility.ts): pressure by pillar above zero, restraint below. */
const TERM_GROUP: Record<string, string> = GROUP_OF_TERM;
const GROUPS: string[] = [...TERM_GROUPS];
/** No group is black: black is the EU sum's line (EU_LINE). */
export const GROUP_COLOURS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#882255',
  '#56B4E9',
  '#F0E442',
  '#999999',
  '#DDDDDD',
];
export const EU_LINE = '#000000';

export function euTermsChart(trajectory: StoryPoint[], state: string, document?: Doc): Element {
  const rows = trajectory.flatMap((p) => {
    const sums = new Map<string, number>();
    for (const [t, v] of Object.entries(p.actors[state].terms)) {
      const g = TERM_GROUP[t] ?? t;
      sums.set(g, (sums.get(g) ?? 0) + v);
    }
    return [...sums].map(([group, value]) => ({ day: p.day, group, value }));
  });
  const eu = trajectory.map((p) => ({ day: p.day, eu: p.actors[state].eu }));
  return Plot.plot({
    ...base(document, `${state}: escalation utility, pressure (above 0) against restraint (below 0)`, { height: 360 }),
    x: { label: 'day →', grid: true },
    y: { label: '↑ EU terms by pillar (dimensionless)', grid: true },
    color: { legend: true, domain: GROUPS, range: GROUP_COLOURS },
    marks: [
      Plot.areaY(
        rows,
        Plot.stackY({ x: 'day', y: 'value', fill: 'group', fillOpacity: 0.85, order: GROUPS, tip: true }),
      ),
      Plot.lineY(eu, { x: 'day', y: 'eu', stroke: EU_LINE, strokeWidth: 2 }),
      Plot.ruleY([0]),
    ],
    caption: 'Black line: EU, the sum of the terms. Terms are grouped by pillar; restraint terms are negative.',
  });
}

/**
 * The y domain of a series: the given one, or, when every value is the same
 * (a stock that never moves), zero to that value, so the axis shows round
 * ticks instead of one tick formatted to six decimals.
 */
export function seriesDomain(values: number[], domain?: [number, number]): [number, number] | undefined {
  if (domain) return domain;
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [0, 1];
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (lo !== hi) return undefined;
  return lo === 0 ? [0, 1] : lo > 0 ? [0, lo] : [lo, 0];
}

/**
 * Lines by series. A row's `segment`, when given, breaks its series' line where it changes (a state's threat numbers
 * are about the adversary it acts on that day: a line stops while the state acts on another).
 */
export function seriesChart(
  rows: { day: number; series: string; value: number; segment?: string }[],
  title: string,
  yLabel: string,
  document?: Doc,
  domain?: [number, number],
  caption?: string,
): Element {
  const yDomain = seriesDomain(
    rows.map((r) => r.value),
    domain,
  );
  return Plot.plot({
    ...base(document, title, { height: 240 }),
    x: { label: 'day →', grid: true },
    y: { label: `↑ ${yLabel}`, grid: true, ...(yDomain ? { domain: yDomain, nice: true } : {}) },
    color: { legend: true, range: PALETTE, domain: [...new Set(rows.map((r) => r.series))] },
    marks: [
      Plot.lineY(rows, {
        x: 'day',
        y: 'value',
        stroke: 'series',
        z: (r: { series: string; segment?: string }) => r.segment ?? r.series,
        strokeWidth: 2,
        tip: true,
      }),
    ],
    ...(caption ? { caption } : {}),
  });
}

/** A run event as the timeline draws it (the run's events, docs/model/run.md). */
export interface TimelineEvent {
  day: number;
  kind: string;
  actor: string;
  action: string;
  target?: string;
  perceivedAsViolationBy: string[];
}

export function timelineChart(events: TimelineEvent[], document?: Doc): Element {
  const rows = events
    .filter((e) => e.kind !== 'answered')
    .map((e) => ({
      ...e,
      what: e.kind === 'action' ? (e.perceivedAsViolationBy.length ? 'action read as violation' : 'action') : e.kind,
    }));
  return Plot.plot({
    ...base(document, 'Events on a timeline', { marginLeft: 150, height: 280 }),
    x: { label: 'day →', grid: true },
    y: { label: null },
    color: { legend: true, range: PALETTE },
    marks: [
      Plot.dot(rows, {
        x: 'day',
        y: 'what',
        fill: 'actor',
        r: 3,
        tip: true,
        title: (d: { day: number; actor: string; action: string; target?: string }) =>
          `day ${d.day}: ${d.actor} ${d.action}${d.target ? ` on ${d.target}` : ''}`,
      }),
    ],
  });
}

export function leakerDistributionChart(distribution: number[], document?: Doc): Element {
  const rows = distribution.map((p, k) => ({ leakers: k, p })).filter((r) => r.p > 1e-6);
  return Plot.plot({
    ...base(document, 'Distribution of leakers (threats reaching their targets)', { height: 260 }),
    x: { label: 'leakers →' },
    y: { label: '↑ probability', grid: true },
    marks: [
      Plot.rectY(rows, {
        x1: (d: { leakers: number }) => d.leakers - 0.45,
        x2: (d: { leakers: number }) => d.leakers + 0.45,
        y: 'p',
        fill: PALETTE[0],
        tip: true,
      }),
      Plot.ruleY([0]),
    ],
  });
}

export function funnelChart(rows: { layer: string; type: string; killed: number }[], document?: Doc): Element {
  const layers = [...new Set(rows.map((r) => r.layer))];
  return Plot.plot({
    ...base(document, 'Per-layer funnel: expected threats killed by each layer', {
      marginLeft: 130,
      height: 60 + 30 * layers.length,
    }),
    x: { label: 'threats killed →', grid: true },
    y: { label: null, domain: layers },
    color: { legend: true, range: PALETTE },
    marks: [Plot.barX(rows, { y: 'layer', x: 'killed', fill: 'type', tip: true }), Plot.ruleX([0])],
  });
}

export type DepletionRow = { day: number; layer: string; mean: number; p05: number; p95: number };

/**
 * Each layer's stock as a share of its own starting stock (the first day's
 * mean), so a layer of forty interceptors is as readable as one of two
 * thousand. A layer that starts empty has no share and is left out.
 */
export function depletionShares(rows: DepletionRow[]): DepletionRow[] {
  const start = new Map<string, number>();
  for (const r of [...rows].sort((a, b) => a.day - b.day)) if (!start.has(r.layer)) start.set(r.layer, r.mean);
  return rows
    .filter((r) => (start.get(r.layer) ?? 0) > 0)
    .map((r) => {
      const s = start.get(r.layer)!;
      return { ...r, mean: r.mean / s, p05: r.p05 / s, p95: r.p95 / s };
    });
}

/** Campaign depletion: shares of each layer's starting stock (default), or counts in one panel per layer. */
export function depletionChart(rows: DepletionRow[], document?: Doc, mode: 'share' | 'panels' = 'share'): Element {
  const layers = [...new Set(rows.map((r) => r.layer))];
  const marks = (data: DepletionRow[], facet: boolean) => [
    Plot.areaY(data, {
      x: 'day',
      y1: 'p05',
      y2: 'p95',
      fill: 'layer',
      fillOpacity: 0.15,
      ...(facet ? { fy: 'layer' } : {}),
    }),
    Plot.lineY(data, {
      x: 'day',
      y: 'mean',
      stroke: 'layer',
      strokeWidth: 2,
      tip: true,
      ...(facet ? { fy: 'layer' } : {}),
    }),
    Plot.ruleY([0]),
  ];
  if (mode === 'panels') {
    // One panel per layer, each with its own scale: facets share one y scale in Plot, so panels are drawn as separate plots.
    const doc = document ?? globalThis.document;
    const figure = doc.createElement('figure');
    const h2 = doc.createElement('h2');
    h2.textContent = 'Campaign: interceptors left in each layer by day (mean, 5-95% band)';
    figure.appendChild(h2);
    for (const layer of layers) {
      const data = rows.filter((r) => r.layer === layer);
      const panel = Plot.plot({
        ...base(document, '', { height: 140, marginTop: 24 }),
        title: undefined,
        subtitle: layer,
        x: { label: 'day →', grid: true },
        y: {
          label: `↑ ${layer}: interceptors left`,
          grid: true,
          domain: seriesDomain(data.flatMap((r) => [r.p05, r.p95, r.mean])) ?? undefined,
          nice: true,
          zero: true,
        },
        color: { range: PALETTE, domain: layers },
        marks: marks(data, false),
      });
      figure.appendChild(panel);
    }
    return figure;
  }
  return Plot.plot({
    ...base(
      document,
      'Campaign: interceptors left in each layer, as a share of its starting stock (mean, 5-95% band)',
      { height: 300 },
    ),
    x: { label: 'day →', grid: true },
    y: { label: '↑ share of starting stock left', domain: [0, 1], grid: true, clamp: true },
    color: { legend: true, range: PALETTE, domain: layers },
    marks: marks(depletionShares(rows), false),
  });
}

export function tornadoChart(
  rows: { factor: string; muStar: number; lo: number; hi: number; sigma: number }[],
  output: string,
  document?: Doc,
  /** The rows are over each lever's whole range (mu* x (max - min)), not per unit of it. */
  overRange = false,
): Element {
  const sorted = [...rows].sort((a, b) => b.muStar - a.muStar);
  const what = overRange ? 'mu* x range' : 'mu*';
  return Plot.plot({
    ...base(document, `Morris screening of ${outputLabel(output)}: ${what} (bars) with 95% interval, sigma (dots)`, {
      marginLeft: labelMargin(
        rows.map((r) => r.factor),
        150,
      ),
      height: 60 + 30 * rows.length,
    }),
    x: {
      label: overRange
        ? `mean absolute elementary effect on ${output} over the lever's whole range (mu* x (max - min)) →`
        : `mean absolute elementary effect on ${output} per unit of the lever →`,
      grid: true,
    },
    y: { label: null, domain: sorted.map((r) => r.factor) },
    marks: [
      Plot.barX(sorted, { y: 'factor', x: 'muStar', fill: PALETTE[0], tip: true }),
      Plot.ruleY(sorted, { y: 'factor', x1: 'lo', x2: 'hi', stroke: 'black' }),
      Plot.dot(sorted, { y: 'factor', x: 'sigma', fill: PALETTE[1], r: 4 }),
      Plot.ruleX([0]),
    ],
  });
}

/** Room for the longest y label at the chart's 12 px font (about 0.6 em a character), plus the tick. */
export function labelMargin(labels: string[], min = 60): number {
  return Math.max(min, Math.ceil(Math.max(0, ...labels.map((l) => l.length)) * 12 * 0.6) + 16);
}

/**
 * The x domain of Sobol indices: [0, 1] widened to take every estimate and
 * interval (estimates below zero are sampling noise around an index of zero,
 * and are drawn, not cut off at the axis).
 */
export function sobolDomain(rows: { value: number; lo: number; hi: number }[]): [number, number] {
  const all = rows.flatMap((r) => [r.value, r.lo, r.hi]).filter(Number.isFinite);
  return [Math.min(0, ...all), Math.max(1, ...all)];
}

export function sobolChart(
  rows: { factor: string; index: string; value: number; lo: number; hi: number }[],
  output: string,
  document?: Doc,
): Element {
  const factors = [...new Set(rows.map((r) => r.factor))];
  const negative = rows.some((r) => r.value < 0 || r.lo < 0);
  return Plot.plot({
    ...base(document, `Sobol indices of ${outputLabel(output)} with 95% bootstrap intervals`, {
      marginLeft: labelMargin(factors),
      height: 80 + 40 * factors.length,
    }),
    x: { label: 'share of output variance →', domain: sobolDomain(rows), grid: true },
    // One facet row per factor, named on the left with room for the name; S1 and ST told apart by colour.
    y: { axis: null, domain: ['S1', 'ST'] },
    fy: { label: null, axis: 'left', domain: factors },
    color: { legend: true, range: PALETTE, domain: ['S1', 'ST'] },
    marks: [
      Plot.barX(rows, { fy: 'factor', y: 'index', x: 'value', fill: 'index', tip: true }),
      Plot.ruleY(rows, { fy: 'factor', y: 'index', x1: 'lo', x2: 'hi', stroke: 'black' }),
      Plot.ruleX([0]),
    ],
    ...(negative ? { caption: 'Estimates below 0 are sampling noise around an index of zero.' } : {}),
  });
}

/** A sweep: P(collapse) at each design point against one swept lever, with its 95% interval. */
export function sweepChart(
  rows: { x: number; p: number; lo: number; hi: number }[],
  lever: string,
  document?: Doc,
): Element {
  return Plot.plot({
    ...base(
      document,
      `Sweep: P(collapse by the horizon) against ${lever}, one dot per design point with its 95% interval`,
    ),
    x: { label: `${lever} →`, grid: true },
    y: { label: '↑ P(collapse)', domain: [0, 1], grid: true },
    marks: [
      Plot.ruleX(rows, { x: 'x', y1: 'lo', y2: 'hi', stroke: PALETTE[0], strokeOpacity: 0.4 }),
      Plot.dot(rows, { x: 'x', y: 'p', fill: PALETTE[0], r: 3, tip: true }),
    ],
  });
}
