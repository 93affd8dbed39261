/** A fuzz worker thread: runs one generated document at a time and posts its outcomes (fuzz/main.ts). */
import { parentPort } from 'node:worker_threads';
import type { FuzzCase } from './arbitraries.js';
import { runDocumentCase } from './targets.js';

parentPort!.on('message', async (m: { id: number; c: FuzzCase; seed: number }) => {
  const outcomes = await runDocumentCase(m.c, m.seed);
  parentPort!.postMessage({ id: m.id, outcomes });
});
