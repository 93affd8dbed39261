/** A chart panel: the Plot figure, and SVG / PNG / CSV export buttons. */
import { useEffect, useRef } from 'preact/hooks';
import { exportCsv, exportPng, exportSvg } from './export.js';

export function Chart(props: { name: string; render: () => Element; rows: Record<string, unknown>[]; deps: unknown[] }) {
  const host = useRef<HTMLDivElement>(null);
  const fig = useRef<Element | null>(null);
  useEffect(() => {
    if (!host.current) return;
    host.current.replaceChildren();
    try {
      fig.current = props.render();
      host.current.appendChild(fig.current);
    } catch (err) {
      host.current.textContent = `chart unavailable: ${(err as Error).message}`;
    }
  }, props.deps);
  return (
    <section class="chart" data-chart={props.name}>
      <div ref={host} />
      <div class="exports" role="group" aria-label={`export ${props.name}`}>
        <button type="button" onClick={() => fig.current && exportSvg(fig.current, props.name)}>SVG</button>
        <button type="button" onClick={() => fig.current && exportPng(fig.current, props.name)}>PNG</button>
        <button type="button" onClick={() => exportCsv(props.rows, props.name)}>CSV</button>
      </div>
    </section>
  );
}
