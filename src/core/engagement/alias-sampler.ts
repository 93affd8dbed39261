/**
 * The Monte Carlo's salvo sampler: the same law as SalvoSampler (count space,
 * classes in arrival order, the same limits), with every binomial stage of a
 * layer drawn exactly from its distribution by an alias table, built the first
 * time a (layer, class, count) is met and kept for the engagement's life. On
 * the salvos the engines see, a few dozen tables cover almost every draw, so a
 * layer costs one uniform instead of a binomial draw.
 *
 * Stages: flying ~ Binomial(launched, reliability) per type; tracked ~
 * Binomial(n, tracking) per class and layer; and, for doctrines that fire a
 * fixed number of interceptors per engagement (doctrine/rule.ts, fixedShots),
 * kills ~ Binomial(engaged, kill). A doctrine with random usage per threat
 * (shoot-look-shoot) falls back to its own shot-by-shot sampling, and so does
 * any stage past the cache budget (plain binomial draws).
 *
 * When the salvo is a single class (one type within the track capacity) and
 * every layer fires a fixed number of interceptors per engagement, the launch
 * and groups of consecutive layers are drawn jointly, one alias draw per group
 * (layer-chain.ts), and a Monte Carlo run counts salvos by joint outcome
 * (`countSalvos`).
 *
 * The engagement is the file's: no per-sample inventory, salvo or readiness
 * overrides (campaigns and the day loop use SalvoSampler).
 */
import type { Stream } from '../rng/stream.js';
import { BinomialTables, CellBudget } from './binomial-tables.js';
import { doctrineOf, type DoctrineRule, type EngagementDraw } from './doctrine/index.js';
import { LayerChain } from './layer-chain.js';
import type { Engagement } from './types.js';

/** Cells of alias tables one sampler may hold (20 bytes each): 40 MB. */
const CACHE_CELLS = 1 << 21;
/** Counts above this are drawn by plain binomial (tables are indexed by count). */
const MAX_TABLED_COUNT = 1 << 13;

export class AliasSalvoSampler {
  readonly engagement: Engagement;
  readonly nTypes: number;
  readonly nLayers: number;
  readonly flying: Int32Array;
  readonly leaked: Int32Array;
  /** [layer * nTypes + type], this sample: threats killed. */
  readonly killed: Int32Array;
  readonly used: Int32Array;
  readonly engaged: Int32Array;
  readonly inventoryLeft: Float64Array;

  private readonly classCount: Int32Array;
  /** [layer * nClasses + class]: per-engagement kill probability, or -1 if not engaged. */
  private readonly classKill: Float64Array;
  private readonly classPShot: Float64Array;
  private readonly waveStart: Int32Array;
  private readonly rules: DoctrineRule[];
  private readonly fixedShots: Uint8Array;
  private readonly minInventory: Float64Array;
  private readonly draw: EngagementDraw = { engaged: 0, kills: 0, used: 0 };
  private readonly budget = new CellBudget(CACHE_CELLS);
  /** Per type: tables of flying (reliability below 1). */
  private readonly flyingTables: BinomialTables[];
  /** [layer * nClasses + class]: tables by count of tracked (tracking below 1) and of kills (fixed-shot doctrines). */
  private readonly trackTables: (BinomialTables | null)[];
  private readonly killTables: (BinomialTables | null)[];
  private readonly trackCapacity: number;
  private readonly launched: Float64Array;
  private readonly reliability: Float64Array;
  private readonly channels0: Float64Array;
  private readonly inventory0: Float64Array;
  private readonly shots: Float64Array;
  private readonly tracking: Float64Array;
  /** Joint draws of groups of layers, when the salvo is one class of fixed-shot engagements (layer-chain.ts). */
  private readonly chain: LayerChain | null;

  constructor(engagement: Engagement) {
    this.engagement = engagement;
    const T = (this.nTypes = engagement.threats.length);
    const L = (this.nLayers = engagement.layers.length);
    const C = 2 * T;
    this.flying = new Int32Array(T);
    this.leaked = new Int32Array(T);
    this.killed = new Int32Array(L * T);
    this.used = new Int32Array(L);
    this.engaged = new Int32Array(L);
    this.inventoryLeft = new Float64Array(L);
    this.classCount = new Int32Array(C);
    this.trackCapacity = engagement.trackCapacity;
    this.launched = Float64Array.from(engagement.threats, (t) => t.launched);
    this.reliability = Float64Array.from(engagement.threats, (t) => t.reliability);
    this.channels0 = Float64Array.from(engagement.layers, (l) => l.channels);
    this.inventory0 = Float64Array.from(engagement.layers, (l) => l.inventory);
    this.shots = Float64Array.from(engagement.layers, (l) => l.shots);
    this.tracking = Float64Array.from(engagement.layers, (l) => l.tracking);
    this.classKill = new Float64Array(L * C);
    this.classPShot = new Float64Array(L * C);
    this.rules = engagement.layers.map(doctrineOf);
    this.fixedShots = Uint8Array.from(this.rules, (r) => (r.fixedShots ? 1 : 0));
    this.minInventory = Float64Array.from(engagement.layers, (l, i) => this.rules[i].minInventory(l.shots));
    this.trackTables = [];
    this.killTables = [];
    engagement.layers.forEach((layer, l) => {
      for (let c = 0; c < C; c++) {
        const threat = engagement.threats[c >> 1];
        const idx = l * C + c;
        const p = layer.pKill[threat.type];
        // A class can bring at most its type's launches to a layer.
        const maxCount = Math.min(threat.launched, MAX_TABLED_COUNT);
        if (p === undefined) {
          this.classKill[idx] = -1;
          this.trackTables.push(null);
          this.killTables.push(null);
          continue;
        }
        const ps = c & 1 ? p * engagement.saturationPKillFactor : p;
        this.classPShot[idx] = ps;
        this.classKill[idx] = this.rules[l].kill(ps, layer.shots);
        this.trackTables.push(layer.tracking < 1 ? new BinomialTables(layer.tracking, maxCount, this.budget) : null);
        this.killTables.push(
          this.rules[l].fixedShots ? new BinomialTables(this.classKill[idx], maxCount, this.budget) : null,
        );
      }
    });
    this.flyingTables = engagement.threats.map(
      (t) => new BinomialTables(t.reliability, Math.min(t.launched, MAX_TABLED_COUNT), this.budget),
    );
    const starts: number[] = [];
    engagement.threats.forEach((threat, t) => {
      if (t === 0 || threat.wave !== engagement.threats[t - 1].wave) starts.push(t);
    });
    starts.push(T);
    this.waveStart = Int32Array.from(starts);
    this.chain = LayerChain.of(engagement, MAX_TABLED_COUNT);
  }

  /** One class through a chain of fixed-shot layers: launch and groups of layers drawn jointly. */
  private sampleChain(rng: Stream, chain: LayerChain): void {
    // Layers that do not engage the type keep the zeros they were created with.
    this.leaked[0] = chain.run(rng, this.engaged, this.killed, this.used);
    this.flying[0] = chain.flying;
    for (let l = 0; l < this.nLayers; l++) this.inventoryLeft[l] = this.inventory0[l] - this.used[l];
  }

  /** True when salvos can be counted rather than copied out (`countSalvos`): one class through fixed-shot layers. */
  get countable(): boolean {
    return this.chain !== null;
  }

  /**
   * `samples` salvos of a countable engagement, the same draws as `samples`
   * calls of `sample`, counted instead of written to the public buffers: each
   * salvo's leakers are tallied in `histogram` (indexed by leakers); the
   * totals over every counted salvo come from `addCountedTotals`.
   */
  countSalvos(rng: Stream, samples: number, histogram: Float64Array): void {
    this.chain!.countSalvos(rng, samples, histogram);
  }

  /** Add the totals of every counted salvo: flying per type, and per layer engaged, killed ([layer * nTypes + type]) and interceptors fired. */
  addCountedTotals(flying: Float64Array, engaged: Float64Array, killed: Float64Array, used: Float64Array): void {
    const f = { value: 0 };
    this.chain!.addTotals(f, engaged, killed, used);
    flying[0] += f.value;
  }

  /** Doctrines with random usage per threat sample shot by shot. */
  private engageByRule(rng: Stream, l: number, idx: number, ready: number, inv: number): EngagementDraw {
    this.rules[l].engage(rng, ready, inv, this.classPShot[idx], this.classKill[idx], this.shots[l], this.draw);
    return this.draw;
  }

  /** Draw one salvo outcome into the public buffers. */
  sample(rng: Stream): void {
    if (this.chain !== null) return this.sampleChain(rng, this.chain);
    const T = this.nTypes;
    const C = 2 * T;
    const counts = this.classCount;
    const killed = this.killed;
    const waveStart = this.waveStart;
    for (let w = 0; w + 1 < waveStart.length; w++) {
      let tracksLeft = this.trackCapacity;
      for (let t = waveStart[w]; t < waveStart[w + 1]; t++) {
        const f = this.reliability[t] >= 1 ? this.launched[t] : this.flyingTables[t].draw(rng, this.launched[t]);
        this.flying[t] = f;
        const tracked = f < tracksLeft ? f : tracksLeft;
        tracksLeft -= tracked;
        counts[2 * t] = tracked;
        counts[2 * t + 1] = f - tracked;
      }
    }
    for (let l = 0; l < this.nLayers; l++) {
      let channels = this.channels0[l];
      let inv = this.inventory0[l];
      let used = 0;
      let engagedTotal = 0;
      const shots = this.shots[l];
      const tracking = this.tracking[l];
      const fixed = this.fixedShots[l] === 1;
      const minInventory = this.minInventory[l];
      for (let t = 0; t < T; t++) killed[l * T + t] = 0;
      for (let c = 0; c < C; c++) {
        const n = counts[c];
        if (n === 0) continue;
        const idx = l * C + c;
        const kill = this.classKill[idx];
        if (kill < 0) continue;
        if (channels <= 0 || inv < minInventory) break;
        const tracked = tracking >= 1 ? n : this.trackTables[idx]!.draw(rng, n);
        const ready = tracked < channels ? tracked : channels;
        let engaged: number;
        let kills: number;
        let fired: number;
        if (fixed) {
          const byInventory = this.rules[l].engageableFrom(inv, shots);
          engaged = byInventory < ready ? byInventory : ready;
          kills = this.killTables[idx]!.draw(rng, engaged);
          fired = engaged * shots;
        } else {
          const draw = this.engageByRule(rng, l, idx, ready, inv);
          engaged = draw.engaged;
          kills = draw.kills;
          fired = draw.used;
        }
        inv -= fired;
        used += fired;
        channels -= engaged;
        engagedTotal += engaged;
        counts[c] = n - kills;
        killed[l * T + (c >> 1)] += kills;
      }
      this.used[l] = used;
      this.engaged[l] = engagedTotal;
      this.inventoryLeft[l] = inv;
    }
    for (let t = 0; t < T; t++) this.leaked[t] = counts[2 * t] + counts[2 * t + 1];
  }
}
