/**
 * The PRIM peeling trajectory (docs/analysis.md, "Scenario discovery"):
 * every box of the trajectory as a point of coverage against density, the
 * number of restricted levers written beside it, the chosen box ringed. For a
 * file it is one self-contained SVG with the title, a key and a source line
 * inside it, so it goes into a briefing as it is.
 */
import * as Plot from '@observablehq/plot';
import type { DiscoverResult } from '../core/analysis/discover.js';

const BLUE = '#0072B2';
const VERMILION = '#D55E00';

export function primTrajectoryPlot(r: DiscoverResult, document?: Document): Element {
  const rows = r.trajectory.map((b) => ({
    coverage: b.coverage,
    density: b.density,
    restricted: b.restricted.length,
    step: b.step,
    chosen: r.chosen?.step === b.step,
  }));
  return Plot.plot({
    ...(document ? { document } : {}),
    width: 640,
    height: 360,
    marginLeft: 56,
    marginBottom: 44,
    style: { fontSize: '12px', background: 'white' },
    x: { label: 'coverage (share of all points of interest inside the box) →', domain: [0, 1], grid: true },
    y: { label: '↑ density (share of the box\u2019s points that are of interest)', domain: [0, 1], grid: true },
    marks: [
      Plot.line(rows, { x: 'coverage', y: 'density', stroke: '#999999' }),
      Plot.dot(rows, { x: 'coverage', y: 'density', fill: BLUE, r: 3.5 }),
      Plot.text(rows, {
        x: 'coverage',
        y: 'density',
        text: (d: { restricted: number }) => String(d.restricted),
        dy: -9,
        fill: '#333333',
      }),
      Plot.dot(
        rows.filter((d) => d.chosen),
        { x: 'coverage', y: 'density', stroke: VERMILION, strokeWidth: 2.5, r: 8 },
      ),
      Plot.ruleY([r.minDensity], { stroke: VERMILION, strokeDasharray: '4 3' }),
    ],
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A standalone SVG: title, the plot, a key and a source line. */
export function primTrajectorySvg(r: DiscoverResult, plotSvg: string, source: string): string {
  const inner = plotSvg.replace(/^<svg/, '<svg x="0" y="44"');
  const title = `PRIM peeling trajectory: boxes keeping P(collapse by day ${r.day}) below ${r.threshold}`;
  const key = `numbers: levers the box restricts; ring: reported box (highest coverage with density >= ${r.minDensity}); dashed line: that density`;
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="640" height="440" viewBox="0 0 640 440" font-family="system-ui, sans-serif">',
    '<rect width="640" height="440" fill="white"/>',
    `<text x="8" y="20" font-size="15" font-weight="bold">${esc(title)}</text>`,
    `<text x="8" y="38" font-size="11" fill="#333">${esc(key)}</text>`,
    inner,
    `<text x="8" y="430" font-size="10" fill="#555">${esc(source)}</text>`,
    '</svg>',
  ].join('\n');
}
