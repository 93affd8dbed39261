/**
 * What an air-defence doctrine decides about one layer's engagements
 * (docs/model/engagement.md): the kill probability of an engagement, the
 * interceptors it costs, the inventory needed to start one, how a salvo's
 * engagements are sampled, and whether the exact method covers it. Every
 * engine (sampler, exact, fluid, campaign) asks the layer's rule, so a new
 * doctrine is one file here plus its line in index.ts.
 */
import type { Stream } from '../../rng/stream.js';

/** The outcome of engaging the threats of one class at one layer (written in place: no allocation). */
export interface EngagementDraw {
  /** Threats engaged. */
  engaged: number;
  /** Threats killed. */
  kills: number;
  /** Interceptors fired. */
  used: number;
}

/** A doctrine fires at most `shots` interceptors at one engaged threat (the exact method's scope test relies on it). */
export interface DoctrineRule {
  readonly name: string;
  /** P(an engaged threat is killed), from the single-shot kill probability and the layer's shots. */
  kill(pShot: number, shots: number): number;
  /** Expected interceptors fired per engaged threat. */
  expectedShots(pShot: number, shots: number): number;
  /** Interceptors a layer needs in stock to start one more engagement. */
  minInventory(shots: number): number;
  /**
   * Threats an inventory can engage for certain: inventory / shots when every
   * engagement fires a fixed number; Infinity when usage per threat is random
   * (the inventory is then checked shot by shot).
   */
  engageableFrom(inventory: number, shots: number): number;
  /**
   * True when an engagement always fires `shots` interceptors, so the kills of
   * E engagements are Binomial(E, kill) and usage is E x shots: the exact
   * solver and the per-layer exact draw of the Monte Carlo cover it whatever
   * the inventory. False when usage is random: the exact method then needs an
   * inventory that cannot run out mid-salvo, and sampling goes shot by shot.
   */
  readonly fixedShots: boolean;
  /**
   * Sample the engagement of up to `ready` threats (tracked, within channels)
   * from `inventory` interceptors, with single-shot kill probability `pShot`
   * and per-engagement kill probability `kill` (= this.kill(pShot, shots)).
   */
  engage(
    rng: Stream,
    ready: number,
    inventory: number,
    pShot: number,
    kill: number,
    shots: number,
    out: EngagementDraw,
  ): void;
}
