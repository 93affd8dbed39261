/**
 * A fuzz worker thread (fuzz/main.ts): draws one document case from its seed
 * (so the main thread stays free to keep time), posts it (so a hang can still
 * be saved for replay), runs it through the use cases and posts the outcomes
 * with the time they took.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import fc from 'fast-check';
import { documentArbitrary, type FuzzCase } from './arbitraries.js';
import { runDocumentCase } from './targets.js';

const arbitrary = documentArbitrary();

parentPort!.on('message', async (m: { id: number; seed: number; c?: FuzzCase }) => {
  const c = m.c ?? fc.sample(arbitrary, { numRuns: 1, seed: m.seed })[0];
  parentPort!.postMessage({ type: 'case', id: m.id, c });
  const started = performance.now();
  const outcomes = await runDocumentCase(c, m.seed);
  parentPort!.postMessage({ type: 'done', id: m.id, outcomes, ms: performance.now() - started });
});
// This thread's id, so the main thread can read its CPU time (/proc/self/task/TID/stat).
const tid = Number(readFileSync('/proc/thread-self/stat', 'utf8').split(' ')[0]);
parentPort!.postMessage({ type: 'ready', tid });
