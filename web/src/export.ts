/** Export a chart as SVG or PNG, and its data as CSV. */
import { rowsToCsv } from '../../src/charts/from-results.js';

function download(name: string, blob: Blob): void {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 1000);
}

/** The plot's own SVG: a figure's direct child (legend swatches are SVGs too, nested in a div). */
export function mainSvg(figure: Element): SVGSVGElement {
  if (figure.tagName.toLowerCase() === 'svg') return figure as SVGSVGElement;
  return (figure.querySelector(':scope > svg') ?? figure.querySelector('svg')) as SVGSVGElement;
}

function svgText(figure: Element): string {
  const svg = mainSvg(figure);
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const title = figure.querySelector('h2')?.textContent;
  if (title) {
    const t = document.createElementNS('http://www.w3.org/2000/svg', 'title');
    t.textContent = title;
    clone.insertBefore(t, clone.firstChild);
  }
  return new XMLSerializer().serializeToString(clone);
}

export function exportSvg(figure: Element, name: string): void {
  download(`${name}.svg`, new Blob([svgText(figure)], { type: 'image/svg+xml' }));
}

export function exportPng(figure: Element, name: string): void {
  const svg = mainSvg(figure);
  const w = Number(svg.getAttribute('width') ?? 720);
  const h = Number(svg.getAttribute('height') ?? 320);
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
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svgText(figure))}`;
}

export function exportCsv(rows: Record<string, unknown>[], name: string): void {
  download(`${name}.csv`, new Blob([rowsToCsv(rows)], { type: 'text/csv' }));
}
