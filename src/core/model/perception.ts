/**
 * The verification bottleneck and perception (docs/model/reference.md 3.2).
 *
 * Observer j sees one occurrence of action a with
 *   d_j(a) = 1 - (1 - d0_j(a)) * (1 - v * kappa(domain(a))),
 * where d0_j(a) = intelligence_j * visibility(a) is its own intelligence,
 * v the monitor's capability and kappa its coverage of the domain. Detection
 * lags by L0 * (1 - v) days (rounded). Spurious "violations" (worst-case
 * readings of ambiguous intelligence) arrive at Poisson rate lambda_j (1 - v).
 * Belief that an adversary prepares to defect is held in log-odds: it moves
 * by a likelihood ratio per perceived violation (beliefStep * rung weight),
 * drifts toward the worst case by omega_j (1 - v) a day, and decays toward
 * the prior. Perceived violations PV decay geometrically and are weighted by
 * rung: weight(a) = 1 + rung(a).
 */

export function ownDetection(intelligence: number, visibility: number): number {
  return Math.min(1, intelligence * visibility);
}

export function detectionProbability(ownDetectionProbability: number, verification: number, coverage: number): number {
  return 1 - (1 - ownDetectionProbability) * (1 - verification * coverage);
}

export function detectionLagDays(baseLagDays: number, verification: number): number {
  return Math.round(baseLagDays * (1 - verification));
}

export function spuriousRate(lambda: number, verification: number): number {
  return lambda * (1 - verification);
}

export function rungWeight(rung: number): number {
  return 1 + rung;
}

/** One day of belief dynamics without new evidence: decay toward the prior, then worst-case drift. */
export function beliefDay(belief: number, prior: number, decay: number, drift: number, verification: number): number {
  return belief - decay * (belief - prior) + drift * (1 - verification);
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
