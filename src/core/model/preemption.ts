/**
 * Pre-emption pressure, the cost burden of defence and the window of
 * opportunity (docs/model/preemption.md).
 *
 * The defender fears what the adversary's next wave would do against its
 * current stocks: the expected absolute damage (expected leakers against the
 * leakers it accepts) and the depletion of its finite interceptor stocks
 * (the share one wave would use):
 *   fear = leakers / leakerTolerance + depletionWeight * depletion,
 *   preemption = P(adversary prepares to strike) * fear.
 * There is no dead zone: more stocks, a smaller salvo or fewer drones lower
 * the fear; a larger salvo or thinner stocks raise it. (An earlier form,
 * max(0, leak fraction - tolerance), stayed at exactly 0 in the built-in
 * scenario and, being scale-free, made fewer drones raise collapse.)
 *
 * The revisionist's own pre-emptive logic ("use or lose"): what it would lose
 * if struck first, P(adversary prepares to strike) x the adversary's
 * pre-emption effectiveness.
 *
 * The cost burden of defence: an exponential average of the defender's daily
 * interception spending against the spending it sustains without strain.
 *
 * The window of opportunity: the defender's restored interceptor stocks
 * (share of base) x the adversary's rebuilt readiness; the pause as a window
 * to strike before the adversary's forward deterrent is rebuilt.
 */

export function waveFear(
  expectedLeakers: number,
  leakerTolerance: number,
  depletion: number,
  depletionWeight: number,
): number {
  return expectedLeakers / leakerTolerance + depletionWeight * depletion;
}

export function preemptionPressure(threatProbability: number, fear: number): number {
  return threatProbability * fear;
}

/** Share of finite interceptor stocks one wave would use, if each threat that flies draws one interceptor. */
export function depletion(flying: number, finiteInventory: number): number {
  return finiteInventory > 0 ? Math.min(1, flying / finiteInventory) : 1;
}

export function useOrLose(threatProbability: number, adversaryEffectiveness: number): number {
  return threatProbability * adversaryEffectiveness;
}

/** One day of the exponential average of interception spending, USD per day. */
export function spendingAverage(average: number, spentToday: number, memoryDays: number): number {
  return average + (spentToday - average) / memoryDays;
}

export function defenceBurden(averageSpendUsd: number, budgetUsdPerDay: number): number {
  return averageSpendUsd / budgetUsdPerDay;
}

/**
 * What the arsenal can sustain of a war (docs/model/escalation-utility.md):
 * for each type in the saturation salvo, stocks against `waves` such salvos,
 * capped at 1; the type that runs out first bounds the campaign.
 */
export function campaignSufficiency(stocks: ArrayLike<number>, salvo: ArrayLike<number>, waves: number): number {
  let s = 1;
  for (let t = 0; t < salvo.length; t++) {
    const need = waves * salvo[t];
    if (need > 0) s = Math.min(s, Math.max(0, stocks[t]) / need);
  }
  return s;
}

export function windowOfOpportunity(stockShare: number, adversaryReadiness: number): number {
  return stockShare * adversaryReadiness;
}
