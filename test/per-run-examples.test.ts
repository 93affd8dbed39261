/**
 * The Python and R examples of docs/analysis.md ("Per-run rows") against a
 * real per-run export: every column they name exists and the arms they name
 * are arms (the fixture check, always); where Rscript with the survival
 * package is installed, the R example runs and its Cox hazard ratio (Efron
 * ties) equals the one `truce compare` printed; likewise the Python example
 * where pandas and lifelines are installed. Neither is needed by truce.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, truce } from './helpers/cli.js';

const DOC = readFileSync(resolve(ROOT, 'docs', 'analysis.md'), 'utf8');
const block = (lang: string) => new RegExp('```' + lang + '\\n([\\s\\S]*?)```').exec(DOC)![1];
const has = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).status === 0;

describe('per-run examples for Python and R', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-examples-'));
  const out = truce([
    'compare',
    '--runs',
    '200',
    '--days',
    '200',
    '--seed',
    '3',
    '--runs-csv',
    join(dir, 'runs.csv'),
    '--json',
    '--no-store',
    '--workers',
    '2',
  ]);
  const compared = JSON.parse(out.stdout);
  const header = readFileSync(join(dir, 'runs.csv'), 'utf8').split('\n')[0].split(',');
  const arms: string[] = compared.arms.map((a: { label: string }) => a.label);
  const python = block('python');
  const r = block('r');

  it('every column and arm the examples name exists in the export', () => {
    const derived = ['architecture'];
    const pyCols = [...python.matchAll(/\["([a-z_]+)"\]/g), ...python.matchAll(/"([a-z_]+)"(?=[,\]])/g)]
      .map((m) => m[1])
      .filter((c) => !derived.includes(c));
    const rCols = [...r.matchAll(/df\$(\w+)/g), ...r.matchAll(/Surv\((\w+), (\w+)\)/g)].flatMap((m) => m.slice(1));
    expect(pyCols.length).toBeGreaterThan(3);
    for (const c of [...pyCols, ...rCols, 'time', 'collapsed', 'arm', 'first_crosser']) expect(header, c).toContain(c);
    for (const a of [...python.matchAll(/== "([a-z-]+)"/g), ...r.matchAll(/ref = "([a-z-]+)"/g)].map((m) => m[1]))
      expect(arms).toContain(a);
    expect(python).toContain('runs.csv');
    expect(r).toContain('runs.csv');
  });

  const withR = has('Rscript', ['-e', 'library(survival)']);
  it.skipIf(!withR)(
    "the R example runs; R's coxph and cox.zph give the hazard ratio and PH check compare printed",
    () => {
      writeFileSync(
        join(dir, 'example.R'),
        `${r}\ncat("HR", exp(coef(fit))[[1]], "\\n")\ncat("ZPH", cox.zph(fit)$table[1, "chisq"], "\\n")\n`,
      );
      const run = spawnSync('Rscript', ['example.R'], { cwd: dir, encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      const hr = Number(/HR ([\d.e+-]+)/.exec(run.stdout)![1]);
      expect(Math.abs(hr - compared.comparisons[0].hazardRatio) / compared.comparisons[0].hazardRatio).toBeLessThan(
        1e-5,
      );
      // R's cox.zph (transform "km") gives the proportional-hazards check truce compare printed.
      const zph = Number(/ZPH ([\d.e+-]+)/.exec(run.stdout)![1]);
      const chi = compared.comparisons[0].proportionalHazards.chiSquare;
      expect(Math.abs(zph - chi) / chi).toBeLessThan(1e-5);
    },
  );

  const withPython = has('python3', ['-c', 'import pandas, lifelines']);
  it.skipIf(!withPython)('the Python example runs', () => {
    writeFileSync(join(dir, 'example.py'), `import matplotlib\nmatplotlib.use("Agg")\n${python}`);
    const run = spawnSync('python3', ['example.py'], { cwd: dir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
  });
});
