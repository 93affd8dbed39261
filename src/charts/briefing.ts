/**
 * A chart as it goes into a briefing: one self-contained SVG with the title,
 * the legend, the plot (its axis labels carry the units), the caption and a
 * source line (scenario, seed, runs, version). Observable Plot puts the title
 * and the legend outside the plot's own <svg> (an <h2> and swatches in a
 * <figure>), so exporting the plot's <svg> alone loses them; this draws them
 * as SVG text around a copy of the plot. Works with the browser's document
 * and with linkedom's, like the charts themselves.
 */

export interface ChartSource {
  scenario?: string;
  seed?: number;
  /** Runs per arm (or per point), or a phrase such as "one run". */
  runs?: number | string;
  version?: string;
  /** Anything else a reader needs to reproduce the chart (e.g. "method sobol"). */
  detail?: string;
}

/** "Source: truce 0.1.0 · scenario iran-israel · seed 1 · 400 runs per arm". */
export function sourceLine(s: ChartSource): string {
  const parts = [`truce ${s.version ?? '(version unknown)'}`];
  if (s.scenario) parts.push(`scenario ${s.scenario}`);
  if (s.seed !== undefined) parts.push(`seed ${s.seed}`);
  if (s.runs !== undefined) parts.push(typeof s.runs === 'number' ? `${s.runs} runs per arm` : s.runs);
  if (s.detail) parts.push(s.detail);
  return `Source: ${parts.join(' · ')}`;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
/** Average advance of a character as a share of the font size (system-ui/sans-serif, generous). */
const CHAR_EM = 0.6;

/** Words wrapped so that a line of `size`-px text stays within `width` px. */
export function wrapText(text: string, size: number, width: number): string[] {
  const max = Math.max(8, Math.floor(width / (size * CHAR_EM)));
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}

function childrenOf(el: Element): Element[] {
  return Array.from(el.children ?? []);
}

/** The plot's own SVG: the figure's direct <svg> child (legend swatches are SVGs too, nested in a div). */
export function plotSvg(figure: Element): SVGSVGElement {
  if (figure.tagName.toLowerCase() === 'svg') return figure as SVGSVGElement;
  const own = childrenOf(figure).find((c) => c.tagName.toLowerCase() === 'svg');
  return (own ?? figure.querySelector('svg')) as SVGSVGElement;
}

/** Legend entries (colour, label) read from Plot's swatch legends in the figure. */
export function legendEntries(figure: Element): { colour: string; label: string }[] {
  const out: { colour: string; label: string }[] = [];
  for (const div of childrenOf(figure).filter(
    (c) => c.tagName.toLowerCase() === 'div' && /-swatches\b/.test(c.getAttribute('class') ?? ''),
  )) {
    for (const span of childrenOf(div).filter((c) => c.tagName.toLowerCase() === 'span')) {
      const swatch = childrenOf(span).find((c) => c.tagName.toLowerCase() === 'svg');
      const colour = swatch?.getAttribute('fill') ?? swatch?.getAttribute('stroke') ?? 'currentColor';
      out.push({ colour, label: (span.textContent ?? '').trim() });
    }
  }
  return out;
}

/** One SVG holding title, legend, plot, caption and source line. */
export function briefingSvg(figure: Element, source: ChartSource, document: Document): SVGSVGElement {
  const plot = plotSvg(figure);
  const width = Number(plot?.getAttribute('width') ?? 720);
  const plotHeight = Number(plot?.getAttribute('height') ?? 320);
  const title =
    figure.tagName.toLowerCase() === 'svg'
      ? ''
      : (childrenOf(figure).find((c) => c.tagName.toLowerCase() === 'h2')?.textContent ?? '');
  const subtitle = childrenOf(figure).find((c) => c.tagName.toLowerCase() === 'h3')?.textContent ?? '';
  const caption = childrenOf(figure).find((c) => c.tagName.toLowerCase() === 'figcaption')?.textContent ?? '';
  const legend = legendEntries(figure);

  const root = document.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  root.setAttribute('xmlns', SVG_NS);
  root.setAttribute('font-family', 'system-ui, sans-serif');
  const bg = document.createElementNS(SVG_NS, 'rect');
  bg.setAttribute('width', '100%');
  bg.setAttribute('height', '100%');
  bg.setAttribute('fill', 'white');
  root.appendChild(bg);
  const pad = 12;
  let y = pad;
  const text = (s: string, size: number, attrs: Record<string, string> = {}, x = pad) => {
    const t = document.createElementNS(SVG_NS, 'text');
    t.setAttribute('x', String(x));
    t.setAttribute('y', String(y + size));
    t.setAttribute('font-size', String(size));
    for (const [k, v] of Object.entries(attrs)) t.setAttribute(k, v);
    t.textContent = s;
    root.appendChild(t);
    return t;
  };
  if (title) {
    const t = document.createElementNS(SVG_NS, 'title');
    t.textContent = title;
    root.insertBefore(t, root.firstChild);
    for (const line of wrapText(title, 16, width - 2 * pad)) {
      text(line, 16, { 'font-weight': 'bold', class: 'briefing-title' });
      y += 21;
    }
  }
  if (subtitle) {
    for (const line of wrapText(subtitle, 13, width - 2 * pad)) {
      text(line, 13, { class: 'briefing-subtitle' });
      y += 17;
    }
  }
  if (legend.length) {
    y += 4;
    const g = document.createElementNS(SVG_NS, 'g');
    g.setAttribute('class', 'briefing-legend');
    g.setAttribute('aria-label', 'legend');
    root.appendChild(g);
    let x = pad;
    const size = 12;
    for (const { colour, label } of legend) {
      const w = 14 + 6 + label.length * size * CHAR_EM + 16;
      if (x > pad && x + w > width - pad) {
        x = pad;
        y += 20;
      }
      const r = document.createElementNS(SVG_NS, 'rect');
      r.setAttribute('x', String(x));
      r.setAttribute('y', String(y + 2));
      r.setAttribute('width', '14');
      r.setAttribute('height', '14');
      r.setAttribute('fill', colour);
      g.appendChild(r);
      const t = document.createElementNS(SVG_NS, 'text');
      t.setAttribute('x', String(x + 20));
      t.setAttribute('y', String(y + 14));
      t.setAttribute('font-size', String(size));
      t.textContent = label;
      g.appendChild(t);
      x += w;
    }
    y += 24;
  }
  y += 4;
  // Panels (one plot per layer, say) are nested figures: each goes in with its own subtitle.
  const panels = childrenOf(figure).filter((c) => c.tagName.toLowerCase() === 'figure');
  const plots = panels.length
    ? panels.map((p) => ({
        heading: childrenOf(p).find((c) => c.tagName.toLowerCase() === 'h3')?.textContent ?? '',
        svg: plotSvg(p),
      }))
    : [{ heading: '', svg: plot }];
  for (const { heading, svg } of plots) {
    if (heading) {
      text(heading, 13, { 'font-weight': 'bold', class: 'briefing-panel' });
      y += 18;
    }
    const h = Number(svg.getAttribute('height') ?? plotHeight);
    const copy = svg.cloneNode(true) as SVGSVGElement;
    copy.setAttribute('x', '0');
    copy.setAttribute('y', String(y));
    copy.setAttribute('width', String(Number(svg.getAttribute('width') ?? width)));
    copy.setAttribute('height', String(h));
    root.appendChild(copy);
    y += h + 6;
  }
  if (caption) {
    for (const line of wrapText(caption, 12, width - 2 * pad)) {
      text(line, 12, { class: 'briefing-caption' });
      y += 16;
    }
  }
  for (const line of wrapText(sourceLine(source), 11, width - 2 * pad)) {
    text(line, 11, { fill: '#555555', class: 'briefing-source' });
    y += 15;
  }
  y += pad;
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(Math.ceil(y)));
  root.setAttribute('viewBox', `0 0 ${width} ${Math.ceil(y)}`);
  return root;
}
