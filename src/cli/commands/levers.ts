/** `truce levers [FILE]`: the scenario's levers with range, default and meaning. */
import type { Command } from 'commander';
import { loadScenarioFile } from '../options/scenario-file.js';
import { listLevers } from '../../core/scenario/levers.js';
import { table, toJson } from '../render/format.js';
import { SCENARIO_ARGUMENT } from '../options/flags.js';

export function register(program: Command): void {
  program
    .command('levers')
    .description("list a scenario's levers: range, default, meaning, and the paths they set")
    .argument(...SCENARIO_ARGUMENT)
    .option('--json', 'print JSON')
    .action((file: string | undefined, flags: { json?: boolean }) => {
      const loaded = loadScenarioFile(file);
      const levers = listLevers(loaded.scenario);
      if (flags.json) {
        process.stdout.write(toJson({ levers, frameworks: loaded.scenario.frameworks }) + '\n');
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
      process.stdout.write(out.join('\n') + '\n');
    });
}
