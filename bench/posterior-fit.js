// The band check of docs/calibration-record.md: a posterior's fit to the case library under the
// model as built now, without refitting. Each case runs again with its runs drawing their
// parameters from the posterior (five years, no censoring), exactly as `truce calibrate`'s fit
// report does (the same draws, --fit-runs runs per case, seed + 1), and the model's survival per
// group is set against the record's Kaplan-Meier curve and its 95% band at days 7, 30, 90, 365 and
// 1,825. Use it after a change of the model, to see whether the shipped posterior still fits.
// Needs `npm run build`.
//
//   node bench/posterior-fit.js [--posterior default|FILE.json] [--runs 100] [--seed 2] [--groups all|arenas]
//
// `--model km` sets a covariate-free model against the same bands instead of the posterior: every
// case's survival is the pooled Kaplan-Meier curve of all 46 spells (no simulation). A check this
// model passes cannot tell a model with covariates from no model (docs/calibration-record.md).
import { DEFAULT_CASES, loadCases } from '../dist/app/case-library.js';
import { loadPosterior } from '../dist/app/posterior.js';
import { threadPoolRunner } from '../dist/app/runner.js';
import { calibrationData, simulateCases } from '../dist/app/simulate-cases.js';
import { fitTable, kmAt } from '../dist/core/calibration/fit.js';
import { ADMIN_HORIZON } from '../dist/core/calibration/likelihood.js';

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const runs = Number(flag('runs', '100'));
// The fit report of `truce calibrate --seed 1` runs on seed 2.
const seed = Number(flag('seed', '2'));
const groups = flag('groups', 'all');
const model = flag('model', 'posterior');
if (
  !(runs > 0) ||
  !Number.isInteger(seed) ||
  !['all', 'arenas'].includes(groups) ||
  !['posterior', 'km'].includes(model)
) {
  process.stderr.write(
    'usage: node bench/posterior-fit.js [--posterior default|FILE.json] [--runs N] [--seed S] [--groups all|arenas] [--model posterior|km]\n',
  );
  process.exit(2);
}
const cases = loadCases(DEFAULT_CASES, { requireOutcome: true }).filter((c) => c.outcome);
let rows;
let title;
if (model === 'km') {
  // Covariate-free: every group's model survival is the pooled curve's, exactly.
  rows = fitTable(
    cases,
    cases.map(() => []),
  ).map((r) => {
    const m = kmAt(cases, r.day).survival;
    return { ...r, model: m, inside: m >= r.lower - 1e-9 && m <= r.upper + 1e-9 };
  });
  title = `Covariate-free model: the pooled Kaplan-Meier curve of all ${cases.length} spells for every case`;
} else {
  const posterior = loadPosterior(flag('posterior', 'default'), '');
  const runner = threadPoolRunner(2);
  const sim = await runner.cases(calibrationData(cases, posterior.params));
  const durations = await simulateCases(sim, cases.length, posterior.draws, runs, seed, ADMIN_HORIZON + 1);
  rows = fitTable(cases, durations);
  title = `Posterior ${posterior.label}, ${runs} runs per case, seed ${seed}`;
}
const pct = (x) => `${(100 * x).toFixed(1)}%`;
const out = [title, '', '| group | day | Kaplan-Meier | 95% band | model | inside |', '|---|---|---|---|---|---|'];
let inside = 0;
let shown = 0;
for (const r of rows) {
  if (groups === 'arenas' && r.group !== 'all' && !r.group.startsWith('arena=')) continue;
  shown++;
  if (r.inside) inside++;
  out.push(
    `| ${r.group} | ${r.day} | ${pct(r.km)} | [${pct(r.lower)}, ${pct(r.upper)}] | ${pct(r.model)} | ${r.inside ? 'yes' : '**no**'} |`,
  );
}
out.push('', `${inside} of ${shown} checks inside the band.`);
process.stdout.write(out.join('\n') + '\n');
process.exit(0);
