/** `truce scenario validate FILE` and `truce scenario show FILE`. */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { toJson } from '../format.js';
import { loadScenario, parseSettings, resolveLoaded } from '../load-scenario.js';
import { collect } from './run.js';

export function registerScenario(program: Command): void {
  const cmd = program.command('scenario').description('check or show a scenario');
  cmd
    .command('validate')
    .description('check a scenario and report every problem with its path')
    .argument('<file>', 'scenario file')
    .action((file: string) => {
      const loaded = loadScenario(file);
      // Every framework must resolve too.
      for (const name of Object.keys(loaded.scenario.frameworks)) resolveLoaded(loaded, name, {});
      const s = loaded.scenario;
      const counts = Object.values(s.actors).reduce<Record<string, number>>((acc, a) => ((acc[a.kind] = (acc[a.kind] ?? 0) + 1), acc), {});
      process.stdout.write(`${file}: valid (${Object.entries(counts).map(([k, n]) => `${n} ${n > 1 ? (k === 'proxy' ? 'proxies' : `${k}s`) : k}`).join(', ')}; ${Object.keys(s.actions).length} actions; ${Object.keys(s.levers).length} levers; frameworks: ${Object.keys(s.frameworks).join(', ') || 'none'})\n`);
    });
  cmd
    .command('show')
    .description('print the resolved scenario (defaults filled, framework and levers applied)')
    .argument('<file>', 'scenario file')
    .option('--framework <name>', 'apply a framework')
    .option('--set <lever=value>', 'set a lever (repeatable)', collect)
    .option('--json', 'print JSON instead of YAML')
    .action((file: string, flags: { framework?: string; set?: string[]; json?: boolean }) => {
      const loaded = loadScenario(file);
      const r = resolveLoaded(loaded, flags.framework, parseSettings(flags.set));
      const doc = { framework: r.framework, levers: r.levers, scenario: r.scenario };
      process.stdout.write(flags.json ? toJson(doc) + '\n' : stringify(doc, { lineWidth: 0 }));
    });
}
