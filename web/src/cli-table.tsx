/**
 * A table that `truce` prints too, built by one function of src/charts/ for both (Morris, Sobol, the defender
 * side's fire): its header, then rows whose first cell names the row. `attrs` are each row's data attributes and
 * class, for the e2e tests to find it and the styles to mark it.
 */
import type { ComponentChildren } from 'preact';

export interface CliTableRow {
  cells: readonly string[];
  attrs?: Record<string, string>;
}

export function CliTable(props: {
  id: string;
  caption: ComponentChildren;
  header: readonly string[];
  rows: readonly CliTableRow[];
}) {
  return (
    <table id={props.id}>
      <caption>{props.caption}</caption>
      <thead>
        <tr>
          {props.header.map((h) => (
            <th scope="col">{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr {...r.attrs}>
            <th scope="row">{r.cells[0]}</th>
            {r.cells.slice(1).map((c) => (
              <td>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
