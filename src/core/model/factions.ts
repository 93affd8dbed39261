/**
 * Factions, legitimacy and face-saving (docs/model/factions.md).
 *
 * A state's escalation utility is the power-weighted sum of its factions'
 * utilities; each faction weighs the state's terms by its own multipliers,
 * so the state's logged term k is base_k * sum_f power_f * w_f[k].
 * Visible strategic retreat (own network degraded without answer) times
 * (1 - f), f the face-saving provision, feeds regime legitimacy pressure:
 *   RLP(t+1) = RLP(t) (1 - decay) + legitimacyPerRetreat * retreat * (1 - f) + hardshipWeight * hardship,
 * and hardliner power: each hardliner faction's power is multiplied by
 * exp(growth * retreat * (1 - f) - dampening * relief), pulled back a share `pull` a day
 * toward its initial share, and shares are renormalised to sum to 1.
 */

export function legitimacyDay(
  rlp: number,
  decay: number,
  retreat: number,
  faceSaving: number,
  perRetreat: number,
  hardshipWeight: number,
  hardshipToday: number,
): number {
  return rlp * (1 - decay) + perRetreat * retreat * (1 - faceSaving) + hardshipWeight * hardshipToday;
}

/** Update faction powers in place; they stay positive and sum to 1. */
export function updateFactionPower(
  power: Float64Array,
  power0: ArrayLike<number>,
  hardliner: ArrayLike<boolean>,
  retreat: number,
  faceSaving: number,
  relief: number,
  growth: number,
  dampening: number,
  pull: number,
): void {
  let total = 0;
  // On a day without retreat or relief the exponent is 0 and the factor exactly 1: skip the exp.
  const x = growth * retreat * (1 - faceSaving) - dampening * relief;
  const factor = x === 0 ? 1 : Math.exp(x);
  for (let f = 0; f < power.length; f++) {
    let p = power[f];
    if (hardliner[f]) p *= factor;
    p += pull * (power0[f] - p);
    power[f] = Math.max(p, 1e-9);
    total += power[f];
  }
  for (let f = 0; f < power.length; f++) power[f] /= total;
}
