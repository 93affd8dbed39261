/**
 * A stored experiment's per-run rows, to take away: links to GET /api/runs/ID/per-run, which sends the bytes of
 * `truce runs export ID --per-run --format F` (docs/dashboard.md). Plain links: the browser streams the file to
 * disk, so a large table never sits in the page's memory.
 */
import type { PerRunFormat, RunRowsCount } from '../../src/app/contract.js';
import { perRunExportable, perRunFileName, perRunUrl } from '../../src/app/contract.js';

const LABEL: Record<PerRunFormat, string> = { csv: 'CSV', json: 'JSON', parquet: 'Parquet' };

export function PerRunDownload(props: {
  experiment: { id: number; kind: string; scenarioName: string | null; runRows?: RunRowsCount };
  formats?: readonly PerRunFormat[];
}) {
  const e = props.experiment;
  const r = e.runRows;
  if (!perRunExportable(r)) {
    // Why there is nothing to take, in the words of `truce runs show`.
    const why = !r || r.stored === 0 ? 'none stored' : `${r.stored} of ${r.runs} runs stored; not exportable`;
    return (
      <span class="hint per-run" data-experiment={e.id}>
        per-run rows: {why}
      </span>
    );
  }
  return (
    <span class="per-run" role="group" aria-label={`per-run rows of experiment ${e.id}`} data-experiment={e.id}>
      {(props.formats ?? (['csv', 'parquet'] as const)).map((f) => (
        <a
          class="download"
          href={perRunUrl(e.id, f)}
          download={perRunFileName(e, f)}
          data-format={f}
          aria-label={`per-run rows of experiment ${e.id} as ${LABEL[f]} (${r!.stored} rows)`}
        >
          {LABEL[f]}
        </a>
      ))}
    </span>
  );
}
