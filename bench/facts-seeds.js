// The stylized facts on many seeds (docs/stylized-facts.md#on-20-seeds): runs
// `truce facts`'s code (runFacts) once per seed and prints, per fact, on how
// many seeds it holds (every counted measure's 95% interval on the expected
// side), and which measure fell short where it did not. Needs `npm run build`.
//
//   node bench/facts-seeds.js [--runs 1500] [--seeds 1-20] [--posterior default|none] [--workers 2] [--facts 9,16]
//
// --facts runs only those facts' arms, on the same streams as in the whole set (the runs per arm may round differently
// where none of the arms chosen takes a posterior parameter: runs, not draws x replicates).
import { performance } from 'node:perf_hooks';
import { runFacts } from '../dist/app/facts.js';
import { loadPosterior } from '../dist/app/posterior.js';
import { threadPoolRunner } from '../dist/app/runner.js';
import { loadScenario } from '../dist/app/scenario.js';

function flag(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const runs = Number(flag('runs', '1500'));
const [from, to] = flag('seeds', '1-20').split('-').map(Number);
const posteriorId = flag('posterior', 'default');
const workers = Number(flag('workers', '2'));
const only = flag('facts', undefined)?.split(',').map(Number);
if (!(runs > 0) || !(from >= 0) || !(to >= from) || !(workers >= 1) || only?.some((n) => !Number.isInteger(n))) {
  process.stderr.write(
    'usage: node bench/facts-seeds.js [--runs N] [--seeds A-B] [--posterior default|none] [--workers W] [--facts 9,16]\n',
  );
  process.exit(2);
}

const loaded = loadScenario();
const posterior = loadPosterior(posteriorId, '');
const runner = threadPoolRunner(workers);
const seeds = [];
for (let s = from; s <= to; s++) seeds.push(s);
const held = new Map();
const misses = new Map();
// Per fact, its first counted measure on every seed: the range of its effect and of its interval.
const spread = new Map();
const started = performance.now();
for (const seed of seeds) {
  const t0 = performance.now();
  const results = await runFacts(loaded, { runs, seed, runner, posterior, only });
  const line = [];
  for (const r of results) {
    if (!held.has(r.id)) held.set(r.id, { statement: r.statement, n: 0 });
    const first = r.measures.find((x) => !x.byConstruction && !x.informational && x.effect !== null);
    if (first) {
      const s = spread.get(r.id) ?? { name: first.name, effects: [], los: [], his: [] };
      s.effects.push(first.effect);
      s.los.push(first.lo);
      s.his.push(first.hi);
      spread.set(r.id, s);
    }
    if (r.status === 'holds') held.get(r.id).n++;
    else {
      const m = r.measures.find((x) => !x.byConstruction && !x.informational && x.status !== 'holds');
      const what = m
        ? `${m.name} ${m.effect === null ? 'n/e' : m.effect.toFixed(3)} [${m.lo?.toFixed(3)}, ${m.hi?.toFixed(3)}]`
        : '';
      if (!misses.has(r.id)) misses.set(r.id, []);
      misses.get(r.id).push(`seed ${seed}: ${r.status} (${what})`);
      line.push(`${r.id} ${r.status}`);
    }
  }
  process.stderr.write(
    `seed ${seed}: ${((performance.now() - t0) / 1000).toFixed(1)} s${line.length ? `; ${line.join(', ')}` : '; all hold'}\n`,
  );
}
const seconds = (performance.now() - started) / 1000;
const out = [
  `Stylized facts on seeds ${from}-${to} (${seeds.length} seeds), ${runs} runs per arm, posterior ${posterior.label}, ${workers} workers: ${seconds.toFixed(0)} s wall`,
  '',
  '| fact | holds on | statement |',
  '|---|---|---|',
];
for (const [id, h] of [...held.entries()].sort((a, b) => a[0] - b[0]))
  out.push(`| ${id} | ${h.n} of ${seeds.length} | ${h.statement} |`);
if (spread.size) {
  const f = (x) => (Math.abs(x) < 10 ? x.toFixed(3) : x.toFixed(1));
  out.push('', "Each fact's first counted measure over the seeds (effect b - a; its 95% interval's ends):");
  for (const [id, s] of [...spread.entries()].sort((a, b) => a[0] - b[0]))
    out.push(
      `- fact ${id}, ${s.name}: effect ${f(Math.min(...s.effects))} to ${f(Math.max(...s.effects))}; lo ${f(Math.min(...s.los))} to ${f(Math.max(...s.los))}; hi ${f(Math.min(...s.his))} to ${f(Math.max(...s.his))}`,
    );
}
if (misses.size) {
  out.push('', 'Where a fact did not hold:');
  for (const [id, list] of [...misses.entries()].sort((a, b) => a[0] - b[0]))
    out.push(`- fact ${id}: ${list.join('; ')}`);
}
process.stdout.write(out.join('\n') + '\n');
