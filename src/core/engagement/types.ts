/** The normalised engagement the engines work on: every default filled in, types ordered by arrival. */

import type { Doctrine } from './doctrine/index.js';

export type { Doctrine };

export interface ThreatType {
  type: string;
  /** Threats launched (attacker cost is paid on every one). */
  launched: number;
  /** Probability that a launched threat flies and arrives; failures are neither engaged nor leakers. */
  reliability: number;
  unitCostUsd: number;
  /** Arrival wave: sensor track capacity applies per wave. */
  wave: number;
}

export interface Layer {
  name: string;
  operator?: string;
  /** Single-shot kill probability by threat type; a type absent here is not engaged. */
  pKill: Record<string, number>;
  /** Probability the layer can engage a threat it is asked to (after warning readiness). */
  tracking: number;
  doctrine: Doctrine;
  /** Barrage: interceptors per threat. Shoot-look-shoot: maximum opportunities. */
  shots: number;
  /** Interceptors available for this salvo; Infinity when unlimited. */
  inventory: number;
  /** Most threats the layer can engage in this salvo; Infinity when unlimited. */
  channels: number;
  unitCostUsd: number;
}

export interface Engagement {
  /** In arrival order. */
  threats: ThreatType[];
  layers: Layer[];
  /** Sensor tracks per wave; threats beyond it in a wave are engaged with degraded kill probability. */
  trackCapacity: number;
  /** Multiplier on single-shot kill probability for threats beyond track capacity. */
  saturationPKillFactor: number;
  warningMinutes: number;
}
