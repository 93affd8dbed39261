/** A small terminal plot of survival curves: one marker per arm, days on x, S(t) on y. */

import { outputWidth, wrapText } from './format.js';

const MARKERS = ['*', 'o', '+', 'x', '#', '@', '%', '&'];

export function survivalPlot(
  series: { label: string; points: { day: number; s: number }[] }[],
  width = Math.max(20, Math.min(64, outputWidth() - 6)),
  height = 14,
  room = outputWidth(),
): string {
  const maxDay = Math.max(1, ...series.flatMap((s) => s.points.map((p) => p.day)));
  const grid = Array.from({ length: height + 1 }, () => new Array<string>(width + 1).fill(' '));
  series.forEach((s, k) => {
    const mark = MARKERS[k % MARKERS.length];
    for (let x = 0; x <= width; x++) {
      const day = Math.round((x / width) * maxDay);
      let v = 1;
      for (const p of s.points) {
        if (p.day > day) break;
        v = p.s;
      }
      const y = Math.round((1 - v) * height);
      grid[y][x] = grid[y][x] === ' ' || grid[y][x] === mark ? mark : '=';
    }
  });
  const lines = grid.map((row, y) => {
    const label = y === 0 ? '1.0' : y === height ? '0.0' : y === Math.round(height / 2) ? '0.5' : '   ';
    return `${label} |${row.join('')}`;
  });
  lines.push(`    +${'-'.repeat(width + 1)}`);
  lines.push(`     0${' '.repeat(Math.max(0, width - String(maxDay).length - 5))}day ${maxDay}`);
  // The legend wraps by whole entries to the output width, like the tables.
  lines.push(...wrapText('     S(t): share of runs in which the ceasefire still holds.', room));
  const entries = [
    ...series.map((s, k) => `${MARKERS[k % MARKERS.length]} ${s.label}`),
    ...(series.length > 1 ? ['= overlap'] : []),
  ];
  let line = '    ';
  for (const e of entries) {
    if (line.trim() && line.length + 3 + e.length > room) {
      lines.push(line);
      line = '    ';
    }
    line += line.trim() ? `   ${e}` : ` ${e}`;
  }
  lines.push(line);
  return lines.join('\n');
}
