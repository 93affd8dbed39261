// Run every benchmark and print its figures. Not part of the test suite.
import { benchEngagement } from './engagement.js';
import { benchCeasefire } from './ceasefire.js';
import { benchEnsemble } from './ensemble.js';

const sections = [
  ['engagement (issue 2)', benchEngagement],
  ['ceasefire run (issue 3)', benchCeasefire],
  ['ensembles (issue 4)', benchEnsemble],
];
for (const [title, fn] of sections) {
  console.log(`# ${title}`);
  console.log((await fn()).join('\n'));
  console.log();
}
