/**
 * A result's scenario warnings (values outside their documented ranges), worded as `truce runs show` prints them;
 * nothing when there are none or the result was stored before they were kept (docs/dashboard.md).
 */
import { SCENARIO_WARNINGS_HEADING } from '../../src/app/contract.js';

export function ScenarioWarnings({ warnings, id }: { warnings: readonly string[] | undefined; id: string }) {
  if (!warnings?.length) return null;
  return (
    <div class="warning" id={id} role="note">
      <p>{SCENARIO_WARNINGS_HEADING[0].toUpperCase() + SCENARIO_WARNINGS_HEADING.slice(1)}</p>
      <ul>
        {warnings.map((w) => (
          <li>warning: {w}</li>
        ))}
      </ul>
    </div>
  );
}
