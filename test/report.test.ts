/** `truce report`: one self-contained HTML file with the headline, charts, methods and assumptions. */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { parse } from 'yaml';
import { getPath } from '../src/core/scenario/paths.js';
import { taggedAssumptions } from '../src/report/assumptions.js';
import { ROOT, truce } from './helpers/cli.js';

const CHROMIUM = '/usr/bin/chromium';

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : /\.ya?ml$/.test(f) ? [p] : [];
  });
}

describe('truce report', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'truce-report-')), 'r.html');
  const r = truce(['report', '--runs', '300', '--seed', '5', '--out', out, '--no-store']);
  const html = readFileSync(out, 'utf8');

  it('writes the report and prints the headline table', () => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/P\(collapse by day d\)/);
  });
  it('is self-contained: no external scripts, styles, images or fonts', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<link/i);
    expect(html).not.toMatch(/\s(src|href)=["']?https?:/i);
    expect(html).not.toMatch(/@import|url\(\s*["']?https?:/i);
  });
  it('has the question, scenario and levers, headline, charts, attribution, methods and assumptions with sources', () => {
    for (const h of [
      'The question',
      'The scenario and levers',
      'Headline',
      'Who breaks it, and why',
      'Methods',
      'Assumptions and sources',
    ])
      expect(html).toContain(h);
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('seed 5');
    expect(html).toMatch(/SHA-256 <code>[0-9a-f]{64}<\/code>/);
    expect(html).toContain('truce 0.1.0');
    expect(html).toContain('Iranian launchers ~360 before June 2025');
    expect(html).toMatch(/<code>actors\.iran\.arsenal\.launchers<\/code><\/td><td class="value">200<\/td><td>\[A\/J\]/);
  });
  it('names its intervals Monte Carlo, says what the posterior carries to each arm, and claims no parameter uncertainty', () => {
    expect(html).toMatch(/<caption>P\(collapse by day d\), Monte Carlo 95% interval \(Wilson\) over the runs/);
    expect(html).toMatch(/<li>transactional-freeze: unagreedUnwritten -&gt; agreement\.termsUnagreed/);
    expect(html).toMatch(
      /<li>structural-architecture: carries no parameter of the posterior; runs the scenario as written/,
    );
    expect(html).toMatch(/truce ablate/);
    expect(html).not.toMatch(/include parameter uncertainty/);
    expect(html).not.toMatch(/class="warning"/);
  });
  it("has no table of the defender side's own fire: the built-in defender has no arsenal and every proxy attacks it", () => {
    expect(html).toContain('<h2>The opening exchange and its cost</h2>');
    expect(html).not.toContain("The defender side's own fire");
  });
  it("shows what differs between the arms beyond the levers: the frameworks' set paths and the drawn parameter", () => {
    const table = html.slice(html.indexOf('<table id="arm-differences">'));
    const rows = table.slice(0, table.indexOf('</table>'));
    // The freeze sets sanctionsPerEnforcement to the value both arms have: named apart, not shown as a difference.
    expect(rows).not.toMatch(/sanctionsPerEnforcement/);
    expect(html).toMatch(
      /<p id="arm-no-differences">Also set by a framework, to the value every arm has \(no difference\): <code>actors\.us\.sanctionsPerEnforcement<\/code> 0\.05\.<\/p>/,
    );
    expect(rows).toMatch(
      /<code>agreement\.termsUnagreed<\/code><\/th><td>[0-9.]+ \[[0-9.]+, [0-9.]+\], posterior unagreedUnwritten/,
    );
    expect(rows).toMatch(/<td>0\.05 as written<\/td>/);
  });
  it('says the story run uses the scenario as written, not the posterior draws the headline used', () => {
    expect(html).toMatch(
      /It runs the scenario as written, as <code>truce run<\/code> does, not with the posterior's draws: agreement\.termsUnagreed 0\.05 here, median [0-9.]+ in the headline's runs\./,
    );
  });
  it('calls the attribution categories the seven pillars, three of the essay and four mechanisms', () => {
    expect(html).toMatch(
      /each of the seven pillars, the essay's three pillars of fragility and four further mechanisms/,
    );
  });
  it('labels the Kaplan-Meier median as a survival time, not a "median day"', () => {
    expect(html).toContain('<th scope="col">median survival (days)</th>');
    expect(html).not.toMatch(/median day/i);
  });
  it('the assumptions table keeps full paths where a key sits on a line of its own (the regex parser lost them)', () => {
    for (const path of [
      'actors.israel.activities.limited-strike',
      'actors.israel.redlines.limited-strike',
      'actions.limited-strike',
      'agreement.agreedReadings.targeted-operation',
    ])
      expect(html).toContain(`<code>${path}</code>`);
    expect(html).not.toContain('<code>actors.israel.limited-strike</code>');
  });
  it('draws one "why": the causal chart, not the descriptive one, and labels who crossed first as a share of collapses', () => {
    const figures = html.split('<figure>').slice(1);
    expect(figures.find((f) => f.includes('Why (causal)'))).toContain('mean causal share (replayed collapses)');
    expect(figures.some((f) => f.includes('mean share of the EU change'))).toBe(false);
    expect(html).toContain('not which caused the collapse');
    const first = figures.find((f) => f.includes('Who crossed first'));
    expect(first).toContain('share of collapses');
  });
  it('the causal chart and the table of "why" both state n, and the old "pre-emptive" column is relabelled', () => {
    const figures = html.split('<figure>').slice(1);
    const causal = figures.find((f) => f.includes('Why (causal)'));
    expect(causal, 'the causal chart').toBeDefined();
    const table = html.slice(html.indexOf('<h2>Who breaks it, and why</h2>'));
    expect(table).toMatch(
      /<th scope="col">why \(causal share\)<\/th><th scope="col">replayed \(n\)<\/th><th scope="col">defender struck first<\/th>/,
    );
    expect(html).not.toContain('<th scope="col">pre-emptive</th>');
    // Each arm's n: in the chart's title and in the table's row.
    const ns = [...causal!.matchAll(/([\w-]+) n = (\d+)/g)].map((m) => [m[1], m[2]]);
    expect(ns.length).toBe(2);
    for (const [arm, n] of ns)
      expect(table).toMatch(new RegExp(`<th scope="row">${arm}</th><td>[^<]*</td><td>[^<]*</td><td>n = ${n}\\b`));
  });
  it("shows the opening exchange's interceptors and costs over collapsed runs, apart from whole runs", () => {
    const section = html.slice(html.indexOf('<h2>The opening exchange and its cost</h2>'));
    expect(section).toMatch(
      /over collapsed runs, and whole runs, what the revisionist and its proxies fired at it, over all runs \(the defender side's own fire, an armed defender's and its proxies': per-run opening_strike_\*, defender_strikes_\*\)/,
    );
    for (const col of [
      'collapsed runs',
      'opening interceptors',
      'opening defender cost',
      'interceptors per run, mean (all runs)',
    ])
      expect(section).toContain(`<th scope="col">${col}</th>`);
    const row = section.match(
      /<th scope="row">transactional-freeze<\/th><td>(\d+)<\/td><td>[^]*?<\/td><td>(\d+) <small>/,
    )!;
    expect(Number(row[1])).toBeGreaterThan(0);
    // A saturation wave needs far more than a handful of interceptors.
    expect(Number(row[2])).toBeGreaterThan(50);
  });
  it('names the shipped scenario from the repository root and prints no absolute local path', () => {
    expect(html).toContain('<code>scenarios/iran-israel.yaml</code>');
    expect(html).not.toContain(ROOT);
    expect(html).not.toContain(tmpdir());
  });
  it('cites only files that are in the repository', () => {
    const cited = new Set(
      [...html.matchAll(/\b(?:docs|scenarios|data|schema|src|bench|scripts)\/[\w./-]*[\w/]/g)].map((m) => m[0]),
    );
    expect(cited.size).toBeGreaterThan(3);
    for (const path of cited) expect(existsSync(join(ROOT, path)), `${path} is cited by the report`).toBe(true);
  });
  it('has print CSS: A4 pages, tables and charts not split, headings kept with what follows, charts fit the page', () => {
    expect(html).toMatch(/@page\{size:A4/);
    const print = html.slice(html.indexOf('@media print'));
    expect(print).toMatch(/table,figure[^{]*\{break-inside:avoid/);
    expect(print).toMatch(/h1,h2,h3,caption\{break-after:avoid/);
    expect(print).toMatch(/figure svg\{max-width:100%;height:auto/);
  });
  it('prints on A4 in at most 12 pages, in a real browser (Chromium)', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (.ci/run does)`);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${out}`);
      const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
      const pages = (pdf.match(/\/Type\s*\/Page\b(?!s)/g) ?? []).length;
      console.log(`report printed on A4: ${pages} pages`);
      expect(pages).toBeGreaterThan(3);
      expect(pages).toBeLessThanOrEqual(12);
      // Nothing wider than the printed page: every chart is scaled to the text width.
      await page.emulateMedia({ media: 'print' });
      await page.setViewportSize({ width: 703, height: 1000 });
      const wide = await page.evaluate(() =>
        [...document.querySelectorAll('figure > figure > svg, table')]
          .filter((e) => e.getBoundingClientRect().width > document.body.clientWidth + 1)
          .map((e) => e.outerHTML.slice(0, 60)),
      );
      expect(wide).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('a scenario given by an absolute path is named by its file name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'truce-report-abs-'));
    copyFileSync(join(ROOT, 'scenarios', 'iran-israel.yaml'), join(dir, 'my-ceasefire.yaml'));
    const abs = join(dir, 'out.html');
    const a = truce([
      'report',
      join(dir, 'my-ceasefire.yaml'),
      '--runs',
      '20',
      '--days',
      '60',
      '--out',
      abs,
      '--no-store',
    ]);
    expect(a.code, a.stderr).toBe(0);
    const text = readFileSync(abs, 'utf8');
    expect(text).toContain('<code>my-ceasefire.yaml</code>');
    expect(text).not.toContain(dir);
  });
});

describe('truce report on a scenario whose defender side fires', () => {
  // An armed defender and a defender's proxy that attacks (test/fixtures/multi-adversary/ip-proxies.yaml). The report
  // once built its own table of that fire; it now shows the tables truce compare prints, from their one builder
  // (src/charts/defender-strikes-table.ts), with the numbers the comparison stores (compare --json).
  const arms = ['hotline-pause', 'monitored-loc'];
  const args = [join(ROOT, 'test', 'fixtures', 'multi-adversary', 'ip-proxies.yaml'), '--frameworks', arms.join(',')];
  const common = ['--runs', '200', '--seed', '1', '--no-store'];
  const out = join(mkdtempSync(join(tmpdir(), 'truce-report-strikes-')), 'r.html');
  const r = truce(['report', ...args, ...common, '--out', out]);
  const json = truce(['compare', ...args, ...common, '--json']);

  it('shows the two tables truce compare prints: captions, headers and every cell the same', () => {
    expect(r.code, r.stderr).toBe(0);
    const { document } = parseHTML(readFileSync(out, 'utf8'));
    const lines = r.stdout.split('\n');
    /** A table truce printed under its caption: the caption, header and one row of cells per arm. */
    const printed = (caption: RegExp) => {
      const at = lines.findIndex((l) => caption.test(l));
      expect(at, `${caption} in truce's text`).toBeGreaterThan(0);
      const cells = (l: string) => l.trim().split(/\s{2,}/);
      return {
        caption: lines[at].replace(/:$/, ''),
        header: cells(lines[at + 1]),
        rows: arms.map((_, i) => cells(lines[at + 3 + i])),
      };
    };
    const shown = (id: string) => {
      const t = document.querySelector(`#${id}`)!;
      expect(t, `#${id} in the report`).not.toBeNull();
      return {
        caption: t.querySelector('caption')!.textContent,
        header: [...t.querySelectorAll('thead th')].map((c) => c.textContent),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => [...tr.children].map((c) => c.textContent)),
      };
    };
    const whole = printed(/^The defender side's own fire at its adversaries/);
    const opening = printed(/^The defender's pre-emptive strike in the opening exchange/);
    expect(shown('defender-strikes')).toEqual(whole);
    expect(shown('defender-opening-strikes')).toEqual(opening);
    // Only those two: the report's own table of that fire is gone.
    const captions = [...document.querySelectorAll('caption')].map((c) => c.textContent ?? '');
    expect(captions.filter((c) => /^The defender('s| side's own fire)/.test(c))).toEqual([
      whole.caption,
      opening.caption,
    ]);
  });

  it('with the numbers the comparison stores: runs fired in, means of the whole run, opening strikes', () => {
    expect(json.code, json.stderr).toBe(0);
    const { document } = parseHTML(readFileSync(out, 'utf8'));
    type Summary = { mean: number | null; n: number };
    const stored = (
      JSON.parse(json.stdout) as {
        arms: {
          label: string;
          runs: number;
          defenderStrikes: {
            runsStruck: number;
            openingStrikes: number;
            distributions: Record<string, Summary>;
          };
        }[];
      }
    ).arms;
    expect(stored.map((a) => a.label)).toEqual(arms);
    const row = (id: string, arm: string) =>
      [...document.querySelector(`#${id} tr[data-arm="${arm}"]`)!.children].map((c) => c.textContent);
    const round = (x: number | null, scale = 1) => (x === null ? '-' : (x / scale).toFixed(0));
    for (const a of stored) {
      const s = a.defenderStrikes;
      const d = s.distributions;
      // The defender side fired in some run of each arm (else the table would not be shown).
      expect(s.runsStruck).toBeGreaterThan(0);
      expect(row('defender-strikes', a.label)).toEqual([
        a.label,
        `${s.runsStruck} of ${a.runs}`,
        round(d.leakers.mean),
        round(d.interceptorsUsed.mean),
        round(d.interceptorCostUsd.mean, 1e6),
        round(d.munitionsCostUsd.mean, 1e6),
      ]);
      const o = row('defender-opening-strikes', a.label);
      expect(o.slice(0, 2)).toEqual([`${a.label} (${d.openingStrikeLeakers.n})`, String(s.openingStrikes)]);
    }
    expect(stored.some((a) => a.defenderStrikes.openingStrikes > 0)).toBe(true);
  });
});

describe('tagged assumptions', () => {
  it('are read from the parsed YAML with their paths', () => {
    const rows = taggedAssumptions(
      'actors:\n  us:\n    commitment: 0.6   # [J] 0.3-0.9\n    name: x\n    redlines:\n      strike: 1  # [A] stated\n',
    );
    expect(rows).toEqual([
      { parameter: 'actors.us.commitment', value: '0.6', basis: '[J] 0.3-0.9', line: 3 },
      { parameter: 'actors.us.redlines.strike', value: '1', basis: '[A] stated', line: 6 },
    ]);
  });

  // Every file under scenarios/: each printed path resolves in the parsed document to the printed value,
  // and every line that carries a tagged comment after a key or list item gives exactly one row.
  for (const file of walk(join(ROOT, 'scenarios'))) {
    const name = relative(ROOT, file);
    it(`${name}: every tagged field is reported at its path with its value`, () => {
      const text = readFileSync(file, 'utf8');
      const doc = parse(text) as unknown;
      const rows = taggedAssumptions(text);
      for (const row of rows) {
        const value = getPath(doc, row.parameter);
        expect(value, `${name}: ${row.parameter}`).not.toBeUndefined();
        if (value !== null && typeof value === 'object') {
          const n = /^(\d+) entries$/.exec(row.value);
          if (n) expect(Object.keys(value).length).toBe(Number(n[1]));
          else expect(parse(row.value), `${name}: ${row.parameter}`).toEqual(value);
        } else expect(row.value, `${name}: ${row.parameter}`).toBe(String(value));
      }
      // Independent count: lines with something before the comment, and a tag in the comment.
      const tagged = text
        .split('\n')
        .map((line, i) => ({ line, n: i + 1 }))
        .filter(({ line }) => /^\s*[^\s#][^#]*\s#\s?.*\[(A|B|C|J|F)[^\]]*\]/.test(line))
        .map(({ n }) => n);
      expect(rows.map((r) => r.line)).toEqual(tagged);
    });
  }
});
