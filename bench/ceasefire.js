// Day-loop benchmark: CPU time of one 365-day run of the built-in scenario on
// one core, per framework arm. With --baseline DIST (another build's dist/,
// for example main's), the same runs are timed with that build in the same
// process, rounds interleaved, and every run's outcome is compared with it bit
// for bit (JSON of the outcome, doubles included).
import { createHash } from 'node:crypto';
import path from 'node:path';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { interleave } from './harness.js';

const RUNS = 2000;
const ARMS = ['transactional-freeze', 'structural-architecture'];

async function build(dist) {
  const at = (p) => pathToFileURL(path.resolve(dist, p)).href;
  // The scenario pipeline lives in app/ (issue 8); a baseline built before that has it in cli/.
  let ls;
  try {
    const app = await import(at('app/scenario.js'));
    ls = { loadScenario: app.loadScenario, modelFor: app.modelFor, resolveLoaded: app.resolveArm };
  } catch {
    ls = await import(at('cli/load-scenario.js'));
  }
  const { runCeasefire } = await import(at('core/engine/run.js'));
  const loaded = ls.loadScenario();
  const models = Object.fromEntries(ARMS.map((fw) => [fw, ls.modelFor(loaded, ls.resolveLoaded(loaded, fw, {}))]));
  return { runCeasefire, models };
}

/** RUNS seeded runs of one arm: simulated days and a digest of every outcome. */
function runs(b, fw, seed = 1) {
  const hash = createHash('sha256');
  let days = 0;
  for (let r = 0; r < RUNS; r++) {
    const o = b.runCeasefire(b.models[fw], { seed, replicate: r, days: 365 }).outcome;
    days += o.time;
    hash.update(JSON.stringify(o));
  }
  return { days, digest: hash.digest('hex').slice(0, 16) };
}

export async function benchCeasefire({ baseline } = {}) {
  const here = path.resolve(path.dirname(fileURLToPath(new URL(import.meta.url))), '../dist');
  const builds = { current: await build(here) };
  if (baseline) builds.baseline = await build(baseline);
  const lines = [];
  const figures = { runsPerRound: RUNS, arms: {} };
  for (const fw of ARMS) {
    const out = {};
    const configs = {};
    for (const [name, b] of Object.entries(builds)) configs[name] = () => (out[name] = runs(b, fw));
    const t = await interleave(configs, { warmup: 1, rounds: 5 });
    const f = (figures.arms[fw] = {});
    for (const name of Object.keys(builds)) {
      f[name] = {
        cpuMsPerRun: t[name].cpuMedianMs / RUNS,
        wallMsPerRun: t[name].medianMs / RUNS,
        meanDays: out[name].days / RUNS,
        digest: out[name].digest,
      };
      lines.push(
        `${fw}, ${name}: ${f[name].cpuMsPerRun.toFixed(3)} ms CPU per run (${f[name].wallMsPerRun.toFixed(3)} ms wall; mean ${f[name].meanDays.toFixed(0)} simulated days), outcomes digest ${f[name].digest}`,
      );
    }
    if (builds.baseline) {
      f.cpuRatioBaselineToCurrent = f.baseline.cpuMsPerRun / f.current.cpuMsPerRun;
      f.identical = f.baseline.digest === f.current.digest;
      lines.push(
        `${fw}: baseline / current CPU per run ${f.cpuRatioBaselineToCurrent.toFixed(2)}x; ${RUNS} outcomes ${f.identical ? 'bit-identical' : 'DIFFER'}`,
      );
    }
  }
  lines.push(
    `(${RUNS} runs of 365 days a round, seed 1, median of 5 interleaved rounds after a warm-up round${baseline ? `; baseline ${baseline}` : '; pass --baseline DIST to compare with another build'})`,
  );
  return { lines, figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--baseline');
  console.log((await benchCeasefire({ baseline: i >= 0 ? process.argv[i + 1] : undefined })).lines.join('\n'));
}
