/**
 * Joint draws of consecutive layers (alias-sampler.ts). When a salvo is one
 * class of threats (one type, within the sensor track capacity) and every
 * layer fires a fixed number of interceptors per engagement, the state between
 * layers is a single count n, and the outcome of a run of layers given the n
 * that enters it has a small finite distribution: per layer, engaged =
 * min(Binomial(n, tracking), capacity) and kills ~ Binomial(engaged, kill),
 * n falling by the kills (docs/model/engagement.md). Consecutive layers are
 * grouped while the product of their outcome supports stays small, and each
 * group's joint outcome is drawn from one alias table per entering count,
 * built on first use: the same law as layer-by-layer draws, in fewer draws.
 */
import { AliasTable } from '../rng/alias.js';
import { binomial } from '../rng/binomial.js';
import type { Stream } from '../rng/stream.js';
import { binomialPmf, type Pmf } from './binomial-pmf.js';
import type { CellBudget } from './binomial-tables.js';
import { doctrineOf } from './doctrine/index.js';
import type { Engagement } from './types.js';

/** Most cells one group's table may have (groups stop growing before). */
const GROUP_CELLS = 4096;

interface GroupTable {
  table: AliasTable;
  /** [2J v + 2j] engaged and [2J v + 2j + 1] kills at the group's j-th layer in cell v (a cell's outcome is contiguous). */
  outcome: Int32Array;
}

export class LayerChain {
  /** Per layer (all of the engagement's): capacity, tracking, kill; -1 kill if the layer does not engage the type. */
  private readonly capacity: Float64Array;
  private readonly tracking: Float64Array;
  private readonly kill: Float64Array;
  private readonly shots: Float64Array;
  /** Engaging layers, in order. */
  private readonly layers: Int32Array;
  /** Group g spans layers[groupStart[g]] .. layers[groupStart[g + 1] - 1]. */
  private readonly groupStart: Int32Array;
  /** [g][n]: the group's table for n entering threats; null before first use; false when past the budget. */
  private readonly tables: (GroupTable | null | false)[][];

  /** The chain of an engagement, or null when its salvo is not a single class of fixed-shot engagements. */
  static of(e: Engagement, maxCount: number, budget: CellBudget): LayerChain | null {
    if (e.threats.length !== 1) return null;
    const threat = e.threats[0];
    if (!(threat.launched <= e.trackCapacity) || threat.launched > maxCount) return null;
    for (const layer of e.layers)
      if (layer.pKill[threat.type] !== undefined && !doctrineOf(layer).fixedShots) return null;
    return new LayerChain(e, budget);
  }

  private constructor(
    e: Engagement,
    private readonly budget: CellBudget,
  ) {
    const threat = e.threats[0];
    const L = e.layers.length;
    this.capacity = new Float64Array(L);
    this.tracking = new Float64Array(L);
    this.kill = new Float64Array(L);
    this.shots = new Float64Array(L);
    const engaging: number[] = [];
    e.layers.forEach((layer, l) => {
      const rule = doctrineOf(layer);
      const p = layer.pKill[threat.type];
      this.capacity[l] = Math.min(layer.channels, rule.engageableFrom(layer.inventory, layer.shots));
      this.tracking[l] = layer.tracking;
      this.shots[l] = layer.shots;
      this.kill[l] = p === undefined ? -1 : rule.kill(p, layer.shots);
      if (p !== undefined) engaging.push(l);
    });
    this.layers = Int32Array.from(engaging);
    // Group greedily by the support of each layer's outcome at the largest count that can reach it.
    const starts = [0];
    let cells = 1;
    for (let j = 0; j < engaging.length; j++) {
      const l = engaging[j];
      const e0 = Math.min(threat.launched, this.capacity[l]);
      const width =
        (this.tracking[l] < 1 ? binomialPmf(threat.launched, this.tracking[l]).mass.length : 1) *
        binomialPmf(e0, this.kill[l]).mass.length;
      if (j > 0 && cells * width > GROUP_CELLS) {
        starts.push(j);
        cells = 1;
      }
      cells *= width;
    }
    starts.push(engaging.length);
    this.groupStart = Int32Array.from(starts);
    this.tables = [];
    for (let g = 0; g + 1 < starts.length; g++)
      this.tables.push(new Array<GroupTable | null | false>(threat.launched + 1).fill(null));
  }

  /** The (engaged, kills) law of layer l given n arriving: pmf of engaged, then of kills per engaged. */
  private engagedPmf(l: number, n: number): Pmf {
    const cap = this.capacity[l];
    if (this.tracking[l] >= 1) return { lo: Math.min(n, cap), mass: Float64Array.of(1) };
    const tracked = binomialPmf(n, this.tracking[l]);
    if (tracked.lo + tracked.mass.length - 1 <= cap) return tracked;
    // Tracked threats beyond the capacity are not engaged: their mass lumps at the capacity.
    const top = Math.max(0, cap - tracked.lo);
    const mass = tracked.mass.slice(0, top + 1);
    for (let i = top + 1; i < tracked.mass.length; i++) mass[top] += tracked.mass[i];
    return { lo: Math.min(tracked.lo, cap), mass };
  }

  private build(g: number, n: number): GroupTable | false {
    const from = this.groupStart[g];
    const to = this.groupStart[g + 1];
    const J = to - from;
    const weights: number[] = [];
    const outcome: number[][] = [];
    const engagedAt = new Int32Array(J);
    const killsAt = new Int32Array(J);
    const visit = (j: number, left: number, w: number): void => {
      if (j === J) {
        weights.push(w);
        outcome.push([...engagedAt, ...killsAt]);
        return;
      }
      const l = this.layers[from + j];
      const ep = this.engagedPmf(l, left);
      for (let a = 0; a < ep.mass.length; a++) {
        const e = ep.lo + a;
        const kp = binomialPmf(e, this.kill[l]);
        for (let b = 0; b < kp.mass.length; b++) {
          const wk = w * ep.mass[a] * kp.mass[b];
          if (wk === 0) continue;
          engagedAt[j] = e;
          killsAt[j] = kp.lo + b;
          visit(j + 1, left - kp.lo - b, wk);
        }
      }
    };
    visit(0, n, 1);
    const cells = weights.length;
    if (cells > this.budget.left) return false;
    this.budget.left -= cells;
    const packed = new Int32Array(2 * J * cells);
    for (let v = 0; v < cells; v++) {
      for (let j = 0; j < J; j++) {
        packed[2 * J * v + 2 * j] = outcome[v][j];
        packed[2 * J * v + 2 * j + 1] = outcome[v][J + j];
      }
    }
    return { table: new AliasTable(weights), outcome: packed };
  }

  /**
   * Pass n threats through every layer, writing per layer the engaged, killed
   * and interceptors fired (layers that do not engage the type are left as
   * they are). Returns the leakers.
   */
  run(rng: Stream, n: number, engaged: Int32Array, killed: Int32Array, used: Int32Array): number {
    for (let g = 0; g + 1 < this.groupStart.length; g++) {
      const from = this.groupStart[g];
      const J = this.groupStart[g + 1] - from;
      let t = this.tables[g][n];
      if (t === null) t = this.tables[g][n] = this.build(g, n);
      if (t === false) {
        n = this.runLayers(rng, n, from, from + J, engaged, killed, used);
        continue;
      }
      const out = t.outcome;
      const at = 2 * J * t.table.draw(rng);
      for (let j = 0; j < J; j++) {
        const l = this.layers[from + j];
        const e = out[at + 2 * j];
        const k = out[at + 2 * j + 1];
        engaged[l] = e;
        killed[l] = k;
        used[l] = e * this.shots[l];
        n -= k;
      }
    }
    return n;
  }

  /** Past the table budget: the same layers by plain binomial draws. */
  private runLayers(
    rng: Stream,
    n: number,
    from: number,
    to: number,
    engaged: Int32Array,
    killed: Int32Array,
    used: Int32Array,
  ): number {
    for (let j = from; j < to; j++) {
      const l = this.layers[j];
      const tracked = this.tracking[l] >= 1 ? n : binomial(rng, n, this.tracking[l]);
      const e = Math.min(tracked, this.capacity[l]);
      const k = binomial(rng, e, this.kill[l]);
      engaged[l] = e;
      killed[l] = k;
      used[l] = e * this.shots[l];
      n -= k;
    }
    return n;
  }
}
