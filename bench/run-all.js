// Run every benchmark and print its figures. Not part of the test suite.
import { benchEngagement } from './engagement.js';

const sections = [['engagement (issue 2)', benchEngagement]];
for (const [title, fn] of sections) {
  console.log(`# ${title}`);
  console.log((await fn()).join('\n'));
  console.log();
}
