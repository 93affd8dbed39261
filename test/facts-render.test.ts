/**
 * `truce facts` as text says what each number is: the two arms a fact compares (a -> b), one value where a
 * measure is one quantity, and the names of both values where they are not the two arms (two windows of one
 * arm, fact 10; two salvos, fact 7), never a bare "a -> b" between quantities the reader cannot name.
 */
import { describe, expect, it } from 'vitest';
import { engagementFact } from '../src/core/analysis/fact-engagement.js';
import { evaluateFact, factSpecs, type FactResult } from '../src/core/analysis/facts.js';
import { emptyAccumulator } from '../src/core/ensemble/accumulator.js';
import { normalizeEngagement } from '../src/core/engagement/normalize.js';
import { readChecked } from '../src/io/documents.js';
import { defenseProfileSchema } from '../src/core/engagement/schema.js';
import { renderFacts } from '../src/cli/render/facts.js';

const roles = { defender: 'israel', revisionist: 'iran', mediator: 'us' };
const specs = factSpecs('transactional-freeze', 'structural-architecture', roles);
const spec = (id: number) => specs.find((s) => s.id === id)!;

/** The printed lines of one fact: its header, then what follows until the next fact. */
function linesOf(text: string, id: number): string[] {
  const lines = text.split('\n');
  const at = lines.findIndex((l) => new RegExp(`^[A-Z]+ +${id}\\. `).test(l));
  const end = lines.findIndex((l, i) => i > at && (/^[A-Z]+ +\d+\. /.test(l) || l === ''));
  return lines.slice(at, end);
}

describe('facts as text', () => {
  it('fact 10 (one arm, two windows): both hazards named, and the log ratio as the effect', () => {
    // 100 runs over 365 days: 10 collapse on day 5, 5 on day 200, the rest are censored at the horizon.
    const acc = emptyAccumulator(365);
    acc.runs = 100;
    acc.eventsByDay[5] = 10;
    acc.eventsByDay[200] = 5;
    acc.censoredByDay[365] = 85;
    const run = { days: [], cluster: 1, horizon: 365 };
    const r = evaluateFact(spec(10), [acc], { ...roles, misalignment: () => 0 }, [run]);
    expect(r.arms).toEqual(['baseline']);
    // Run-days at risk: days 1-5 at 100, 6-90 at 90 (8,150); days 91-200 at 90, 201-365 at 85 (23,925).
    const early = 10 / 8150;
    const late = 5 / 23925;
    const m = r.measures[0];
    expect(m.labels).toBeDefined();
    expect(m.a).toBeCloseTo(late, 12);
    expect(m.b).toBeCloseTo(early, 12);
    expect(m.effect).toBeCloseTo(Math.log(early / late), 12);
    const lines = linesOf(renderFacts([r], 100), 10);
    expect(lines[1]).toBe('            (one arm: baseline)');
    expect(lines[2]).toContain(
      `collapses per run-day at risk, days 91-365 ${late.toPrecision(2)}, days 1-90 ${early.toPrecision(2)}; effect ${Math.log(early / late).toFixed(3)}`,
    );
    expect(lines.join('\n')).not.toMatch(/->/);
  });

  it('fact 7 (two salvos): each leaker count named, the effect is their difference', () => {
    const profile = readChecked('scenarios/defense/israel-2024.yaml', defenseProfileSchema);
    const build = (salvo: Record<string, number>) =>
      normalizeEngagement({ salvo, layers: profile.layers, trackCapacity: profile.trackCapacity });
    const r = engagementFact(build, 2000, 1, { small: 60, large: 120 });
    const m = r.measures.find((x) => x.labels)!;
    expect(m.labels).toEqual({ a: '2 x leakers(60)', b: 'leakers(120)' });
    expect(m.effect).toBeCloseTo(m.b! - m.a!, 9);
    const lines = linesOf(renderFacts([r], 100), 7);
    const line = lines.find((l) => l.includes('leakers(120 ballistic)'))!;
    expect(line).toContain(`2 x leakers(60) ${m.a!.toFixed(3)}, leakers(120) ${m.b!.toFixed(3)}; effect`);
    // The exchange ratio is one quantity: its value once, no arrow, no "effect" repeating it.
    const ratio = lines.find((l) => l.includes('exchange ratio'))!;
    expect(ratio).not.toMatch(/->|effect/);
  });

  it('a two-arm fact names its arms; a hazard ratio and a single-arm probability are printed once', () => {
    const result: FactResult = {
      id: 5,
      statement: 'Stronger sanctions ...',
      holds: true,
      status: 'holds',
      arms: spec(5).arms.map((a) => a.label),
      measures: [
        {
          name: 'days survived to day 365 (paired)',
          a: 94.25,
          b: 122.665,
          effect: 28.415,
          lo: 16.056,
          hi: 40.774,
          expected: 'increase',
          holds: true,
          status: 'holds',
        },
        {
          name: 'hazard ratio (b vs a)',
          a: 1,
          b: 0.739,
          effect: 0.739,
          lo: 0.602,
          hi: 0.907,
          expected: 'decrease',
          holds: true,
          status: 'holds',
          informational: true,
        },
        {
          name: 'P(collapse by T) under strong sanctions',
          a: null,
          b: 0.895,
          effect: 0.895,
          lo: 0.853,
          hi: 0.937,
          expected: 'positive',
          holds: true,
          status: 'holds',
        },
      ],
    };
    const lines = linesOf(renderFacts([result], 200), 5);
    expect(lines[1]).toBe('            (a -> b: sanctions 0.3, large gap -> sanctions 0.95, large gap)');
    expect(lines[2]).toMatch(
      /days survived to day 365 \(paired\): 94\.250 -> 122\.665; effect 28\.415 \[16\.056, 40\.774\]/,
    );
    expect(lines[3]).toMatch(/hazard ratio \(b vs a\): 0\.739 \[0\.602, 0\.907\] \(expected decrease\)/);
    expect(lines[4]).toMatch(
      /P\(collapse by T\) under strong sanctions: 0\.895 \[0\.853, 0\.937\] \(expected positive\)$/,
    );
  });
});
