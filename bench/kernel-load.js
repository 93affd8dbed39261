// What the WebAssembly kernel adds per model (docs/kernel.md): flattening a Model into its tape (with the scope
// check) against building the model, and a process's memory over runs that switch model at every run (each switch
// reloads the kernel, whose arena starts over).
//
//   npm run build && node bench/kernel-load.js [--models 300] [--runs 3000]
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { machine } from './harness.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../dist');
const at = (p) => pathToFileURL(path.resolve(DIST, p)).href;
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};

const app = await import(at('app/scenario.js'));
const { flattenModel, kernelScope } = await import(at('core/engine/kernel/flatten.js'));
const { runCeasefire } = await import(at('core/engine/run.js'));
const N = arg('--models', 300);
const RUNS = arg('--runs', 3000);
const loaded = app.loadScenario();
const arms = ['transactional-freeze', 'structural-architecture'];
const build = () => {
  const out = [];
  for (let i = 0; i < N; i++) out.push(app.modelFor(loaded, app.resolveArm(loaded, arms[i % 2], {})));
  return out;
};
let t = performance.now();
const models = build();
const buildMs = (performance.now() - t) / N;
t = performance.now();
for (const m of models) if (kernelScope(m) === null) flattenModel(m);
const flattenMs = (performance.now() - t) / N;
const rss = () => (process.memoryUsage().rss / 2 ** 20).toFixed(0);
const rss0 = rss();
for (let i = 0; i < RUNS; i++) runCeasefire(models[i % N], { seed: 1, replicate: i, days: 365 });
const rss1 = rss();
for (let i = 0; i < RUNS; i++) runCeasefire(models[i % N], { seed: 2, replicate: i, days: 365 });
console.log(`# ${machine()}`);
console.log(
  `tape ${flattenModel(models[0]).length} doubles; flatten with the scope check ${flattenMs.toFixed(3)} ms per model, building the model ${buildMs.toFixed(3)} ms (${N} models)`,
);
console.log(
  `RSS ${rss0} MiB before, ${rss1} MiB after ${RUNS} runs switching model every run, ${rss()} MiB after ${2 * RUNS}`,
);
