/**
 * TRUCE_ENGINE (docs/kernel.md): which implementation runs the ensemble path in this thread. `auto` (the default)
 * the WebAssembly kernel where it applies, `js` the JavaScript engine always (the opt-out, and the reference for
 * checking), `kernel` the kernel, refusing a model out of its scope with the reason. Read by the CLI and by each
 * worker thread (workers inherit the environment), so a run gives the same answer on any number of workers.
 */
import { ENGINES, setEngine, type Engine } from '../core/engine/engine-choice.js';

/** Apply TRUCE_ENGINE to this thread; the problem with its value, or null. An unknown value changes nothing. */
export function applyEngineEnvironment(env: NodeJS.ProcessEnv = process.env): string | null {
  const value = env.TRUCE_ENGINE;
  if (value === undefined || value === '') return null;
  if (!(ENGINES as readonly string[]).includes(value))
    return `TRUCE_ENGINE: expected one of ${ENGINES.join(', ')}, got "${value}"`;
  setEngine(value as Engine);
  return null;
}
