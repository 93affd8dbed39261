// Small benchmark harness: warm up, then time repeated runs and report the median.
import { performance } from 'node:perf_hooks';

export function measure(name, fn, { warmup = 3, repeats = 15 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const times = [];
  for (let i = 0; i < repeats; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  return { name, medianMs: median, minMs: times[0], maxMs: times[times.length - 1] };
}

export function machine() {
  return `node ${process.version}, ${process.platform}/${process.arch}`;
}
