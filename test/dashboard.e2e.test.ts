/**
 * End-to-end tests of the dashboard in a real browser: Debian's Chromium
 * driven by playwright-core. They fail, never skip, when the browser is
 * missing. Screenshots of the main views go to a temporary folder; only
 * `npm run screenshots` (TRUCE_SCREENSHOTS=1) writes the tracked ones in
 * docs/screenshots/, so a normal test run leaves the tree clean.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { ROOT, truce } from './helpers/cli.js';
import { startServer, type RunningServer } from './helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = process.env.TRUCE_SCREENSHOTS
  ? join(ROOT, 'docs', 'screenshots')
  : mkdtempSync(join(tmpdir(), 'truce-shots-'));
const TRACKED_SHOTS = join(ROOT, 'docs', 'screenshots');
const shotStamps = () =>
  Object.fromEntries(readdirSync(TRACKED_SHOTS).map((f) => [f, statSync(join(TRACKED_SHOTS, f)).mtimeMs]));
const stampsBefore = shotStamps();
let server: RunningServer;
let browser: Browser;
let page: Page;
/** The sweep run from the page, and its per-run rows as downloaded from the sweep view. */
let sweepId = 0;
let sweepCsv: string[] = [];
/** The results store the server reads (the CLI prints its stored analyses for comparison). */
let dbPath = '';

beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium); .ci/run does`);
  const db = join(mkdtempSync(join(tmpdir(), 'truce-e2e-')), 'dash.db');
  // A small stored Morris analysis, for the sensitivity view.
  const sens = truce([
    'sensitivity',
    '--method',
    'morris',
    '--levers',
    'verification,faceSaving,mediatorCommitment',
    '--samples',
    '3',
    '--runs-per-point',
    '30',
    '--days',
    '120',
    '--db',
    db,
  ]);
  if (sens.code !== 0) throw new Error(sens.stderr);
  // A small stored Sobol analysis (experiment 2), few runs per point, so its noise floor is large.
  const sobol = truce([
    'sensitivity',
    '--method',
    'sobol',
    '--levers',
    'verification,sanctionsRelief',
    '--samples',
    '16',
    '--runs-per-point',
    '6',
    '--days',
    '60',
    '--seed',
    '2',
    '--db',
    db,
  ]);
  if (sobol.code !== 0) throw new Error(sobol.stderr);
  dbPath = db;
  server = await startServer(db);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function transactionalP(day: number): Promise<number> {
  return Number(
    await page.locator(`tr[data-arm="transactional-freeze"] td[data-day="${day}"]`).getAttribute('data-value'),
  );
}

async function runComparison(): Promise<void> {
  await page.click('#run-compare');
  await page.waitForFunction(
    () =>
      !document.querySelector('#compare-progress') &&
      !(document.querySelector('#run-compare') as HTMLButtonElement).disabled,
    undefined,
    { timeout: 60_000 },
  );
  await page.waitForSelector('#compare-table');
}

describe('the dashboard', () => {
  it('loads on the built-in scenario with a labelled slider for every lever', async () => {
    const t0 = Date.now();
    await page.goto(server.url);
    await page.getByText('Scenario iran-israel is valid.').waitFor({ timeout: 20_000 });
    const loadMs = Date.now() - t0;
    console.log(`dashboard load (navigation to a validated scenario with levers): ${loadMs} ms`);
    for (const lever of ['verification', 'specificity', 'faceSaving', 'mediatorCommitment', 'interceptorStock']) {
      const slider = page.getByLabel(new RegExp(`^${lever}`));
      await expect(slider.count()).resolves.toBe(1);
    }
  });

  it('runs a comparison, and moving the verification lever lowers collapse in the transactional arm and changes the survival chart', async () => {
    await page.fill('#runs', '400');
    await runComparison();
    const before = await transactionalP(365);
    const before180 = await transactionalP(180);
    const survivalBefore = await page.locator('[data-chart="survival"] figure > svg').innerHTML();
    expect(before).toBeGreaterThan(0.3);
    // The intervals are named for what they are, with what the posterior carries to each arm (docs/calibration-record.md).
    await expect(page.locator('#compare-table caption').textContent()).resolves.toMatch(/Monte Carlo 95% interval/);
    await expect(page.locator('#posterior-note').textContent()).resolves.toMatch(/drawn from the posterior default/);
    await expect(
      page.getByText(/^structural-architecture: carries no parameter of the posterior/).count(),
    ).resolves.toBe(1);
    await expect(page.locator('#posterior-warning').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'compare.png'), fullPage: false });

    await page.locator('#lever-verification').fill('0.8');
    await expect(page.getByTestId('lever-value-verification').textContent()).resolves.toBe('0.8');
    await runComparison();
    await page.waitForFunction(
      (b) =>
        Number(
          document.querySelector('tr[data-arm="transactional-freeze"] td[data-day="365"]')?.getAttribute('data-value'),
        ) !== b,
      before,
      { timeout: 30_000 },
    );
    const after180 = await transactionalP(180);
    // Seeded, same streams in both runs: under the shipped posterior a year is near-certain collapse and
    // spoilers end many truces in the first month, before any monitor matters, so v 0.05 -> 0.8 shows at
    // half a year: P(by 180) 0.89 -> 0.84 at seed 1, 400 runs (`truce compare --runs 400 --seed 1
    // --frameworks transactional-freeze --vary verification=0.05,0.8`).
    expect(after180).toBeLessThan(before180 - 0.02);
    expect(await page.locator('[data-chart="survival"] figure > svg').innerHTML()).not.toBe(survivalBefore);
  });

  it('exports a chart for a briefing: the SVG and the PNG carry title, legend and source line', async () => {
    const chart = page.locator('[data-chart="survival"]');
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'SVG' }).click(),
    ]);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svgDownload.suggestedFilename()).toBe('survival.svg');
    expect(svg).toContain('Ceasefire survival: share of runs still holding, with pointwise 95% band');
    // The legend (outside the plot's own svg on the page) names every arm, with the units on the axis.
    for (const arm of ['transactional-freeze', 'structural-architecture'])
      expect(svg).toMatch(new RegExp(`<text[^>]*>${arm}</text>`));
    expect(svg).toContain('share holding (S)');
    expect(svg).toMatch(/Source: truce \d+\.\d+\.\d+ · scenario iran-israel · seed 1 · 400 runs per arm/);
    // The PNG is drawn from the same composed SVG: taller than the plot alone (320 px at 2x).
    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      chart.getByRole('button', { name: 'PNG' }).click(),
    ]);
    const png = readFileSync((await pngDownload.path())!);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.readUInt32BE(16)).toBe(1440);
    expect(png.readUInt32BE(20)).toBeGreaterThan(2 * 320 + 2 * 60);
  });

  it('opens one run as a story: ladder, EU terms, violations, credibility, threat belief, proxies, stocks, timeline', async () => {
    await page.click('#tab-run-story');
    await page.click('#run-story');
    await page.waitForSelector('#story-outcome');
    for (const chart of [
      'escalation-ladder',
      'eu-terms-iran',
      'eu-terms-israel',
      'violations',
      'credibility',
      'threat-belief',
      'proxy-strength',
      'interceptor-stocks',
      'timeline',
    ]) {
      await expect(page.locator(`[data-chart="${chart}"] svg`).count()).resolves.toBeGreaterThan(0);
    }
    // The threat figure says which number is which and whom it is about, in the words of `truce run`
    // ("threat belief (stored)", "threat reading (acted on)", threatFrom; docs/model/perception.md).
    const threat = (await page.locator('[data-chart="threat-belief"]').textContent())!;
    for (const [state, about] of [
      ['israel', 'iran'],
      ['iran', 'israel'],
    ])
      for (const label of ['threat belief (stored)', 'threat reading (acted on)'])
        expect(threat).toContain(`${state} about ${about}: ${label}`);
    expect(threat).not.toContain('stored belief');
    expect(threat).toContain(
      'Threat reading: what the decisions act on, the belief plus the worst-case drift of the days the state cannot yet see',
    );
    await page.screenshot({ path: join(SHOTS, 'story.png'), fullPage: false });
  });

  it('the engagement explorer recomputes in a web worker as a slider moves', async () => {
    await page.click('#tab-engagement');
    await page.waitForSelector('#engage-ms');
    const first = await page.locator('#engage-leakers').textContent();
    await page.locator('#salvo-ballistic').fill('300');
    await page.waitForFunction((f) => document.querySelector('#engage-leakers')?.textContent !== f, first, {
      timeout: 20_000,
    });
    // Time of several slider moves on a salvo of about 300 ballistic missiles plus drones and cruise:
    // Monte Carlo (the exact method does not apply: shared fighter channels, saturated tracks).
    const times: number[] = [];
    for (const v of [290, 295, 300, 305, 310]) {
      const prev = await page.locator('#engage-leakers').textContent();
      await page.locator('#salvo-ballistic').fill(String(v));
      await page.waitForFunction((p) => document.querySelector('#engage-leakers')?.textContent !== p, prev, {
        timeout: 20_000,
      });
      times.push(Number(await page.locator('#engage-ms').getAttribute('data-ms')));
    }
    console.log(
      `engagement explorer recompute, ~300 ballistic + 120 drones/cruise: ${times.map((t) => t.toFixed(1)).join(', ')} ms`,
    );
    // Exact where it applies: 300 ballistic missiles alone, with sensors that can track them all.
    await page.locator('#salvo-drone').fill('0');
    await page.locator('#salvo-cruise').fill('0');
    await page.locator('#tracks').fill('400');
    await page.locator('#salvo-ballistic').fill('300');
    await page.waitForFunction(
      () => document.querySelector('#engage-summary')?.textContent?.startsWith('Exact'),
      undefined,
      { timeout: 20_000 },
    );
    const exactTimes: number[] = [];
    for (const v of [295, 300, 305]) {
      const prev = await page.locator('#engage-leakers').textContent();
      await page.locator('#salvo-ballistic').fill(String(v));
      await page.waitForFunction((p) => document.querySelector('#engage-leakers')?.textContent !== p, prev, {
        timeout: 20_000,
      });
      exactTimes.push(Number(await page.locator('#engage-ms').getAttribute('data-ms')));
    }
    console.log(
      `engagement explorer exact recompute, 300 ballistic: ${exactTimes.map((t) => t.toFixed(1)).join(', ')} ms`,
    );
    await expect(
      page
        .locator('[data-chart="leaker-distribution"] figure > svg, [data-chart="leaker-distribution"] > div > svg')
        .count(),
    ).resolves.toBe(1);
    await expect(page.locator('[data-chart="layer-funnel"] figure > svg').count()).resolves.toBe(1);
    await page.click('#run-campaign');
    await page.waitForSelector('[data-chart="campaign-depletion"] svg', { timeout: 30_000 });
    await page.screenshot({ path: join(SHOTS, 'engagement.png'), fullPage: false });
  });

  it('shows a stored Morris analysis as a tornado', async () => {
    await page.click('#tab-sensitivity');
    await page.getByRole('button', { name: /^Experiment 1:/ }).click();
    await page.waitForSelector('[data-chart="tornado"] figure > svg');
    await expect(page.locator('[data-chart="tornado"]').textContent()).resolves.toMatch(/mediatorCommitment/);
  });

  it('shows a stored Sobol analysis with the noise column and the below-noise marking of truce sensitivity', async () => {
    await page.click('#tab-sensitivity');
    await page.getByRole('button', { name: /^Experiment 2:/ }).click();
    await page.waitForSelector('#sobol-table tbody tr');
    const stored = (await (await fetch(`${server.url}api/runs/2`)).json()) as {
      summary: {
        indices: Record<string, { STLo: number }>;
        noise: { paired: Record<string, number>; belowNoise: string[] };
      };
    };
    const { indices, noise } = stored.summary;
    await expect(page.locator('#sobol-table thead th').allTextContents()).resolves.toEqual([
      'factor',
      'S1 [95% CI]',
      'ST [95% CI]',
      'of ST, noise',
      'ST against noise',
    ]);
    // Six runs per point: sanctionsRelief's ST does not clear its noise (docs/analysis.md, "Sobol").
    expect(noise.belowNoise).toContain('sanctionsRelief');
    // The CLI's own table of the same stored analysis, row by row (wide, so no cell wraps).
    const cli = truce(['runs', 'show', '2', '--db', dbPath], { env: { COLUMNS: '400' } });
    expect(cli.code, cli.stderr).toBe(0);
    const cliRows = cli.stdout.split('\n').map((l) => l.trim().split(/\s{2,}/));
    for (const factor of Object.keys(indices)) {
      const row = page.locator(`#sobol-table tr[data-factor="${factor}"]`);
      const cells = (await row.locator('th, td').allTextContents()).map((c) => c.trim());
      const below = noise.belowNoise.includes(factor);
      expect(below).toBe(indices[factor].STLo <= noise.paired[factor]);
      expect(cells[3]).toBe(noise.paired[factor].toFixed(3));
      expect(cells[4]).toBe(below ? 'not distinguishable from no effect' : 'clears its noise');
      await expect(row.getAttribute('data-below-noise')).resolves.toBe(String(below));
      expect(cliRows).toContainEqual(cells);
    }
    const line = (await page.locator('#sobol-noise').textContent())!;
    expect(line).toMatch(/^Monte Carlo noise: each point's output is an estimate from 6 runs/);
    expect(line).toContain(`not distinguishable from no effect (${noise.belowNoise.join(', ')}).`);
    expect(cli.stdout.replace(/\s+/g, ' ')).toContain(line);
  });

  /** Record every progress value a job shows, from before the click until it finishes. */
  async function watchProgress(id: string): Promise<void> {
    await page.evaluate((sel) => {
      const w = window as unknown as { seen: number[] };
      w.seen = [];
      new MutationObserver(() => {
        const p = document.querySelector(sel) as HTMLProgressElement | null;
        if (p) w.seen.push(p.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    }, `#${id}`);
  }
  const seenProgress = () => page.evaluate(() => (window as unknown as { seen: number[] }).seen);

  it('runs a sensitivity analysis from the page, shows its progress, stores it and draws the tornado', async () => {
    await page.click('#tab-sensitivity');
    const storedBefore = await page.getByRole('button', { name: /^Experiment \d+:/ }).count();
    await page.fill('#sens-samples', '2');
    await page.fill('#sens-runs', '30');
    await page.fill('#sens-days', '90');
    await watchProgress('sensitivity-progress');
    await page.click('#run-sensitivity');
    await page.waitForSelector('#sensitivity-form:is([data-status="done"], [data-status="error"])', {
      timeout: 120_000,
    });
    await expect(page.locator('#sensitivity-form [role="alert"]').count()).resolves.toBe(0);
    expect((await seenProgress()).length).toBeGreaterThan(0);
    await page.waitForSelector('[data-chart="tornado"] figure > svg');
    await expect(page.locator('#sensitivity-head').textContent()).resolves.toMatch(
      /Scenario iran-israel, base framework transactional-freeze/,
    );
    // Ranked over each lever's range, with the ranges and units beside the chart.
    await expect(page.locator('#sensitivity-ranges').textContent()).resolves.toMatch(
      /Ranked by mu\* x range.*\[0, 1\]/,
    );
    await expect(page.locator('[data-chart="tornado"]').textContent()).resolves.toMatch(/mu\* x range/);
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('button').length > 0 &&
        [...document.querySelectorAll('button')].filter((b) => /^Experiment \d+:/.test(b.textContent ?? '')).length > n,
      storedBefore,
      { timeout: 20_000 },
    );
    const runs = (await (await fetch(`${server.url}api/runs`)).json()) as {
      kind: string;
      params: { source?: string; levers?: string[] };
    }[];
    const mine = runs.filter((r) => r.kind === 'sensitivity' && r.params.source === 'dashboard');
    expect(mine).toHaveLength(1);
    expect(mine[0].params.levers).toEqual(['verification', 'faceSaving', 'mediatorCommitment']);
  });

  it('runs a sweep from the page, shows its progress and stores every point', async () => {
    await page.click('#tab-sweep');
    await page.fill('#sweep-points', '4');
    await page.fill('#sweep-runs', '30');
    await page.fill('#sweep-days', '90');
    await watchProgress('sweep-progress');
    await page.click('#run-sweep');
    await page.waitForSelector('#sweep-form:is([data-status="done"], [data-status="error"])', { timeout: 120_000 });
    await expect(page.locator('#sweep-form [role="alert"]').count()).resolves.toBe(0);
    expect((await seenProgress()).length).toBeGreaterThan(0);
    await expect(page.locator('#sweep-table tbody tr').count()).resolves.toBe(4);
    // What was swept comes first: the base framework and the model (as written by default: not the headline's).
    await expect(page.locator('#sweep-head').textContent()).resolves.toMatch(/base framework transactional-freeze/);
    await expect(page.locator('#sweep-head').textContent()).resolves.toMatch(/Global parameters: none .*judged model/);
    await expect(page.locator('[data-chart="sweep"] svg').count()).resolves.toBeGreaterThan(0);
    const id = Number(/experiment (\d+)/.exec((await page.locator('#sweep-summary').textContent()) ?? '')?.[1]);
    const stored = (await (await fetch(`${server.url}api/runs/${id}`)).json()) as {
      kind: string;
      status: string;
      points: unknown[];
    };
    expect(stored).toMatchObject({ kind: 'sweep', status: 'complete' });
    expect(stored.points).toHaveLength(4);
    sweepId = id;
    await page.locator('#sweep-per-run a[data-format="csv"]').waitFor();
    await page.screenshot({ path: join(SHOTS, 'sweep.png'), fullPage: false });
  });

  it("downloads the sweep's per-run rows from its result view, named after the experiment: a header and one row per run", async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('#sweep-per-run a[data-format="csv"]').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`truce-sweep-${sweepId}-iran-israel-per-run.csv`);
    const lines = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\n');
    expect(lines[0]).toMatch(/^experiment,run,arm,point,framework,lever_verification,/);
    expect(lines).toHaveLength(1 + 4 * 30);
    expect(new Set(lines.slice(1).map((l) => l.split(',')[3]))).toEqual(new Set(['0', '1', '2', '3']));
    sweepCsv = lines;
  });

  it('scores the fitted model against the record from the page, with the numbers truce validate gives', async () => {
    await page.click('#tab-record');
    await page.fill('#validation-runs', '3');
    await page.click('#run-validation');
    await page.waitForSelector('#validation-form:is([data-status="done"], [data-status="error"])', {
      timeout: 120_000,
    });
    await expect(page.locator('#validation-form [role="alert"]').count()).resolves.toBe(0);
    const cli = truce(['validate', '--runs', '3', '--seed', '1', '--json']);
    expect(cli.code, cli.stderr).toBe(0);
    const parsed = JSON.parse(cli.stdout) as {
      inSample: boolean;
      scoresAre: string;
      scores: {
        horizon: number;
        model: { brier: number };
        baseRate: { brier: number };
        baseRateInSample: { brier: number };
      }[];
    };
    const scores = parsed.scores;
    // In-sample folds are said so on the page, as in truce validate's header (audit6b A1, D3).
    await expect(page.locator('#validation-kind').getAttribute('data-in-sample')).resolves.toBe(
      String(parsed.inSample),
    );
    if (parsed.inSample)
      await expect(page.locator('#validation-kind').textContent()).resolves.toMatch(/effectively in-sample scores/);
    const rows = await page.locator('#validation-table tbody tr').allTextContents();
    expect(rows).toHaveLength(scores.length);
    scores.forEach((s, i) => {
      expect(rows[i]).toContain(`${s.horizon} days`);
      expect(rows[i]).toContain(s.model.brier.toFixed(3));
    });
    // Both kinds of base rate are shown, each labelled, with the values truce validate gives (review L1).
    const heads = await page.locator('#validation-table thead th').allTextContents();
    expect(heads).toContain('base rate (held out)');
    expect(heads).toContain('base rate (in-sample)');
    const col = heads.indexOf('base rate (in-sample)');
    const cells = await page.locator(`#validation-table tbody tr :nth-child(${col + 1})`).allTextContents();
    expect(cells).toEqual(scores.map((s) => s.baseRateInSample.brier.toFixed(3)));
    await expect(page.locator('#validation-kind').getAttribute('data-scores-are')).resolves.toBe(parsed.scoresAre);
    await expect(page.locator('[data-chart="reliability"] svg').count()).resolves.toBeGreaterThan(0);
  });

  it('lists stored runs, which include the comparisons run from the page, with what each varied', async () => {
    await page.click('#tab-stored-runs');
    await page.waitForSelector('#stored-table tbody tr');
    await expect(page.locator('#stored-table tbody tr').count()).resolves.toBeGreaterThanOrEqual(2);
    // The comparison run with the verification lever moved says so, as `truce runs list` does.
    const varied = await page.locator('#stored-table td.varied').allTextContents();
    expect(varied.some((v) => /frameworks transactional-freeze, structural-architecture/.test(v))).toBe(true);
    expect(varied.some((v) => /set verification=/.test(v))).toBe(true);
    expect(varied.every((v) => /posterior /.test(v))).toBe(true);
    // Comparisons keep their per-run rows; the sweep run from the page is listed with its own, the same file.
    await expect(page.locator('#stored-table a[data-format="csv"]').count()).resolves.toBeGreaterThanOrEqual(2);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator(`#stored-sweeps tr[data-experiment="${sweepId}"] a[data-format="csv"]`).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`truce-sweep-${sweepId}-iran-israel-per-run.csv`);
    expect(
      readFileSync((await download.path())!, 'utf8')
        .trimEnd()
        .split('\n'),
    ).toEqual(sweepCsv);
  });

  it('warns, and still runs, when a value lies outside its documented range', async () => {
    const text = await page.locator('#yaml-editor').inputValue();
    await page.locator('#yaml-editor').fill(text.replace(/depletionWeight: 1 /, 'depletionWeight: 0 '));
    const warnings = page.getByTestId('yaml-range-warnings');
    await warnings.waitFor({ timeout: 10_000 });
    await expect(warnings.textContent()).resolves.toMatch(/actors\.israel\.preemption\.depletionWeight/);
    await expect(page.locator('#run-compare').isDisabled()).resolves.toBe(false);
    await page.locator('#yaml-editor').fill(text);
    await page.getByTestId('yaml-range-warnings').waitFor({ state: 'detached', timeout: 10_000 });
  });

  it("keeps the range warnings with a comparison it runs and with a stored run's view, worded as truce runs show", async () => {
    const text = await page.locator('#yaml-editor').inputValue();
    const runs = await page.locator('#runs').inputValue();
    // An in-range comparison stored earlier (from the page): no warning block when it is opened.
    await page.click('#tab-stored-runs');
    await page.waitForSelector('#stored-table tbody tr');
    const earlier = Number(await page.locator('#stored-table tbody tr').first().getAttribute('data-experiment'));
    await page.click('#tab-compare');
    await page.locator('#yaml-editor').fill(text.replace(/depletionWeight: 1 /, 'depletionWeight: 0 '));
    await page.getByTestId('yaml-range-warnings').waitFor({ timeout: 10_000 });
    const sentence = (await page.getByTestId('yaml-range-warnings').locator('li').first().textContent())!.replace(
      /^Warning: /,
      '',
    );
    expect(sentence).toMatch(/actors\.israel\.preemption\.depletionWeight: 0 is outside its documented range/);
    try {
      await page.fill('#runs', '40');
      await runComparison();
      const block = page.locator('#scenario-warnings');
      await block.waitFor({ timeout: 10_000 });
      const expected = [
        'Scenario warnings (the scenario had values outside their documented ranges):',
        `warning: ${sentence}`,
      ];
      const shown = async () => [
        (await block.locator('p').textContent())!,
        ...(await block.locator('li').allTextContents()),
      ];
      await expect(shown()).resolves.toEqual(expected);
      const id = Number(
        /stored as experiment (\d+)/.exec((await page.locator('[role="tabpanel"]').textContent())!)?.[1],
      );
      expect(id).toBeGreaterThan(0);
      // The same words as the CLI prints for the stored record.
      const cli = truce(['runs', 'show', String(id), '--db', dbPath]);
      expect(cli.stdout).toContain(
        `\nscenario warnings (the scenario had values outside their documented ranges):\n  warning: ${sentence}\n`,
      );
      // Opened again from the stored runs: the block is shown with it; an in-range one opened after: none.
      await page.click('#tab-stored-runs');
      await page.locator(`#stored-table tr[data-experiment="${id}"] button`).click();
      await page.locator('#compare-table').waitFor();
      await block.waitFor({ timeout: 10_000 });
      await expect(shown()).resolves.toEqual(expected);
      await page.click('#tab-stored-runs');
      await page.locator(`#stored-table tr[data-experiment="${earlier}"] button`).click();
      await page.locator('#scenario-warnings').waitFor({ state: 'detached', timeout: 10_000 });
      // The block goes with the view as the earlier record loads: wait for its table, then look again.
      await page.locator('#compare-table').waitFor({ timeout: 10_000 });
      await expect(page.locator('#compare-table').count()).resolves.toBe(1);
      await expect(page.locator('#scenario-warnings').count()).resolves.toBe(0);
      // A stored sensitivity analysis of a scenario file with the same value, opened in its tab: its warning too.
      const file = join(mkdtempSync(join(tmpdir(), 'truce-e2e-dep0-')), 'dep0.yaml');
      writeFileSync(file, text.replace(/depletionWeight: 1 /, 'depletionWeight: 0 '));
      const sens = truce([
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
        '--workers',
        '1',
        '--db',
        dbPath,
        '--json',
      ]);
      expect(sens.code, sens.stderr).toBe(0);
      const stored = JSON.parse(sens.stdout) as { experimentId: number; scenarioWarnings: string[] };
      expect(stored.scenarioWarnings).toHaveLength(1);
      await page.click('#tab-sensitivity');
      await page.getByRole('button', { name: new RegExp(`^Experiment ${stored.experimentId}:`) }).click();
      const sensBlock = page.locator('#sensitivity-scenario-warnings');
      await sensBlock.waitFor({ timeout: 10_000 });
      await expect(sensBlock.locator('li').allTextContents()).resolves.toEqual([
        `warning: ${stored.scenarioWarnings[0]}`,
      ]);
      await page.click('#tab-compare');
    } finally {
      await page.fill('#runs', runs);
      await page.locator('#yaml-editor').fill(text);
      await page.getByTestId('yaml-range-warnings').waitFor({ state: 'detached', timeout: 10_000 });
    }
  });

  it('shows a YAML error inline with its path and line', async () => {
    const text = await page.locator('#yaml-editor').inputValue();
    await page.locator('#yaml-editor').fill(text.replace(/specificity: 0\.2 /, 'specificity: 2.5 '));
    const errors = page.getByTestId('yaml-errors');
    await errors.waitFor({ timeout: 10_000 });
    await expect(errors.textContent()).resolves.toMatch(
      /line \d+: agreement\.specificity: expected a probability in \[0, 1\], got 2\.5/,
    );
    await expect(page.locator('#run-compare').isDisabled()).resolves.toBe(true);
    // Line numbers: the gutter numbers every line, and marks the line the error points at.
    const line = Number(/line (\d+)/.exec((await errors.textContent())!)![1]);
    await expect(page.getByTestId('yaml-gutter').locator('span').count()).resolves.toBe(text.split('\n').length);
    await expect(
      page.locator(`[data-testid="yaml-gutter"] span[data-line="${line}"]`).getAttribute('class'),
    ).resolves.toBe('bad');
    // The lever panel stays usable from the last valid state, marked stale.
    await page.locator('#levers-stale').waitFor();
    await page.locator('#lever-faceSaving').fill('0.7');
    await expect(page.getByTestId('lever-value-faceSaving').textContent()).resolves.toBe('0.7');
    await page.screenshot({ path: join(SHOTS, 'yaml-error.png'), fullPage: false });
    // Save: the edited text, as it stands, downloads as a YAML file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-yaml')]);
    expect(readFileSync((await download.path())!, 'utf8')).toBe(await page.locator('#yaml-editor').inputValue());
  });
});

describe('the dashboard after uploading another scenario', () => {
  it('names the uploaded scenario, resets the run-story framework to one of its own, and resolves its profile file path', async () => {
    await page.goto(server.url);
    await page.getByText('Scenario iran-israel is valid.').waitFor({ timeout: 20_000 });
    await page.click('#tab-run-story');
    await expect(page.locator('#story-framework').inputValue()).resolves.toBe('transactional-freeze');
    // Another scenario: other framework names, and a defence profile given as a file path beside it.
    const dir = mkdtempSync(join(tmpdir(), 'truce-upload-'));
    const yaml = readFileSync(join(ROOT, 'scenarios', 'iran-israel.yaml'), 'utf8')
      .replace(/^name: .*$/m, 'name: other-ceasefire')
      .replace(/transactional-freeze/g, 'baseline')
      .replace(/structural-architecture/g, 'monitored')
      .replace(/profile: *israel-2024/, 'profile: ./myprof.yaml');
    writeFileSync(join(dir, 'other.yaml'), yaml);
    writeFileSync(
      join(dir, 'myprof.yaml'),
      readFileSync(join(ROOT, 'scenarios', 'defense', 'israel-2024.yaml'), 'utf8'),
    );
    await page.setInputFiles('#upload', [join(dir, 'other.yaml'), join(dir, 'myprof.yaml')]);
    await page.getByText('Scenario other-ceasefire is valid.').waitFor({ timeout: 20_000 });
    await expect(page.locator('#scenario-select option:checked').textContent()).resolves.toBe('other.yaml (uploaded)');
    await expect(page.locator('#story-framework').inputValue()).resolves.toBe('baseline');
    await page.click('#run-story');
    await page.waitForSelector('#story-outcome');
    await expect(page.locator('[role="tabpanel"] .error').count()).resolves.toBe(0);
  });

  it('an empty "runs per arm" gets a sentence; a running job shows rate and time left at the top of the main pane and can be cancelled', async () => {
    await page.click('#tab-compare');
    await page.fill('#runs', '');
    await expect(page.locator('#runs-hint').textContent()).resolves.toBe(
      'Enter the number of runs per arm: a whole number from 1 to 200,000.',
    );
    await expect(page.locator('#run-compare').isDisabled()).resolves.toBe(true);
    await page.fill('#runs', '200000');
    await page.click('#run-compare');
    await page.waitForFunction(
      () => /runs\/s, about/.test(document.querySelector('#job-rate')?.textContent ?? ''),
      undefined,
      { timeout: 60_000 },
    );
    const box = (await page.locator('#job-banner').boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(1000);
    await expect(page.locator('#job-banner').textContent()).resolves.toMatch(
      /A comparison is running: .* of 400,000 runs/,
    );
    await page.click('#cancel-job');
    await page.getByText('The comparison was cancelled; nothing was stored.').waitFor({ timeout: 10_000 });
    await expect(page.locator('#run-compare').isDisabled()).resolves.toBe(false);
  });

  it('prints log-rank p as the CLI does', async () => {
    await page.goto(server.url);
    await page.getByText('Scenario iran-israel is valid.').waitFor({ timeout: 20_000 });
    await page.fill('#runs', '300');
    await runComparison();
    const text = (await page.locator('[role="tabpanel"]').textContent())!;
    const ps = [...text.matchAll(/log-rank p ([^.]+(?:\.\d+)?(?:e-\d+)?)\. /g)].map((m) => m[1]);
    expect(ps.length).toBeGreaterThan(0);
    // The CLI's rule (src/charts/format.ts): below 1e-16 unresolved, below 1e-4 scientific, else four decimals; never "0.0e+0" or "5.2e-1".
    for (const p of ps) expect(p).toMatch(/^(< 1e-16|\d\.\de-([5-9]|1[0-6])|[01]\.\d{4})$/);
  });

  it('the engagement explorer starts from a 2024 case with its reliabilities, and runs the chosen campaign file', async () => {
    await page.click('#tab-engagement');
    await page.waitForSelector('#preset-select option[value="2024-04-13"]', { state: 'attached' });
    await page.selectOption('#preset-select', '2024-04-13');
    await page.waitForFunction(
      () => (document.querySelector('#salvo-ballistic') as HTMLInputElement | null)?.value === '110',
      undefined,
      { timeout: 10_000 },
    );
    await expect(page.getByTestId('reliability-ballistic-value').textContent()).resolves.toBe('0.5');
    await expect(page.locator('#explorer-source').textContent()).resolves.toContain(
      'scenarios/history/2024-04-13.yaml',
    );
    await expect(page.locator('#campaign-select').inputValue()).resolves.toBe('twelve-day-war');
    await page.click('#run-campaign');
    await page.waitForSelector('[data-chart="campaign-depletion"] svg', { timeout: 30_000 });
    // Shares of each layer's starting stock by default; one panel per layer on request.
    await expect(page.locator('[data-chart="campaign-depletion"]').textContent()).resolves.toContain(
      'share of starting stock left',
    );
    await page.selectOption('#depletion-mode', 'panels');
    await page.waitForFunction(
      () =>
        document.querySelectorAll(
          '[data-chart="campaign-depletion"] figure figure, [data-chart="campaign-depletion"] figure > svg',
        ).length > 1,
      undefined,
      { timeout: 10_000 },
    );
  });
});

describe('the engagement explorer notes', () => {
  /** The explorer's file with a heavier first wave: early drones and cruise missiles use up layers' channels. */
  const heavy = (extra = '', ownLayers = false) => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-notes-'));
    const file = join(dir, 'heavy.yaml');
    const text = readFileSync(join(ROOT, 'scenarios', 'engagement', 'explorer.yaml'), 'utf8').replace(
      /^salvo: .*$/m,
      'salvo: { drone: 400, cruise: 100, ballistic: 180 }',
    );
    writeFileSync(file, (ownLayers ? text.replace(/^defense: .*$/m, '') : text) + extra);
    // The explorer's worker runs the same analysis as `truce engage` (4,000 samples, seed 1): the same notes.
    const cli = truce(['engage', file, '--json', '--samples', '4000', '--seed', '1']);
    expect(cli.code, cli.stderr).toBe(0);
    return { file, notes: (JSON.parse(cli.stdout) as { notes: string[] }).notes };
  };
  /** The threat types in the explorer's arrival-order control, first to last. */
  const arrivalOrder = () =>
    page.locator('#arrival-order li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-type')));
  const shown = async (n: number) => {
    await page.waitForFunction((k) => document.querySelectorAll('#engage-notes li').length === k, n, {
      timeout: 20_000,
    });
    return page.locator('#engage-notes li').allTextContents();
  };

  it('shows the note of each layer whose channels early arrivals used up, as truce engage prints them', async () => {
    await page.click('#tab-engagement');
    await page.waitForSelector('#preset-select option[value="explorer"]', { state: 'attached' });
    await page.selectOption('#preset-select', 'explorer');
    await page.waitForSelector('#engage-ms');
    const plain = heavy();
    expect(plain.notes.length).toBeGreaterThan(1);
    await page.locator('#salvo-drone').fill('400');
    await page.locator('#salvo-cruise').fill('100');
    expect(await shown(plain.notes.length)).toEqual(plain.notes.map((n) => `note: ${n}`));
    // The file's arrivalOrder reaches the explorer: cruise missiles first, the fighters kill them, fewer notes.
    const reordered = heavy('arrivalOrder: [cruise, drone, ballistic]\n');
    expect(reordered.notes.length).toBeGreaterThan(0);
    expect(reordered.notes.length).toBeLessThan(plain.notes.length);
    await page.setInputFiles('#engagement-upload', reordered.file);
    expect(await shown(reordered.notes.length)).toEqual(reordered.notes.map((n) => `note: ${n}`));
    // The arrival-order control shows the uploaded file's order.
    await page.waitForFunction(
      () => document.querySelector('#arrival-order li')?.getAttribute('data-type') === 'cruise',
    );
    expect(await arrivalOrder()).toEqual(['cruise', 'drone', 'ballistic']);
  });

  it("changes the arrival order and a layer's engages in place, as an engagement file changes truce engage", async () => {
    await page.selectOption('#preset-select', 'explorer');
    // explorer.yaml gives no arrivalOrder: the control shows the engine's default order for its types.
    await page.waitForFunction(
      () => document.querySelector('#arrival-order li')?.getAttribute('data-type') === 'drone',
    );
    expect(await arrivalOrder()).toEqual(['drone', 'cruise', 'ballistic']);
    // Loading the preset set the profile's stocks and track capacity again (an earlier test moved the sliders).
    expect(await page.getByTestId('stock-value').textContent()).toBe('1');
    expect(await page.getByTestId('tracks-value').textContent()).toBe('200');
    await page.locator('#salvo-drone').fill('400');
    await page.locator('#salvo-cruise').fill('100');
    const cli = (file: string) => {
      const r = truce(['engage', file, '--json', '--samples', '4000', '--seed', '1']);
      expect(r.code, r.stderr).toBe(0);
      const j = JSON.parse(r.stdout) as { notes: string[]; leakers: { mean: number } };
      return { notes: j.notes, leakers: j.leakers.mean.toFixed(2) };
    };
    const showsCli = async (want: { notes: string[]; leakers: string }) => {
      await page.waitForFunction((v) => document.querySelector('#engage-leakers')?.textContent === v, want.leakers, {
        timeout: 20_000,
      });
      expect(await page.locator('#engage-notes li').allTextContents()).toEqual(want.notes.map((n) => `note: ${n}`));
    };
    // Cruise missiles first, with the keyboard: focus "move drone later" and press Enter.
    await page.focus('#order-later-drone');
    await page.keyboard.press('Enter');
    expect(await arrivalOrder()).toEqual(['cruise', 'drone', 'ballistic']);
    const reordered = cli(heavy('arrivalOrder: [cruise, drone, ballistic]\n').file);
    expect(reordered.notes.length).toBeGreaterThan(0);
    await showsCli(reordered);
    // The note's other advice: leave drone out of David's Sling's engages. The equivalent file lists the
    // profile's layers with that one change (a file gives either defense: or layers:).
    await page.uncheck('#engages-davids-sling-drone');
    const profile = parseYaml(readFileSync(join(ROOT, 'scenarios', 'defense', 'israel-2024.yaml'), 'utf8')) as {
      trackCapacity: number;
      saturationPKillFactor: number;
      layers: { name: string; engages: Record<string, number> }[];
    };
    const layers = profile.layers.map((l) =>
      l.name === 'davids-sling' ? { ...l, engages: { ...l.engages, drone: undefined } } : l,
    );
    const withheld = heavy(
      'arrivalOrder: [cruise, drone, ballistic]\n' +
        `trackCapacity: ${profile.trackCapacity}\nsaturationPKillFactor: ${profile.saturationPKillFactor}\n` +
        `layers: ${JSON.stringify(layers)}\n`,
      true,
    );
    const unchecked = cli(withheld.file);
    expect(unchecked.leakers).not.toBe(reordered.leakers);
    await showsCli(unchecked);
    // The explorer's own file (shown under the charts) gives truce engage the same numbers.
    const dir = mkdtempSync(join(tmpdir(), 'truce-explorer-file-'));
    const own = (await page.locator('#engagement-yaml').textContent()) ?? '';
    expect(own).toContain('# Changed from the israel-2024 profile: davids-sling no longer engages drone.');
    writeFileSync(join(dir, 'explorer.yaml'), own);
    expect(cli(join(dir, 'explorer.yaml'))).toEqual(unchecked);
    // Checked again, it is the reordered file once more.
    await page.check('#engages-davids-sling-drone');
    await showsCli(reordered);
  });

  it("keeps an uploaded file's warningMinutes: the expected leakers are truce engage's", async () => {
    // 20 minutes of warning: the fighters (120 min) and the 30-minute layer engage in proportion, so more leak.
    const dir = mkdtempSync(join(tmpdir(), 'truce-warning-'));
    const file = join(dir, 'short-warning.yaml');
    writeFileSync(
      file,
      readFileSync(join(ROOT, 'scenarios', 'engagement', 'explorer.yaml'), 'utf8') + 'warningMinutes: 20\n',
    );
    const run = (f: string) => {
      const r = truce(['engage', f, '--json', '--samples', '4000', '--seed', '1']);
      expect(r.code, r.stderr).toBe(0);
      return (JSON.parse(r.stdout) as { leakers: { mean: number } }).leakers.mean.toFixed(2);
    };
    const short = run(file);
    expect(short).not.toBe(run(join(ROOT, 'scenarios', 'engagement', 'explorer.yaml')));
    await page.setInputFiles('#engagement-upload', file);
    await page.waitForFunction((v) => document.querySelector('#engage-leakers')?.textContent === v, short, {
      timeout: 20_000,
    });
  });
});

describe('screenshots', () => {
  it.skipIf(process.env.TRUCE_SCREENSHOTS)(
    'a normal test run leaves the tracked docs/screenshots untouched (npm run screenshots rewrites them)',
    () => {
      expect(readdirSync(SHOTS).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(5);
      expect(shotStamps()).toEqual(stampsBefore);
    },
  );
});
