/** `truce runs list | show ID | export ID --format csv|json`: the results store, given back. */
import type { Command } from 'commander';
import { writeFileAtomic } from '../write-file.js';
import type { ArmSummary } from '../../core/ensemble/summarize.js';
import { openStore } from '../../store/db.js';
import { getArms, getExperiment, getSweepPoints, listExperiments, type ExperimentRecord } from '../../store/experiments.js';
import { armRows, toCsv, type TidyRow } from '../../store/export.js';
import { storePath } from '../ensemble-cli.js';
import { UserError } from '../errors.js';
import { table, toJson } from '../format.js';
import { parseChoice, parseSamples } from '../options.js';
import { renderCompare, type CompareOutput } from './compare.js';
import { flatOutcomes } from './sweep.js';

function experimentOr404(db: ReturnType<typeof openStore>, id: number, path: string): ExperimentRecord {
  const e = getExperiment(db, id);
  if (!e) throw new UserError(`${path}: expected an experiment id (see truce runs list), found no experiment ${id}`);
  return e;
}

export function tidyRows(db: ReturnType<typeof openStore>, e: ExperimentRecord): TidyRow[] {
  if (e.kind === 'sweep') return getSweepPoints(db, e.id).map((r) => ({ experiment: e.id, point: r.point, ...Object.fromEntries(Object.entries(r.levers).map(([k, v]) => [`lever_${k}`, v])), ...flatOutcomes(r.outcomes) }));
  if (e.kind === 'sensitivity') {
    const s = e.summary as { method: string; indices: Record<string, Record<string, number>> };
    const rows: TidyRow[] = [];
    for (const [factor, idx] of Object.entries(s.indices)) {
      if (s.method === 'sobol') {
        rows.push({ experiment: e.id, method: 'sobol', factor, index: 'S1', value: idx.S1, lo: idx.S1Lo, hi: idx.S1Hi });
        rows.push({ experiment: e.id, method: 'sobol', factor, index: 'ST', value: idx.ST, lo: idx.STLo, hi: idx.STHi });
      } else {
        rows.push({ experiment: e.id, method: 'morris', factor, index: 'mu_star', value: idx.muStar, lo: idx.muStarLo, hi: idx.muStarHi });
        rows.push({ experiment: e.id, method: 'morris', factor, index: 'mu', value: idx.mu, lo: null, hi: null });
        rows.push({ experiment: e.id, method: 'morris', factor, index: 'sigma', value: idx.sigma, lo: null, hi: null });
      }
    }
    return rows;
  }
  return getArms(db, e.id).flatMap((a) => armRows(e.id, e.kind, a.summary as ArmSummary));
}

export function registerRuns(program: Command): void {
  const runs = program.command('runs').description('experiments in the results store').option('--db <path>', 'results database (default: $TRUCE_DB or ./truce.db)');
  const dbPath = () => storePath(runs.opts());
  runs
    .command('list')
    .description('every stored experiment')
    .option('--json', 'print JSON')
    .action((flags: { json?: boolean }) => {
      const db = openStore(dbPath(), 'read');
      const list = listExperiments(db);
      db.close();
      if (flags.json) return void process.stdout.write(toJson(list) + '\n');
      if (list.length === 0) return void process.stdout.write(`no experiments in ${dbPath()}\n`);
      process.stdout.write(
        table(
          ['id', 'kind', 'status', 'created', 'scenario', 'runs', 'seed', 'parameters'],
          list.map((e) => [e.id, e.kind, e.status, e.createdAt.replace('T', ' ').slice(0, 19), e.scenarioName ?? '-', e.runs ?? '-', e.seed ?? '-', JSON.stringify(e.params).slice(0, 60)]),
          [true, false, false, false, false, true, true, false],
        ) + '\n',
      );
    });
  runs
    .command('show')
    .description('one experiment: its parameters and results')
    .argument('<id>', 'experiment id', parseSamples)
    .option('--json', 'print JSON')
    .action((id: number, flags: { json?: boolean }) => {
      const db = openStore(dbPath(), 'read');
      const e = experimentOr404(db, id, dbPath());
      const points = e.kind === 'sweep' ? getSweepPoints(db, id) : undefined;
      db.close();
      if (flags.json) return void process.stdout.write(toJson({ ...e, ...(points ? { points } : {}) }) + '\n');
      const head = `experiment ${e.id}: ${e.kind} (${e.status}), ${e.createdAt}, truce ${e.truceVersion}, scenario ${e.scenarioName ?? '-'} (${(e.scenarioHash ?? '').slice(0, 12)}), seed ${e.seed ?? '-'}\nparameters: ${JSON.stringify(e.params)}\ntimings: ${JSON.stringify(e.timings)}\n`;
      if (e.kind === 'compare' && e.summary) return void process.stdout.write(head + '\n' + renderCompare(e.summary as CompareOutput, Number((e.timings as { seconds?: number })?.seconds ?? 0), Number((e.timings as { workers?: number })?.workers ?? 1)) + '\n');
      process.stdout.write(head + (points ? `${points.length} points stored\n` : '') + toJson(e.summary) + '\n');
    });
  runs
    .command('export')
    .description('an experiment as a tidy long-form table (CSV or JSON) for pandas or R')
    .argument('<id>', 'experiment id', parseSamples)
    .option('--format <f>', 'csv | json', parseChoice(['csv', 'json'] as const), 'csv')
    .option('--out <file>', 'write to a file instead of standard output')
    .action((id: number, flags: { format: 'csv' | 'json'; out?: string }) => {
      const db = openStore(dbPath(), 'read');
      const e = experimentOr404(db, id, dbPath());
      const rows = tidyRows(db, e);
      db.close();
      const text = flags.format === 'csv' ? toCsv(rows) : toJson(rows) + '\n';
      if (flags.out) {
        writeFileAtomic(flags.out, text);
      } else process.stdout.write(text);
    });
}
