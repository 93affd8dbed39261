/** A chart panel: the Plot figure, and SVG / PNG / CSV export buttons. */
import { createContext } from 'preact';
import { useContext, useEffect, useRef } from 'preact/hooks';
import { exportCsv, exportPng, exportSvg, type ChartSource } from './export.js';

/** The package version, fixed at build time (web/vite.config.ts), for the exported charts' source line. */
export const TRUCE_VERSION: string = typeof __TRUCE_VERSION__ === 'string' ? __TRUCE_VERSION__ : 'unknown';

/** What produced the charts below (scenario, seed, runs): a view provides it once for all its charts. */
export const ChartSourceContext = createContext<ChartSource>({});

export function Chart(props: {
  name: string;
  render: () => Element;
  rows: Record<string, unknown>[];
  deps: unknown[];
  source?: ChartSource;
}) {
  const host = useRef<HTMLDivElement>(null);
  const fig = useRef<Element | null>(null);
  const context = useContext(ChartSourceContext);
  const source: ChartSource = { version: TRUCE_VERSION, ...context, ...props.source };
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
        <button type="button" onClick={() => fig.current && exportSvg(fig.current, props.name, source)}>
          SVG
        </button>
        <button type="button" onClick={() => fig.current && exportPng(fig.current, props.name, source)}>
          PNG
        </button>
        <button type="button" onClick={() => exportCsv(props.rows, props.name)}>
          CSV
        </button>
      </div>
    </section>
  );
}
