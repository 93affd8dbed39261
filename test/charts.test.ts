/**
 * The shared charts drawn in Node (linkedom), checked on the SVG they produce:
 * axes that read, bars that stay inside the plot, colours that tell marks
 * apart, and exports that carry title, legend and source.
 */
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { briefingSvg, legendEntries, sourceLine, wrapText } from '../src/charts/briefing.js';
import * as C from '../src/charts/charts.js';
import { formatPValue } from '../src/charts/format.js';

const doc = () => parseHTML('<!doctype html><html><body></body></html>').document as unknown as Document;
const texts = (el: Element, label: string) =>
  Array.from(el.querySelectorAll(`g[aria-label="${label}"] text`)).map((t) => t.textContent ?? '');
const translate = (t: Element) =>
  (/translate\(([-\d.]+),\s*([-\d.]+)\)/.exec(t.getAttribute('transform') ?? '') ?? []).slice(1).map(Number);

describe('charts', () => {
  it('a stock that never moves gets round ticks from zero, not one tick with six decimals', () => {
    const rows = [0, 1, 2, 3].map((day) => ({ day, series: 'arrow-3', value: 120 }));
    const fig = C.seriesChart(rows, 'Interceptor stocks', 'interceptors', doc());
    const ticks = texts(fig, 'y-axis tick label');
    expect(ticks.length).toBeGreaterThan(2);
    for (const t of ticks) expect(t).not.toMatch(/\.\d{3,}/);
    expect(Math.max(...ticks.map((t) => Number(t.replace(/,/g, ''))))).toBeGreaterThanOrEqual(120);
    expect(ticks.map((t) => Number(t.replace(/,/g, '')))).toContain(0);
    // A series that moves keeps Plot's own domain.
    expect(C.seriesDomain([1, 2])).toBeUndefined();
    expect(C.seriesDomain([0, 0])).toEqual([0, 1]);
    expect(C.seriesDomain([-3, -3])).toEqual([-3, 0]);
  });

  it('the Sobol chart leaves room for long factor names and keeps negative estimates inside the plot', () => {
    const long = 'actors.israel.weights.asymmetricObjectives';
    const rows = [
      { factor: long, index: 'S1', value: -0.08, lo: -0.2, hi: 0.05 },
      { factor: long, index: 'ST', value: 0.1, lo: 0.02, hi: 0.2 },
      { factor: 'verification', index: 'S1', value: 0.6, lo: 0.5, hi: 0.7 },
      { factor: 'verification', index: 'ST', value: 0.7, lo: 0.6, hi: 0.8 },
    ];
    const fig = C.sobolChart(rows, 'P(collapse by day 365)', doc());
    const svg = fig.querySelector(':scope > svg') ?? fig.querySelector('svg')!;
    // The factor names are printed whole, each right-aligned at the plot's left edge with room for it at 12 px (0.6 em a character).
    const labels = Array.from(svg.querySelectorAll('g[aria-label="fy-axis tick label"] text'));
    expect(labels.map((t) => t.textContent)).toEqual([long, 'verification']);
    const left = Math.min(
      ...Array.from(svg.querySelectorAll('g[aria-label="bar"] rect')).map((r) => Number(r.getAttribute('x'))),
    );
    const axisX = Math.min(...labels.map((t) => translate(t)[0] ?? 0));
    expect(axisX).toBeGreaterThanOrEqual(long.length * 12 * 0.6);
    // Every bar starts inside the plot: at or right of the leftmost x tick (the domain covers the negative estimate).
    const xTicks = Array.from(svg.querySelectorAll('g[aria-label="x-axis tick"] path')).map((p) => translate(p)[0]);
    expect(left).toBeGreaterThanOrEqual(Math.min(...xTicks) - 0.5);
    expect(C.sobolDomain(rows)[0]).toBeLessThanOrEqual(-0.2);
    expect(fig.textContent).toContain('sampling noise');
  });

  it('the EU chart draws the EU sum in a colour no pillar uses', () => {
    expect(C.GROUP_COLOURS.map((c) => c.toLowerCase())).not.toContain(C.EU_LINE.toLowerCase());
    const terms = { preemption: 0.3, mediatorCredibility: -0.2 };
    const point = (day: number): C.StoryPoint => ({
      day,
      actors: {
        iran: {
          rung: 0,
          eu: 0.1,
          terms,
          credibility: 0.5,
          threatBelief: 0.2,
          threatReading: 0.25,
          perceivedViolations: 0,
          hardlinerPower: 0.3,
        },
      },
      proxies: {},
      mediator: { competingTheaters: 0, enforcementProbability: 0.5 },
    });
    const fig = C.euTermsChart([point(0), point(1)], 'iran', doc());
    const fills = new Set(
      Array.from(fig.querySelectorAll('g[aria-label="area"] path')).map((p) =>
        (p.getAttribute('fill') ?? p.parentElement?.getAttribute('fill') ?? '').toLowerCase(),
      ),
    );
    expect(fills.size).toBeGreaterThan(0);
    const line = fig.querySelector('g[aria-label="line"]')!;
    expect(line.getAttribute('stroke')).toBe(C.EU_LINE);
    expect(fills.has((line.getAttribute('stroke') ?? '').toLowerCase())).toBe(false);
  });

  it('campaign depletion in shares: a small layer is as readable as the largest', () => {
    const rows = [0, 1, 2, 3].flatMap((day) => [
      { day, layer: 'iron-dome', mean: 2000 - 100 * day, p05: 1900 - 100 * day, p95: 2000 - 90 * day },
      { day, layer: 'arrow-3', mean: 40 - 10 * day, p05: 35 - 10 * day, p95: 40 - 8 * day },
    ]);
    const shares = C.depletionShares(rows);
    expect(shares.filter((r) => r.day === 0).map((r) => r.mean)).toEqual([1, 1]);
    expect(shares.find((r) => r.day === 3 && r.layer === 'arrow-3')!.mean).toBeCloseTo(0.25, 12);
    const fig = C.depletionChart(rows, doc()) as Element & { scale(name: string): { domain: number[] } };
    expect(fig.scale('y').domain).toEqual([0, 1]);
    // Per-layer panels: one plot per layer, each scaled to its own stock.
    const panels = C.depletionChart(rows, doc(), 'panels');
    expect(panels.querySelectorAll(':scope > figure, :scope > svg').length).toBe(2);
    // Exported, the panels go in one after the other, each named.
    const exported = briefingSvg(panels, { version: '1' }, doc());
    const names = Array.from(exported.querySelectorAll('text.briefing-panel')).map((t) => t.textContent);
    expect(names).toEqual(['iron-dome', 'arrow-3']);
    expect(exported.querySelectorAll(':scope > svg').length).toBe(2);
  });
});

describe('chart export for a briefing', () => {
  it('one SVG with title, legend, the plot with its units, and a source line', () => {
    const d = doc();
    const arms = ['transactional-freeze', 'monitored'].map((label, i) => ({
      label,
      survival: [
        { day: 0, s: 1, lo: 1, hi: 1 },
        { day: 30, s: 0.8 - 0.2 * i, lo: 0.7 - 0.2 * i, hi: 0.9 - 0.2 * i },
      ],
    }));
    const fig = C.survivalChart(arms, d);
    expect(legendEntries(fig).map((e) => e.label)).toEqual(['transactional-freeze', 'monitored']);
    const source = { scenario: 'iran-israel', seed: 7, runs: 400, version: '9.9.9' };
    const svg = briefingSvg(fig, source, d);
    const all = Array.from(svg.querySelectorAll('text')).map((t) => t.textContent);
    expect(all).toContain('Ceasefire survival: share of runs still holding, with pointwise 95% band');
    expect(all).toContain('transactional-freeze');
    expect(all).toContain('monitored');
    expect(all).toContain('↑ share holding (S)');
    expect(all.join(' ')).toContain('Source: truce 9.9.9 · scenario iran-israel · seed 7 · 400 runs per arm');
    // The legend swatches carry the plot's colours.
    expect(Array.from(svg.querySelectorAll('g.briefing-legend rect')).map((r) => r.getAttribute('fill'))).toEqual([
      C.PALETTE[0],
      C.PALETTE[1],
    ]);
    // Taller than the plot alone: the title, legend and source line sit above and below it.
    expect(Number(svg.getAttribute('height'))).toBeGreaterThan(320 + 40);
    expect(sourceLine({})).toBe('Source: truce (version unknown)');
  });

  it('long titles wrap within the width', () => {
    const lines = wrapText('word '.repeat(60).trim(), 16, 300);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(l.length * 16 * 0.6).toBeLessThanOrEqual(300);
  });
});

describe('p-values as every face prints them', () => {
  it('unresolved tails as "< 1e-16", small ones in scientific notation, others to four decimals', () => {
    expect(formatPValue(0)).toBe('< 1e-16');
    expect(formatPValue(3e-20)).toBe('< 1e-16');
    expect(formatPValue(3.04e-6)).toBe('3.0e-6');
    expect(formatPValue(0.01234)).toBe('0.0123');
    expect(formatPValue(Number.NaN)).toBe('n/a');
  });
});
