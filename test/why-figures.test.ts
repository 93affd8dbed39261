/**
 * One answer to "why" (docs/model/attribution.md, "Where each is shown"): the figure the report and the
 * dashboard draw as "Why (causal)" holds each arm's causal shares, the ones the tables print, with the
 * collapses they rest on; the descriptive shares are a separate figure that says it is not causal.
 */
import { describe, expect, it } from 'vitest';
import { comparisonFigures } from '../src/charts/figures.js';
import { runChunk } from '../src/core/ensemble/chunk.js';
import { summarizeArm } from '../src/core/ensemble/summarize.js';
import { PILLARS } from '../src/core/model/escalation-utility.js';
import { parseHTML } from 'linkedom';
import { model } from './helpers/scenario.js';

describe('the why figures', () => {
  const arms = (['transactional-freeze', 'structural-architecture'] as const).map((f) =>
    summarizeArm(runChunk(model(f), 9, 0, 240, 200), { label: f, framework: f, levers: {} }),
  );
  const figures = comparisonFigures(arms);
  const byName = (n: string) => figures.find((f) => f.name === n)!;

  it('"Why (causal)" draws the causal shares, per arm, with n the collapses replayed', () => {
    const causal = byName('causal-attribution');
    expect(causal).toBeDefined();
    for (const a of arms) {
      expect(a.causalSample.collapses).toBeGreaterThan(0);
      const rows = causal.rows.filter((r) => r.arm === a.label);
      expect(rows.map((r) => r.key)).toEqual([...PILLARS]);
      for (const r of rows) {
        expect(r.share).toBe(a.causalAttribution[r.key as (typeof PILLARS)[number]]);
        expect(r.n).toBe(a.causalSample.collapses);
      }
    }
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const title = causal.render(document as unknown as Document).querySelector('h2')!.textContent!;
    expect(title).toMatch(/^Why \(causal\)/);
    for (const a of arms) expect(title).toContain(`${a.label} n = ${a.causalSample.collapses}`);
  });

  it('the descriptive shares are a figure of their own that says it is not causal', () => {
    const why = byName('attribution');
    for (const a of arms)
      for (const r of why.rows.filter((x) => x.arm === a.label))
        expect(r.share).toBe(a.attribution[r.key as (typeof PILLARS)[number]]);
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    expect(why.render(document as unknown as Document).querySelector('h2')!.textContent).toMatch(
      /descriptive, not causal/,
    );
    // The two answers differ on this model: the descriptive chart is not the causal one relabelled.
    const a = arms[0];
    expect(PILLARS.some((p) => Math.abs(a.attribution[p] - a.causalAttribution[p]) > 0.02)).toBe(true);
  });

  it("the opening exchange's interceptors are a figure over collapsed runs", () => {
    const opening = byName('opening-interceptors');
    for (const a of arms) {
      const r = opening.rows.find((x) => x.arm === a.label)!;
      expect(r.mean).toBe(a.distributions.openingInterceptors.mean);
      expect(a.distributions.openingInterceptors.n).toBe(a.collapsed);
    }
  });
});
