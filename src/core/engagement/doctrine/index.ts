/**
 * The air-defence doctrines a layer can follow. Adding one: a file in this
 * folder implementing DoctrineRule (rule.ts), and its line here; the schema,
 * the types and every engine take it from this table.
 */
import { barrage } from './barrage.js';
import type { DoctrineRule } from './rule.js';
import { shootLookShoot } from './shoot-look-shoot.js';

export type { DoctrineRule, EngagementDraw } from './rule.js';

export const DOCTRINES = {
  barrage,
  'shoot-look-shoot': shootLookShoot,
} as const satisfies Record<string, DoctrineRule>;

export type Doctrine = keyof typeof DOCTRINES;

export const DOCTRINE_NAMES = Object.keys(DOCTRINES) as [Doctrine, ...Doctrine[]];

/** The rule of a layer's doctrine. */
export function doctrineOf(layer: { doctrine: Doctrine }): DoctrineRule {
  return DOCTRINES[layer.doctrine];
}
