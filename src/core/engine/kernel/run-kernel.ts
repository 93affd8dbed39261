/**
 * The WebAssembly kernel of a run (docs/kernel.md): kernel/day-loop.c, an accelerated mirror of runCeasefire for
 * the ensemble path and the causal attribution's replays (no events, no trajectory). The TypeScript in src/core is the model's
 * definition; the kernel must give the same outcome bit for bit (test/kernel.test.ts proves it on every change).
 *
 * One instance per thread (module state: each worker instantiates its own). A model is flattened once per Model
 * object (cached) and loaded into the instance when a run asks for another model than the one loaded; loading
 * starts the kernel's memory over, so memory does not grow with runs or models. The run's streams go in as their
 * xoroshiro128+ states; its outcome comes back as numbers and is rebuilt here with the JavaScript path's key order.
 */
import { deriveStreamStates } from '../../rng/stream.js';
import { N_TERMS, PILLARS, type Pillar } from '../../model/escalation-utility.js';
import { finiteSum } from '../state.js';
import type { Model } from '../model.js';
import type { KineticOutcome, RunOutcome, RunResult } from '../run.js';
import type { SalvoOutcome } from '../kinetic.js';
import { STREAM_KEYS } from '../step.js';
import { flattenModel, kernelScope } from './flatten.js';
import { KERNEL_WASM_BASE64 } from './wasm.generated.js';

interface KernelExports {
  memory: { buffer: ArrayBuffer };
  kernel_model(n: number): number;
  kernel_load(): number;
  kernel_streams(): number;
  kernel_out(): number;
  kernel_run(days: number, frozen: number): number;
  kernel_freeze(): number;
  kernel_ledger(): number;
}

interface Instance {
  ex: KernelExports;
  /** The model loaded, and views of its buffers (valid until the next load). */
  model: Model | null;
  words: Uint32Array;
  out: Float64Array;
  ledger: Float64Array;
  freeze: Float64Array;
}

let instance: Instance | null | undefined;
let instanceError: string | null = null;

function decodeBase64(s: string): Uint8Array<ArrayBuffer> {
  const bin = atob(s);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** This thread's instance, made at first use; null (with instanceError) when WebAssembly is unavailable. */
function kernel(): Instance | null {
  if (instance !== undefined) return instance;
  try {
    const module = new WebAssembly.Module(decodeBase64(KERNEL_WASM_BASE64));
    const ex = new WebAssembly.Instance(module, {}).exports as unknown as KernelExports;
    instance = {
      ex,
      model: null,
      words: new Uint32Array(0),
      out: new Float64Array(0),
      ledger: new Float64Array(0),
      freeze: new Float64Array(0),
    };
  } catch (err) {
    instanceError = `WebAssembly is not available here (${(err as Error).message})`;
    instance = null;
  }
  return instance;
}

/** Per model: its tape, or the reason it is out of the kernel's scope. */
const tapes = new WeakMap<Model, Float64Array | string>();

function tapeOf(m: Model): Float64Array | string {
  let t = tapes.get(m);
  if (t === undefined) {
    t = kernelScope(m) ?? flattenModel(m);
    if (typeof t !== 'string' && t.length > MAX_TAPE)
      t = `a model of ${t.length} numbers (the kernel's memory holds models of up to ${MAX_TAPE})`;
    tapes.set(m, t);
  }
  return t;
}

/**
 * A run the kernel could not finish: its memory ran out (a model or a queue of pending readings larger than its
 * arena). The instance is reloaded before its next run; the run itself is the JavaScript path's (run.ts).
 */
export const KERNEL_OUT_OF_MEMORY = "the run outgrew the kernel's memory";

/**
 * Why the kernel cannot run this model over this horizon (with these frozen terms), or null when it can (the
 * model's scope is decided once per Model object and cached).
 */
export function kernelRefusal(m: Model, horizon: number, freezeTerms?: Uint8Array): string | null {
  const t = tapeOf(m);
  if (typeof t === 'string') return t;
  if (freezeTerms && freezeTerms.length !== N_TERMS)
    return `a frozen-terms mask of ${freezeTerms.length} terms (the model has ${N_TERMS})`;
  if (!Number.isInteger(horizon) || horizon < 0 || horizon > 2 ** 31 - 1)
    return `a horizon of ${horizon} days (the kernel counts whole days)`;
  if (!kernel()) return instanceError;
  return null;
}

/** The kernel's memory (kernel/libc.h, ARENA_BYTES), less room for the world, the pending queue and the stack. */
const MAX_TAPE = 1 << 20;

function load(k: Instance, m: Model): void {
  const tape = tapeOf(m) as Float64Array;
  const { ex } = k;
  k.model = null;
  new Float64Array(ex.memory.buffer, ex.kernel_model(tape.length), tape.length).set(tape);
  if (ex.kernel_load() !== 0) throw new Error('the WebAssembly kernel read a model tape of another length');
  k.words = new Uint32Array(ex.memory.buffer, ex.kernel_streams(), 4 * STREAM_KEYS.length);
  k.out = new Float64Array(ex.memory.buffer, ex.kernel_out(), 256);
  k.ledger = new Float64Array(ex.memory.buffer, ex.kernel_ledger(), 6 * m.states.length);
  k.freeze = new Float64Array(ex.memory.buffer, ex.kernel_freeze(), N_TERMS);
  k.model = m;
}

function salvo(o: Float64Array, at: number): SalvoOutcome {
  return {
    launched: o[at],
    leakers: o[at + 1],
    interceptorsUsed: o[at + 2],
    fromStock: o[at + 3],
    attackerCostUsd: o[at + 4],
    defenderCostUsd: o[at + 5],
  };
}

/**
 * One run through the kernel: runCeasefire(m, { seed, replicate, days: horizon, freezeTerms }) without record, for
 * a model and horizon kernelRefusal accepts. The outcome's JSON equals the JavaScript path's, key order included.
 * Null when the kernel's memory ran out (KERNEL_OUT_OF_MEMORY): the caller runs the JavaScript path.
 */
export function runKernel(
  m: Model,
  seed: number,
  replicate: number,
  horizon: number,
  freezeTerms?: Uint8Array,
): RunResult | null {
  const k = kernel()!;
  try {
    if (k.model !== m) load(k, m);
    const states = deriveStreamStates(seed, [replicate], STREAM_KEYS);
    for (let i = 0; i < states.length; i++) k.words.set(states[i], 4 * i);
    if (freezeTerms) k.freeze.set(freezeTerms);
    k.ex.kernel_run(horizon, freezeTerms ? 1 : 0);
  } catch (err) {
    // A trap (kernel/libc.h, xalloc): the kernel's memory ran out. Nothing of the run is kept.
    if (!(err instanceof WebAssembly.RuntimeError)) throw err;
    k.model = null;
    return null;
  }
  const o = k.out;
  const ids = m.states.map((s) => s.id);
  const collapsed = o[0] === 1;
  const attribution = {} as Record<Pillar, number>;
  for (let p = 0; p < PILLARS.length; p++) attribution[PILLARS[p]] = o[3 + p];
  let kinetic: KineticOutcome | null = null;
  if (o[11] === 1) {
    kinetic = {
      ...salvo(o, 12),
      attacker: ids[o[18]],
      defender: ids[o[19]],
      preemptive: o[20] === 1,
      launchersDestroyed: o[21],
    };
    if (o[22] === 1) kinetic.strike = salvo(o, 23);
    const undefended: string[] = [];
    if (o[29] >= 0) undefended.push(ids[o[29]]);
    if (o[30] >= 0) undefended.push(ids[o[30]]);
    if (undefended.length) kinetic.undefended = undefended;
  }
  const stateMeans: RunOutcome['stateMeans'] = {};
  let at = 31;
  for (const id of ids) {
    stateMeans[id] = { eu: o[at], hardlinerPower: o[at + 1], preemption: o[at + 2] };
    at += 3;
  }
  const outcome: RunOutcome = {
    collapsed,
    day: collapsed ? o[1] : null,
    time: collapsed ? o[1] : horizon,
    firstCrosser: collapsed ? ids[o[2]] : null,
    attribution,
    primaryPillar: o[10] >= 0 ? PILLARS[o[10]] : null,
    kinetic,
    stateMeans,
    interceptorsUsed: o[at],
    leakers: o[at + 1],
    costUsd: { attacker: o[at + 2], defender: o[at + 3] },
  };
  if (o[at + 4] === 1)
    outcome.defenderStrikes = {
      launched: o[at + 5],
      leakers: o[at + 6],
      interceptorsUsed: o[at + 7],
      munitionsCostUsd: o[at + 8],
      interceptorCostUsd: o[at + 9],
    };
  k.ex.kernel_ledger();
  const lg = k.ledger;
  const ledger: RunResult['ledger'] = {};
  m.states.forEach((st, i) => {
    ledger[st.id] = {
      missilesStart: finiteSum(st.arsenal?.stocks),
      missilesEnd: lg[6 * i],
      missilesProduced: lg[6 * i + 1],
      missilesLaunched: lg[6 * i + 2],
      interceptorsStart: finiteSum(st.defense?.baseInventory) * (st.defense?.stocksAtSigning ?? 1),
      interceptorsEnd: lg[6 * i + 3],
      interceptorsAdded: lg[6 * i + 4],
      interceptorsFired: lg[6 * i + 5],
    };
  });
  return { outcome, trajectory: [], events: [], ledger };
}
