/**
 * Economy and sanctions (docs/model/economy.md).
 *
 * Capital K (index, 1 at start) moves by income x (1 - sanctions) minus civil
 * spending and the military spending above its baseline share. The military
 * share rises with the security gap g in [0, 1]:
 *   m = m0 + (m_max - m0) * g.
 * Procurement (missile production, proxy reconstitution, rearmament) scales
 * with m / m0 and is slowed, never capped, by sanctions through longer lead
 * times: factor = (m / m0) / (1 + leadTime * sanctions), times `exhausted` when capital
 * is exhausted. The *marginal* punishment of further sanctions is
 * (1 - sanctions) * severity: at maximum pressure the threat of more is
 * worth nothing. Hardship = sanctions + capital lost.
 */

export function militaryShare(m0: number, mMax: number, securityGap: number): number {
  const g = Math.min(1, Math.max(0, securityGap));
  return m0 + (mMax - m0) * g;
}

export function procurementFactor(
  share: number,
  m0: number,
  sanctions: number,
  leadTimePerSanctions: number,
  capital: number,
  exhausted: number,
): number {
  const base = m0 > 0 ? share / m0 : 1;
  return (base / (1 + leadTimePerSanctions * sanctions)) * (capital > 0 ? 1 : exhausted);
}

/**
 * Whether a state can earn relief: a track exists and the state holds at
 * rung <= 1. It keeps the track's rearmament limit then, clean window or not:
 * restraint is how it earns its way back to relief after an attributed
 * violation. Relief itself also needs `reliefWindowDays` without one
 * (docs/model/economy.md).
 */
export function onReliefTrack(relief: number, rung: number): boolean {
  return relief > 0 && rung <= 1;
}

/**
 * The relief track's verified limit on rearmament: the probability that a
 * state on the track forgoes one of its own rearmament acts (those that feed
 * the defender's picture of rearmament: its own rebuilding and its transfers
 * to proxies): the agreed limit, times the monitor's capability v, times the
 * relief on offer (the track's rate in [0, 1]). What is bought with relief is
 * not spent on visible rearmament, as far as the limit can be verified (a
 * limit nobody can check binds nobody) and as far as the relief is worth
 * keeping (a larger inducement buys more restraint). Zero with nothing at
 * stake (no sanctions left to lift and none lifted to snap back).
 */
export function rearmamentForgone(
  limit: number,
  verification: number,
  relief: number,
  sanctions: number,
  granted: number,
): number {
  if (!(sanctions > 0 || granted > 0)) return 0;
  return Math.min(1, Math.max(0, limit * verification * relief));
}

/**
 * Sanctions relief of one verified compliant day: a share rate / 100 of the
 * remaining sanctions, times the monitor's capability v (relief follows what
 * can be verified). Attributed violations stop it and snap it back
 * (engine/phases/activities.ts).
 */
export function reliefDay(rate: number, sanctions: number, verification: number): number {
  return (rate / 100) * sanctions * verification;
}

export function marginalPunishment(sanctions: number, severity: number): number {
  return (1 - sanctions) * severity;
}

export function capitalDay(
  capital: number,
  income: number,
  sanctions: number,
  spending: number,
  share: number,
  m0: number,
): number {
  return Math.max(0, capital + income * (1 - sanctions) - spending * (1 + share - m0));
}

export function hardship(sanctions: number, capital: number): number {
  return sanctions + Math.max(0, 1 - capital);
}
