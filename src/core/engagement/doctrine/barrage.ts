/**
 * Barrage: `shots` interceptors fired at each engaged threat at once, each
 * killing independently with the single-shot probability p, so an engagement
 * kills with 1 - (1 - p)^shots and always costs `shots`.
 */
import { binomial } from '../../rng/binomial.js';
import type { DoctrineRule } from './rule.js';

export const barrage: DoctrineRule = {
  name: 'barrage',
  kill: (pShot, shots) => 1 - Math.pow(1 - pShot, shots),
  expectedShots: (_pShot, shots) => shots,
  minInventory: (shots) => shots,
  engageableFrom: (inventory, shots) => Math.floor(inventory / shots),
  fixedShots: true,
  engage(rng, ready, inventory, _pShot, kill, shots, out) {
    const byInventory = Math.floor(inventory / shots);
    const engaged = byInventory < ready ? byInventory : ready;
    out.engaged = engaged;
    out.kills = binomial(rng, engaged, kill);
    out.used = engaged * shots;
  },
};
