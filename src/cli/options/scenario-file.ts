/** Reading a scenario file for a command: what is allowed but worth saying goes to stderr before anything runs. */
import { loadScenario, type LoadedScenario } from '../../app/scenario.js';

export function loadScenarioFile(file?: string): LoadedScenario {
  const loaded = loadScenario(file);
  for (const w of loaded.warnings ?? []) process.stderr.write(`truce: warning: ${w}\n`);
  return loaded;
}
