/**
 * docs/tutorial.md works as written: every fenced `sh` block is run in order,
 * in a temporary folder laid out like the root of a clone (scenarios/), with
 * `npx truce` as the built CLI and fewer runs (`--runs 60`). A `text` block
 * right after a command block is output the tutorial promises: each of its
 * lines must appear in what the commands printed.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI, ROOT } from './helpers/cli.js';

interface Block {
  lang: string;
  body: string;
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  const re = /^([ \t]*)```(\w*)\n([\s\S]*?)^\1```$/gm;
  for (const m of markdown.matchAll(re))
    out.push({
      lang: m[2],
      body: m[3]
        .split('\n')
        .map((l) => l.slice(m[1].length))
        .join('\n'),
    });
  return out;
}

const RUNS = 60;
const tutorial = readFileSync(join(ROOT, 'docs', 'tutorial.md'), 'utf8');
const all = blocks(tutorial);

describe('docs/tutorial.md', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-tutorial-'));
  cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  const env = { ...process.env, FORCE_COLOR: '0' } as Record<string, string>;
  delete env.TRUCE_DB;
  const outputs: string[] = [];

  it('has command blocks for each step: copy, weights, validate, compare, a lever of ones own, report', () => {
    const sh = all.filter((b) => b.lang === 'sh').map((b) => b.body);
    expect(sh.length).toBeGreaterThanOrEqual(8);
    for (const step of [
      /^cp scenarios\/iran-israel\.yaml my-ceasefire\.yaml$/m,
      /weights/,
      /truce scenario validate my-ceasefire\.yaml/,
      /truce compare my-ceasefire\.yaml/,
      /preemptionFear/,
      /truce report/,
    ])
      expect(
        sh.some((b) => step.test(b)),
        String(step),
      ).toBe(true);
  });

  all.forEach((block, i) => {
    if (block.lang !== 'sh') return;
    const script = block.body
      .replace(/\bnpx truce\b/g, `"${process.execPath}" "${CLI}"`)
      .replace(/--runs \d+/g, `--runs ${RUNS}`);
    const first = block.body.split('\n')[0];
    it(`block ${i + 1} runs: ${first.slice(0, 90)}`, () => {
      const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', `${script}`], {
        cwd: dir,
        env,
        encoding: 'utf8',
        timeout: 600_000,
        maxBuffer: 64 * 1024 * 1024,
      });
      const printed = `${r.stdout}${r.stderr}`;
      outputs[i] = printed;
      expect(r.status, printed).toBe(0);
      expect(printed).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      const next = all[i + 1];
      if (next?.lang === 'text')
        for (const line of next.body.split('\n').filter((l) => l.trim()))
          expect(printed, `promised output: ${line}`).toContain(line);
    });
  });

  it('leaves the reader with their own scenario: renamed, the weight chosen, their lever, a report', () => {
    const mine = parse(readFileSync(join(dir, 'my-ceasefire.yaml'), 'utf8')) as {
      name: string;
      actors: { israel: { weights: { preemption: number } } };
      levers: Record<string, { paths: string[] }>;
    };
    expect(mine.name).toBe('my-ceasefire');
    expect(mine.actors.israel.weights.preemption).toBe(0.5);
    expect(mine.levers.preemptionFear.paths).toEqual(['actors.israel.weights.preemption']);
    expect(readFileSync(join(dir, 'my-ceasefire.yaml'), 'utf8')).toMatch(/preemption \[J\] 0\.5 \(0\.3-0\.8\)/);
    expect(existsSync(join(dir, 'my-report.html'))).toBe(true);
    const varied = outputs.find((o) => o?.includes('preemptionFear=0.5'));
    expect(varied, 'the --vary comparison names one arm per value').toBeDefined();
    for (const v of ['preemptionFear=0', 'preemptionFear=1']) expect(varied).toContain(v);
  });
});
