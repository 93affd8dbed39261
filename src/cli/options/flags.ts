/** Flag parsers and the option groups several commands share (no command imports another). */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { InputError } from '../../io/errors.js';
import { DEFAULT_MAX_WORK } from '../../core/limits/work.js';

export function parseWhole(min: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min)
      throw new InvalidArgumentError(`expected ${what} (a whole number >= ${min}), got ${JSON.stringify(value)}`);
    return n;
  };
}

export const parseSeed = parseWhole(0, 'a seed');
export const parseSamples = parseWhole(1, 'a number of samples');
export const parseRuns = parseWhole(1, 'a number of runs');
export const parseDays = parseWhole(1, 'a number of days');
export const parseExperimentId = parseWhole(1, 'an experiment id');

export function parseChoice<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value))
      throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
    return value as T;
  };
}

/** A repeatable flag. */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** `--set name=value` flags as numbers: a lever's name, or a documented parameter's path (dots). */
export function parseSettings(flags: readonly string[] = []): Record<string, number> {
  const out: Record<string, number> = {};
  for (const f of flags) {
    const m = /^([A-Za-z][\w.-]*)=(.+)$/.exec(f);
    const value = m ? Number(m[2]) : NaN;
    if (!m || !Number.isFinite(value))
      throw new InputError(
        `--set ${f}: expected LEVER=NUMBER or PATH=NUMBER (a documented parameter), e.g. --set verification=0.5 or --set actors.israel.defense.stocksAtSigning=1`,
      );
    out[m[1]] = value;
  }
  return out;
}

/** `--vary LEVER=V1,V2,...`. */
export function parseVary(flag: string | undefined): { lever: string; values: number[] } | null {
  if (!flag) return null;
  const m = /^([A-Za-z][\w.-]*)=(.+)$/.exec(flag);
  const values = m ? m[2].split(',').map((v) => Number(v.trim())) : [];
  if (!m || values.length === 0 || values.some((v) => !Number.isFinite(v)))
    throw new InputError(`--vary ${flag}: expected LEVER=V1,V2,..., e.g. --vary verification=0.2,0.5,0.8`);
  return { lever: m[1], values };
}

export function parseList(flag: string | undefined, what: string): string[] | undefined {
  if (flag === undefined) return undefined;
  const items = flag
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw new InputError(`${what}: expected a comma-separated list, got ${JSON.stringify(flag)}`);
  return items;
}

/** `--ranges LEVER=LO:HI,...` into numbers; the app checks them against the levers. */
export function parseRanges(flag: string): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const part of flag
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^([A-Za-z][\w-]*)=(-?[\d.eE+-]+):(-?[\d.eE+-]+)$/.exec(part);
    if (!m) throw new InputError(`--ranges ${part}: expected LEVER=LO:HI, e.g. verification=0:1`);
    if (Object.hasOwn(out, m[1])) throw new InputError(`--ranges ${m[1]}: expected each lever once, found it twice`);
    out[m[1]] = [Number(m[2]), Number(m[3])];
  }
  return out;
}

export interface StoreFlags {
  db?: string;
  store?: boolean;
}

export function addStoreOptions(cmd: Command, storeOptional = true): Command {
  cmd.option('--db <path>', 'results database (default: $TRUCE_DB or ./truce.db)');
  // A command that must store (sweep) still parses --no-store, to refuse it with a reason, but does not offer it.
  const noStore = new Option('--no-store', 'do not save the results');
  return cmd.addOption(storeOptional ? noStore : noStore.hideHelp());
}

/** More threads than this only cost memory: each worker holds its own heap. */
export const MAX_WORKERS = 64;

export function addWorkerOption(cmd: Command): Command {
  const whole = parseWhole(1, 'a number of workers');
  return cmd.option(
    '--workers <n>',
    `worker threads, 1 to ${MAX_WORKERS} (default: the number of cores, at most 16)`,
    (v: string) => {
      const n = whole(v);
      if (n > MAX_WORKERS)
        throw new InvalidArgumentError(`expected a number of workers from 1 to ${MAX_WORKERS}, got ${n}`);
      return n;
    },
  );
}

/** `--max-work 5e9`: a budget in work units, plain or scientific notation (docs/limits.md). */
export function parseMaxWork(value: string): number {
  const v = value.trim();
  const n = Number(v);
  if (!/^\d+(\.\d+)?(e\+?\d+)?$/i.test(v) || !Number.isFinite(n) || n < 1)
    throw new InvalidArgumentError(`expected a number of work units >= 1, e.g. 5e9, got ${JSON.stringify(value)}`);
  return n;
}

export interface BudgetFlags {
  maxWork?: number;
}

/** `--max-work UNITS`: above the estimate's budget a command refuses before it starts. */
export function addMaxWorkOption(cmd: Command): Command {
  return cmd.option(
    '--max-work <units>',
    `refuse work estimated above this many units (default ${DEFAULT_MAX_WORK.toExponential(0).replace('e+', 'e')}, about half an hour of one core; docs/limits.md)`,
    parseMaxWork,
  );
}

/**
 * `--posterior ID`: which global parameters each run draws (docs/calibration-record.md). Comparisons
 * default to the shipped posterior; analyses of what the levers or mechanisms do default to `none`.
 */
export function addPosteriorOption(
  cmd: Command,
  byDefault: 'default' | 'none',
  what = 'each run',
  { files = true } = {},
): Command {
  const file = files ? ', a posterior file (.json, as truce calibrate --out writes)' : '';
  return cmd.option(
    '--posterior <id>',
    `draw ${what}'s global parameters from this posterior: "none" (the scenario as written), "default" (shipped, fitted to the case library)${file} or a stored calibration (truce runs list)`,
    byDefault,
  );
}

export const SCENARIO_ARGUMENT = ['[file]', 'scenario file (default: the built-in iran-israel scenario)'] as const;
