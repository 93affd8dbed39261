/** A closed pipe ends a command quietly: exit 0, no EPIPE stack trace. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { CLI, ROOT } from './helpers/cli.js';

describe('closed pipe', () => {
  it('truce run --json | head -c 100 ends quietly', () => {
    const r = spawnSync(
      'bash',
      ['-c', `"${process.execPath}" "${CLI}" run --json | head -c 100 > /dev/null; echo "\${PIPESTATUS[0]}"`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error/);
    expect(r.stdout.trim()).toBe('0');
  });
});
