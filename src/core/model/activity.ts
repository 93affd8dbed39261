/**
 * Activity rates and decision-cycle compression (docs/model/activity.md).
 *
 * A state's pause activity a occurs at Poisson rate
 *   rate = base * (permitted ? 1 : envelope) * (1 + gain * rung),
 * so escalation and a widened envelope both raise the tempo of what the
 * other side may read as violation. A proxy's activity is scaled by its
 * strength and envelope; its kinetic acts (rung >= 3) also by its patron's
 * rung: base + perRung * patronRung (a patron at rung 0 restrains it).
 * At rungs >= 3 decision cycles compress: a state decides, and receives
 * spurious readings, 1 + perRung * (rung - 2) times a day.
 */

export function stateActivityRate(
  base: number,
  permitted: boolean,
  envelope: number,
  rung: number,
  gain: number,
): number {
  return base * (permitted ? 1 : envelope) * (1 + gain * rung);
}

export function proxyActivityRate(
  base: number,
  strength: number,
  permitted: boolean,
  envelope: number,
  kinetic: boolean,
  patronRung: number,
  kineticBase: number,
  kineticPerRung: number,
): number {
  return base * strength * (permitted ? 1 : envelope) * (kinetic ? kineticBase + kineticPerRung * patronRung : 1);
}

/** Decisions (and spurious-reading multiplier) per day at a rung. */
export function decisionCycles(rung: number, perRung: number): number {
  return rung >= 3 ? 1 + perRung * (rung - 2) : 1;
}
