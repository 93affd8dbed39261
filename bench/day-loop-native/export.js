// Exporter for the native day-loop reference (bench/day-loop-native.js): writes
// one arm's model as the engine's kernel reads it (flattenModel's tape, in
// src/core/engine/kernel/flatten.ts: little-endian doubles), and the
// xoroshiro128+ states of every stream of every replicate as a binary file of
// little-endian 32-bit words. Model building, flattening and stream derivation
// stay in JavaScript (dist/): the C program reads their results, it does not
// port them.
import { Buffer } from 'node:buffer';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The paths check's variant of a model (bench/day-loop-native.js --paths), changed in place before any run:
 * every layer the day loop fires through or plans against follows shoot-look-shoot with two shots, and the
 * mediator's attention shocks come at 30 a day, so the two paths the built-in arms never reach (shoot-look-shoot
 * engagements, the Poisson draw's gamma split above 30) are taken. Not a scenario anyone runs: a test of the port.
 */
export function pathsVariant(model) {
  const layers = new Set();
  for (const st of model.states)
    if (st.arsenal) for (const e of st.arsenal.against.values()) e.layers.forEach((l) => layers.add(l));
  for (const p of model.proxies) if (p.attack) p.attack.engagement.layers.forEach((l) => layers.add(l));
  for (const l of layers) {
    l.doctrine = 'shoot-look-shoot';
    l.shots = 2;
  }
  const med = model.mediator.spec;
  model.mediator.spec = { ...med, attentionShockRate: 30 / med.competingTheaters };
  return model;
}

/** Load the JavaScript side of one arm from a build: the model, runCeasefire and the stream derivation. */
export async function loadArm(dist, fw, { variant = false } = {}) {
  const at = (p) => pathToFileURL(path.resolve(dist, p)).href;
  const app = await import(at('app/scenario.js'));
  const { runCeasefire, makeStreams } = await import(at('core/engine/run.js'));
  const { deriveStreamStates } = await import(at('core/rng/stream.js'));
  const { STREAM_KEYS } = await import(at('core/engine/step.js'));
  const { flattenModel, kernelScope } = await import(at('core/engine/kernel/flatten.js'));
  const loaded = app.loadScenario();
  const model = app.modelFor(loaded, app.resolveArm(loaded, fw, {}));
  // Before any run: the engagements' tables (fluid pass, sampler) are built at first use and kept.
  if (variant) pathsVariant(model);
  return {
    model,
    runCeasefire,
    makeStreams,
    deriveStreamStates,
    STREAM_KEYS,
    flattenModel,
    kernelScope,
  };
}

/**
 * The stream states of replicates [0, warm) of seed `warmSeed` then [0, runs) of seed `seed`: a header of two
 * words (warm, runs), then per replicate the four words of each stream in STREAM_KEYS order, as pure-rand's
 * xoroshiro128plusFromState takes them.
 */
export function streamWords(js, { seed, runs, warmSeed, warm }) {
  const K = js.STREAM_KEYS.length;
  const out = new Uint32Array(2 + (warm + runs) * K * 4);
  out[0] = warm;
  out[1] = runs;
  let o = 2;
  const add = (s, r) => {
    for (const words of js.deriveStreamStates(s, [r], js.STREAM_KEYS)) for (const w of words) out[o++] = w >>> 0;
  };
  for (let r = 0; r < warm; r++) add(warmSeed, r);
  for (let r = 0; r < runs; r++) add(seed, r);
  return out;
}

export function exportArm(js, dir, fw, opts) {
  const modelFile = path.join(dir, `${fw}.tape`);
  const streamFile = path.join(dir, `${fw}.streams`);
  const refusal = js.kernelScope(js.model);
  if (refusal) throw new Error(`${fw}: the kernel does not cover this model: ${refusal}`);
  const tape = js.flattenModel(js.model);
  const doubles = Buffer.alloc(tape.length * 8);
  for (let i = 0; i < tape.length; i++) doubles.writeDoubleLE(tape[i], 8 * i);
  writeFileSync(modelFile, doubles);
  const words = streamWords(js, opts);
  // Little-endian on disk whatever the machine (the C reader assembles words from bytes).
  const bytes = Buffer.alloc(words.length * 4);
  for (let i = 0; i < words.length; i++) bytes.writeUInt32LE(words[i], 4 * i);
  writeFileSync(streamFile, bytes);
  return { modelFile, streamFile };
}
