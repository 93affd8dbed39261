/**
 * End-to-end tests of what the dashboard shows after it loads something: a sweep's result (with the scenario's
 * range warnings, as `truce runs show` prints them) and an engagement file or preset in the explorer (every
 * control set from the file, so that the page, `truce engage` on the same file and the explorer's own file
 * agree). Debian's Chromium driven by playwright-core; they fail, never skip, when the browser is missing.
 * Every wait is on a signal (an element, a value, a status), never a fixed time.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { loadScenario } from '../src/app/scenario.js';
import { openResultsStore } from '../src/app/store.js';
import { startSweep } from '../src/app/sweep.js';
import { releaseExperiment } from '../src/store/experiments.js';
import { ROOT, truce } from './helpers/cli.js';
import { startServer, type RunningServer } from './helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'truce-e2e-loads-'));
const dbPath = join(dir, 'dash.db');
const EXPLORER = readFileSync(join(ROOT, 'scenarios', 'engagement', 'explorer.yaml'), 'utf8');
let server: RunningServer;
let browser: Browser;
let page: Page;
/** The sweep of a scenario with a value outside its documented range, run from the page. */
let warnedSweep = 0;

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
  server = await startServer(dbPath);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-sync'],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  await page.goto(server.url);
  await page.getByText('Scenario iran-israel is valid.').waitFor({ timeout: 30_000 });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** Write an engagement file into the test's folder. */
let files = 0;
function engagementFile(text: string, name = `engagement-${files++}.yaml`): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** `truce engage FILE` as the explorer computes it (4,000 samples, seed 1): expected leakers, two decimals. */
function cliLeakers(file: string): string {
  const r = truce(['engage', file, '--json', '--samples', '4000', '--seed', '1']);
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { leakers: { mean: number } }).leakers.mean.toFixed(2);
}

/** Wait until the explorer shows these expected leakers (the worker recomputed on what was loaded). */
async function showsLeakers(leakers: string): Promise<void> {
  await page.waitForFunction((v) => document.querySelector('#engage-leakers')?.textContent === v, leakers, {
    timeout: 30_000,
  });
}

/** The explorer's controls as the page shows them. */
async function controls() {
  return page.evaluate(() => ({
    stock: document.querySelector('[data-testid="stock-value"]')?.textContent,
    tracks: document.querySelector('[data-testid="tracks-value"]')?.textContent ?? null,
    reliability: document.querySelector('[data-testid="reliability-ballistic-value"]')?.textContent ?? null,
    order: [...document.querySelectorAll('#arrival-order li')].map((li) => li.getAttribute('data-type')),
    unchecked: [...document.querySelectorAll<HTMLInputElement>('#engages-controls input[type="checkbox"]')]
      .filter((c) => !c.checked)
      .map((c) => c.id),
    profile: (document.querySelector('#profile-select') as HTMLSelectElement | null)?.value,
  }));
}

/** Move the explorer away from any file's settings: stocks, track capacity, a layer's engages, the order. */
async function moveEveryControl(): Promise<void> {
  await page.locator('#stock').fill('2');
  await page.locator('#tracks').fill('100');
  await page.uncheck('#engages-davids-sling-drone');
  const { order } = await controls();
  if (order.length > 1) await page.click(`#order-later-${order[0]}`);
  await page.waitForFunction(() => document.querySelector('[data-testid="stock-value"]')?.textContent === '2');
  const moved = await controls();
  expect(moved).toMatchObject({ stock: '2', tracks: '100', unchecked: ['engages-davids-sling-drone'] });
  if (order.length > 1) expect(moved.order[0]).not.toBe(order[0]);
}

/** The explorer's own engagement file, as shown under its charts, run by `truce engage`. */
async function ownFileLeakers(): Promise<{ file: string; leakers: string }> {
  const file = engagementFile((await page.locator('#engagement-yaml').textContent()) ?? '', `own-${files++}.yaml`);
  return { file, leakers: cliLeakers(file) };
}

describe("a sweep's result view", () => {
  const sweep = async (): Promise<number> => {
    const summary = page.locator('#sweep-summary');
    const before = (await summary.count()) ? await summary.textContent() : null;
    await page.click('#run-sweep');
    await page.waitForFunction(
      (prev) => {
        const status = document.querySelector('#sweep-form')?.getAttribute('data-status');
        const summary = document.querySelector('#sweep-summary')?.textContent ?? null;
        return status === 'error' || (status === 'done' && summary !== null && summary !== prev);
      },
      before,
      { timeout: 120_000 },
    );
    await expect(page.locator('#sweep-form [role="alert"]').count()).resolves.toBe(0);
    return Number(/experiment (\d+)/.exec((await page.locator('#sweep-summary').textContent()) ?? '')?.[1]);
  };

  it('shows the scenario warnings as truce runs show prints them, none for an in-range scenario, and the CLI columns', async () => {
    const text = await page.locator('#yaml-editor').inputValue();
    await page.locator('#yaml-editor').fill(text.replace(/depletionWeight: 1 /, 'depletionWeight: 0 '));
    await page.getByTestId('yaml-range-warnings').waitFor({ timeout: 10_000 });
    await page.click('#tab-sweep');
    await page.fill('#sweep-points', '2');
    await page.fill('#sweep-runs', '6');
    await page.fill('#sweep-days', '30');
    try {
      const id = await sweep();
      expect(id).toBeGreaterThan(0);
      warnedSweep = id;
      const cli = truce(['runs', 'show', String(id), '--db', dbPath]);
      expect(cli.code, cli.stderr).toBe(0);
      const lines = cli.stdout.split('\n');
      const at = lines.indexOf('scenario warnings (the scenario had values outside their documented ranges):');
      expect(at).toBeGreaterThan(0);
      const next = lines.slice(at + 1);
      const warned = next.slice(
        0,
        next.findIndex((l) => !l.startsWith('  warning: ')),
      );
      expect(warned).toHaveLength(1);
      expect(warned[0]).toMatch(/^ {2}warning: .*actors\.israel\.preemption\.depletionWeight: 0 is outside/);
      const block = page.locator('#sweep-scenario-warnings');
      await block.waitFor({ timeout: 10_000 });
      await expect(block.locator('p').textContent()).resolves.toBe(
        'Scenario warnings (the scenario had values outside their documented ranges):',
      );
      await expect(block.locator('li').allTextContents()).resolves.toEqual(warned.map((l) => l.trim()));
      // The table has the columns truce sweep prints, defender cost included, with its numbers.
      const cells = await page.locator('#sweep-table tbody tr').first().locator('td').allTextContents();
      const cliRow = lines
        .find((l) => /^0\s/.test(l))!
        .trim()
        .split(/\s{2,}/);
      expect(cells[cells.length - 1]).toBe(cliRow[cliRow.length - 1]);
      expect(cliRow[cliRow.length - 1]).toMatch(/^\$\d+ M$/);
    } finally {
      await page.click('#tab-compare');
      await page.locator('#yaml-editor').fill(text);
      await page.getByTestId('yaml-range-warnings').waitFor({ state: 'detached', timeout: 10_000 });
    }
    // The same sweep of the scenario as shipped: no block (runs show prints "none").
    await page.click('#tab-sweep');
    const id = await sweep();
    expect(truce(['runs', 'show', String(id), '--db', dbPath]).stdout).toContain('\nscenario warnings: none\n');
    await page.locator('#sweep-table').waitFor();
    await expect(page.locator('#sweep-scenario-warnings').count()).resolves.toBe(0);
  });
});

describe('a stored sweep opened from the stored runs', () => {
  const openStored = async (id: number) => {
    await page.click('#tab-stored-runs');
    await page.locator(`#stored-sweeps tr[data-experiment="${id}"] button`).click();
    await page.waitForFunction(
      (n) => new RegExp(`experiment ${n}:`).test(document.querySelector('#sweep-summary')?.textContent ?? ''),
      id,
      { timeout: 10_000 },
    );
    await page.locator('#sweep-table').waitFor();
  };
  /** The sweep table's rows as `truce runs show` prints them: point, lever values, P(collapse), median, cost. */
  const tableRows = async () =>
    (
      await page
        .locator('#sweep-table tbody tr')
        .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')))
    ).map((r) => [r[0], r[1], r[2].replace(/ \[.*$/, ''), r[3], r[4]]);
  const cliRows = (id: number) =>
    truce(['runs', 'show', String(id), '--db', dbPath])
      .stdout.split('\n')
      .filter((l) => /^\d+ /.test(l))
      .map((l) => l.trim().split(/\s{2,}/));

  it('shows its table and warnings as truce runs show does; a record from before the warnings, none; an interrupted one, its status', async () => {
    const warned = warnedSweep;
    expect(warned).toBeGreaterThan(0);
    await openStored(warned);
    const block = page.locator('#sweep-scenario-warnings');
    await block.waitFor({ timeout: 10_000 });
    await expect(block.locator('li').allTextContents()).resolves.toEqual([
      expect.stringMatching(/^warning: .*depletionWeight: 0 is outside its documented range/),
    ]);
    expect(await tableRows()).toEqual(cliRows(warned));
    await expect(page.locator('#sweep-per-run a[data-format="csv"]').count()).resolves.toBe(1);
    // The same record as one stored before the warnings were kept: it opens as before, without the block.
    const db = new Database(dbPath);
    try {
      db.prepare(
        "UPDATE experiments SET params_json = json_remove(params_json, '$.scenarioWarnings') WHERE id = ?",
      ).run(warned);
    } finally {
      db.close();
    }
    expect(truce(['runs', 'show', String(warned), '--db', dbPath]).stdout).not.toMatch(/scenario warnings/);
    await page.click('#tab-compare');
    await openStored(warned);
    await expect(page.locator('#sweep-scenario-warnings').count()).resolves.toBe(0);
    expect(await tableRows()).toEqual(cliRows(warned));
    // An interrupted sweep (stored, no point run yet): its status and how to finish it, as runs show says.
    const store = openResultsStore(dbPath)!;
    let interrupted = 0;
    try {
      interrupted = startSweep(store, loadScenario(), {
        design: 'grid',
        ranges: { verification: [0, 1] },
        points: 3,
        runsPerPoint: 2,
        seed: 1,
        framework: null,
        set: [],
        days: 10,
        posterior: 'none',
      });
      releaseExperiment(store, interrupted);
    } finally {
      store.close();
    }
    expect(truce(['runs', 'show', String(interrupted), '--db', dbPath]).stdout).toContain(
      `(truce sweep --resume ${interrupted} runs the rest)`,
    );
    await page.click('#tab-compare');
    await openStored(interrupted);
    await expect(page.locator('#sweep-status').textContent()).resolves.toBe(
      `Sweep ${interrupted} interrupted, not complete: 0 points stored (truce sweep --resume ${interrupted} runs the rest).`,
    );
  });

  it('an interrupted sweep whose points another build computed: not --resume, but why and the command that reruns it, as runs show says', async () => {
    const ran = truce([
      'sweep',
      '--design',
      'lhs',
      '--ranges',
      'verification=0:1',
      '--points',
      '3',
      '--runs-per-point',
      '4',
      '--days',
      '20',
      '--seed',
      '5',
      '--workers',
      '1',
      '--json',
      '--db',
      dbPath,
    ]);
    expect(ran.code, ran.stderr).toBe(0);
    const id = (JSON.parse(ran.stdout) as { experimentId: number }).experimentId;
    const same = truce(['runs', 'show', String(id), '--json', '--db', dbPath]);
    // Complete: nothing to resume.
    expect(JSON.parse(same.stdout).resume).toMatchObject({ resumable: false, reason: 'complete', storedPoints: 3 });
    const db = new Database(dbPath);
    try {
      db.prepare(
        "UPDATE experiments SET status = 'running', finished_at = NULL, owner_pid = NULL, owner_host = NULL, engine = ? WHERE id = ?",
      ).run('0.0.9+0123456789ab', id);
      db.prepare('DELETE FROM sweep_points WHERE experiment_id = ? AND point >= 2').run(id);
    } finally {
      db.close();
    }
    const shown = JSON.parse(truce(['runs', 'show', String(id), '--json', '--db', dbPath]).stdout) as {
      resume: { rerun: string; engine: string };
    };
    expect(shown.resume).toMatchObject({
      resumable: false,
      reason: 'engine',
      storedEngine: '0.0.9+0123456789ab',
      storedPoints: 2,
      scenarioFile: expect.any(String),
    });
    // The server decides with the same function: its answer is the CLI's, field for field.
    const api = (await (await fetch(`${server.url}api/runs/${id}`)).json()) as { resume: unknown };
    expect(api.resume).toEqual(shown.resume);
    const listed = (await (await fetch(`${server.url}api/runs`)).json()) as { id: number; resume?: unknown }[];
    expect(listed.find((e) => e.id === id)?.resume).toEqual(shown.resume);
    const advice = `this build cannot resume it: its 2 stored points were computed by a different build of the model (engine 0.0.9+0123456789ab; this build is ${shown.resume.engine}); run it again from scratch with the same design: ${shown.resume.rerun}`;
    const cli = truce(['runs', 'show', String(id), '--db', dbPath]).stdout;
    expect(cli).toContain(`sweep ${id} interrupted, not complete: 2 points stored in ${dbPath}; ${advice}\n`);
    expect(cli).not.toContain('--resume');
    await page.click('#tab-compare');
    await openStored(id);
    await expect(page.locator('#sweep-status').textContent()).resolves.toBe(
      `Sweep ${id} interrupted, not complete: 2 points stored; ${advice}`,
    );
  });
});

describe('the stored sensitivity analyses', () => {
  it('are listed with their method and design size, in the words of truce runs list', async () => {
    for (const [method, samples] of [
      ['morris', '3'],
      ['sobol', '4'],
    ]) {
      const r = truce([
        'sensitivity',
        '--method',
        method,
        '--levers',
        'verification,sanctions',
        '--samples',
        samples,
        '--runs-per-point',
        '4',
        '--days',
        '10',
        '--workers',
        '1',
        '--json',
        '--db',
        dbPath,
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    // Two levers: Morris r (k + 1) = 3 x 3 points, Sobol N (k + 2) = 4 x 4.
    const expected = [
      ['morris', 'Morris, 3 trajectories (4 levels), 9 points'],
      ['sobol', 'Sobol, N=4, 16 points'],
    ];
    const list = truce(['runs', 'list', '--db', dbPath], { env: { COLUMNS: '' } }).stdout;
    for (const [, text] of expected) expect(list).toContain(`  ${text}  `);
    const json = (
      JSON.parse(truce(['runs', 'list', '--json', '--db', dbPath]).stdout) as {
        kind: string;
        design?: { method: string; points: number };
      }[]
    ).filter((e) => e.kind === 'sensitivity');
    expect(json.map((e) => [e.design?.method, e.design?.points])).toEqual([
      ['morris', 9],
      ['sobol', 16],
    ]);
    await page.click('#tab-compare');
    await page.click('#tab-stored-runs');
    const rows = page.locator('#stored-sensitivity tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('#stored-sensitivity tbody tr').length === 2, null, {
      timeout: 10_000,
    });
    const shown = await rows.evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-method'), tr.querySelector('td.design')?.textContent ?? '']),
    );
    expect(shown).toEqual(expected);
  });
});

describe('the engagement explorer after it loads a file or a preset', () => {
  it('sets every control from an uploaded file: stocks, track capacity, engages and order; the numbers are truce engage', async () => {
    await page.click('#tab-engagement');
    await page.waitForSelector('#preset-select option[value="explorer"]', { state: 'attached' });
    await page.waitForSelector('#engage-ms');
    await moveEveryControl();
    // The file's own sensors: a smaller track capacity and a saturation factor of its own.
    const file = engagementFile(EXPLORER + 'trackCapacity: 150\nsaturationPKillFactor: 0.3\n');
    const leakers = cliLeakers(file);
    expect(leakers).not.toBe(cliLeakers(join(ROOT, 'scenarios', 'engagement', 'explorer.yaml')));
    await page.setInputFiles('#engagement-upload', file);
    await showsLeakers(leakers);
    expect(await controls()).toEqual({
      stock: '1',
      tracks: '150',
      reliability: '0.85',
      order: ['drone', 'cruise', 'ballistic'],
      unchecked: [],
      profile: 'israel-2024',
    });
    // The explorer's own file for these settings gives truce engage the same numbers, and keeps the sensors.
    const own = await ownFileLeakers();
    expect(own.leakers).toBe(leakers);
    expect(readFileSync(own.file, 'utf8')).toMatch(/^trackCapacity: 150$/m);
    expect(readFileSync(own.file, 'utf8')).toMatch(/^saturationPKillFactor: 0\.3$/m);
  });

  it("sets every control from a preset: the profile's stocks and track capacity, every type engaged", async () => {
    await moveEveryControl();
    await page.selectOption('#preset-select', '2024-10-01');
    const leakers = cliLeakers(join(ROOT, 'scenarios', 'history', '2024-10-01.yaml'));
    await showsLeakers(leakers);
    const shown = await controls();
    expect(shown).toMatchObject({ stock: '1', tracks: '200', unchecked: [], profile: 'israel-2024' });
    expect((await ownFileLeakers()).leakers).toBe(leakers);
    // And back to the explorer's defaults after moving everything again.
    await moveEveryControl();
    await page.selectOption('#preset-select', 'explorer');
    await showsLeakers(cliLeakers(join(ROOT, 'scenarios', 'engagement', 'explorer.yaml')));
    expect(await controls()).toMatchObject({
      stock: '1',
      tracks: '200',
      order: ['drone', 'cruise', 'ballistic'],
      unchecked: [],
    });
  });

  it("loads its own file back once a layer changed (the file's layers), and a file without threats", async () => {
    await page.selectOption('#preset-select', 'explorer');
    await page.waitForFunction(() => document.querySelector('[data-testid="stock-value"]')?.textContent === '1');
    await page.locator('#stock').fill('0.5');
    await page.uncheck('#engages-davids-sling-drone');
    await page.waitForFunction(() => /^layers:$/m.test(document.querySelector('#engagement-yaml')?.textContent ?? ''));
    const saved = await ownFileLeakers();
    await showsLeakers(saved.leakers);
    // Uploaded again: its layers are the explorer's (stocks already halved, no drone for David's Sling).
    await page.setInputFiles('#engagement-upload', saved.file);
    await page.waitForFunction(
      () => (document.querySelector('#profile-select') as HTMLSelectElement | null)?.value === 'file:layers',
    );
    await showsLeakers(saved.leakers);
    const shown = await controls();
    expect(shown).toMatchObject({ stock: '1', tracks: '200', unchecked: [] });
    await expect(page.locator('#engages-davids-sling-drone').count()).resolves.toBe(0);
    await expect(page.locator('#profile-select option:checked').textContent()).resolves.toBe(
      `the layers of ${saved.file.split('/').pop()}`,
    );
    const again = await ownFileLeakers();
    expect(again.leakers).toBe(saved.leakers);
    expect(readFileSync(again.file, 'utf8')).toContain('against the layers of');
    // A file with no threats block: every threat arrives (reliability 1), as truce engage reads it.
    const bare = engagementFile('salvo: { ballistic: 60 }\ndefense: israel-2024\n');
    await page.setInputFiles('#engagement-upload', bare);
    await showsLeakers(cliLeakers(bare));
    expect(await controls()).toMatchObject({ reliability: '1', stock: '1', tracks: '200', profile: 'israel-2024' });
  });

  it('refuses a file whose profile it cannot read, naming the field, and keeps what it showed', async () => {
    const before = await page.locator('#engage-leakers').textContent();
    const file = engagementFile(EXPLORER.replace(/^defense: .*$/m, 'defense: ./my-profile.yaml'));
    const cli = truce(['engage', file, '--samples', '100']);
    expect(cli.code).toBe(2);
    await page.setInputFiles('#engagement-upload', file);
    const alert = page.locator('.controls [role="alert"]');
    await alert.waitFor({ timeout: 10_000 });
    await expect(alert.textContent()).resolves.toMatch(
      /defense: expected the name of a shipped defence profile \(israel-2024\) or the file's own layers, got "\.\/my-profile\.yaml"/,
    );
    await expect(page.locator('#engage-leakers').textContent()).resolves.toBe(before);
  });
});

describe('the engagement explorer with rockets and threat types a file declares', () => {
  /** What the explorer's summary shows, and the same numbers from `truce engage FILE --json` rounded as it rounds. */
  const summaryShown = async () => {
    const text = (await page.locator('#engage-summary').textContent()) ?? '';
    const m =
      /expected leakers ([\d.]+) \(sd ([\d.]+)\).*defender cost \$(\d+) M against attacker \$(\d+) M: exchange ratio (inf|\d+\.\d+)\./.exec(
        text,
      );
    expect(m, text).not.toBeNull();
    return m!.slice(1);
  };
  const summaryOfCli = (file: string): string[] => {
    const r = truce(['engage', file, '--json', '--samples', '4000', '--seed', '1']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as {
      leakers: { mean: number; sd: number };
      costUsd: { defender: number; attacker: number; exchangeRatio: number | null };
    };
    return [
      j.leakers.mean.toFixed(2),
      j.leakers.sd.toFixed(2),
      (j.costUsd.defender / 1e6).toFixed(0),
      (j.costUsd.attacker / 1e6).toFixed(0),
      // JSON has no infinity: null is a free attack, which truce engage prints as inf.
      j.costUsd.exchangeRatio === null ? 'inf' : j.costUsd.exchangeRatio.toFixed(2),
    ];
  };
  /** Wait until the page shows the CLI's numbers for this file (the worker recomputed), then compare them all. */
  const showsCli = async (file: string) => {
    const want = summaryOfCli(file);
    await showsLeakers(want[0]);
    expect(await summaryShown()).toEqual(want);
  };
  /** Per threat type the page offers controls for: its count and its reliability, as the sliders show them. */
  const threatControls = () =>
    page.evaluate(() =>
      Object.fromEntries(
        [...document.querySelectorAll<HTMLElement>('.threat-controls')].map((g) => {
          const [count, reliability] = [...g.querySelectorAll('output')].map((o) => o.textContent);
          return [g.dataset.type, { count, reliability }];
        }),
      ),
    );

  it('gives rockets a count and a reliability, set from the file, and computes what truce engage prints', async () => {
    await page.click('#tab-engagement');
    await page.waitForSelector('#engage-ms');
    // A Hezbollah-style barrage: rockets and drones against the israel-2024 profile (Iron Dome and David's Sling
    // engage rockets); rockets have no threats entry, so they all arrive (reliability 1).
    const text = 'salvo: { rocket: 240, drone: 30 }\ndefense: israel-2024\nthreats:\n  drone: { reliability: 0.9 }\n';
    const file = engagementFile(text, 'barrage.yaml');
    await page.setInputFiles('#engagement-upload', file);
    await showsCli(file);
    expect(await threatControls()).toEqual({
      drone: { count: '30', reliability: '0.9' },
      rocket: { count: '240', reliability: '1' },
    });
    // Moved on the page; the same settings written as a file by hand give truce engage the page's numbers.
    await page.locator('#salvo-rocket').fill('600');
    await page.locator('#reliability-rocket').fill('0.7');
    await page.waitForFunction(
      () => document.querySelector('[data-testid="reliability-rocket-value"]')?.textContent === '0.7',
    );
    const moved = engagementFile(
      'salvo: { rocket: 600, drone: 30 }\ndefense: israel-2024\nthreats:\n  drone: { reliability: 0.9 }\n  rocket: { reliability: 0.7 }\n',
    );
    expect(summaryOfCli(moved)).not.toEqual(summaryOfCli(file));
    await showsCli(moved);
    // And the explorer's own file for them says the same.
    const own = await ownFileLeakers();
    expect(own.leakers).toBe(summaryOfCli(moved)[0]);
  });

  it('gives a threat type the file declares (and its own layers engage) its controls, and matches truce engage', async () => {
    const text = [
      'description: A rocket barrage with a few manoeuvring glide vehicles',
      'salvo: { rocket: 180, glide: 6, ballistic: 40, "heavy rocket": 12 }',
      'threats:',
      '  rocket: { reliability: 0.8, unitCostUsd: 20000 }',
      '  glide: { description: "A manoeuvring glide vehicle", reliability: 0.95, unitCostUsd: 15000000, wave: 2 }',
      '  ballistic: { reliability: 0.85, unitCostUsd: 1000000, wave: 2 }',
      '  decoy: { reliability: 1, unitCostUsd: 5000 }',
      '  "heavy rocket": { reliability: 0.7, unitCostUsd: 100000 }',
      'layers:',
      '  - { name: iron-dome, engages: { rocket: 0.9, glide: 0.05 }, channels: 120, inventory: 300, unitCostUsd: 50000 }',
      '  - { name: arrow, engages: { ballistic: 0.8, glide: 0.4 }, channels: 30, inventory: 60, unitCostUsd: 3000000 }',
      '',
    ].join('\n');
    const file = engagementFile(text, 'glide.yaml');
    await page.setInputFiles('#engagement-upload', file);
    await showsCli(file);
    // Every type of the file, declared ones included (decoy: declared, none launched, so a count of 0 to raise).
    expect(await threatControls()).toEqual({
      rocket: { count: '180', reliability: '0.8' },
      glide: { count: '6', reliability: '0.95' },
      ballistic: { count: '40', reliability: '0.85' },
      decoy: { count: '0', reliability: '1' },
      // A declared name that is not a plain word has its controls too.
      'heavy rocket': { count: '12', reliability: '0.7' },
    });
    await expect(page.locator('#engages-arrow-glide').isChecked()).resolves.toBe(true);
    await page.locator('#salvo-glide').fill('20');
    await page.locator('#reliability-glide').fill('0.6');
    await page.locator('#salvo-decoy').fill('50');
    await page.locator('.threat-controls[data-type="heavy rocket"] input[id^="salvo-"]').fill('30');
    await page.waitForFunction(() => document.querySelector('[data-testid="salvo-decoy-value"]')?.textContent === '50');
    const moved = engagementFile(
      text
        .replace('glide: 6,', 'glide: 20, decoy: 50,')
        .replace('"heavy rocket": 12', '"heavy rocket": 30')
        .replace('reliability: 0.95, unitCostUsd: 15000000', 'reliability: 0.6, unitCostUsd: 15000000'),
    );
    expect(summaryOfCli(moved)).not.toEqual(summaryOfCli(file));
    await showsCli(moved);
    const own = await ownFileLeakers();
    expect(own.leakers).toBe(summaryOfCli(moved)[0]);
    expect(readFileSync(own.file, 'utf8')).toMatch(
      /^ {2}glide: \{ description: "A manoeuvring glide vehicle", .*reliability: 0\.6,/m,
    );
  });
});

/** The layers of `truce campaign`'s dry-day table, in its order. */
function parseDryDays(printed: string[]): Record<string, string> {
  const at = printed.findIndex((l) => /^layer +P\(dry by end\) +median dry day$/.test(l));
  const rows = printed.slice(at + 2, printed.indexOf('', at));
  return Object.fromEntries(rows.map((l) => [l.split(/ +/)[0], l]));
}

describe('the campaign view', () => {
  it('names its replicates and seed, and prints the totals and pre-emption lines truce campaign prints for them', async () => {
    await page.click('#tab-engagement');
    await page.waitForSelector('#campaign-select option[value="twelve-day-war"]', { state: 'attached' });
    await page.selectOption('#campaign-select', 'twelve-day-war');
    await page.click('#run-campaign');
    const summary = page.locator('#campaign-summary');
    await summary.waitFor({ timeout: 60_000 });
    const lines = await summary.locator('p').allTextContents();
    const command = /truce campaign (\S+) --runs (\d+) --seed (\d+) prints these numbers/.exec(lines[0]);
    expect(command?.slice(1)).toEqual(['scenarios/campaign/twelve-day-war.yaml', '300', '1']);
    const cli = truce(['campaign', command![1], '--runs', command![2], '--seed', command![3]]);
    expect(cli.code, cli.stderr).toBe(0);
    const printed = cli.stdout.trimEnd().split('\n');
    const totals = printed.findIndex((l) => l.startsWith('Totals: '));
    expect(totals).toBeGreaterThan(0);
    expect(lines.slice(1)).toEqual(printed.slice(totals));
    // The dry-day table shows the CLI's rows.
    const rows = await page
      .locator('[data-chart="campaign-depletion"] ~ table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows.map((r) => r[0])).toEqual(Object.keys(parseDryDays(printed)));
    for (const [layer, p, median] of rows)
      expect(printed).toContainEqual(
        expect.stringMatching(new RegExp(`^${layer} +${p!.replace('.', '\\.')} +${median}$`)),
      );
  });
});

describe('a stored Morris analysis', () => {
  it('shows the table truce sensitivity prints: the same factors, order and numbers', async () => {
    const args = ['sensitivity', '--method', 'morris', '--levers', 'verification,faceSaving,mediatorCommitment'];
    const cli = truce([...args, '--samples', '3', '--runs-per-point', '12', '--days', '60', '--db', dbPath]);
    expect(cli.code, cli.stderr).toBe(0);
    const id = Number(/experiment (\d+)/.exec(cli.stdout + cli.stderr)?.[1]);
    expect(id).toBeGreaterThan(0);
    const lines = cli.stdout.split('\n');
    const head = lines.findIndex((l) => /^factor +range +mu\* x range/.test(l));
    expect(head).toBeGreaterThan(0);
    const printed = lines.slice(head + 2, head + 5).map((l) => l.trim().split(/\s{2,}/));
    await page.click('#tab-compare');
    await page.click('#tab-sensitivity');
    await page.getByRole('button', { name: new RegExp(`^Experiment ${id}:`) }).click();
    await page.waitForSelector('#morris-table tbody tr');
    const shown = await page
      .locator('#morris-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    expect(shown).toEqual(printed);
    await expect(page.locator('#morris-table thead th').allTextContents()).resolves.toEqual(
      lines[head].trim().split(/\s{2,}/),
    );
  });
});

describe("a comparison's table", () => {
  it('has the collapses and "defender struck first" of truce compare, with its words', async () => {
    await page.click('#tab-compare');
    const runs = await page.locator('#runs').inputValue();
    await page.fill('#runs', '200');
    try {
      await page.click('#run-compare');
      await page.waitForFunction(
        () =>
          /200 runs per arm/.test(document.querySelector('[role="tabpanel"]')?.textContent ?? '') &&
          !!document.querySelector('#compare-table'),
        undefined,
        { timeout: 120_000 },
      );
    } finally {
      await page.fill('#runs', runs);
    }
    const arms = ['transactional-freeze', 'structural-architecture'];
    const cli = truce(['compare', '--frameworks', arms.join(','), '--runs', '200', '--seed', '1', '--no-store']);
    expect(cli.code, cli.stderr).toBe(0);
    const lines = cli.stdout.split('\n');
    const head = lines.findIndex((l) => /^arm +collapses +first crosser +defender struck first/.test(l));
    expect(head).toBeGreaterThan(0);
    for (const [i, arm] of arms.entries()) {
      const [label, collapses, firstCrosser, struck] = lines[head + 2 + i].trim().split(/\s{2,}/);
      expect(label).toBe(arm);
      const row = page.locator(`#compare-table tr[data-arm="${arm}"]`);
      await expect(row.locator('td').nth(5).textContent()).resolves.toBe(collapses);
      await expect(row.locator('td.first-crosser').textContent()).resolves.toBe(firstCrosser);
      await expect(row.locator('td.struck-first').textContent()).resolves.toBe(struck);
    }
    const words = lines.find((l) => l.startsWith('Defender struck first: '))!;
    const sentence = words.slice(0, words.indexOf(' n: '));
    await expect(page.getByText(sentence, { exact: true }).count()).resolves.toBe(1);
    // The built-in scenario's defender side never fires: neither table of its own fire, as truce compare prints none.
    expect(cli.stdout).not.toMatch(/The defender side's own fire at its adversaries/);
    await expect(page.locator('#defender-strikes, #defender-opening-strikes').count()).resolves.toBe(0);
  });

  it("shows the defender side's own fire as truce compare prints it, when some arm's defender side fired", async () => {
    // An armed defender and a defender's proxy that attacks (test/fixtures/multi-adversary/ip-proxies.yaml), stored by
    // the CLI and opened from the stored runs: the page shows the stored numbers, the CLI printed the same ones.
    const arms = ['hotline-pause', 'monitored-loc'];
    const args = ['compare', join(ROOT, 'test', 'fixtures', 'multi-adversary', 'ip-proxies.yaml')];
    const cli = truce([...args, '--frameworks', arms.join(','), '--runs', '200', '--seed', '1', '--db', dbPath]);
    expect(cli.code, cli.stderr).toBe(0);
    const id = Number(/experiment (\d+)/.exec(cli.stdout + cli.stderr)?.[1]);
    expect(id).toBeGreaterThan(0);
    const lines = cli.stdout.split('\n');
    /** A table truce compare printed under its caption: the caption, header and one row of cells per arm. */
    const printed = (caption: RegExp) => {
      const at = lines.findIndex((l) => caption.test(l));
      expect(at, `${caption} in truce compare`).toBeGreaterThan(0);
      const cells = (l: string) => l.trim().split(/\s{2,}/);
      return {
        caption: lines[at].replace(/:$/, ''),
        header: cells(lines[at + 1]),
        rows: arms.map((_, i) => cells(lines[at + 3 + i])),
      };
    };
    const whole = printed(/^The defender side's own fire at its adversaries/);
    const opening = printed(/^The defender's pre-emptive strike in the opening exchange/);
    // Its defender side fired in some run of each arm, and some collapse opened with its own salvo.
    expect(whole.rows.map((r) => r[0])).toEqual(arms);
    for (const r of whole.rows) expect(r[1]).toMatch(/^[1-9]\d* of 200$/);
    expect(opening.rows.some((r) => Number(r[1]) > 0)).toBe(true);
    await page.click('#tab-stored-runs');
    await page.locator(`#stored-table tr[data-experiment="${id}"] button`).click();
    await page.locator('#defender-opening-strikes').waitFor({ timeout: 10_000 });
    for (const [sel, t] of [
      ['#defender-strikes', whole],
      ['#defender-opening-strikes', opening],
    ] as const) {
      await expect(page.locator(`${sel} caption`).textContent()).resolves.toBe(t.caption);
      await expect(page.locator(`${sel} thead th`).allTextContents()).resolves.toEqual(t.header);
      const shown = await page
        .locator(`${sel} tbody tr`)
        .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
      expect(shown).toEqual(t.rows);
    }
  });
});
