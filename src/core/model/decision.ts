/**
 * The rung decision (docs/model/decision.md): an ordered-logit rule on escalation
 * utility EU against rung thresholds with temperature tau.
 *
 * At rung r: P(step up) = logistic((EU - theta_up(r)) / tau) and, for r > 0,
 * P(step down) = logistic((theta_up(r - 1) - gap - EU) / tau), taken from what
 * remains after a step up. As tau -> 0 the actor is deterministic: up iff
 * EU > theta_up(r), down iff EU < theta_up(r - 1) - gap.
 */

/** The logistic function, the project's one: log-odds to probability. */
export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function stepProbabilities(
  eu: number,
  rung: number,
  thresholds: ArrayLike<number>,
  gap: number,
  temperature: number,
): { up: number; down: number } {
  const up = rung < thresholds.length ? logistic((eu - thresholds[rung]) / temperature) : 0;
  const down = rung > 0 ? (1 - up) * logistic((thresholds[rung - 1] - gap - eu) / temperature) : 0;
  return { up, down };
}

/** -1, 0 or +1 from one uniform draw. */
export function decideStep(
  eu: number,
  rung: number,
  thresholds: ArrayLike<number>,
  gap: number,
  temperature: number,
  u: number,
): -1 | 0 | 1 {
  // stepProbabilities' arithmetic, with P(step down) evaluated only when the
  // draw did not already decide a step up (it costs an exp; same result).
  let up = 0;
  if (rung < thresholds.length) {
    const x = (eu - thresholds[rung]) / temperature;
    // Below the threshold, logistic(x) < 1 / (2 - x) (as exp(-x) >= 1 - x): at
    // rung 0 a draw above that bound (with a margin for rounding) stays without
    // the exp. Same decision as stepProbabilities.
    if (rung === 0 && x <= 0 && u >= (1 / (2 - x)) * (1 + 1e-12)) return 0;
    up = logistic(x);
  }
  if (u < up) return 1;
  if (rung <= 0) return 0;
  const down = (1 - up) * logistic((thresholds[rung - 1] - gap - eu) / temperature);
  if (u < up + down) return -1;
  return 0;
}
