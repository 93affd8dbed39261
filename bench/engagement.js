// Engagement benchmarks, one core:
//  - exact solve of a 1,000-threat single-type salvo through 4 limited layers (target < 50 ms)
//  - Monte Carlo salvos per second on the reference salvo against the C
//    reference loop (bench/reference/salvo.c, the same count-space sampler in
//    C), compiled and timed in the same run, rounds interleaved; ratios are of
//    CPU time. Without a C compiler the ratio is to the JS sequential sampler.
//    `runMonteCarlo (aggregated)` is what `truce engage --method monte-carlo`
//    runs (a fresh sampler and its tables each round, every aggregate of the
//    report); its leakers are checked against the exact distribution.
import { execFileSync } from 'node:child_process';
import { URL, fileURLToPath } from 'node:url';
import { solveExact } from '../dist/core/engagement/exact.js';
import { SalvoSampler } from '../dist/core/engagement/salvo-sampler.js';
import { AliasSalvoSampler } from '../dist/core/engagement/alias-sampler.js';
import { runMonteCarlo } from '../dist/core/engagement/monte-carlo.js';
import { Stream } from '../dist/core/rng/stream.js';
import { compileC, interleave, measure } from './harness.js';

const layer = (name, p, shots, channels, inventory, tracking = 1) => ({
  name,
  pKill: { ballistic: p },
  tracking,
  doctrine: 'barrage',
  shots,
  inventory,
  channels,
  unitCostUsd: 0,
});
const engagement = (n, layers) => ({
  threats: [{ type: 'ballistic', launched: n, reliability: 1, unitCostUsd: 0, wave: 1 }],
  layers,
  trackCapacity: Infinity,
  saturationPKillFactor: 0.5,
  warningMinutes: Infinity,
});
/** The reference salvo: 300 ballistic; pK 0.8/0.7/0.75/0.9; barrage 2/2/1/1. */
export const referenceLayers = [
  layer('l1', 0.8, 2, 200, 250),
  layer('l2', 0.7, 2, 150, 250),
  layer('l3', 0.75, 1, 100, 150),
  layer('l4', 0.9, 1, 120, 400),
];
const limited1000 = [
  layer('l1', 0.8, 2, 600, 900),
  layer('l2', 0.7, 2, 400, 700),
  layer('l3', 0.75, 1, 300, 300),
  layer('l4', 0.9, 1, 250, 400),
];

const N = 2_000_000;

function samplerLoop(sampler, rng) {
  return () => {
    let leak = 0;
    for (let i = 0; i < N; i++) {
      sampler.sample(rng);
      leak += sampler.leaked[0];
    }
    return leak / N;
  };
}

export async function benchEngagement() {
  const lines = [];
  const figures = {};
  const ex1 = measure('exact, 1,000 threats, 4 limited layers, tracking 1', () =>
    solveExact(engagement(1000, limited1000)),
  );
  const tracked = limited1000.map((l, i) => ({ ...l, tracking: 0.85 + 0.03 * i }));
  const ex2 = measure(
    'exact, 1,000 threats, 4 limited layers, tracking 0.85-0.94',
    () => solveExact(engagement(1000, tracked)),
    { repeats: 7 },
  );
  for (const r of [ex1, ex2])
    lines.push(
      `${r.name}: median ${r.medianMs.toFixed(1)} ms wall, ${r.cpuMedianMs.toFixed(1)} ms CPU (min ${r.minMs.toFixed(1)}, max ${r.maxMs.toFixed(1)}); target < 50 ms`,
    );
  figures.exact = { tracking1: ex1, tracking085: ex2 };

  const e = engagement(300, referenceLayers);
  const exactMean = solveExact(e).leakersMean;
  const configs = {};
  const means = {};
  const cpuSecondsOfC = [];
  const c = compileC(fileURLToPath(new URL('./reference/salvo.c', import.meta.url)));
  if (c.exe) {
    const args = [
      String(N),
      '300',
      ...referenceLayers.flatMap((l) => [l.pKill.ballistic, l.shots, l.channels, l.inventory, l.tracking].map(String)),
    ];
    configs['C reference loop'] = () => {
      const [cpu, mean] = execFileSync(c.exe, args, { encoding: 'utf8' }).trim().split(' ').map(Number);
      cpuSecondsOfC.push(cpu);
      means['C reference loop'] = mean;
    };
  } else lines.push(`C reference loop not run: ${c.reason}; ratios are to the JS sequential sampler`);
  const seq = samplerLoop(new SalvoSampler(e), Stream.derive(1, 'bench'));
  configs['JS sequential sampler'] = () => (means['JS sequential sampler'] = seq());
  const alias = samplerLoop(new AliasSalvoSampler(e), Stream.derive(1, 'bench', 'alias'));
  configs['JS alias sampler, salvo by salvo'] = () => (means['JS alias sampler, salvo by salvo'] = alias());
  // What `truce engage --method monte-carlo` runs: salvos plus every aggregate of the report (a fresh sampler each round).
  let lastMc = null;
  configs['runMonteCarlo (aggregated)'] = () => {
    lastMc = runMonteCarlo(e, N, 1);
    means['runMonteCarlo (aggregated)'] = lastMc.leakersMean;
  };
  const rounds = await interleave(configs, { warmup: 1, rounds: 5 });
  // The C loop reports the CPU time of its sampling loop alone (no process start).
  const cpuMs = (name) =>
    name === 'C reference loop' ? median(cpuSecondsOfC.slice(1)) * 1000 : rounds[name].cpuMedianMs;
  const ref = c.exe ? 'C reference loop' : 'JS sequential sampler';
  const refRate = N / (cpuMs(ref) / 1000);
  figures.monteCarlo = { samplesPerRound: N, exactMean, reference: ref, configs: {} };
  for (const name of Object.keys(configs)) {
    const rate = N / (cpuMs(name) / 1000);
    const wallRate = name === 'C reference loop' ? null : N / (rounds[name].medianMs / 1000);
    figures.monteCarlo.configs[name] = {
      cpuMs: cpuMs(name),
      salvosPerCpuSecond: rate,
      salvosPerWallSecond: wallRate,
      ratioToReference: rate / refRate,
      meanLeakers: means[name],
    };
    lines.push(
      `${name}: ${(rate / 1e6).toFixed(2)} M salvos per CPU second${wallRate ? ` (${(wallRate / 1e6).toFixed(2)} M/s wall)` : ''}, ` +
        `${(rate / refRate).toFixed(2)}x the ${ref}; mean leakers ${means[name].toFixed(4)} (exact ${exactMean.toFixed(4)})`,
    );
  }
  // The distribution, not only the mean: Pearson's chi-square of the last round's leakers against the exact solver.
  const chi = chiSquare(lastMc.histogram, solveExact(e).distribution, N);
  figures.monteCarlo.chiSquare = chi;
  lines.push(
    `runMonteCarlo leakers against the exact distribution: chi-square ${chi.stat.toFixed(1)} on ${chi.df} df (upper 0.1% point ${chi.critical001.toFixed(1)})`,
  );
  lines.push(
    `(reference salvo, ${N / 1e6} M salvos a round, median of 5 interleaved rounds after a warm-up round${c.exe ? `; C compiled by ${c.compiler} -O2` : ''})`,
  );
  return { lines, figures };
}

/** Pearson's chi-square of frequencies (fractions of n) against probabilities, pooling neighbouring cells until each expects 5. */
function chiSquare(freq, probs, n) {
  const cells = [];
  let o = 0;
  let ex = 0;
  for (let k = 0; k < Math.max(freq.length, probs.length); k++) {
    o += Math.round((freq[k] ?? 0) * n);
    ex += n * (probs[k] ?? 0);
    if (ex >= 5) {
      cells.push([o, ex]);
      o = 0;
      ex = 0;
    }
  }
  cells[cells.length - 1][0] += o;
  cells[cells.length - 1][1] += ex;
  const stat = cells.reduce((s, [oc, ec]) => s + ((oc - ec) * (oc - ec)) / ec, 0);
  const df = cells.length - 1;
  // Wilson-Hilferty, z = 3.09 (upper 0.1%).
  const a = 2 / (9 * df);
  return { stat, df, critical001: df * Math.pow(1 - a + 3.09 * Math.sqrt(a), 3) };
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

if (import.meta.url === `file://${process.argv[1]}`) console.log((await benchEngagement()).lines.join('\n'));
