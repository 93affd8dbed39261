/** Shared plumbing of the ensemble commands: arms, workers, the store, interruption. */
import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { checkLeverSettings } from '../core/scenario/levers.js';
import { openStore, type DB } from '../store/db.js';
import type { DesignPoint } from '../shell/ensemble.js';
import { problemsError, UserError } from './errors.js';
import { resolveLoaded, type LoadedScenario } from './load-scenario.js';
import { parseWhole } from './options.js';

export interface StoreFlags {
  db?: string;
  store?: boolean;
}

export function addStoreOptions(cmd: Command): Command {
  return cmd.option('--db <path>', 'results database (default: $TRUCE_DB or ./truce.db)').option('--no-store', 'do not save the results');
}

export function addWorkerOption(cmd: Command): Command {
  return cmd.option('--workers <n>', `worker threads (default: ${defaultWorkers()})`, parseWhole(1, 'a number of workers'));
}

export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), 16));
}

export function storePath(flags: StoreFlags): string {
  return flags.db ?? process.env.TRUCE_DB ?? 'truce.db';
}

/** A SIGINT that arrives after the store is open but before the work starts still aborts the work. */
let earlySignal = false;
const onEarlySignal = () => {
  earlySignal = true;
};

/** Open the store unless --no-store; errors (foreign or corrupt file) come before any work is done. */
export function openStoreFor(flags: StoreFlags): DB | null {
  if (flags.store === false) return null;
  process.once('SIGINT', onEarlySignal);
  process.once('SIGTERM', onEarlySignal);
  return openStore(storePath(flags));
}

export function scenarioHash(loaded: LoadedScenario): string {
  return createHash('sha256').update(JSON.stringify([loaded.raw, loaded.profiles])).digest('hex');
}

export interface Arm {
  label: string;
  framework: string | null;
  levers: Record<string, number>;
  point: DesignPoint;
}

/** Parse `--vary LEVER=V1,V2,...`. */
export function parseVary(flag: string | undefined): { lever: string; values: number[] } | null {
  if (!flag) return null;
  const m = /^([A-Za-z][\w-]*)=(.+)$/.exec(flag);
  const values = m ? m[2].split(',').map((v) => Number(v.trim())) : [];
  if (!m || values.length === 0 || values.some((v) => !Number.isFinite(v))) throw new UserError(`--vary ${flag}: expected LEVER=V1,V2,..., e.g. --vary verification=0.2,0.5,0.8`);
  return { lever: m[1], values };
}

export function parseList(flag: string | undefined, what: string): string[] | undefined {
  if (flag === undefined) return undefined;
  const items = flag.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UserError(`${what}: expected a comma-separated list, got ${JSON.stringify(flag)}`);
  return items;
}

/** One arm per framework, times each value of --vary. */
export function buildArms(loaded: LoadedScenario, frameworks: string[], sets: Record<string, number>, vary: { lever: string; values: number[] } | null): Arm[] {
  if (vary) {
    const problems = vary.values.flatMap((v) => checkLeverSettings(loaded.scenario, { [vary.lever]: v }).map((p) => ({ ...p, path: `--vary ${vary.lever}` })));
    if (problems.length) throw problemsError(loaded.file, problems);
  }
  const arms: Arm[] = [];
  for (const fw of frameworks) {
    for (const value of vary ? vary.values : [null]) {
      const settings = vary && value !== null ? { ...sets, [vary.lever]: value } : sets;
      const r = resolveLoaded(loaded, fw, settings);
      const label = vary ? `${fw} ${vary.lever}=${value}` : fw;
      arms.push({ label, framework: r.framework, levers: r.levers, point: { scenario: r.scenario, profiles: loaded.profiles } });
    }
  }
  return arms;
}

/**
 * Run `work` with SIGINT turned into an abort: the pool stops, nothing
 * half-finished is stored, and the command exits 130.
 */
export async function interruptible<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  // Listen before letting go of the early listener: with no listener for a moment, a pending signal would be lost.
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.removeListener('SIGINT', onEarlySignal);
  process.removeListener('SIGTERM', onEarlySignal);
  if (earlySignal) controller.abort();
  try {
    return await work(controller.signal);
  } catch (err) {
    if (controller.signal.aborted) throw new UserError('interrupted: no partial experiment was stored', 130);
    throw err;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

export function nowIso(): string {
  return new Date().toISOString();
}
