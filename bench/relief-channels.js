// The channels of sanctions relief measured apart (docs/model/economy.md, "What relief moves"): fact 16's
// contrast (sanctionsRelief 0 vs 1 under structural-architecture, paired, the mean over T of P(collapse by T))
// with one channel switched off in both arms at a time, by the parameter that carries it. A channel's share
// is what the relief effect loses without it. Common random numbers: replicate r of every arm runs on the
// same streams. Then relief's effect against the limit's value, and what the revisionist's standing on the
// track looks like (attributed violations, sanctions lifted and added) in recorded runs. In-process, one core.
// The scenario's judged values (no posterior), so the figures differ from fact 16's, which `truce facts` reads
// on the shipped posterior.
// Needs `npm run build`.
//
//   node bench/relief-channels.js [--runs 2000] [--seed 1] [--framework structural-architecture]
import { performance } from 'node:perf_hooks';
import { pMeanOverT } from '../dist/core/analysis/facts.js';
import { buildModel } from '../dist/core/engine/model.js';
import { runCeasefire } from '../dist/core/engine/run.js';
import { setPath } from '../dist/core/scenario/paths.js';
import { loadScenario, resolveArm, statesByRole } from '../dist/app/scenario.js';

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const runs = Number(flag('runs', '2000'));
const seed = Number(flag('seed', '1'));
const framework = flag('framework', 'structural-architecture');
if (!(runs > 1) || !(seed >= 0)) {
  process.stderr.write('usage: node bench/relief-channels.js [--runs N] [--seed S] [--framework NAME]\n');
  process.exit(2);
}

const loaded = loadScenario();
const { revisionist: rev } = statesByRole(loaded.scenario);
const CHANNELS = [
  ['none (baseline: every channel on)', {}],
  ['no verified rearmament limit', { 'agreement.reliefRearmamentLimit': 0 }],
  ['no marginal punishment (severity 0)', { [`actors.${rev}.economy.sanctionsSeverity`]: 0 }],
  ['no hardliner dampening', { [`actors.${rev}.reliefDampening`]: 0 }],
  ['no hardship in legitimacy', { [`actors.${rev}.hardshipWeight`]: 0 }],
  ['no procurement lead time', { [`actors.${rev}.economy.leadTimePerSanctions`]: 0 }],
];

const arms = new Map();
function collapseDays(relief, set) {
  // At relief 0 the limit changes nothing (test/sanctions-relief.test.ts): one arm serves every limit.
  const key = JSON.stringify([relief, relief === 0 ? { ...set, 'agreement.reliefRearmamentLimit': null } : set]);
  if (!arms.has(key)) arms.set(key, collapseDaysOf(relief, set));
  return arms.get(key);
}
function collapseDaysOf(relief, set) {
  const r = resolveArm(loaded, framework, { sanctionsRelief: relief });
  for (const [path, v] of Object.entries(set)) setPath(r.scenario, path, v);
  const m = buildModel(r.scenario, loaded.profiles);
  const days = [];
  let firstByRevisionist = 0;
  for (let i = 0; i < runs; i++) {
    const o = runCeasefire(m, { seed, replicate: i }).outcome;
    days.push(o.collapsed ? o.day : null);
    if (o.collapsed && o.firstCrosser === rev) firstByRevisionist++;
  }
  return { days, horizon: m.horizonDays, firstByRevisionist };
}

const pts = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(2)}`;
const started = performance.now();
const out = [
  `Relief's channels, ${framework}, sanctionsRelief 0 vs 1, ${runs} paired runs, seed ${seed}`,
  '',
  '| switched off (both arms) | P(collapse by T), mean over T: relief 0 | relief 1 | effect, points [95%] | revisionist-first collapses (0 / 1) |',
  '|---|---|---|---|---|',
];
for (const [name, set] of CHANNELS) {
  const a = collapseDays(0, set);
  const b = collapseDays(1, set);
  const m = pMeanOverT({ ...a, cluster: 1 }, { ...b, cluster: 1 }, 'decrease');
  out.push(
    `| ${name} | ${(100 * m.a).toFixed(2)}% | ${(100 * m.b).toFixed(2)}% | ${pts(m.effect)} [${pts(m.lo)}, ${pts(m.hi)}] | ${a.firstByRevisionist} / ${b.firstByRevisionist} |`,
  );
}
out.push('', '| reliefRearmamentLimit | relief effect, points [95%] |', '|---|---|');
for (const limit of [0, 0.1, 0.25, 0.5, 1]) {
  const set = { 'agreement.reliefRearmamentLimit': limit };
  const m = pMeanOverT({ ...collapseDays(0, set), cluster: 1 }, { ...collapseDays(1, set), cluster: 1 }, 'decrease');
  out.push(`| ${limit} | ${pts(m.effect)} [${pts(m.lo)}, ${pts(m.hi)}] |`);
}
// Standing on the track: recorded runs of the relief-1 arm.
const recorded = Math.min(runs, 200);
out.push(
  '',
  `Standing on the track (relief 1, ${recorded} recorded runs): per 100 days observed`,
  '',
  '| reliefRearmamentLimit | violations attributed to the revisionist | relief granted (gross: the daily falls of sanctions) | sanctions at the end (from the start) |',
  '|---|---|---|---|',
);
for (const limit of [0, 0.5]) {
  const r = resolveArm(loaded, framework, { sanctionsRelief: 1 });
  setPath(r.scenario, 'agreement.reliefRearmamentLimit', limit);
  const m = buildModel(r.scenario, loaded.profiles);
  let days = 0;
  let attributed = 0;
  let end = 0;
  let start = 0;
  let lifted = 0;
  for (let i = 0; i < recorded; i++) {
    const res = runCeasefire(m, { seed, replicate: i, record: true });
    days += res.outcome.time;
    for (const e of res.events) if (e.kind === 'action' && e.actor === rev && e.attributed) attributed++;
    const t = res.trajectory;
    start += t[0].actors[rev].sanctions;
    end += t[t.length - 1].actors[rev].sanctions;
    // Relief granted, gross: the sanctions' daily falls (snapback and enforcement only raise them).
    for (let d = 1; d < t.length; d++)
      lifted += Math.max(0, t[d - 1].actors[rev].sanctions - t[d].actors[rev].sanctions);
  }
  const per100 = (x) => ((100 * x) / days).toFixed(2);
  out.push(
    `| ${limit} | ${per100(attributed)} | ${per100(lifted)} | ${(end / recorded).toFixed(3)} (${(start / recorded).toFixed(3)}) |`,
  );
}
out.push('', `${((performance.now() - started) / 1000).toFixed(0)} s wall`);
process.stdout.write(out.join('\n') + '\n');
