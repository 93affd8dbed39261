/**
 * The verification bottleneck and perception (docs/model/perception.md).
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
 *
 * Where nothing is verified the defender's estimate of adversary rearmament
 * drifts toward the worst case too (rearmDriftDay), and an ISR sortie's boost
 * to its own detection decays linearly (intelBoostDay). An observer whose
 * picture is `lag` days old fills the days it cannot yet see with that same
 * worst-case drift (staleGap): its belief and rearmament estimate read higher
 * the older its picture.
 *
 * The engine draws the monitor and the observer's own intelligence as two
 * independent uniforms (engine/phases/activities.ts); detectionProbability is
 * the closed form of that two-draw rule, tested against it.
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

/**
 * Stale information raises worst-case readings: an unverified detection that
 * arrives `lag` days late is read as casus belli with
 *   pi' = pi + (1 - pi) * worstCase * lag / (lag + halfDays).
 */
export function staleReading(reading: number, lag: number, halfDays: number, worstCase: number): number {
  if (lag <= 0) return reading;
  return reading + (1 - reading) * worstCase * (lag / (lag + halfDays));
}

/**
 * The stale gap: an observer whose picture is `lag` days old (the detection
 * lag) assumes the worst-case drift went on through the days it cannot yet
 * see, so it reads its belief (or rearmament estimate) higher by
 *   fill * drift * (1 - v) * lag,
 * the drift of `lag` unverified days; fill = 1 fills the whole gap with the
 * worst case (docs/model/perception.md, "The stale gap").
 */
export function staleGap(driftPerDay: number, verification: number, lag: number, fill: number): number {
  return fill * driftPerDay * (1 - verification) * lag;
}

/** The defender's worst-case rearmament estimate: decays with belief decay, drifts up where nothing is verified. */
export function rearmDriftDay(
  drift: number,
  beliefDecay: number,
  beliefDrift: number,
  scale: number,
  verification: number,
): number {
  return drift * (1 - beliefDecay) + beliefDrift * scale * (1 - verification);
}

/** An intelligence boost (ISR) decays linearly to 0 over `days`. */
export function intelBoostDay(boost: number, days: number): number {
  return Math.max(0, boost - 1 / days);
}

/** One day of belief dynamics without new evidence: decay toward the prior, then worst-case drift. */
export function beliefDay(belief: number, prior: number, decay: number, drift: number, verification: number): number {
  return belief - decay * (belief - prior) + drift * (1 - verification);
}
