// Which model made a posterior file: re-evaluate the per-case log-likelihoods its `population` stores
// (the same parameter vectors, the same runs per case and seed, the same replicate streams) with the
// model of a checkout, and print the largest difference. Bit for bit (0) at the commit that fitted it;
// any later change to what the cases simulate shows as a difference. docs/calibration-record.md, "The
// shipped posterior". Needs `npm run build` in the checkout.
//
//   node bench/posterior-provenance.js [--root DIR] [--posterior FILE.json] [--runs-per-case 24] [--seed 1] [--vectors 5]
//
// --root: a checkout of truce to evaluate with (default: this one), e.g. one made with
// `git worktree add /tmp/truce-5c4281f 5c4281f` (then `npm ci && npm run build` there).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const here = resolve(import.meta.dirname, '..');
const root = resolve(flag('root', here));
const file = resolve(flag('posterior', resolve(here, 'data', 'posterior.json')));
const runs = Number(flag('runs-per-case', '24'));
const seed = Number(flag('seed', '1'));
const vectors = Number(flag('vectors', '5'));
if (!(runs > 0) || !Number.isInteger(seed) || !(vectors > 0)) {
  process.stderr.write(
    'usage: node bench/posterior-provenance.js [--root DIR] [--posterior FILE.json] [--runs-per-case N] [--seed S] [--vectors K]\n',
  );
  process.exit(2);
}
const load = (p) => import(pathToFileURL(resolve(root, 'dist', p)).href);
const { DEFAULT_CASES, loadCases } = await load('app/case-library.js');
const { threadPoolRunner } = await load('app/runner.js');
const { calibrationData } = await load('app/simulate-cases.js');
const { parameterList, valuesOf } = await load('core/calibration/parameters.js');

const doc = JSON.parse(readFileSync(file, 'utf8'));
if (!doc.population || !doc.caseIds) {
  process.stderr.write(`${file}: population, caseIds: expected a posterior made by truce calibrate\n`);
  process.exit(2);
}
const cases = loadCases(DEFAULT_CASES, { requireOutcome: true }).filter((c) => c.outcome);
if (JSON.stringify(cases.map((c) => c.covariates.id)) !== JSON.stringify(doc.caseIds)) {
  process.stderr.write(`${file}: caseIds: expected the cases of ${DEFAULT_CASES}, in order\n`);
  process.exit(2);
}
const params = parameterList(doc.priors);
const total = (a) => a.reduce((t, x) => t + x, 0);
// The best vectors (they carry the posterior) and a spread of others.
const byLik = doc.population.map((p, i) => [total(p.caseLogLik), i]).sort((a, b) => b[0] - a[0]);
const picks = [
  ...new Set([
    byLik[0][1],
    byLik[1][1],
    ...Array.from({ length: vectors }, (_, k) => Math.floor((k * doc.population.length) / vectors)),
  ]),
].slice(0, vectors);
const runner = threadPoolRunner(1);
const sim = await runner.cases(calibrationData(cases, params));
let largest = 0;
console.log(`${file} against the model of ${root} (${runs} runs per case, seed ${seed})`);
for (const i of picks) {
  const p = doc.population[i];
  const ll = Array.from(await sim.run({ kind: 'loglik', values: valuesOf(params, p.u), runs, seed }));
  const d = Math.max(...ll.map((x, k) => Math.abs(x - p.caseLogLik[k])));
  largest = Math.max(largest, d);
  console.log(
    `vector ${i}: stored log-likelihood ${total(p.caseLogLik).toFixed(6)}, recomputed ${total(ll).toFixed(6)}, largest per-case difference ${d.toExponential(2)}`,
  );
}
console.log(
  largest === 0
    ? 'identical: this model made the file'
    : `different (largest per-case difference ${largest.toExponential(2)}): not the model that made the file`,
);
await sim.close();
process.exit(0);
