/** `truce engage FILE`: one salvo against a layered defence. */
import { cliBudget } from '../../app/budget.js';
import type { Command } from 'commander';
import { engage, loadEngagement } from '../../app/engagement.js';
import type { EngageMethod } from '../../core/engagement/engage.js';
import { renderEngage } from '../render/engage.js';
import { toJson } from '../render/format.js';
import { parseChoice, parseSamples, parseSeed, parseMaxWork } from '../options/flags.js';

interface EngageFlags {
  method: EngageMethod;
  samples: number;
  seed: number;
  json?: boolean;
}

export function register(program: Command): void {
  program
    .command('engage')
    .description('a salvo against a layered air defence: leakers, interceptors, costs (exact or Monte Carlo)')
    .argument('<file>', 'engagement file (YAML or JSON)')
    .option(
      '--method <method>',
      'auto | exact | monte-carlo',
      parseChoice(['auto', 'exact', 'monte-carlo'] as const),
      'auto',
    )
    .option('--samples <n>', 'Monte Carlo samples', parseSamples, 100_000)
    .option('--seed <s>', 'seed for Monte Carlo', parseSeed, 1)
    .option('--max-work <units>', 'refuse work estimated above this many units (docs/limits.md)', parseMaxWork)
    .option('--json', 'print one JSON object')
    .action((file: string, flags: EngageFlags & { maxWork?: number }) => {
      const engagement = loadEngagement(file);
      const report = engage(engagement, file, {
        method: flags.method,
        samples: flags.samples,
        seed: flags.seed,
        budget: cliBudget(flags.maxWork),
      });
      process.stdout.write((flags.json ? toJson(report) : renderEngage(file, report)) + '\n');
    });
}
