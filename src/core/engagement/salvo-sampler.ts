/**
 * One random outcome of a salvo against the layered defence (docs/model/engagement.md),
 * sampled in count space: per threat class, tracked ~ Binomial, engaged =
 * min(tracked, channels left), then the layer's doctrine engages them from
 * the inventory left (doctrine/*.ts: barrage kills ~ Binomial). This
 * is the same law as threat-by-threat simulation (threats of a class are
 * exchangeable), at a cost that does not grow with the salvo.
 *
 * Classes: each threat type splits into the threats within the wave's sensor
 * track capacity and those beyond it (degraded kill probability). Ordered as
 * [type A tracked, type A saturated, type B tracked, ...] this is arrival order,
 * because the tracked threats of a type arrive before its saturated ones.
 *
 * The sampler owns preallocated buffers, so a sample allocates nothing.
 */
import { binomial } from '../rng/binomial.js';
import type { Stream } from '../rng/stream.js';
import { doctrineOf, type DoctrineRule, type EngagementDraw } from './doctrine/index.js';
import type { Engagement } from './types.js';

export class SalvoSampler {
  readonly engagement: Engagement;
  readonly nTypes: number;
  readonly nLayers: number;
  /** Per type, this sample: threats that flew. */
  readonly flying: Int32Array;
  /** Per type, this sample: threats that leaked through every layer. */
  readonly leaked: Int32Array;
  /** [layer * nTypes + type], this sample: threats killed. */
  readonly killed: Int32Array;
  /** Per layer, this sample: interceptors fired. */
  readonly used: Int32Array;
  /** Per layer, this sample: threats engaged. */
  readonly engaged: Int32Array;
  /** Per layer: inventory left after this sample (Infinity if unlimited). */
  readonly inventoryLeft: Float64Array;

  private readonly classCount: Int32Array;
  /** [layer * nClasses + class]: per-engagement kill probability, or -1 if not engaged. */
  private readonly classKill: Float64Array;
  /** [layer * nClasses + class]: single-shot kill probability. */
  private readonly classPShot: Float64Array;
  private readonly waveStart: Int32Array;
  private readonly rules: DoctrineRule[];
  /** Per layer: interceptors needed to start an engagement. */
  private readonly minInventory: Float64Array;
  private readonly draw: EngagementDraw = { engaged: 0, kills: 0, used: 0 };

  /**
   * The per-class tables this sampler draws with, as they are (read, never changed): the WebAssembly kernel's model
   * tape carries them so that it samples with the same doubles (engine/kernel/flatten.ts, docs/kernel.md).
   */
  tables(): { classKill: Float64Array; classPShot: Float64Array; minInventory: Float64Array } {
    return { classKill: this.classKill, classPShot: this.classPShot, minInventory: this.minInventory };
  }

  constructor(engagement: Engagement) {
    this.engagement = engagement;
    const T = (this.nTypes = engagement.threats.length);
    const L = (this.nLayers = engagement.layers.length);
    this.flying = new Int32Array(T);
    this.leaked = new Int32Array(T);
    this.killed = new Int32Array(L * T);
    this.used = new Int32Array(L);
    this.engaged = new Int32Array(L);
    this.inventoryLeft = new Float64Array(L);
    this.classCount = new Int32Array(2 * T);
    this.classKill = new Float64Array(L * 2 * T);
    this.classPShot = new Float64Array(L * 2 * T);
    this.rules = engagement.layers.map(doctrineOf);
    this.minInventory = Float64Array.from(engagement.layers, (l) => doctrineOf(l).minInventory(l.shots));
    engagement.layers.forEach((layer, l) => {
      engagement.threats.forEach((threat, t) => {
        const p = layer.pKill[threat.type];
        for (let s = 0; s < 2; s++) {
          const idx = l * 2 * T + 2 * t + s;
          if (p === undefined) {
            this.classKill[idx] = -1;
            continue;
          }
          const ps = s === 0 ? p : p * engagement.saturationPKillFactor;
          this.classPShot[idx] = ps;
          this.classKill[idx] = this.rules[l].kill(ps, layer.shots);
        }
      });
    });
    // Index of the first type of each wave, for the track-capacity split.
    const starts: number[] = [];
    engagement.threats.forEach((threat, t) => {
      if (t === 0 || threat.wave !== engagement.threats[t - 1].wave) starts.push(t);
    });
    starts.push(T);
    this.waveStart = Int32Array.from(starts);
  }

  /**
   * Draw one salvo outcome into the public buffers.
   * `inventory` (per layer) and `launched` (per type) override the file's
   * values, for campaigns whose stocks and salvos change day by day;
   * `trackingScale` multiplies every layer's tracking (air-defence readiness).
   */
  sample(rng: Stream, inventory?: ArrayLike<number>, launched?: ArrayLike<number>, trackingScale = 1): void {
    const e = this.engagement;
    const T = this.nTypes;
    const C = 2 * T;
    const counts = this.classCount;
    // Launch reliability, then the per-wave split by sensor track capacity.
    for (let w = 0; w + 1 < this.waveStart.length; w++) {
      let tracksLeft = e.trackCapacity;
      for (let t = this.waveStart[w]; t < this.waveStart[w + 1]; t++) {
        const threat = e.threats[t];
        const n = launched ? launched[t] : threat.launched;
        const f = threat.reliability >= 1 ? n : binomial(rng, n, threat.reliability);
        this.flying[t] = f;
        const tracked = f < tracksLeft ? f : tracksLeft;
        tracksLeft -= tracked;
        counts[2 * t] = tracked;
        counts[2 * t + 1] = f - tracked;
      }
    }
    this.killed.fill(0);
    const draw = this.draw;
    for (let l = 0; l < this.nLayers; l++) {
      const layer = e.layers[l];
      const rule = this.rules[l];
      let channels = layer.channels;
      let inv = inventory ? inventory[l] : layer.inventory;
      let used = 0;
      let engagedTotal = 0;
      const shots = layer.shots;
      const minInventory = this.minInventory[l];
      for (let c = 0; c < C; c++) {
        const n = counts[c];
        if (n === 0) continue;
        const idx = l * C + c;
        const kill = this.classKill[idx];
        if (kill < 0) continue;
        if (channels <= 0 || inv < minInventory) break;
        const tr = trackingScale === 1 ? layer.tracking : Math.min(1, layer.tracking * trackingScale);
        const tracked = tr >= 1 ? n : binomial(rng, n, tr);
        rule.engage(rng, tracked < channels ? tracked : channels, inv, this.classPShot[idx], kill, shots, draw);
        inv -= draw.used;
        used += draw.used;
        channels -= draw.engaged;
        engagedTotal += draw.engaged;
        counts[c] = n - draw.kills;
        this.killed[l * T + (c >> 1)] += draw.kills;
      }
      this.used[l] = used;
      this.engaged[l] = engagedTotal;
      this.inventoryLeft[l] = inv;
    }
    for (let t = 0; t < T; t++) this.leaked[t] = counts[2 * t] + counts[2 * t + 1];
  }
}
