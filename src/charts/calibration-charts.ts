/** Charts of calibration and validation: the record's survival band against the model, and reliability. Same conventions as charts.ts. */
import * as Plot from '@observablehq/plot';
import { PALETTE } from './charts.js';

type Doc = Document | undefined;

function base(document: Doc, title: string) {
  return {
    ...(document ? { document } : {}),
    title,
    width: 520,
    height: 420,
    marginLeft: 56,
    style: { fontSize: '12px', background: 'white' },
  } as Plot.PlotOptions;
}

/** Forecast probability (binned) against the observed frequency; the diagonal is perfect calibration; dot area is the number of forecasts. */
export function reliabilityChart(
  rows: { forecaster: string; meanForecast: number; observed: number; n: number }[],
  document?: Doc,
): Element {
  return Plot.plot({
    ...base(document, 'Reliability: forecast P(collapsed by day h) against what happened (30, 90, 365 days pooled)'),
    x: { label: 'mean forecast probability →', domain: [0, 1], grid: true },
    y: { label: '↑ observed frequency', domain: [0, 1], grid: true },
    r: { range: [3, 12] },
    color: { legend: true, range: PALETTE, domain: [...new Set(rows.map((r) => r.forecaster))] },
    marks: [
      Plot.line(
        [
          [0, 0],
          [1, 1],
        ],
        { stroke: '#999', strokeDasharray: '4,3' },
      ),
      Plot.line(rows, { x: 'meanForecast', y: 'observed', stroke: 'forecaster', z: 'forecaster' }),
      Plot.dot(rows, { x: 'meanForecast', y: 'observed', r: 'n', fill: 'forecaster', tip: true }),
    ],
  });
}

/** The record's Kaplan-Meier band against the model's survival at the check days, one panel per group. */
export function fitChart(
  rows: { group: string; day: number; km: number; lower: number; upper: number; model: number }[],
  document?: Doc,
): Element {
  return Plot.plot({
    ...base(document, "Survival: the record's Kaplan-Meier curve with its 95% band (grey) and the fitted model (blue)"),
    width: 720,
    x: { label: 'day (log scale) →', type: 'log', grid: true },
    y: { label: '↑ share still holding', domain: [0, 1], grid: true },
    fy: { label: null },
    marks: [
      Plot.ruleX(rows, { x: 'day', y1: 'lower', y2: 'upper', fy: 'group', stroke: '#bbb', strokeWidth: 6 }),
      Plot.dot(rows, { x: 'day', y: 'km', fy: 'group', fill: '#555', r: 3 }),
      Plot.lineY(rows, { x: 'day', y: 'model', fy: 'group', stroke: PALETTE[0] }),
      Plot.dot(rows, { x: 'day', y: 'model', fy: 'group', fill: PALETTE[0], r: 3, symbol: 'diamond' }),
    ],
  });
}
