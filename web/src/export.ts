/** Export a chart as SVG or PNG, and its data as CSV. */
import { briefingSvg, type ChartSource } from '../../src/charts/briefing.js';
import { rowsToCsv } from '../../src/charts/from-results.js';

export type { ChartSource };

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The chart as it goes into a briefing: title, legend, plot with units, caption, source line. */
export function briefingText(figure: Element, source: ChartSource): string {
  return new XMLSerializer().serializeToString(briefingSvg(figure, source, document));
}

export function exportSvg(figure: Element, name: string, source: ChartSource): void {
  download(`${name}.svg`, new Blob([briefingText(figure, source)], { type: 'image/svg+xml' }));
}

export function exportPng(figure: Element, name: string, source: ChartSource): void {
  const root = briefingSvg(figure, source, document);
  const text = new XMLSerializer().serializeToString(root);
  const w = Number(root.getAttribute('width'));
  const h = Number(root.getAttribute('height'));
  const img = new Image();
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = w * 2;
    canvas.height = h * 2;
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = 'white';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.scale(2, 2);
    ctx.drawImage(img, 0, 0, w, h);
    canvas.toBlob((b) => b && download(`${name}.png`, b), 'image/png');
  };
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
}

export function exportCsv(rows: Record<string, unknown>[], name: string): void {
  download(`${name}.csv`, new Blob([rowsToCsv(rows)], { type: 'text/csv' }));
}
