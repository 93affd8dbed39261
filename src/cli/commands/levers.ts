/** `truce levers [FILE]`: the scenario's levers with range, default and meaning. */
import type { Command } from 'commander';
import { loadScenarioFile } from '../options/scenario-file.js';
import { listLevers } from '../../core/scenario/levers.js';
import { getPath } from '../../core/scenario/paths.js';
import type { LoadedScenario } from '../../app/scenario.js';
import { table, toJson } from '../render/format.js';
import { SCENARIO_ARGUMENT } from '../options/flags.js';

export function register(program: Command): void {
  program
    .command('levers')
    .description(
      "list a scenario's levers (range, default, meaning, the paths they set) and its documented parameters (--set PATH=V)",
    )
    .argument(...SCENARIO_ARGUMENT)
    .option('--json', 'print JSON')
    .action((file: string | undefined, flags: { json?: boolean }) => {
      const loaded = loadScenarioFile(file);
      const levers = listLevers(loaded.scenario);
      if (flags.json) {
        process.stdout.write(
          toJson({ levers, frameworks: loaded.scenario.frameworks, parameters: documentedParameters(loaded) }) + '\n',
        );
        return;
      }
      const out = [
        table(
          ['lever', 'min', 'max', 'default', 'meaning'],
          levers.map((l) => [
            l.name,
            l.min,
            l.max,
            +l.default.toFixed(4),
            `${l.description}${l.unit ? ` (${l.unit})` : ''}`,
          ]),
          [false, true, true, true, false],
        ),
      ];
      out.push('');
      out.push('Frameworks:');
      for (const [name, f] of Object.entries(loaded.scenario.frameworks)) {
        out.push(
          `  ${name}: ${Object.entries(f.levers)
            .map(([k, v]) => `${k}=${v}`)
            .join(', ')}`,
        );
      }
      const params = documentedParameters(loaded);
      if (params.length) {
        out.push('');
        out.push(
          'Documented parameters (--set PATH=V within the range; the value as the scenario writes it, before any framework):',
        );
        out.push(
          table(
            ['path', 'min', 'max', 'value', 'basis'],
            params.map((p) => [p.path, p.min, p.max, p.value ?? '-', p.source]),
            [false, true, true, true, false],
          ),
        );
      }
      process.stdout.write(out.join('\n') + '\n');
    });
}

/** The scenario's `parameters` block: each path, its documented range and basis, and the value as written. */
function documentedParameters(loaded: LoadedScenario) {
  return Object.entries(loaded.scenario.parameters).map(([path, r]) => {
    const v = getPath(loaded.scenario, path);
    return { path, min: r.min, max: r.max, value: typeof v === 'number' ? v : null, source: r.source };
  });
}
