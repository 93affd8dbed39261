/** `truce campaign FILE`: a war of waves over days. */
import { cliBudget } from '../../app/budget.js';
import type { Command } from 'commander';
import { campaign, loadCampaign } from '../../app/engagement.js';
import { renderCampaign } from '../render/campaign.js';
import { toJson } from '../render/format.js';
import { parseRuns, parseSeed, parseMaxWork } from '../options/flags.js';

export function register(program: Command): void {
  program
    .command('campaign')
    .description('a multi-day war of salvos: interceptor depletion, resupply, the day each layer runs dry')
    .argument('<file>', 'campaign file (YAML or JSON)')
    .option('--runs <n>', 'Monte Carlo replicates', parseRuns, 2000)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--max-work <units>', 'refuse work estimated above this many units (docs/limits.md)', parseMaxWork)
    .option('--json', 'print one JSON object')
    .action((file: string, flags: { runs: number; seed: number; json?: boolean; maxWork?: number }) => {
      const report = campaign(loadCampaign(file), flags.runs, flags.seed, cliBudget(flags.maxWork), file);
      process.stdout.write((flags.json ? toJson(report) : renderCampaign(file, report)) + '\n');
    });
}
