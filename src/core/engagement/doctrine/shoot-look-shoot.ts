/**
 * Shoot-look-shoot: one interceptor at a time, the kill assessed before the
 * next, up to `shots` opportunities per threat. Kill 1 - (1 - p)^shots as for
 * a barrage, at an expected cost of (1 - (1 - p)^shots) / p interceptors
 * (closed-form.ts); usage per threat is random, so sampling goes shot by shot
 * and the inventory is checked before every shot.
 */
import { shootLookShoot as closedForm } from '../closed-form.js';
import type { DoctrineRule } from './rule.js';

export const shootLookShoot: DoctrineRule = {
  name: 'shoot-look-shoot',
  kill: (pShot, shots) => closedForm(pShot, shots).kill,
  expectedShots: (pShot, shots) => closedForm(pShot, shots).expectedShots,
  minInventory: () => 1,
  engageableFrom: () => Infinity,
  fixedShots: false,
  engage(rng, ready, inventory, pShot, _kill, shots, out) {
    let inv = inventory;
    let used = 0;
    let kills = 0;
    let engaged = 0;
    for (; engaged < ready && inv >= 1; engaged++) {
      for (let k = 0; k < shots && inv >= 1; k++) {
        inv--;
        used++;
        if (rng.uniform() < pShot) {
          kills++;
          break;
        }
      }
    }
    out.engaged = engaged;
    out.kills = kills;
    out.used = used;
  },
};
