// Issue 10 benchmark: the cost of calibration. One likelihood evaluation (every case of the
// library, R runs each, one core) beside a reference timed in the same run (1,000 runs of the
// built-in scenario, 365 days), then the projected wall time of the quick and full settings on 2
// workers (evaluations x time per evaluation / 2, plus the fit report), and a measured quick
// calibration end to end with --workers 2 (`truce calibrate --quick`, in a child process).
//   node bench/calibration.js [--no-end-to-end]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { machine } from './harness.js';

const ROOT = resolve(import.meta.dirname, '..');
const D = (p) => import(resolve(ROOT, 'dist', p));

export async function benchCalibration({ endToEnd = true } = {}) {
  const { parseCases } = await D('core/calibration/cases.js');
  const { caseLogLikelihoods, targetOf } = await D('core/calibration/likelihood.js');
  const { parameterList, priorsSchema, fromUnit } = await D('core/calibration/parameters.js');
  const { QUICK, FULL } = await D('app/calibrate.js');
  const { loadScenario } = await D('app/scenario.js');
  const { buildModel } = await D('core/engine/build/build-model.js');
  const { runCeasefire } = await D('core/engine/run.js');
  const rows = parseCases(readFileSync(join(ROOT, 'data', 'ceasefires.csv'), 'utf8'), { requireOutcome: true });
  const params = parameterList(priorsSchema.parse(parse(readFileSync(join(ROOT, 'data', 'priors.yaml'), 'utf8'))));
  const cases = rows.map((c, i) => ({ covariates: c.covariates, key: i, target: targetOf(c.outcome) }));
  const mid = Object.fromEntries(params.map((p) => [p.name, fromUnit(p, 0.5)]));
  const lines = [`machine: ${machine()}; wall times on a shared machine: read the ratio to the reference`];
  const loaded = loadScenario();
  const m = buildModel(loaded.scenario, loaded.profiles);
  const ref = () => {
    const t0 = performance.now();
    for (let r = 0; r < 1000; r++) runCeasefire(m, { seed: 1, replicate: r, days: 365 });
    return performance.now() - t0;
  };
  const evalMs = (runs) => {
    const t0 = performance.now();
    caseLogLikelihoods(cases, params, mid, runs, 1);
    return performance.now() - t0;
  };
  ref();
  evalMs(2);
  const refMs = ref();
  for (const s of [QUICK, FULL]) {
    const ms = evalMs(s.runsPerCase);
    const evals = s.rounds * s.particles + 4;
    const projected = (evals * ms) / 2 / 1000;
    lines.push(
      `likelihood evaluation, ${s.runsPerCase} runs x ${cases.length} cases, 1 core: ${(ms / 1000).toFixed(2)} s (${(ms / refMs).toFixed(2)} x 1,000 built-in 365-day runs = ${(refMs / 1000).toFixed(2)} s); ${s === QUICK ? 'quick' : 'full'} setting: ${evals} evaluations, projected ${(projected / 60).toFixed(1)} min on 2 workers before the fit report`,
    );
  }
  if (endToEnd) {
    const dir = mkdtempSync(join(tmpdir(), 'truce-bench-cal-'));
    const t0 = performance.now();
    const r = spawnSync(
      process.execPath,
      [
        join(ROOT, 'dist', 'cli', 'main.js'),
        'calibrate',
        '--quick',
        '--workers',
        '2',
        '--db',
        join(dir, 'b.db'),
        '--json',
      ],
      { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    const wall = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(`calibrate exited ${r.status}: ${r.stderr}`);
    lines.push(`truce calibrate --quick --workers 2, end to end: ${(wall / 60).toFixed(1)} min wall`);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`)
  console.log((await benchCalibration({ endToEnd: !process.argv.includes('--no-end-to-end') })).join('\n'));
