// Run the benchmarks and print their figures. Not part of the test suite.
//   node bench/run-all.js [--only engagement,ceasefire,day-loop,...] [--json FILE] [--baseline DIST]
// --json FILE writes every section's figures (and the machine line) as JSON,
// for the next change to compare against. --baseline DIST points the
// ceasefire, day-loop and startup sections at another build's dist/ (for
// example of main) to time it in the same run and check its outcomes bit for
// bit (the ceasefire section in this process, day-loop and startup in fresh
// processes).
import { writeFileSync } from 'node:fs';
import { benchEngagement } from './engagement.js';
import { benchCeasefire } from './ceasefire.js';
import { benchDayLoop } from './day-loop.js';
import { benchEnsemble } from './ensemble.js';
import { benchCliStartup } from './cli-startup.js';
import { benchStartup } from './startup.js';
import { benchQueue } from './queue.js';
import { benchQueueCalibrate } from './queue-calibrate.js';
import { benchCalibration } from './calibration.js';
import { machine } from './harness.js';

function arg(name) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const only = arg('--only')?.split(',');
const jsonFile = arg('--json');
const baseline = arg('--baseline');

const sections = [
  ['engagement', 'engagement (issues 2, 14)', benchEngagement],
  ['ceasefire', 'ceasefire run (issues 3, 14)', benchCeasefire],
  [
    'day-loop',
    'day loop, 10,000 runs per build and arm in fresh processes (issue 14)',
    ({ baseline }) => benchDayLoop({ reference: baseline }),
  ],
  ['ensemble', 'ensembles (issues 4, 14)', benchEnsemble],
  ['cli', 'CLI start-up (issue 8)', benchCliStartup],
  [
    'startup',
    'short commands in fresh processes, against --baseline DIST when given',
    ({ baseline }) => benchStartup({ reference: baseline }),
  ],
  // The N = 1,024 Sobol of issue 14 takes about an hour of CPU: node bench/large-design.js
  ['queue', 'distributed queue (issue 12)', benchQueue],
  ['queue-calibrate', 'calibration through the queue (issue 12)', benchQueueCalibrate],
  ['calibration', 'calibration (issue 10)', benchCalibration],
];
const out = { machine: machine(), date: new Date().toISOString(), argv: process.argv.slice(2), sections: {} };
console.log(`# ${out.machine}\n`);
for (const [key, title, fn] of sections) {
  if (only && !only.includes(key)) continue;
  console.log(`# ${title}`);
  const r = await fn({ baseline });
  // A section returns lines, or { lines, figures }.
  const lines = Array.isArray(r) ? r : r.lines;
  console.log(lines.join('\n'));
  console.log();
  out.sections[key] = Array.isArray(r) ? { lines } : { lines, figures: r.figures };
}
if (jsonFile) {
  writeFileSync(jsonFile, JSON.stringify(out, null, 2) + '\n');
  console.log(`figures written to ${jsonFile}`);
}
