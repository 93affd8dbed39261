/**
 * How the proportional-hazards check reaches the reader (docs/analysis.md,
 * "Proportional hazards"): the compare text and the report lead with the
 * windows and flag the single ratio when the check rejects, keep the single
 * ratio first when it does not, and still render comparisons stored before the
 * check. The input is the golden 200-run comparison (test/golden), so the
 * numbers are a real run's.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ComparisonOutput } from '../src/app/compare.js';
import { renderCompare } from '../src/cli/render/compare.js';
import { renderReport, type ReportInput } from '../src/report/report.js';
import { ROOT } from './helpers/cli.js';

const golden = JSON.parse(
  readFileSync(resolve(ROOT, 'test', 'golden', 'compare-200-seed-7.json'), 'utf8'),
) as ComparisonOutput;
const withCheck = (rejected: boolean | null): ComparisonOutput => {
  const o = structuredClone(golden);
  const c = o.comparisons[0];
  if (rejected === null) {
    delete c.proportionalHazards;
    delete c.hazardRatioWindows;
  } else c.proportionalHazards = { ...c.proportionalHazards!, rejected, p: rejected ? 1e-10 : 0.4 };
  return o;
};
const hazardLines = (text: string) => text.slice(text.indexOf('Against transactional-freeze'));
/** The line number of the hazard table's row that starts with `label` (-1 if none). */
const rowOf = (text: string, label: string) => text.split('\n').findIndex((l) => l.startsWith(label));
// Whole lines: the tables are not wrapped to a terminal here.
process.env.COLUMNS = '1000';
const report = (o: ComparisonOutput) =>
  renderReport({
    ...o,
    title: 't',
    question: 'q',
    truceVersion: 'x',
    generatedAt: 'now',
    scenarioName: 's',
    scenarioFile: 'f',
    scenarioHash: 'h',
    levers: [],
    assumptions: [],
    sources: [],
  } as unknown as ReportInput);

describe('hazard ratios by window, in words', () => {
  it('text: when the check rejects, the windows come first and the single ratio is flagged', () => {
    const text = hazardLines(renderCompare(withCheck(true), 1, 1));
    expect(rowOf(text, 'days 1-30')).toBeGreaterThan(0);
    expect(rowOf(text, 'days 1-30')).toBeLessThan(rowOf(text, 'days 31-180'));
    expect(rowOf(text, 'days 31-180')).toBeLessThan(rowOf(text, 'days 181-365'));
    expect(rowOf(text, 'days 181-365')).toBeLessThan(rowOf(text, 'whole horizon'));
    expect(text).toMatch(/0\.46 \[0\.30, 0\.72\]/);
    expect(text).toMatch(/whole horizon +0\.\d\d \[0\.\d\d, 0\.\d\d\], hazards not proportional/);
    expect(text).toMatch(/not proportional for structural-architecture .*read the windows/);
  });
  it('text: when it does not reject, the single ratio comes first and is not flagged', () => {
    const text = hazardLines(renderCompare(withCheck(false), 1, 1));
    expect(rowOf(text, 'whole horizon')).toBeGreaterThan(0);
    expect(rowOf(text, 'whole horizon')).toBeLessThan(rowOf(text, 'days 1-30'));
    expect(text).not.toMatch(/not proportional/);
    expect(text).toMatch(/0\.4000/);
  });
  it('text: a comparison stored before the check still renders, without windows', () => {
    const text = hazardLines(renderCompare(withCheck(null), 1, 1));
    expect(text).not.toMatch(/days 1-30|not proportional/);
    expect(text).toMatch(/whole horizon/);
  });
  it('text: a horizon of 30 days or less has one window, the whole horizon, and no window columns', () => {
    const o = withCheck(true);
    o.comparisons[0].hazardRatioWindows = o.comparisons[0].hazardRatioWindows!.slice(0, 1);
    const text = hazardLines(renderCompare(o, 1, 1));
    expect(rowOf(text, 'days 1-30')).toBe(-1);
    expect(text).toMatch(/, hazards not proportional/);
    expect(text).toMatch(/averages periods in which it differs/);
    expect(report(o)).toMatch(/but the hazards are not proportional/);
  });
  it('report: the windows lead and the single ratio is called an average when the check rejects', () => {
    const html = report(withCheck(true));
    expect(html).toMatch(
      /hazards are not proportional \(Grambsch-Therneau test p 1\.0e-10\).*days 1-30 0\.46 \[0\.30, 0\.72\].*over the whole horizon [\d.]+ \[[\d.]+, [\d.]+\], an average/,
    );
    expect(report(withCheck(false))).toMatch(
      /hazard ratio of collapse [\d.]+ \[[\d.]+, [\d.]+\] \(proportional-hazards check p 0\.4000/,
    );
    expect(report(withCheck(null))).toMatch(/hazard ratio of collapse [\d.]+ \[[\d.]+, [\d.]+\]; log-rank/);
  });
  it('report: P(the truce holds through day d) is 1 - P(collapse by day d), interval turned over', () => {
    const html = report(golden);
    const a = golden.arms[0];
    const p = a.pCollapseBy['180'];
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    expect(html).toContain(
      `${pct(1 - p.estimate)} <small>[${pct(1 - p.hi)}, ${pct(1 - p.lo)}]</small> through day 180`,
    );
    expect(html).toMatch(/P\(the truce holds through day d\) = 1 - P\(collapse by day d\)/);
  });
});
