/**
 * The one list of figures for a comparison and for a run told as a story,
 * used by the self-contained report (src/report/report.ts, SVG in Node) and
 * the dashboard (web/src/views/, SVG in the browser, with CSV export of the
 * same rows). Adding a figure here adds it to both.
 */
import type { ArmSummary } from '../core/ensemble/summarize.js';
import * as C from './charts.js';
import { THREAT_LABELS, threatNote } from './format.js';
import {
  attributionRows,
  causalAttributionRows,
  distributionRows,
  firstCrosserRows,
  proportionRows,
} from './from-results.js';

export type Row = Record<string, unknown>;

export interface Figure {
  /** Stable name: the file name of its exports and its data-chart attribute. */
  name: string;
  /** The data drawn, as flat rows (the CSV export). */
  rows: Row[];
  /** Draw it; `document` is the browser's, or linkedom's in Node. */
  render: (document?: Document) => Element;
}

/** The comparison: survival, P(collapse by day), who and why (when anything collapsed), the opening exchange, interceptors and cost. */
export function comparisonFigures(arms: ArmSummary[]): Figure[] {
  const figures: Figure[] = [];
  const survival = arms.flatMap((a) => a.survival.map((p) => ({ arm: a.label, ...p })));
  figures.push({ name: 'survival', rows: survival, render: (d) => C.survivalChart(arms, d) });
  const proportions = proportionRows(arms);
  figures.push({
    name: 'p-collapse-by-day',
    rows: proportions as unknown as Row[],
    render: (d) => C.pCollapseChart(proportions, d),
  });
  if (arms.some((a) => a.collapsed > 0)) {
    const first = firstCrosserRows(arms);
    figures.push({
      name: 'first-crosser',
      rows: first,
      render: (d) => C.sharesChart(first, 'Who crossed first (share of collapses)', 'state', d),
    });
    // Why, as the tables say it: the causal shares (counterfactual replays; docs/model/attribution.md), with n.
    const causal = causalAttributionRows(arms);
    if (causal.length) {
      const n = arms
        .filter((a) => (a.causalSample?.collapses ?? 0) > 0)
        .map((a) => `${a.label} n = ${a.causalSample.collapses}`)
        .join(', ');
      figures.push({
        name: 'causal-attribution',
        rows: causal,
        render: (d) =>
          C.sharesChart(
            causal,
            `Why (causal): each pillar's Shapley share of the collapses replayed with pillars frozen (${n} collapses replayed)`,
            'pillar',
            d,
            'mean causal share (replayed collapses) →',
          ),
      });
    }
    const why = attributionRows(arms);
    figures.push({
      name: 'attribution',
      rows: why,
      render: (d) =>
        // Not a share of collapses and not causal: the mean, over collapsed runs, of each pillar's share in the first crosser's EU change (docs/model/attribution.md).
        C.sharesChart(
          why,
          "What moved most (descriptive, not causal): each pillar's mean share of the first crosser's rise in escalation utility, day 0 to collapse",
          'pillar',
          d,
          'mean share of the EU change (collapsed runs) →',
        ),
    });
  }
  const leak = distributionRows(arms, 'openingLeakers');
  if (leak.length)
    figures.push({
      name: 'opening-leakers',
      rows: leak,
      render: (d) =>
        C.distributionChart(leak, 'Leakers on the defender in the opening exchange (collapsed runs)', 'leakers', d),
    });
  const opening = distributionRows(arms, 'openingInterceptors');
  if (opening.length)
    figures.push({
      name: 'opening-interceptors',
      rows: opening,
      render: (d) =>
        C.distributionChart(
          opening,
          'Interceptors the defender fired in the opening exchange (collapsed runs)',
          'interceptors',
          d,
        ),
    });
  const used = distributionRows(arms, 'interceptorsUsed');
  figures.push({
    name: 'interceptors-used',
    rows: used,
    render: (d) =>
      C.distributionChart(used, 'Interceptors the defender fired over the whole run (all runs)', 'interceptors', d),
  });
  const cost = distributionRows(arms, 'defenderCostUsd', 1e6);
  figures.push({
    name: 'defender-cost',
    rows: cost,
    render: (d) =>
      C.distributionChart(cost, "Defender's interceptor cost over the whole run (all runs)", 'USD million', d),
  });
  return figures;
}

export type StoryEvent = C.TimelineEvent;

/** Weekly counts of actions, of those read as violations, and of false reports believed. */
export function weeklyViolations(
  trajectory: C.StoryPoint[],
  events: StoryEvent[],
): { day: number; series: string; value: number }[] {
  const rows: { day: number; series: string; value: number }[] = [];
  const last = trajectory[trajectory.length - 1].day;
  for (let w = 0; w * 7 <= last; w++) {
    const inWeek = events.filter((e) => e.day > w * 7 && e.day <= (w + 1) * 7);
    rows.push({
      day: (w + 1) * 7,
      series: 'actions by the other side',
      value: inWeek.filter((e) => e.kind === 'action').length,
    });
    rows.push({
      day: (w + 1) * 7,
      series: 'read as violations',
      value: inWeek.filter((e) => (e.kind === 'action' || e.kind === 'spurious') && e.perceivedAsViolationBy.length > 0)
        .length,
    });
    rows.push({
      day: (w + 1) * 7,
      series: 'of which spurious',
      value: inWeek.filter((e) => e.kind === 'spurious' && e.perceivedAsViolationBy.length > 0).length,
    });
  }
  return rows;
}

/**
 * The threat figure's rows: per day and state with an adversary, its stored belief and its reading, each labelled
 * "STATE about ADVERSARY: threat belief (stored)" (or "threat reading (acted on)"). With several adversaries the state
 * acts on one a day (threatFrom); each run of days on the same one is its own line segment.
 */
export function threatRows(trajectory: C.StoryPoint[]): {
  day: number;
  state: string;
  threatFrom: string | null;
  measure: string;
  series: string;
  value: number;
  segment: string;
}[] {
  const states = Object.keys(trajectory[0]?.actors ?? {});
  const rows: ReturnType<typeof threatRows> = [];
  for (const s of states) {
    let segment = 0;
    let previous: string | null | undefined;
    trajectory.forEach((p, k) => {
      const a = p.actors[s];
      // A state with no adversary has no threat to read (its numbers are 0 placeholders).
      if (a.threatFrom === null) return;
      const from = a.threatFrom ?? null;
      if (k > 0 && from !== previous) segment++;
      previous = from;
      for (const key of ['threatBelief', 'threatReading'] as const) {
        const series = `${s}${from === null ? '' : ` about ${from}`}: ${THREAT_LABELS[key]}`;
        rows.push({
          day: p.day,
          state: s,
          threatFrom: from,
          measure: THREAT_LABELS[key],
          series,
          value: a[key],
          segment: `${series} #${segment}`,
        });
      }
    });
  }
  return rows;
}

/** One run as a story: the ladder, each state's escalation utility by term, violations, credibility, proxies, stocks, the timeline. */
export function storyFigures(trajectory: C.StoryPoint[], events: StoryEvent[]): Figure[] {
  const states = Object.keys(trajectory[0].actors);
  const series = (f: (p: C.StoryPoint) => Record<string, number>) =>
    trajectory.flatMap((p) => Object.entries(f(p)).map(([k, v]) => ({ day: p.day, series: k, value: v })));
  const figures: Figure[] = [];
  figures.push({
    name: 'escalation-ladder',
    rows: trajectory.flatMap((p) => states.map((s) => ({ day: p.day, state: s, rung: p.actors[s].rung }))),
    render: (d) => C.ladderChart(trajectory, d),
  });
  for (const s of states) {
    figures.push({
      name: `eu-terms-${s}`,
      rows: trajectory.flatMap((p) =>
        Object.entries(p.actors[s].terms).map(([t, v]) => ({ day: p.day, term: t, value: v })),
      ),
      render: (d) => C.euTermsChart(trajectory, s, d),
    });
  }
  const weekly = weeklyViolations(trajectory, events);
  figures.push({
    name: 'violations',
    rows: weekly,
    render: (d) => C.seriesChart(weekly, 'Perceived versus actual violations, per week', 'events per week', d),
  });
  const cred = series((p) => Object.fromEntries(states.map((s) => [`${s} perceives`, p.actors[s].credibility])));
  figures.push({
    name: 'credibility',
    rows: cred,
    render: (d) => C.seriesChart(cred, 'Perceived mediator credibility', 'probability of enforcement', d, [0, 1]),
  });
  // Both the stored belief and the reading the decisions act on (belief + stale gap; docs/model/perception.md),
  // named as `truce run` names them and with the adversary they are about (threatFrom; docs/model/preemption.md).
  const threat = threatRows(trajectory);
  figures.push({
    name: 'threat-belief',
    rows: threat,
    render: (d) =>
      C.seriesChart(
        threat,
        `Each state's ${THREAT_LABELS.threatBelief} and ${THREAT_LABELS.threatReading}, about the adversary it acts on`,
        'P(adversary prepares to defect)',
        d,
        [0, 1],
        threatNote(states.length > 2),
      ),
  });
  const proxies = series((p) => Object.fromEntries(Object.entries(p.proxies).map(([k, v]) => [k, v.strength])));
  figures.push({
    name: 'proxy-strength',
    rows: proxies,
    render: (d) => C.seriesChart(proxies, 'Proxy network strength', 'strength (0-1)', d, [0, 1]),
  });
  const stocks = series((p) =>
    Object.fromEntries(
      states
        .filter((s) => p.actors[s].interceptors !== undefined)
        .map((s) => [`${s} interceptors`, p.actors[s].interceptors!]),
    ),
  );
  if (stocks.length)
    figures.push({
      name: 'interceptor-stocks',
      rows: stocks,
      render: (d) => C.seriesChart(stocks, 'Interceptor stocks (finite layers)', 'interceptors', d),
    });
  figures.push({ name: 'timeline', rows: events as unknown as Row[], render: (d) => C.timelineChart(events, d) });
  return figures;
}
