/**
 * `node --import ./fuzz/register.js fuzz/main.ts`: runs the fuzzer's TypeScript
 * and the src/ modules it drives straight from source (fuzz/ts-hooks.js), as
 * vitest does, so the fuzzer needs no build of its own and src/ finds the
 * package root (scenarios/, data/) where it does in the tests. Worker threads
 * inherit the flag. The CLI and the dashboard it attacks run from dist/.
 */
import { register } from 'node:module';

register('./ts-hooks.js', import.meta.url);
