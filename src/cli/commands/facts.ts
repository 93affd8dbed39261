/** `truce facts [FILE]`: the stylized facts of docs/stylized-facts.md as ensemble contrasts. */
import type { Command } from 'commander';
import { engagementFact } from '../../core/analysis/fact-engagement.js';
import { evaluateFact, factSpecs, type FactResult } from '../../core/analysis/facts.js';
import { normalizeEngagement } from '../../core/engagement/normalize.js';
import { buildModel } from '../../core/engine/model.js';
import { runEnsemble } from '../../shell/ensemble.js';
import { progressBar } from '../../shell/progress.js';
import { saveExperiment } from '../../store/experiments.js';
import { addStoreOptions, addWorkerOption, defaultWorkers, interruptible, nowIso, openStoreFor, scenarioHash, type StoreFlags } from '../ensemble-cli.js';
import { UserError } from '../errors.js';
import { fmt, toJson } from '../format.js';
import { DEFAULT_SCENARIO, loadScenario, resolveLoaded, type LoadedScenario } from '../load-scenario.js';
import { parseSamples, parseSeed } from '../options.js';
import { VERSION } from '../version.js';

export async function runFacts(loaded: LoadedScenario, opts: { runs: number; seed: number; workers: number; days?: number; onProgress?: (d: number, t: number) => void; signal?: AbortSignal }): Promise<FactResult[]> {
  const s = loaded.scenario;
  const frameworks = Object.keys(s.frameworks);
  const base = s.defaultFramework ?? frameworks[0];
  const strong = frameworks.find((f) => f === 'structural-architecture') ?? frameworks[1] ?? base;
  const specs = factSpecs(base, strong).filter((f) => f.arms.every((a) => Object.keys(a.levers).every((l) => s.levers[l]) && s.frameworks[a.framework]));
  // One ensemble over every distinct arm.
  const keys: string[] = [];
  const points = [];
  for (const f of specs) {
    for (const a of f.arms) {
      const key = JSON.stringify([a.framework, a.levers]);
      if (keys.includes(key)) continue;
      keys.push(key);
      const r = resolveLoaded(loaded, a.framework, a.levers);
      points.push({ scenario: r.scenario, profiles: loaded.profiles });
    }
  }
  const accs = await runEnsemble(points, { runs: opts.runs, seed: opts.seed, workers: opts.workers, days: opts.days, onProgress: opts.onProgress, signal: opts.signal });
  const states = Object.entries(s.actors).filter(([, a]) => a.kind === 'state');
  const revisionist = states.find(([, a]) => a.kind === 'state' && a.role === 'revisionist')?.[0] ?? states[0][0];
  const defender = states.find(([, a]) => a.kind === 'state' && a.role === 'defender')?.[0] ?? states[1][0];
  const ctx = { revisionist, defender, misalignment: (a: { framework: string; levers: Record<string, number> }) => buildModel(resolveLoaded(loaded, a.framework, a.levers).scenario, loaded.profiles).misalignment };
  const results = specs.map((f) => evaluateFact(f, f.arms.map((a) => accs[keys.indexOf(JSON.stringify([a.framework, a.levers]))]), ctx));
  // Fact 7 on the defender's profile and the revisionist's threats.
  const defSpec = s.actors[defender];
  const revSpec = s.actors[revisionist];
  if (defSpec.kind === 'state' && defSpec.defense && revSpec.kind === 'state') {
    const profile = loaded.profiles[defSpec.defense.profile];
    const build = (salvo: Record<string, number>) => normalizeEngagement({ salvo, threats: revSpec.arsenal?.threats, layers: profile.layers, trackCapacity: profile.trackCapacity, saturationPKillFactor: profile.saturationPKillFactor });
    const tracks = profile.trackCapacity ?? 200;
    results.push(engagementFact(build, 20_000, opts.seed, { small: Math.max(10, Math.floor(tracks * 0.6)), large: Math.max(20, Math.floor(tracks * 1.2)) }));
  }
  return results.sort((a, b) => a.id - b.id);
}

export function renderFacts(results: FactResult[], runs: number): string {
  const out = [`Stylized facts (docs/stylized-facts.md), ${runs} runs per arm; 95% intervals:`, ''];
  for (const r of results) {
    out.push(`${r.holds ? 'HOLDS ' : 'FAILS '} ${r.id}. ${r.statement}`);
    for (const m of r.measures) {
      const iv = m.lo !== null && m.hi !== null ? ` [${fmt(m.lo, 3)}, ${fmt(m.hi, 3)}]` : '';
      const ab = m.a !== null ? `${fmt(m.a, 3)} -> ${fmt(m.b ?? NaN, 3)}` : fmt(m.b ?? NaN, 3);
      out.push(`         ${m.holds ? 'ok ' : 'no '} ${m.name}: ${ab}; effect ${m.effect === null ? 'n/a' : fmt(m.effect, 3)}${iv} (expected ${m.expected})`);
    }
  }
  out.push('');
  out.push(`${results.filter((r) => r.holds).length} of ${results.length} facts hold with 95% confidence.`);
  return out.join('\n');
}

export function registerFacts(program: Command): void {
  const cmd = program
    .command('facts')
    .description('check the stylized facts of docs/stylized-facts.md as ensemble contrasts: direction, effect size, interval')
    .argument('[file]', 'scenario file (default: the built-in iran-israel scenario)')
    .option('--runs <n>', 'runs per arm', parseSamples, 2000)
    .option('--seed <s>', 'seed', parseSeed, 1)
    .option('--days <n>', 'horizon in days', parseSamples)
    .option('--json', 'print JSON');
  addWorkerOption(cmd);
  addStoreOptions(cmd);
  cmd.action(async (file: string | undefined, flags: StoreFlags & { runs: number; seed: number; days?: number; workers?: number; json?: boolean }) => {
    const loaded = loadScenario(file ?? DEFAULT_SCENARIO);
    if (Object.keys(loaded.scenario.frameworks).length === 0) throw new UserError(`${loaded.file}: frameworks: expected at least one framework to contrast`);
    const db = openStoreFor(flags);
    const started = Date.now();
    const progress = progressBar('facts', !flags.json);
    const results = await interruptible((signal) => runFacts(loaded, { runs: flags.runs, seed: flags.seed, workers: flags.workers ?? defaultWorkers(), days: flags.days, onProgress: progress.update, signal }));
    progress.stop();
    const output = { runs: flags.runs, seed: flags.seed, facts: results } as Record<string, unknown>;
    if (db) {
      output.experimentId = saveExperiment(db, { kind: 'facts', truceVersion: VERSION, scenarioName: loaded.scenario.name, scenarioHash: scenarioHash(loaded), scenario: { file: loaded.file, document: loaded.raw, profiles: loaded.profiles }, seed: flags.seed, runs: flags.runs, params: { days: flags.days ?? null }, timings: { seconds: (Date.now() - started) / 1000 }, summary: output, createdAt: nowIso() });
      db.close();
    }
    process.stdout.write((flags.json ? toJson(output) : renderFacts(results, flags.runs)) + '\n');
  });
}
