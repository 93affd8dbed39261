// The native ceiling of the day loop (issue 14): the same runs of the built-in
// scenario's two arms timed in the JavaScript engine (dist/) and in a C port of
// its day loop (kernel/day-loop.c, the engine's WebAssembly kernel, docs/kernel.md),
// and, when clang can target wasm32, in that C compiled to
// WebAssembly and run by Node. Every run's outcome is compared between them;
// a ratio is valid only when the outcomes are identical.
//
//   npm run build && node bench/day-loop-native.js [--runs 10000] [--rounds 5] [--days 365] [--json FILE] [--no-wasm]
//   (npm run bench:native does the same)
//   node bench/day-loop-native.js --paths [--runs 1000]   (untimed: the port on paths the built-in arms never take)
//
// What it does: compiles the C with the machine's cc (-O2 -ffp-contract=off
// -fno-fast-math: no fused multiply-add, IEEE semantics) and, if clang and
// wasm-ld are present, for wasm32; if there is no C compiler it says so and
// exits 0. It checks the C's exp, log, pow and cos (fdlibm ports, as V8's)
// against this Node's Math on random arguments; exports each arm's model (the
// engine's kernel tape) and the stream states of every replicate
// (bench/day-loop-native/export.js: model building, flattening and stream
// derivation stay in JavaScript); then, per arm and round,
// runs one fresh process per side in alternating order (JavaScript, native,
// WebAssembly), each warming up on WARMUP runs of seed 2 before timing its share
// of the runs of seed `--seed` (round r runs replicates r*R .. (r+1)*R - 1,
// R = runs / rounds), as bench/day-loop.js does. CPU time (process.cpuUsage;
// clock_gettime(CLOCK_PROCESS_CPUTIME_ID) in C) beside wall time; the figure is
// the median over rounds of CPU ms per run.
//
// A JavaScript run derives its ten streams from (seed, replicate); the C reads
// them ready-made. That derivation is timed on its own in the JavaScript process
// and reported; the headline ratio compares the loops without it.
//
// Outcomes: collapse day, first crosser, attribution, the opening exchange,
// the per-state means and the run's totals, number by number (doubles bit for
// bit). If they differ, the port is out of date (or wrong): the bench says so,
// counts the runs that differ and the fields, and prints no ratio as valid.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { exportArm, loadArm } from './day-loop-native/export.js';
import { machine } from './harness.js';

const ARMS = ['transactional-freeze', 'structural-architecture'];
// As bench/day-loop.js: long enough that a fresh process's re-optimisations fall in the warm-up.
const WARMUP = 2000;
const SELF = fileURLToPath(import.meta.url);
const HERE = path.dirname(SELF);
const DIST = path.resolve(HERE, '../dist');
// The engine's kernel source (kernel/, docs/kernel.md): the bench compiles the same C natively and for wasm32.
const SOURCE = path.join(HERE, '..', 'kernel', 'day-loop.c');
const CFLAGS = ['-O2', '-ffp-contract=off', '-fno-fast-math'];
const { PILLARS } = await import(pathToFileURL(path.join(DIST, 'core/model/escalation-utility.js')).href);
// The outcome's numbers in the order day-loop.c prints them (outcome()).
const FIELDS = [
  'collapsed',
  'day',
  'firstCrosser',
  ...PILLARS.map((p) => `attribution.${p}`),
  'primaryPillar',
  'kinetic',
  ...[
    'launched',
    'leakers',
    'interceptorsUsed',
    'fromStock',
    'attackerCostUsd',
    'defenderCostUsd',
    'attacker',
    'defender',
    'preemptive',
    'launchersDestroyed',
    'strike',
    'strike.launched',
    'strike.leakers',
    'strike.interceptorsUsed',
    'strike.fromStock',
    'strike.attackerCostUsd',
    'strike.defenderCostUsd',
    'undefended[attacker]',
    'undefended[defender]',
  ].map((f) => `kinetic.${f}`),
];

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** A run's outcome as the numbers day-loop.c prints, in its order. */
export function outcomeVector(m, o) {
  const idx = (id) => m.states.findIndex((s) => s.id === id);
  const v = [o.collapsed ? 1 : 0, o.collapsed ? o.day : -1, o.firstCrosser === null ? -1 : idx(o.firstCrosser)];
  for (const p of PILLARS) v.push(o.attribution[p]);
  v.push(o.primaryPillar === null ? -1 : PILLARS.indexOf(o.primaryPillar));
  const k = o.kinetic;
  v.push(k ? 1 : 0);
  if (k) {
    const s = k.strike;
    const und = k.undefended ?? [];
    v.push(
      k.launched,
      k.leakers,
      k.interceptorsUsed,
      k.fromStock,
      k.attackerCostUsd,
      k.defenderCostUsd,
      idx(k.attacker),
      idx(k.defender),
      k.preemptive ? 1 : 0,
      k.launchersDestroyed,
      s ? 1 : 0,
      s?.launched ?? 0,
      s?.leakers ?? 0,
      s?.interceptorsUsed ?? 0,
      s?.fromStock ?? 0,
      s?.attackerCostUsd ?? 0,
      s?.defenderCostUsd ?? 0,
      // The struck adversary (the attacker, when the crosser struck first) is listed only after a strike.
      s && und.includes(k.attacker) ? idx(k.attacker) : -1,
      und.includes(k.defender) ? idx(k.defender) : -1,
    );
  } else for (let i = 0; i < 19; i++) v.push(0);
  for (const st of m.states) {
    const x = o.stateMeans[st.id];
    v.push(x.eu, x.hardlinerPower, x.preemption);
  }
  v.push(o.interceptorsUsed, o.leakers, o.costUsd.attacker, o.costUsd.defender);
  const ds = o.defenderStrikes;
  v.push(
    ds ? 1 : 0,
    ds?.launched ?? 0,
    ds?.leakers ?? 0,
    ds?.interceptorsUsed ?? 0,
    ds?.munitionsCostUsd ?? 0,
    ds?.interceptorCostUsd ?? 0,
  );
  return v;
}

function fieldNames(m) {
  const names = [...FIELDS];
  for (const st of m.states)
    names.push(`stateMeans.${st.id}.eu`, `stateMeans.${st.id}.hardlinerPower`, `stateMeans.${st.id}.preemption`);
  names.push(
    'interceptorsUsed',
    'leakers',
    'costUsd.attacker',
    'costUsd.defender',
    'defenderStrikes',
    ...['launched', 'leakers', 'interceptorsUsed', 'munitionsCostUsd', 'interceptorCostUsd'].map(
      (f) => `defenderStrikes.${f}`,
    ),
  );
  return names;
}

/** The engine's outcomes (`ref`) against a port's, run by run and number by number (doubles bit for bit). */
function compareRuns(ref, port, names) {
  let same = 0;
  let sameCollapse = 0;
  const byField = {};
  for (let i = 0; i < ref.length; i++) {
    const a = ref[i];
    const c = port[i] ?? [];
    let ok = a.length === c.length;
    for (let j = 0; j < a.length; j++)
      if (!(a[j] === c[j] || (Number.isNaN(a[j]) && Number.isNaN(c[j])))) {
        ok = false;
        byField[names[j] ?? j] = (byField[names[j] ?? j] ?? 0) + 1;
      }
    if (ok) same++;
    if (a[1] === c[1] && a[2] === c[2]) sameCollapse++;
  }
  return {
    identicalRuns: same,
    sameCollapseDayAndCrosser: sameCollapse,
    differingFields: byField,
    valid: same === ref.length,
  };
}

function fieldsLine(byField) {
  return Object.entries(byField)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

// ---------- children: one fresh process per side, arm and round ----------

/** JavaScript: time runs [from, from + count) of seed `seed`; print a JSON line, then one line of numbers per run. */
async function jsChild(dist, fw, seed, from, count, days, variant, warmup) {
  const js = await loadArm(dist, fw, { variant });
  const { model, runCeasefire, makeStreams } = js;
  // The JavaScript loop, not the engine's own WebAssembly kernel (docs/kernel.md), which is the wasm side here.
  const engine = 'js';
  for (let r = 0; r < warmup; r++) runCeasefire(model, { seed: 2, replicate: r, days, engine });
  const outcomes = [];
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let r = from; r < from + count; r++)
    outcomes.push(runCeasefire(model, { seed, replicate: r, days, engine }).outcome);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  // The stream derivation a run starts with (the C reads its results): the same replicates, timed alone.
  let sink = 0;
  const d0 = process.cpuUsage();
  for (let r = from; r < from + count; r++) sink += makeStreams(seed, r).signing.nextUint32() & 1;
  const d = process.cpuUsage(d0);
  const lines = [
    JSON.stringify({
      cpuMs: (c.user + c.system) / 1000,
      wallMs,
      streamsCpuMs: (d.user + d.system) / 1000,
      runs: count,
      sink: sink >= 0,
    }),
  ];
  for (const o of outcomes) lines.push(outcomeVector(model, o).map(String).join(' '));
  process.stdout.write(lines.join('\n') + '\n');
}

/** The exported model (export.js): flattenModel's tape, little-endian doubles. */
function tapeOf(modelFile) {
  const bytes = readFileSync(modelFile);
  const tape = new Float64Array(bytes.length / 8);
  for (let i = 0; i < tape.length; i++) tape[i] = bytes.readDoubleLE(8 * i);
  return tape;
}

/** WebAssembly: the same as the native program, run by Node. */
async function wasmChild(wasmFile, modelFile, streamFile, from, count, days) {
  const { instance } = await globalThis.WebAssembly.instantiate(readFileSync(wasmFile), {});
  const ex = instance.exports;
  const tape = tapeOf(modelFile);
  new Float64Array(ex.memory.buffer, ex.wasm_tape(tape.length), tape.length).set(tape);
  ex.wasm_load();
  const bytes = readFileSync(streamFile);
  const warm = bytes.readUInt32LE(0);
  const runs = bytes.readUInt32LE(4);
  const nWords = (bytes.length - 8) / 4;
  const words = new Uint32Array(ex.memory.buffer, ex.wasm_streams(warm + runs), nWords);
  for (let i = 0; i < nWords; i++) words[i] = bytes.readUInt32LE(8 + 4 * i);
  const warmRuns = Math.min(WARMUP, warm);
  const out = ex.wasm_outputs(Math.max(count, 1));
  for (let r = 0; r < warmRuns; r += 100) ex.wasm_run(r, Math.min(100, warmRuns - r), days, 0);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const width = ex.wasm_run(warm + from, count, days, 0);
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const all = new Float64Array(ex.memory.buffer, out, 256 * count);
  const lines = [JSON.stringify({ cpuMs: (c.user + c.system) / 1000, wallMs, runs: count, width })];
  for (let r = 0; r < count; r++) lines.push(Array.from(all.subarray(256 * r, 256 * r + width), String).join(' '));
  process.stdout.write(lines.join('\n') + '\n');
}

function spawn(cmd, args) {
  const out = execFileSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const lines = out.trim().split('\n');
  const head = JSON.parse(lines[0]);
  head.vectors = lines.slice(1).map((l) => l.split(' ').map(Number));
  return head;
}

// ---------- building ----------

function compilers() {
  const have = (cc) => {
    try {
      execFileSync(cc, ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return { cc: ['cc', 'gcc', 'clang'].find(have) ?? null, clang: have('clang') ? 'clang' : null };
}

function build(dir, cc, clang, wantWasm) {
  const exe = path.join(dir, 'day-loop');
  execFileSync(cc, [...CFLAGS, '-o', exe, SOURCE, '-lm'], { stdio: 'pipe' });
  const counting = path.join(dir, 'day-loop-count');
  execFileSync(cc, [...CFLAGS, '-DTRUCE_COUNT', '-o', counting, SOURCE, '-lm'], { stdio: 'pipe' });
  let wasm = null;
  let wasmNote = null;
  if (!wantWasm) wasmNote = 'not asked for (--no-wasm)';
  else if (!clang) wasmNote = 'no clang on PATH (Debian: apt-get install clang lld)';
  else {
    const file = path.join(dir, 'day-loop.wasm');
    try {
      execFileSync(clang, ['--target=wasm32', ...CFLAGS, '-nostdlib', '-Wl,--no-entry', '-o', file, SOURCE], {
        stdio: 'pipe',
      });
      if (existsSync(file) && statSync(file).size > 0) wasm = file;
    } catch (err) {
      wasmNote = `clang cannot build wasm32 here (needs lld's wasm-ld): ${
        String(err.stderr ?? err.message)
          .trim()
          .split('\n')[0]
      }`;
    }
  }
  return { exe, counting, wasm, wasmNote };
}

/** Check the port's exp, log, pow and cos against this Node's Math, bit for bit, on random arguments. */
function mathCheck(exe, n = 200_000) {
  const dv = new DataView(new ArrayBuffer(8));
  const hex = (x) => {
    dv.setFloat64(0, x);
    return dv.getBigUint64(0).toString(16);
  };
  // A fixed generator (the check must not depend on Math.random's state); arguments in the ranges the loop uses.
  let s = 0x9e3779b9;
  const u = () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 4294967296;
  };
  const xs = [];
  const ys = [];
  const add = (x, y) => {
    xs.push(x);
    ys.push(y);
  };
  for (let i = 0; i < n; i++) {
    const k = i % 5;
    if (k === 0)
      add(-40 * u(), Math.floor(300 * u())); // exp(-rate), pow(q, n)
    else if (k === 1)
      add(u(), Math.floor(200 * u())); // log(u), pow(q, n)
    else if (k === 2)
      add(2 * Math.PI * u(), 1 / (0.01 + 5 * u())); // cos(2 pi u), pow(u, 1 / shape)
    else if (k === 3)
      add(20 * (u() - 0.5), 10 * u()); // logistic, factions
    else add(1 + 50 * u(), u()); // log(v) of the gamma draw
  }
  const input = xs.map((x, i) => `${hex(x)} ${hex(ys[i])}`).join('\n') + '\n';
  const out = execFileSync(exe, ['--math'], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 })
    .trim()
    .split('\n');
  const nan = (h) => {
    const b = BigInt(`0x${h}`);
    return ((b >> 52n) & 0x7ffn) === 0x7ffn && (b & 0xfffffffffffffn) !== 0n;
  };
  const same = (h, v) => h === hex(v) || (Number.isNaN(v) && nan(h));
  const differ = { exp: 0, log: 0, pow: 0, cos: 0 };
  out.forEach((line, i) => {
    const [e, l, p, c] = line.split(' ');
    if (!same(e, Math.exp(xs[i]))) differ.exp++;
    if (!same(l, Math.log(xs[i]))) differ.log++;
    if (!same(p, Math.pow(xs[i], ys[i]))) differ.pow++;
    if (!same(c, Math.cos(xs[i]))) differ.cos++;
  });
  return { arguments: n, differ };
}

// ---------- the paths check ----------

/**
 * The port on the paths the built-in arms never reach (export.js, pathsVariant: shoot-look-shoot layers, Poisson
 * draws above 30 a day), run by run against the engine on the same variant model; untimed.
 */
export async function checkPaths({ runs = 1000, days = 365, seed = 1 } = {}) {
  const { cc } = compilers();
  if (!cc) return { lines: ['no C compiler (cc, gcc, clang) on PATH: the port is not checked'], figures: null };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'truce-native-'));
  const lines = [];
  const figures = { runs, days, seed, arms: {} };
  try {
    const counting = path.join(dir, 'day-loop-count');
    execFileSync(cc, [...CFLAGS, '-DTRUCE_COUNT', '-o', counting, SOURCE, '-lm'], { stdio: 'pipe' });
    for (const fw of ARMS) {
      const js = await loadArm(DIST, fw, { variant: true });
      const files = exportArm(js, dir, fw, { seed, runs, warmSeed: 2, warm: 0 });
      const port = spawn(counting, [files.modelFile, files.streamFile, '--warm', '0', '--days', String(days)]);
      const engine = spawn(process.execPath, [
        SELF,
        '--child-js',
        DIST,
        fw,
        String(seed),
        '0',
        String(runs),
        String(days),
        'paths',
        '0',
      ]);
      const c = compareRuns(engine.vectors, port.vectors, fieldNames(js.model));
      figures.arms[fw] = { ...c, paths: port.counts };
      const k = port.counts;
      lines.push(
        `${fw}, paths variant: outcomes identical in ${c.identicalRuns} of ${runs} runs${c.valid ? '' : ` (fields: ${fieldsLine(c.differingFields)}): the port is wrong or out of date on these paths`}; ${k.shootLookShootEngagements} shoot-look-shoot engagements, ${k.poissonGammaSplits} Poisson gamma splits, ${k.binomialSplits} binomial splits, ${k.collapses} collapses`,
      );
    }
    return { lines, figures, error: Object.values(figures.arms).some((a) => !a.valid) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// ---------- the bench ----------

export async function benchNative({ runs = 10_000, rounds = 5, days = 365, seed = 1, wasm = true } = {}) {
  const lines = [];
  const { cc, clang } = compilers();
  if (!cc)
    return { lines: ['no C compiler (cc, gcc, clang) on PATH: the native ceiling is not measured'], figures: null };
  if (!existsSync(path.join(DIST, 'core/engine/run.js')))
    return { lines: ['no dist/: run npm run build first'], figures: null, error: true };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'truce-native-'));
  try {
    const b = build(dir, cc, clang, wasm);
    const math = mathCheck(b.exe);
    const mathOk = Object.values(math.differ).every((x) => x === 0);
    lines.push(
      `exp, log, pow, cos of the port against this Node's Math on ${math.arguments} arguments: ${
        mathOk
          ? 'all identical'
          : `DIFFER (${Object.entries(math.differ)
              .map(([k, v]) => `${k} ${v}`)
              .join(', ')}): the port's outcomes will drift`
      }`,
    );
    const per = Math.floor(runs / rounds);
    const figures = {
      runsPerSideAndArm: per * rounds,
      rounds,
      days,
      seed,
      warmupRuns: WARMUP,
      compiler: `${cc} ${CFLAGS.join(' ')}`,
      wasm: b.wasm ? `${clang} --target=wasm32 ${CFLAGS.join(' ')}` : null,
      wasmNote: b.wasmNote,
      math,
      arms: {},
    };
    if (!b.wasm) lines.push(`WebAssembly: ${b.wasmNote}`);
    const sides = ['js', 'native', ...(b.wasm ? ['wasm'] : [])];
    for (const fw of ARMS) {
      const js = await loadArm(DIST, fw);
      const files = exportArm(js, dir, fw, { seed, runs: per * rounds, warmSeed: 2, warm: WARMUP });
      const names = fieldNames(js.model);
      // Paths the runs reach (the counting build, all runs, untimed).
      const counted = spawn(b.counting, [files.modelFile, files.streamFile, '--warm', '0']);
      const rec = Object.fromEntries(sides.map((s) => [s, { cpu: [], wall: [], vectors: [], streams: [] }]));
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 ? [...sides].reverse() : sides;
        for (const side of order) {
          const from = String(r * per);
          const o =
            side === 'js'
              ? spawn(process.execPath, [
                  SELF,
                  '--child-js',
                  DIST,
                  fw,
                  String(seed),
                  from,
                  String(per),
                  String(days),
                  'built-in',
                  String(WARMUP),
                ])
              : side === 'native'
                ? spawn(b.exe, [
                    files.modelFile,
                    files.streamFile,
                    '--from',
                    from,
                    '--count',
                    String(per),
                    '--warm',
                    String(WARMUP),
                    '--days',
                    String(days),
                  ])
                : spawn(process.execPath, [
                    SELF,
                    '--child-wasm',
                    b.wasm,
                    files.modelFile,
                    files.streamFile,
                    from,
                    String(per),
                    String(days),
                  ]);
          const x = rec[side];
          x.cpu.push(o.cpuMs / per);
          x.wall.push(o.wallMs / per);
          if (o.streamsCpuMs !== undefined) x.streams.push(o.streamsCpuMs / per);
          x.vectors.push(...o.vectors);
        }
      }
      const f = (figures.arms[fw] = { paths: counted.counts });
      const ref = rec.js.vectors;
      let simulatedDays = 0;
      for (const v of ref) simulatedDays += v[0] ? v[1] : days;
      f.meanDays = simulatedDays / ref.length;
      for (const side of sides) {
        const x = rec[side];
        f[side] = {
          cpuMsPerRun: median(x.cpu),
          wallMsPerRun: median(x.wall),
          cpuMsPerRunByRound: x.cpu,
        };
        if (side === 'js') {
          f.js.streamsCpuMsPerRun = median(x.streams);
          f.js.loopCpuMsPerRun = f.js.cpuMsPerRun - f.js.streamsCpuMsPerRun;
          continue;
        }
        // Run by run against the engine.
        Object.assign(f[side], compareRuns(ref, x.vectors, names));
        // JavaScript's loop without its stream derivation, against the port (which reads its streams made).
        f[side].ratio = f.js.loopCpuMsPerRun / f[side].cpuMsPerRun;
        f[side].ratioWithStreams = f.js.cpuMsPerRun / f[side].cpuMsPerRun;
        f[side].roundRatios = x.cpu.map((v, i) => (rec.js.cpu[i] - (rec.js.streams[i] ?? 0)) / v);
      }
      lines.push(
        `${fw} (mean ${f.meanDays.toFixed(0)} simulated days): JavaScript ${f.js.cpuMsPerRun.toFixed(3)} ms CPU per run (${f.js.streamsCpuMsPerRun.toFixed(3)} of it deriving streams; ${f.js.wallMsPerRun.toFixed(3)} ms wall; rounds ${rec.js.cpu.map((v) => v.toFixed(3)).join(' ')})`,
      );
      for (const side of sides.slice(1)) {
        const s = f[side];
        const label = side === 'native' ? `native (${cc} -O2)` : 'WebAssembly (Node)';
        lines.push(
          `${fw}, ${label}: ${s.cpuMsPerRun.toFixed(3)} ms CPU per run (${s.wallMsPerRun.toFixed(3)} ms wall; rounds ${rec[side].cpu.map((v) => v.toFixed(3)).join(' ')}); outcomes identical in ${s.identicalRuns} of ${ref.length} runs`,
        );
        if (s.valid)
          lines.push(
            `${fw}: JavaScript loop / ${side} ${s.ratio.toFixed(2)}x (per round ${s.roundRatios.map((v) => v.toFixed(2)).join(' ')}; ${s.ratioWithStreams.toFixed(2)}x counting the JavaScript stream derivation)`,
          );
        else
          lines.push(
            `${fw}: outcomes differ from the engine in ${ref.length - s.identicalRuns} of ${ref.length} runs (fields: ${fieldsLine(s.differingFields)}): the native port is out of date; no ratio is valid (${s.ratio.toFixed(2)}x measured)`,
          );
      }
      lines.push(
        `${fw}: paths reached in ${per * rounds} runs: ${Object.entries(counted.counts)
          .map(([k, v]) => `${k} ${v}`)
          .join(', ')}`,
      );
    }
    lines.push(
      `(${per} runs of ${days} days per process after ${WARMUP} warm-up runs, ${rounds} rounds, one fresh process per side, arm and round, sides alternating; medians over rounds)`,
    );
    return { lines, figures };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (process.argv[2] === '--child-js') {
    const [dist, fw, seed, from, count, days, variant, warmup] = process.argv.slice(3);
    await jsChild(
      dist,
      fw,
      Number(seed),
      Number(from),
      Number(count),
      Number(days),
      variant === 'paths',
      Number(warmup),
    );
  } else if (process.argv[2] === '--child-wasm') {
    const [wasm, model, streams, from, count, days] = process.argv.slice(3);
    await wasmChild(wasm, model, streams, Number(from), Number(count), Number(days));
  } else if (process.argv.includes('--paths')) {
    const r = await checkPaths({ runs: Number(arg('--runs', 1000)), days: Number(arg('--days', 365)) });
    console.log(`# ${machine()}\n${r.lines.join('\n')}`);
    if (r.error) process.exitCode = 1;
  } else {
    const r = await benchNative({
      runs: Number(arg('--runs', 10_000)),
      rounds: Number(arg('--rounds', 5)),
      days: Number(arg('--days', 365)),
      seed: Number(arg('--seed', 1)),
      wasm: !process.argv.includes('--no-wasm'),
    });
    const m = machine();
    console.log(`# ${m}\n${r.lines.join('\n')}`);
    const json = arg('--json');
    if (json && r.figures) {
      writeFileSync(json, JSON.stringify({ machine: m, date: new Date().toISOString(), ...r.figures }, null, 2) + '\n');
      console.log(`figures written to ${json}`);
    }
    if (r.error) process.exitCode = 1;
  }
}
