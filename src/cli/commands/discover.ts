/**
 * `truce discover ID`: scenario discovery (PRIM) over a stored sweep: which
 * boxes of lever space keep P(collapse by day d) below a threshold, with
 * coverage, density and the peeling trajectory (docs/analysis.md, "Scenario
 * discovery"; the method in src/core/analysis/prim.ts).
 */
import { InvalidArgumentError, type Command } from 'commander';
import { discoverInSweep, trajectoryRows, trajectorySvg } from '../../app/discover.js';
import { openResultsStore } from '../../app/store.js';
import { toCsv } from '../../io/csv.js';
import { writeFileAtomic } from '../../io/documents.js';
import { storePath } from '../../io/paths.js';
import { renderDiscover } from '../render/discover.js';
import { toJson } from '../render/format.js';
import { parseDays, parseExperimentId } from '../options/flags.js';

function parseShare(what: string, max: number) {
  return (value: string): number => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x) || x <= 0 || x > max)
      throw new InvalidArgumentError(`expected ${what} in (0, ${max}], got ${JSON.stringify(value)}`);
    return x;
  };
}

interface DiscoverFlags {
  db?: string;
  day?: number;
  threshold: number;
  minDensity: number;
  alpha: number;
  minMass: number;
  json?: boolean;
  csv?: string;
  chart?: string;
}

export function register(program: Command): void {
  program
    .command('discover')
    .description(
      'scenario discovery (PRIM) over a stored sweep: boxes of lever space that keep P(collapse by day d) below a threshold, with coverage, density and the peeling trajectory',
    )
    .argument('<id>', 'a stored sweep (truce runs list)', parseExperimentId)
    .option('--db <path>', 'results database (default: $TRUCE_DB or ./truce.db)')
    .option('--day <d>', "the day d of P(collapse by day d) (default: the sweep's horizon)", parseDays)
    .option(
      '--threshold <p>',
      'a point is of interest when its P(collapse by day d) is below p',
      parseShare('a probability', 1),
      0.5,
    )
    .option(
      '--min-density <x>',
      'report the box of highest coverage with at least this density',
      parseShare('a share', 1),
      0.8,
    )
    .option(
      '--alpha <a>',
      "share of the box's points one peel removes (EMA Workbench default)",
      parseShare('a share', 0.5),
      0.05,
    )
    .option('--min-mass <m>', 'smallest box, as a share of all points', parseShare('a share', 1), 0.05)
    .option('--json', 'print JSON')
    .option('--csv <file>', 'write the trajectory, one row per box, to FILE')
    .option('--chart <file.svg>', 'write the peeling trajectory chart (a self-contained SVG) to FILE')
    .action((id: number, flags: DiscoverFlags) => {
      const db = openResultsStore(flags.db, true, 'read')!;
      let found;
      try {
        found = discoverInSweep(db, id, storePath(flags.db), flags);
      } finally {
        db.close();
      }
      const { experiment, result } = found;
      if (flags.csv) writeFileAtomic(flags.csv, toCsv(trajectoryRows(id, result)));
      if (flags.chart) writeFileAtomic(flags.chart, trajectorySvg(experiment, result));
      process.stdout.write(flags.json ? toJson({ experimentId: id, ...result }) + '\n' : renderDiscover(id, result));
    });
}
