/** The ablation's multiplicity sentence, one text for the CLI, the Markdown page and the report (docs/ablation.md). */

/**
 * The multiplicity-corrected count beside the uncorrected one: the uncorrected count lets each of the
 * parameters x days tests err at 5%, so near-null parameters are counted resolved by chance.
 */
export function holmSentence(h: { tests: number; level: number; resolved: number }, total: number): string {
  return `Corrected for multiplicity (Holm over all ${h.tests} parameter-day tests, family-wise ${Math.round(100 * h.level)}%): ${h.resolved} of ${total} resolve an effect at one day at least; the uncorrected count above lets each test err at 5%, so it overcounts parameters near zero.`;
}
