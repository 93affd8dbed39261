/**
 * The scenario's range warnings (values outside their documented ranges) kept where the first pass left them out:
 * `truce sensitivity` (its JSON, its stored settings and `truce runs show`), and a report built from a stored
 * ablation (`truce report --ablation ID`), which repeats that ablation's warnings in the report's warning block.
 * Records stored before the field still load and show as before (docs/analysis.md, "Moving a documented parameter").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ablate, ablationForReport, storedAblation } from '../src/app/ablate.js';
import { compare, type CompareResult } from '../src/app/compare.js';
import { NO_POSTERIOR } from '../src/app/posterior.js';
import { reportData } from '../src/app/report.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { showRun } from '../src/app/runs.js';
import { sensitivity } from '../src/app/sensitivity.js';
import { loadScenario, type LoadedScenario } from '../src/app/scenario.js';
import { openResultsStore } from '../src/app/store.js';
import { renderShownRun } from '../src/cli/render/runs.js';
import { renderReport } from '../src/report/report.js';
import type { DB } from '../src/store/db.js';
import { getExperiment } from '../src/store/experiments.js';
import { printedWarnings, truce } from './helpers/cli.js';
import { saveWithoutScenarioWarnings } from './helpers/store.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-scenario-warnings-2-'));
const BUILT_IN = readFileSync('scenarios/iran-israel.yaml', 'utf8');
// depletionWeight 0 switches the depletion channel off: outside its documented range [0.5, 2], allowed with a warning.
const file = join(dir, 'dep0.yaml');
writeFileSync(file, BUILT_IN.replace(/^(\s+depletionWeight:) [0-9.]+/m, '$1 0'));
const line =
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => /^\s+depletionWeight: 0\b/.test(l)) + 1;
const SENTENCE = `actors.israel.preemption.depletionWeight: 0 is outside its documented range [0.5, 2]`;

const sens = {
  method: 'morris' as const,
  levers: ['verification', 'sanctions'],
  samples: 2,
  levels: 4,
  seed: 1,
  output: 'pCollapse' as const,
  runsPerPoint: 4,
  days: 20,
  posterior: NO_POSTERIOR,
};
const req = { runs: 8, seed: 2, days: 30, posterior: NO_POSTERIOR, frameworks: ['transactional-freeze'] };
let db: DB;
let out: LoadedScenario, builtIn: LoadedScenario;
let builtInResult: CompareResult, outResult: CompareResult;
let ablationId: number;

beforeAll(async () => {
  db = openResultsStore(join(dir, 'store.db'))!;
  out = loadScenario(file);
  builtIn = loadScenario();
  const ctx = { runner: threadPoolRunner(1), db };
  builtInResult = await compare(builtIn, req, ctx);
  outResult = await compare(out, req, ctx);
  ablationId = (await ablate(out, { runs: 2, seed: 1, days: 10 }, ctx)).output.experimentId!;
}, 180_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('sensitivity keeps the scenario warnings', () => {
  it('in its output and stored settings, shown by runs show; none: an empty list; an old record shows as before', async () => {
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings![0].startsWith(`${file}:${line}: ${SENTENCE}`)).toBe(true);
    const ctx = { runner: threadPoolRunner(1), db };
    const o = await sensitivity(out, sens, ctx);
    expect(o.scenarioWarnings).toEqual(out.warnings);
    const e = getExperiment(db, o.experimentId!)!;
    expect(e.params.scenarioWarnings).toEqual(out.warnings);
    const text = renderShownRun(showRun(db, o.experimentId!, 'store.db'), 'store.db');
    expect(text).toContain(
      `\nscenario warnings (the scenario had values outside their documented ranges):\n  warning: ${out.warnings![0]}\nparameters: `,
    );
    expect(/^parameters: .*$/m.exec(text)![0]).not.toContain('scenarioWarnings');

    const none = await sensitivity(builtIn, sens, ctx);
    expect(none.scenarioWarnings).toEqual([]);
    expect(renderShownRun(showRun(db, none.experimentId!, 'store.db'), 'store.db')).toContain(
      '\nscenario warnings: none\nparameters: ',
    );

    // A sensitivity stored before the field: loads and shows, with no warning line and the same body.
    const old = saveWithoutScenarioWarnings(db, e.id);
    const oldText = renderShownRun(showRun(db, old, 'store.db'), 'store.db');
    expect(oldText).not.toMatch(/scenario warnings/);
    const body = (t: string) => t.slice(t.indexOf('\n\n'));
    expect(body(oldText)).toBe(body(text));
  }, 120_000);

  it('the CLI: sensitivity --json carries the sentence printed on stderr', () => {
    const c = truce([
      'sensitivity',
      file,
      '--method',
      'morris',
      '--levers',
      'verification,sanctions',
      '--samples',
      '2',
      '--runs-per-point',
      '4',
      '--days',
      '20',
      '--posterior',
      'none',
      '--workers',
      '1',
      '--no-store',
      '--json',
    ]);
    expect(c.code, c.stderr).toBe(0);
    const printed = printedWarnings(c.stderr);
    expect(printed).toHaveLength(1);
    expect(JSON.parse(c.stdout).scenarioWarnings).toEqual(printed);
  });
});

describe('a report built from a stored ablation repeats its warnings', () => {
  const blockOf = (html: string) => {
    const at = html.indexOf('id="scenario-warnings"');
    return at < 0 ? '' : html.slice(at, html.indexOf('</div>', at));
  };

  it("an in-range scenario's report with an out-of-range ablation: the warning block names the ablation's values", () => {
    const input = reportData(builtIn, req, builtInResult);
    input.ablation = ablationForReport(storedAblation(db, ablationId));
    const html = renderReport(input);
    const block = blockOf(html);
    expect(block).toContain(
      `<strong>Warning:</strong> The ablation below (experiment ${ablationId}) ran from a scenario`,
    );
    // The file named as the report names it: no local folders in a report mailed on.
    expect(block).toContain(`<li>dep0.yaml:${line}: ${SENTENCE}`);
    expect(html).not.toContain(dir);
    // In the same place as the scenario's own warnings: beside the description, before the lever table.
    expect(html.indexOf('id="scenario-warnings"')).toBeGreaterThan(html.indexOf('<h2>The scenario and levers</h2>'));
    expect(html.indexOf('id="scenario-warnings"')).toBeLessThan(html.indexOf('<caption>Lever values in each arm'));
  });

  it('the same scenario: its warning listed once, the ablation said to share it', () => {
    const input = reportData(out, req, outResult);
    input.ablation = ablationForReport(storedAblation(db, ablationId));
    const block = blockOf(renderReport(input));
    expect(block.split(SENTENCE)).toHaveLength(2);
    expect(block).toContain(`The ablation below (experiment ${ablationId}) ran from the same value.`);
  });

  it('an ablation stored before the field, or from an in-range scenario: no block, as before', async () => {
    const old = saveWithoutScenarioWarnings(db, ablationId);
    const input = reportData(builtIn, req, builtInResult);
    input.ablation = ablationForReport(storedAblation(db, old));
    const html = renderReport(input);
    expect(html).not.toContain('scenario-warnings');
    expect(html).toContain(`stored as experiment ${old}`);
    const inRange = await ablate(builtIn, { runs: 2, seed: 1, days: 10 }, { runner: threadPoolRunner(1), db });
    const input2 = reportData(builtIn, req, builtInResult);
    input2.ablation = ablationForReport(storedAblation(db, inRange.output.experimentId!));
    expect(renderReport(input2)).not.toContain('scenario-warnings');
  }, 120_000);
});
