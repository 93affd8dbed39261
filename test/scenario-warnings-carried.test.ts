/**
 * A result made from a scenario with a value outside its documented range says so wherever it is kept: the
 * `scenarioWarnings` of compare's JSON and of the stored experiment (its settings, and a comparison's summary),
 * `truce runs show`, the HTML report beside the scenario's description, ablate's JSON and Markdown page. The list
 * is the one printed on stderr before the run (loaded.warnings), empty when none; a record stored before the
 * field existed still loads and shows (docs/analysis.md, "Moving a documented parameter").
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ablate } from '../src/app/ablate.js';
import { compare, type CompareResult } from '../src/app/compare.js';
import { NO_POSTERIOR } from '../src/app/posterior.js';
import { reportData } from '../src/app/report.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { showRun } from '../src/app/runs.js';
import { loadScenario, type LoadedScenario } from '../src/app/scenario.js';
import { openResultsStore } from '../src/app/store.js';
import { runSweep, startSweep, storedSweep, type SweepParams } from '../src/app/sweep.js';
import { renderShownRun } from '../src/cli/render/runs.js';
import { renderReport } from '../src/report/report.js';
import type { DB } from '../src/store/db.js';
import { getExperiment, releaseExperiment } from '../src/store/experiments.js';
import { printedWarnings, truce } from './helpers/cli.js';
import { saveWithoutScenarioWarnings } from './helpers/store.js';

const dir = mkdtempSync(join(tmpdir(), 'truce-scenario-warnings-'));
const BUILT_IN = readFileSync('scenarios/iran-israel.yaml', 'utf8');
// depletionWeight 0 switches the depletion channel off: outside its documented range [0.5, 2], allowed with a warning.
const file = join(dir, 'dep0.yaml');
writeFileSync(file, BUILT_IN.replace(/^(\s+depletionWeight:) [0-9.]+/m, '$1 0'));
const line =
  readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => /^\s+depletionWeight: 0\b/.test(l)) + 1;
const WARNING = `${file}:${line}: actors.israel.preemption.depletionWeight: 0 is outside its documented range [0.5, 2]`;

const sweepParams: SweepParams = {
  design: 'lhs',
  ranges: { verification: [0, 1] },
  points: 3,
  runsPerPoint: 4,
  seed: 1,
  framework: null,
  set: [],
  days: 20,
  posterior: 'none',
};
const req = { runs: 8, seed: 2, days: 30, posterior: NO_POSTERIOR, frameworks: ['transactional-freeze'] };
let db: DB;
let out: LoadedScenario, builtIn: LoadedScenario;
let outResult: CompareResult, builtInResult: CompareResult;

beforeAll(async () => {
  db = openResultsStore(join(dir, 'store.db'))!;
  out = loadScenario(file);
  builtIn = loadScenario();
  const ctx = { runner: threadPoolRunner(1), db };
  outResult = await compare(out, req, ctx);
  builtInResult = await compare(builtIn, req, ctx);
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scenarioWarnings carried into results', () => {
  it('compare: the JSON and the stored record carry the warnings printed before the run; none: an empty list', () => {
    expect(out.warnings).toHaveLength(1);
    expect(out.warnings![0].startsWith(WARNING)).toBe(true);
    expect(outResult.output.scenarioWarnings).toEqual(out.warnings);
    expect(builtIn.warnings).toBeUndefined();
    expect(builtInResult.output.scenarioWarnings).toEqual([]);
    const e = getExperiment(db, outResult.output.experimentId!)!;
    expect(e.params.scenarioWarnings).toEqual(out.warnings);
    expect((e.summary as { scenarioWarnings: string[] }).scenarioWarnings).toEqual(out.warnings);
    expect(getExperiment(db, builtInResult.output.experimentId!)!.params.scenarioWarnings).toEqual([]);
  });

  it('runs show: the warnings on lines of their own, "none" when none, nothing for a record stored before', () => {
    const id = outResult.output.experimentId!;
    const text = renderShownRun(showRun(db, id, 'store.db'), 'store.db');
    expect(text).toContain(
      `\nscenario warnings (the scenario had values outside their documented ranges):\n  warning: ${out.warnings![0]}\nparameters: `,
    );
    // The settings' JSON line does not repeat them.
    expect(/^parameters: .*$/m.exec(text)![0]).not.toContain('scenarioWarnings');
    const none = renderShownRun(showRun(db, builtInResult.output.experimentId!, 'store.db'), 'store.db');
    expect(none).toContain('\nscenario warnings: none\nparameters: ');
    // A comparison stored before the field: the same record without it loads and shows, its table intact.
    const old = saveWithoutScenarioWarnings(db, id, {
      arms: showRun(db, id, 'store.db').arms!.map((a) => ({
        label: a.label,
        framework: a.framework,
        levers: a.levers,
        summary: a.summary,
      })),
    });
    const oldText = renderShownRun(showRun(db, old, 'store.db'), 'store.db');
    expect(oldText).not.toMatch(/scenario warnings/);
    const body = (t: string) => t.slice(t.indexOf('\n\n'));
    expect(body(oldText)).toBe(body(text));
  });

  it('the report: the warning beside the description, the file named as the report names it', () => {
    const html = renderReport(reportData(out, req, outResult));
    const at = html.indexOf('id="scenario-warnings"');
    expect(at).toBeGreaterThan(html.indexOf('<h2>The scenario and levers</h2>'));
    expect(at).toBeLessThan(html.indexOf('<caption>Lever values in each arm'));
    // An absolute path is named by its file name (a report mailed on carries no local folders).
    expect(html).toContain(
      `dep0.yaml:${line}: actors.israel.preemption.depletionWeight: 0 is outside its documented range [0.5, 2]`,
    );
    expect(html).not.toContain(dir);
    expect(html.slice(at, html.indexOf('</div>', at))).toContain(
      '<strong>Warning:</strong> the scenario has a value outside the range its <code>parameters</code> block documents',
    );
    // An in-range scenario's report has no such block (and keeps its length: it prints on 12 A4 pages).
    expect(renderReport(reportData(builtIn, req, builtInResult))).not.toContain('scenario-warnings');
  });

  it("a sweep and an ablation keep them with their settings; the sweep's result and the ablation's JSON too", async () => {
    const id = startSweep(db, out, sweepParams);
    releaseExperiment(db, id);
    expect(getExperiment(db, id)!.params.scenarioWarnings).toEqual(out.warnings);
    expect(renderShownRun(showRun(db, id, 'store.db'), 'store.db')).toContain(`  warning: ${out.warnings![0]}\n`);
    // The sweep's result (its --json, the dashboard's sweep view) carries them, as compare's and sensitivity's do.
    const ctx = { runner: threadPoolRunner(1) };
    const done = await runSweep(db, storedSweep(db, id), ctx);
    expect(done.scenarioWarnings).toEqual(out.warnings);
    // One stored before the field (its settings without it), resumed: no field, as runs show prints nothing.
    const before = startSweep(db, out, { ...sweepParams, seed: 2 });
    releaseExperiment(db, before);
    db.prepare("UPDATE experiments SET params_json = json_remove(params_json, '$.scenarioWarnings') WHERE id = ?").run(
      before,
    );
    const old = await runSweep(db, storedSweep(db, before), ctx);
    expect(old).not.toHaveProperty('scenarioWarnings');
    expect(old.rows).toHaveLength(3);
    // In range: an empty list.
    const inRange = startSweep(db, builtIn, sweepParams);
    releaseExperiment(db, inRange);
    expect((await runSweep(db, storedSweep(db, inRange), ctx)).scenarioWarnings).toEqual([]);
    const a = await ablate(out, { runs: 2, seed: 1, days: 10 }, { runner: threadPoolRunner(1), db });
    expect(a.output.scenarioWarnings).toEqual(out.warnings);
    expect(getExperiment(db, a.output.experimentId!)!.params.scenarioWarnings).toEqual(out.warnings);
  }, 120_000);

  it('the CLI: compare --json carries the sentence printed on stderr; ablate --markdown prints it above its table', () => {
    const c = truce([
      'compare',
      file,
      '--runs',
      '8',
      '--days',
      '20',
      '--posterior',
      'none',
      '--frameworks',
      'transactional-freeze',
      '--no-store',
      '--json',
    ]);
    expect(c.code, c.stderr).toBe(0);
    const printed = printedWarnings(c.stderr);
    expect(printed).toHaveLength(1);
    expect(JSON.parse(c.stdout).scenarioWarnings).toEqual(printed);
    const md = join(dir, 'ablation.md');
    const a = truce(['ablate', file, '--runs', '2', '--days', '10', '--workers', '1', '--no-store', '--markdown', md]);
    expect(a.code, a.stderr).toBe(0);
    const page = readFileSync(md, 'utf8');
    expect(page).toContain(`\n- ${printed[0]}\n`);
    expect(page.indexOf(printed[0])).toBeLessThan(page.indexOf('| '));
  });
});
