/**
 * What the posterior carries to each arm, and what the intervals are called (docs/calibration-record.md,
 * "What the bands include"). Independent expectations: the counts of data/posterior.json read here
 * directly; an arm the posterior carries nothing to gives exactly the runs of `--posterior none`; a
 * renamed copy of the built-in scenario receives nothing and is warned about on stderr, in the text,
 * in --json and in the report.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildArms } from '../src/app/arms.js';
import { compare } from '../src/app/compare.js';
import { planUnderPosterior, uncarriedWarning } from '../src/app/posterior-ensemble.js';
import { describePosterior } from '../src/charts/posterior-note.js';
import { loadPosterior, NO_POSTERIOR } from '../src/app/posterior.js';
import { armDifferences } from '../src/app/report.js';
import { threadPoolRunner } from '../src/app/runner.js';
import { loadScenario } from '../src/app/scenario.js';
import { DEFAULT_SCENARIO } from '../src/io/paths.js';
import { ROOT, truce } from './helpers/cli.js';

const FRAMEWORKS = ['transactional-freeze', 'structural-architecture'];
const shippedDoc = JSON.parse(readFileSync(join(ROOT, 'data', 'posterior.json'), 'utf8')) as {
  draws: Record<string, number>[];
};

describe('what the shipped posterior carries to the built-in scenario', () => {
  const loaded = loadScenario(DEFAULT_SCENARIO);
  const shipped = loadPosterior(undefined, ':memory:');
  const arms = buildArms(loaded, FRAMEWORKS, {}, null);
  const plan = planUnderPosterior(
    arms.map((a) => a.point),
    shipped,
    2000,
    arms.map((a) => a.framework),
  );

  it('the freeze carries the chance that the terms were never agreed, with its spread over the draws used', () => {
    const [freeze, architecture] = plan.carried;
    expect(freeze.parameters.map((p) => p.name)).toEqual(['unagreedUnwritten']);
    const p = freeze.parameters[0];
    expect(p.paths).toEqual(['agreement.termsUnagreed']);
    expect(p.asWritten).toBe(loaded.scenario.agreement.termsUnagreed);
    const used = shippedDoc.draws.slice(0, plan.draws).map((d) => d.unagreedUnwritten);
    expect(freeze.draws).toBe(plan.draws);
    expect(p.min).toBe(Math.min(...used));
    expect(p.max).toBe(Math.max(...used));
    expect(p.distinct).toBe(new Set(used).size);
    expect(freeze.distinctDraws).toBe(new Set(used).size);
    expect(p.median).toBeGreaterThanOrEqual(p.min);
    expect(p.median).toBeLessThanOrEqual(p.max);
    // The degeneracy docs/calibration-record.md states: 400 draws, 20 distinct vectors.
    expect(shippedDoc.draws.length).toBe(400);
    const counts = new Map<string, number>();
    for (const d of shippedDoc.draws) counts.set(JSON.stringify(d), (counts.get(JSON.stringify(d)) ?? 0) + 1);
    expect(counts.size).toBe(20);
    // ... and says so with the numbers its command prints.
    const record = readFileSync(join(ROOT, 'docs', 'calibration-record.md'), 'utf8');
    expect(record).toContain(
      `${shippedDoc.draws.length} draws, ${counts.size} distinct, ${Math.max(...counts.values())} the same`,
    );
    // The architecture has a text both sides accepted: nothing is carried.
    expect(architecture.parameters).toEqual([]);
    expect(architecture.distinctDraws).toBe(1);
    expect(uncarriedWarning(shipped, loaded.scenario.name, plan.carried)).toBeNull();
  });

  it('the wording says Monte Carlo, lists each arm, and never claims parameter uncertainty', () => {
    const d = describePosterior({
      posterior: shipped.label,
      posteriorDraws: plan.draws,
      posteriorCarried: plan.carried.map((c, i) => ({ arm: arms[i].label, ...c })),
    });
    expect(d.intervals).toMatch(/Monte Carlo 95% interval/);
    expect(d.intervals).toMatch(/truce ablate/);
    expect(d.intervals).not.toMatch(/include parameter uncertainty/);
    // The draws move the averaged probability; they do not widen a pooled interval.
    expect(d.intervals).not.toMatch(/include the spread/);
    expect(d.intervals).toMatch(/does not widen the interval/);
    expect(d.arms[0]).toMatch(
      /^transactional-freeze: unagreedUnwritten -> agreement.termsUnagreed \(as written 0.05\)/,
    );
    expect(d.arms[0]).toContain(`${plan.carried[0].distinctDraws} distinct draws of ${plan.draws}`);
    expect(d.arms[1]).toMatch(/^structural-architecture: carries no parameter .* as written/);
    const none = describePosterior({ posterior: NO_POSTERIOR.label, posteriorDraws: 1 });
    expect(none.arms).toEqual([]);
    expect(none.intervals).toMatch(/chance variation only/);
  });

  it('the report lists every non-lever difference: the freeze set path and the carried parameter', () => {
    const rows = armDifferences(
      loaded.scenario,
      arms,
      plan.carried.map((c, i) => ({ arm: arms[i].label, ...c })),
    );
    const byPath = Object.fromEntries(rows.map((r) => [r.path, r]));
    expect(Object.keys(byPath).sort()).toEqual(['actors.us.sanctionsPerEnforcement', 'agreement.termsUnagreed']);
    expect(byPath['actors.us.sanctionsPerEnforcement'].basis).toMatch(/set by framework transactional-freeze/);
    expect(byPath['agreement.termsUnagreed'].values[0]).toMatch(/posterior unagreedUnwritten/);
    expect(byPath['agreement.termsUnagreed'].values[1]).toBe('0.05 as written');
  });

  it('an arm it carries nothing to gives exactly the runs of --posterior none', async () => {
    const ctx = { runner: threadPoolRunner(1), db: null };
    const req = { runs: 60, seed: 4, days: 120, frameworks: ['structural-architecture'] };
    const drawn = await compare(loaded, { ...req, posterior: shipped }, ctx);
    const asWritten = await compare(loaded, { ...req, posterior: NO_POSTERIOR }, ctx);
    expect(drawn.output.posteriorCarried?.[0].parameters).toEqual([]);
    // The right name under a framework the posterior does not reach is by design: no warning.
    expect(drawn.output.posteriorWarning).toBeNull();
    const rounded = (x: unknown) =>
      JSON.parse(JSON.stringify(x, (_k, v) => (typeof v === 'number' ? Number(v.toPrecision(10)) : v)));
    expect(rounded(drawn.output.arms)).toEqual(rounded(asWritten.output.arms));
  });
});

describe('a renamed copy of the built-in scenario', () => {
  const dir = mkdtempSync(join(tmpdir(), 'truce-renamed-'));
  const file = join(dir, 'my-ceasefire.yaml');
  writeFileSync(file, readFileSync(DEFAULT_SCENARIO, 'utf8').replace(/^name: iran-israel$/m, 'name: my-ceasefire'));
  const args = ['compare', file, '--runs', '40', '--days', '60', '--seed', '1', '--no-store', '--workers', '1'];

  it('receives nothing from the posterior, and the warning says so and what to do', () => {
    const shipped = loadPosterior(undefined, ':memory:');
    const renamed = loadScenario(file);
    const arms = buildArms(renamed, FRAMEWORKS, {}, null);
    const plan = planUnderPosterior(
      arms.map((a) => a.point),
      shipped,
      40,
      arms.map((a) => a.framework),
    );
    expect(plan.carried.every((c) => c.parameters.length === 0)).toBe(true);
    const w = uncarriedWarning(shipped, 'my-ceasefire', plan.carried);
    expect(w).toMatch(/carries no parameter to scenario my-ceasefire/);
    expect(w).toMatch(/iran-israel\/transactional-freeze/);
    expect(w).toMatch(/keep the name "iran-israel"/);
    expect(w).toMatch(/--posterior none/);
    expect(uncarriedWarning(NO_POSTERIOR, 'my-ceasefire', plan.carried)).toBeNull();
  });

  it('compare warns on stderr and in the text; --json has posteriorWarning', () => {
    const text = truce(args);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/^truce: warning: posterior default .* carries no parameter to scenario my-ceasefire/m);
    expect(text.stdout).toMatch(/^Warning: posterior default/m);
    const json = truce([...args, '--json']);
    expect(json.code).toBe(0);
    expect(json.stderr).toMatch(/truce: warning: .*my-ceasefire/);
    const out = JSON.parse(json.stdout) as { posteriorWarning: string | null; posteriorCarried: unknown[] };
    expect(out.posteriorWarning).toMatch(/carries no parameter to scenario my-ceasefire/);
    expect(out.posteriorCarried).toHaveLength(2);
    const none = JSON.parse(truce([...args, '--json', '--posterior', 'none']).stdout) as { posteriorWarning: unknown };
    expect(none.posteriorWarning).toBeNull();
  });

  it('facts warns on stderr and in the text; --json has posteriorWarning and what each arm carried', () => {
    // Few runs and a short horizon: the warning, not the facts, is under test.
    const facts = ['facts', file, '--runs', '30', '--days', '30', '--seed', '1', '--no-store', '--workers', '1'];
    const text = truce(facts);
    expect(text.code).toBe(0);
    expect(text.stderr).toMatch(/^truce: warning: posterior default .* carries no parameter to scenario my-ceasefire/m);
    expect(text.stdout).toMatch(/^Warning: posterior default/m);
    const out = JSON.parse(truce([...facts, '--json']).stdout) as {
      posteriorWarning: string | null;
      posteriorCarried: { parameters: unknown[] }[];
    };
    expect(out.posteriorWarning).toMatch(/keep the name "iran-israel"/);
    expect(out.posteriorCarried.length).toBeGreaterThan(1);
    expect(out.posteriorCarried.every((c) => c.parameters.length === 0)).toBe(true);
    // The built-in scenario under its own name: carried to the freeze, no warning.
    const builtIn = JSON.parse(
      truce(['facts', '--runs', '30', '--days', '30', '--seed', '1', '--no-store', '--workers', '1', '--json']).stdout,
    ) as { posteriorWarning: unknown; posteriorCarried: { parameters: unknown[] }[] };
    expect(builtIn.posteriorWarning).toBeNull();
    expect(builtIn.posteriorCarried.some((c) => c.parameters.length > 0)).toBe(true);
  });

  it('the report shows the warning in its header', () => {
    const out = join(dir, 'r.html');
    const r = truce(['report', file, '--runs', '40', '--days', '60', '--seed', '1', '--no-store', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/truce: warning: .*my-ceasefire/);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/<p class="warning"[^>]*><strong>Warning:<\/strong> posterior default .* my-ceasefire/);
    expect(html).not.toMatch(/include parameter uncertainty/);
  });
});

describe('the seven pillars', () => {
  it('docs/model/attribution.md names every pillar the model attributes to, and says how many', async () => {
    const { PILLARS } = await import('../src/core/model/escalation-utility.js');
    const doc = readFileSync(join(ROOT, 'docs', 'model', 'attribution.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## The seven pillars'), doc.indexOf('## Descriptive attribution'));
    expect(PILLARS).toHaveLength(7);
    for (const p of PILLARS) expect(section).toContain(`\`${p}\``);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/the seven pillars a collapse is attributed to/);
  });
});
