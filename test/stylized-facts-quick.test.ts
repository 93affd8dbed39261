/**
 * The fast stylized-facts suite (docs/stylized-facts.md, facts 1, 2, 4, 6): small
 * ensembles on common random numbers (same seeds per arm), each contrast
 * required in the expected direction with a one-sided two-proportion
 * z statistic above 2.3 (p < 0.01). The full set with intervals is `truce facts`.
 */
import { describe, expect, it } from 'vitest';
import { ensemble, model, zGreater } from './helpers/scenario.js';

const RUNS = 300;
const base = ensemble(model('transactional-freeze'), RUNS, 11);

describe('stylized facts (quick ensembles, transactional-freeze baseline)', () => {
  it('1. raising verification capability lowers P(collapse within T)', () => {
    const high = ensemble(model('transactional-freeze', { verification: 0.8 }), RUNS, 11);
    expect(zGreater(base, high)).toBeGreaterThan(2.3);
  });
  it('2. raising specificity lowers the misalignment index and P(collapse within T)', () => {
    const m = model('transactional-freeze', { specificity: 0.9 });
    expect(m.misalignment).toBeLessThan(model('transactional-freeze').misalignment);
    expect(zGreater(base, ensemble(m, RUNS, 11))).toBeGreaterThan(2.3);
  });
  it('4. lower perceived mediator credibility (competing theaters, domestic aversion) raises P(collapse within T)', () => {
    const distracted = ensemble(
      model('transactional-freeze', { competingTheaters: 0.8, domesticAversion: 0.7 }),
      RUNS,
      11,
    );
    expect(zGreater(distracted, base)).toBeGreaterThan(2.3);
  });
  it('6. a face-saving provision lowers hardliner power and P(collapse within T)', () => {
    const saved = model('transactional-freeze', { faceSaving: 0.8 });
    expect(zGreater(base, ensemble(saved, RUNS, 11))).toBeGreaterThan(2.3);
  });
});
