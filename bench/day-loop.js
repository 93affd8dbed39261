// Day-loop benchmark of issue 14: CPU per 365-day run of the built-in
// scenario, this build against a reference build (another checkout's dist/,
// for example main before a change), each timed in its own fresh process.
//
//   node bench/day-loop.js --reference DIST [--runs 10000] [--rounds 5] [--json FILE] [--no-js]
//
// This build runs the ensemble path through its WebAssembly kernel (docs/kernel.md); when it has one, a third
// side, `current-js`, times the same build with the kernel turned off (engine 'js', as TRUCE_ENGINE=js), so
// the kernel's own ratio is measured in the same run (--no-js leaves it out).
//
// For each framework arm, every round starts one process per build, in
// alternating order (reference first in even rounds, this build first in odd
// ones), so load that comes and goes falls on both alike. A process warms up
// (WARMUP runs, not timed), then times its share of the runs: round r runs
// replicates r*R .. (r+1)*R - 1 with R = runs / rounds, so the rounds
// together are `runs` distinct runs of 365 days per build and arm. CPU time
// (process.cpuUsage, user + system) is reported beside wall time; the figure
// is the median over rounds of CPU ms per run, and the ratio reference / this
// build. Every run's outcome is compared between the builds: collapse day and
// first crosser per run, and a SHA-256 of the JSON of every outcome (doubles
// included, so "identical" means bit for bit).
//
// Without --reference only this build is timed. A reference whose model
// differs (its outcomes differ) is compared per simulated day: a run that
// collapses earlier costs less without the loop being faster.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { URL, fileURLToPath, pathToFileURL } from 'node:url';
import { machine } from './harness.js';

const ARMS = ['transactional-freeze', 'structural-architecture'];
// Long enough that the one-time re-optimisations a fresh process goes through
// (a wave of map deoptimisations was seen 300-1,000 runs in, in either build)
// fall in the warm-up: what is timed is the steady state a long ensemble runs in.
const WARMUP = 2000;
const HERE = path.resolve(path.dirname(fileURLToPath(new URL(import.meta.url))), '../dist');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Child: time runs [from, from + count) of one arm with one build; print one JSON line. */
async function child(dist, fw, from, count, engine) {
  const at = (p) => pathToFileURL(path.resolve(dist, p)).href;
  const { runCeasefire } = await import(at('core/engine/run.js'));
  let model;
  if (existsSync(path.resolve(dist, 'app/scenario.js'))) {
    const app = await import(at('app/scenario.js'));
    const loaded = app.loadScenario();
    model = app.modelFor(loaded, app.resolveArm(loaded, fw, {}));
  } else {
    // A build from before src/app (the first day's layout, e.g. the loop issue 14 was filed against).
    const app = await import(at('cli/load-scenario.js'));
    const loaded = app.loadScenario();
    model = app.modelFor(loaded, app.resolveLoaded(loaded, fw, {}));
  }
  // Warm-up on replicates no timed round uses (seed 2).
  // engine: the implementation (a build without a kernel ignores the option).
  const opts = engine ? { engine } : {};
  for (let r = 0; r < WARMUP; r++) runCeasefire(model, { seed: 2, replicate: r, days: 365, ...opts });
  const outcomes = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = from; r < from + count; r++)
    outcomes.push(runCeasefire(model, { seed: 1, replicate: r, days: 365, ...opts }).outcome);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const hash = createHash('sha256');
  let days = 0;
  for (const o of outcomes) {
    hash.update(JSON.stringify(o));
    days += o.time;
  }
  const collapse = outcomes.map((o) => [o.day, o.firstCrosser]);
  process.stdout.write(
    JSON.stringify({ cpuMs: (c.user + c.system) / 1000, wallMs, days, digest: hash.digest('hex'), collapse }) + '\n',
  );
}

function spawn({ dist, engine }, fw, from, count) {
  const self = fileURLToPath(import.meta.url);
  const args = [self, '--child', dist, fw, String(from), String(count), ...(engine ? [engine] : [])];
  const out = execFileSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop());
}

export async function benchDayLoop({ reference, runs = 10_000, rounds = 5, js = true } = {}) {
  const builds = { current: { dist: HERE } };
  if (reference) builds.reference = { dist: path.resolve(reference) };
  const hasKernel = existsSync(path.resolve(HERE, 'core/engine/kernel/run-kernel.js'));
  if (js && hasKernel) builds['current-js'] = { dist: HERE, engine: 'js' };
  const per = Math.floor(runs / rounds);
  const lines = [];
  const figures = {
    runsPerBuildAndArm: per * rounds,
    rounds,
    warmupRuns: WARMUP,
    reference: reference ?? null,
    arms: {},
  };
  for (const fw of ARMS) {
    const rec = Object.fromEntries(
      Object.keys(builds).map((b) => [b, { cpu: [], wall: [], days: 0, digests: [], collapse: [] }]),
    );
    for (let r = 0; r < rounds; r++) {
      const order = Object.keys(builds);
      if (r % 2) order.reverse();
      for (const b of order) {
        const o = spawn(builds[b], fw, r * per, per);
        const x = rec[b];
        x.cpu.push(o.cpuMs / per);
        x.wall.push(o.wallMs / per);
        x.days += o.days;
        x.digests.push(o.digest);
        x.collapse.push(...o.collapse);
      }
    }
    const f = (figures.arms[fw] = {});
    for (const b of Object.keys(builds)) {
      const x = rec[b];
      f[b] = {
        cpuMsPerRun: median(x.cpu),
        wallMsPerRun: median(x.wall),
        cpuMsPerRunByRound: x.cpu,
        meanDays: x.days / (per * rounds),
        // Per simulated day: the figure to compare when the builds' models differ (runs end at other days).
        cpuUsPerDay: (1000 * median(x.cpu)) / (x.days / (per * rounds)),
        digest: createHash('sha256').update(x.digests.join('')).digest('hex').slice(0, 16),
      };
      lines.push(
        `${fw}, ${b}: ${f[b].cpuMsPerRun.toFixed(3)} ms CPU per run (${f[b].wallMsPerRun.toFixed(3)} ms wall; mean ${f[b].meanDays.toFixed(0)} simulated days, ${f[b].cpuUsPerDay.toFixed(2)} us CPU per simulated day; rounds ${x.cpu.map((v) => v.toFixed(3)).join(' ')}), outcomes digest ${f[b].digest}`,
      );
    }
    if (builds['current-js']) {
      const j = rec['current-js'];
      f.cpuRatioJsToKernel = f['current-js'].cpuMsPerRun / f.current.cpuMsPerRun;
      f.roundRatiosJsToKernel = j.cpu.map((v, i) => v / rec.current.cpu[i]);
      f.kernelIdenticalToJs = f['current-js'].digest === f.current.digest;
      if (reference) f.cpuRatioReferenceToCurrentJs = f.reference.cpuMsPerRun / f['current-js'].cpuMsPerRun;
      lines.push(
        `${fw}: this build's JavaScript path / its kernel CPU per run ${f.cpuRatioJsToKernel.toFixed(2)}x (per round ${f.roundRatiosJsToKernel.map((v) => v.toFixed(2)).join(' ')})${reference ? `; reference / JavaScript path ${f.cpuRatioReferenceToCurrentJs.toFixed(2)}x` : ''}; outcomes ${f.kernelIdenticalToJs ? 'bit-identical' : 'DIFFER'}`,
      );
    }
    if (reference) {
      const a = rec.reference;
      const c = rec.current;
      let sameCollapse = 0;
      for (let i = 0; i < c.collapse.length; i++)
        if (c.collapse[i][0] === a.collapse[i][0] && c.collapse[i][1] === a.collapse[i][1]) sameCollapse++;
      f.cpuRatioReferenceToCurrent = f.reference.cpuMsPerRun / f.current.cpuMsPerRun;
      f.roundRatios = a.cpu.map((v, i) => v / c.cpu[i]);
      f.sameCollapseDayAndCrosser = sameCollapse;
      f.identical = f.reference.digest === f.current.digest;
      f.cpuPerDayRatioReferenceToCurrent = f.reference.cpuUsPerDay / f.current.cpuUsPerDay;
      lines.push(
        `${fw}: reference / current CPU per run ${f.cpuRatioReferenceToCurrent.toFixed(2)}x (per round ${f.roundRatios.map((v) => v.toFixed(2)).join(' ')}), per simulated day ${f.cpuPerDayRatioReferenceToCurrent.toFixed(2)}x; collapse day and first crosser equal in ${sameCollapse} of ${c.collapse.length} runs; outcomes ${f.identical ? 'bit-identical' : 'DIFFER'}`,
      );
      // Different outcomes: the builds simulate different models, and runs that end
      // at other days cost other amounts; only the per-day ratio compares loops.
      if (!f.identical)
        lines.push(
          `${fw}: the builds' outcomes differ (another model): compare the per-day figure, not the per-run one`,
        );
    }
  }
  lines.push(
    `(${per} runs of 365 days per process after ${WARMUP} warm-up runs, ${rounds} rounds, one fresh process per build (or side), arm and round, sides alternating; medians over rounds${reference ? `; reference ${reference}` : '; pass --reference DIST to compare with another build'})`,
  );
  return { lines, figures };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--child') {
    const [dist, fw, from, count, engine] = process.argv.slice(3);
    await child(dist, fw, Number(from), Number(count), engine);
  } else {
    const r = await benchDayLoop({
      reference: arg('--reference'),
      runs: Number(arg('--runs', 10_000)),
      rounds: Number(arg('--rounds', 5)),
      js: !process.argv.includes('--no-js'),
    });
    const m = machine();
    console.log(`# ${m}\n${r.lines.join('\n')}`);
    const json = arg('--json');
    if (json) {
      writeFileSync(json, JSON.stringify({ machine: m, date: new Date().toISOString(), ...r.figures }, null, 2) + '\n');
      console.log(`figures written to ${json}`);
    }
  }
}
