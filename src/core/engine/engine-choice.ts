/**
 * Which implementation runs a ceasefire run (docs/kernel.md), per thread. Its own module, free of the engine, so
 * that a shell can set it without loading the engine.
 */
/**
 * The implementation of a run (docs/kernel.md). `auto`: the WebAssembly kernel where it applies (no record, a model
 * within its scope), JavaScript otherwise; `js`: JavaScript always; `kernel`: the kernel where
 * it applies, and an error naming the reason for a model out of its scope. Same outcomes bit for bit either way.
 */
export type Engine = 'auto' | 'js' | 'kernel';
export const ENGINES: readonly Engine[] = ['auto', 'js', 'kernel'];

let threadEngine: Engine = 'auto';

/** Set this thread's default implementation (the shells read TRUCE_ENGINE; each worker sets its own). */
export function setEngine(engine: Engine): void {
  threadEngine = engine;
}

export function currentEngine(): Engine {
  return threadEngine;
}
