/** `truce scenario validate FILE` and `truce scenario show FILE`. */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { validateScenarioFile } from '../../app/check-scenario.js';
import { loadScenario, resolveArm } from '../../app/scenario.js';
import { toJson } from '../render/format.js';
import { collect, parseSettings } from '../shared/flags.js';

export function register(program: Command): void {
  const cmd = program.command('scenario').description('check or show a scenario');
  cmd
    .command('validate')
    .description('check a scenario and report every problem with its path')
    .argument('<file>', 'scenario file')
    .action((file: string) => {
      const s = validateScenarioFile(file);
      const actors = Object.entries(s.actors)
        .map(([k, n]) => `${n} ${n > 1 ? (k === 'proxy' ? 'proxies' : `${k}s`) : k}`)
        .join(', ');
      process.stdout.write(
        `${file}: valid (${actors}; ${s.actions} actions; ${s.levers.length} levers; frameworks: ${Object.keys(s.frameworks).join(', ') || 'none'})\n`,
      );
    });
  cmd
    .command('show')
    .description('print the resolved scenario (defaults filled, framework and levers applied)')
    .argument('<file>', 'scenario file')
    .option('--framework <name>', 'apply a framework')
    .option('--set <lever=value>', 'set a lever (repeatable)', collect)
    .option('--json', 'print JSON instead of YAML')
    .action((file: string, flags: { framework?: string; set?: string[]; json?: boolean }) => {
      const r = resolveArm(loadScenario(file), flags.framework, parseSettings(flags.set));
      const doc = { framework: r.framework, levers: r.levers, scenario: r.scenario };
      process.stdout.write(flags.json ? toJson(doc) + '\n' : stringify(doc, { lineWidth: 0 }));
    });
}
