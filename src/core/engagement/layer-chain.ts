/**
 * Joint draws of a salvo's stages (alias-sampler.ts). When a salvo is one
 * class of threats (one type, within the sensor track capacity) and every
 * layer fires a fixed number of interceptors per engagement, the state between
 * stages is a single count n, and the outcome of a run of stages given the n
 * that enters it has a small finite distribution: at launch, flying ~
 * Binomial(launched, reliability); per layer, engaged = min(Binomial(n,
 * tracking), capacity) and kills ~ Binomial(engaged, kill), n falling by the
 * kills (docs/model/engagement.md). Consecutive stages are grouped while the
 * product of their outcome supports stays small, and each group's joint
 * outcome is drawn from one alias table per entering count, built on first
 * use: the same law as stage-by-stage draws, in fewer draws. Outcomes whose
 * probabilities sum to less than 2^-53 (below double precision) are left out
 * of a table.
 *
 * Every table lives in flat typed arrays shared by the chain. A cell (one
 * joint outcome) has a record holding what a draw needs side by side, in one
 * cache line: the alias coin's threshold, the alias cell, and the threats that
 * leave the group whether the coin keeps the cell or takes its alias, so the
 * next group's count is known without a second lookup. A Monte Carlo run
 * counts the cells it draws instead of copying each salvo's outcome out
 * (`countSalvos`): per-layer totals are sums over cells, count x outcome,
 * exact in integers, and a salvo costs one draw and one increment per group.
 */
import { AliasTable } from '../rng/alias.js';
import { binomial } from '../rng/binomial.js';
import type { Stream } from '../rng/stream.js';
import { binomialPmf, type Pmf } from './binomial-pmf.js';
import { doctrineOf } from './doctrine/index.js';
import type { Engagement } from './types.js';

/** Most cells one group's table may have (groups stop growing before). */
const GROUP_CELLS = 4096;
/** Cells the tables of one chain may hold together (about 80 bytes each with four layers). */
const CHAIN_CELLS = 1 << 18;
/** Outcomes of a group whose probabilities sum to less than this are not tabled (below double precision). */
const TAIL = 2 ** -53;
const TWO_POW_32 = 4294967296;
/** A cell's record (LayerChain.rec): fields and stride. */
const THRESHOLD = 0;
const ALIAS = 1;
const LEAVE = 2;
const ALIAS_LEAVE = 3;
const REC = 4;

export class LayerChain {
  /** Threats of the salvo's one type launched, and their reliability. */
  readonly launched: number;
  private readonly reliability: number;
  /** Per layer (all of the engagement's): capacity, tracking, kill, shots; -1 kill if the layer does not engage the type. */
  private readonly capacity: Float64Array;
  private readonly tracking: Float64Array;
  private readonly kill: Float64Array;
  private readonly shots: Float64Array;
  /** Engaging layers, in order. */
  private readonly layers: Int32Array;
  /** Group g spans layers[groupStart[g]] .. layers[groupStart[g + 1] - 1]; group 0 also draws the launch. */
  private readonly groupStart: Int32Array;
  private readonly nGroups: number;
  /** Most layers in a group: the stride of the per-cell outcomes. */
  private readonly J: number;
  /** [2 (g (launched + 1) + n)]: first cell of group g's table for n entering (-1 before first use, -2 past the budget); [... + 1]: its size. */
  private readonly index: Int32Array;
  /** [REC * cell + ...]: THRESHOLD, ALIAS, LEAVE, ALIAS_LEAVE. */
  private rec = new Float64Array(1024 * REC);
  /** Per cell: how many times `countSalvos` drew it. */
  private count = new Float64Array(1024);
  /** Per cell: its group; threats that flew (group 0); [J cell + j]: engaged and kills at the group's j-th layer. */
  private group = new Uint8Array(1024);
  private flyingOut = new Int32Array(1024);
  private engagedOut: Int32Array;
  private killsOut: Int32Array;
  private cells = 0;
  private budgetLeft: number;
  /** Totals of counted salvos drawn stage by stage (past the table budget): flying, and per layer engaged and killed. */
  private directFlying = 0;
  private readonly directEngaged: Float64Array;
  private readonly directKilled: Float64Array;
  /** Threats that flew in the last `run`. */
  flying = 0;

  /** The chain of an engagement, or null when its salvo is not a single class of fixed-shot engagements. */
  static of(e: Engagement, maxCount: number, budgetCells = CHAIN_CELLS): LayerChain | null {
    if (e.threats.length !== 1) return null;
    const threat = e.threats[0];
    if (!(threat.launched <= e.trackCapacity) || threat.launched > maxCount) return null;
    for (const layer of e.layers)
      if (layer.pKill[threat.type] !== undefined && !doctrineOf(layer).fixedShots) return null;
    return new LayerChain(e, budgetCells);
  }

  private constructor(e: Engagement, budgetCells: number) {
    this.budgetLeft = budgetCells;
    const threat = e.threats[0];
    this.launched = threat.launched;
    this.reliability = threat.reliability;
    const L = e.layers.length;
    this.capacity = new Float64Array(L);
    this.tracking = new Float64Array(L);
    this.kill = new Float64Array(L);
    this.shots = new Float64Array(L);
    this.directEngaged = new Float64Array(L);
    this.directKilled = new Float64Array(L);
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
    // Group greedily by the support of each stage's outcome at the largest count that can reach it.
    const starts = [0];
    let cells = binomialPmf(threat.launched, threat.reliability).mass.length;
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
    this.nGroups = starts.length - 1;
    let J = 1;
    for (let g = 0; g < this.nGroups; g++) J = Math.max(J, starts[g + 1] - starts[g]);
    this.J = J;
    this.engagedOut = new Int32Array(1024 * J);
    this.killsOut = new Int32Array(1024 * J);
    this.index = new Int32Array(2 * this.nGroups * (threat.launched + 1));
    this.engagedPmfs = e.layers.map(() => []);
    this.killPmfs = e.layers.map(() => []);
    for (let k = 0; k < this.index.length; k += 2) this.index[k] = -1;
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

  /** Room for `more` cells. */
  private reserve(more: number): void {
    const need = this.cells + more;
    if (need <= this.count.length) return;
    const cap = Math.max(2 * this.count.length, need);
    const grow = <A extends Float64Array | Int32Array | Uint8Array>(a: A, make: (k: number) => A, per: number): A => {
      const b = make(cap * per);
      b.set(a);
      return b;
    };
    this.rec = grow(this.rec, (k) => new Float64Array(k), REC);
    this.count = grow(this.count, (k) => new Float64Array(k), 1);
    this.group = grow(this.group, (k) => new Uint8Array(k), 1);
    this.flyingOut = grow(this.flyingOut, (k) => new Int32Array(k), 1);
    this.engagedOut = grow(this.engagedOut, (k) => new Int32Array(k), this.J);
    this.killsOut = grow(this.killsOut, (k) => new Int32Array(k), this.J);
  }

  /** Per layer, by count: the pmf of engaged given n arriving, and of kills given e engaged (built once per chain). */
  private readonly engagedPmfs: (Pmf | undefined)[][];
  private readonly killPmfs: (Pmf | undefined)[][];

  private engagedPmfOf(l: number, n: number): Pmf {
    return (this.engagedPmfs[l][n] ??= this.engagedPmf(l, n));
  }

  private killPmfOf(l: number, e: number): Pmf {
    return (this.killPmfs[l][e] ??= binomialPmf(e, this.kill[l]));
  }

  /**
   * Build group g's table for n entering threats; returns its first cell, or
   * -2 past the budget. Outcomes are enumerated depth first; a branch whose
   * probability, with those already dropped, stays below TAIL / 2 is dropped
   * whole, and then the least likely outcomes up to TAIL in all.
   */
  private build(g: number, n: number): number {
    const from = this.groupStart[g];
    const J = this.groupStart[g + 1] - from;
    const weights: number[] = [];
    const leaveOut: number[] = [];
    const flyingOut: number[] = [];
    const engagedOut: number[] = [];
    const killsOut: number[] = [];
    const engagedAt = new Int32Array(J);
    const killsAt = new Int32Array(J);
    let flying = n;
    let dropped = 0;
    const drop = (w: number): boolean => {
      if (dropped + w > TAIL / 2) return false;
      dropped += w;
      return true;
    };
    const visit = (j: number, left: number, w: number): void => {
      if (j === J) {
        weights.push(w);
        leaveOut.push(left);
        flyingOut.push(flying);
        for (let i = 0; i < J; i++) {
          engagedOut.push(engagedAt[i]);
          killsOut.push(killsAt[i]);
        }
        return;
      }
      const l = this.layers[from + j];
      const ep = this.engagedPmfOf(l, left);
      for (let a = 0; a < ep.mass.length; a++) {
        const we = w * ep.mass[a];
        if (we === 0 || drop(we)) continue;
        const e = ep.lo + a;
        const kp = this.killPmfOf(l, e);
        for (let b = 0; b < kp.mass.length; b++) {
          const wk = we * kp.mass[b];
          if (wk === 0 || drop(wk)) continue;
          engagedAt[j] = e;
          killsAt[j] = kp.lo + b;
          visit(j + 1, left - kp.lo - b, wk);
        }
      }
    };
    if (g === 0) {
      // The first group starts at launch: flying ~ Binomial(launched, reliability).
      const fp = binomialPmf(n, this.reliability);
      for (let a = 0; a < fp.mass.length; a++) {
        flying = fp.lo + a;
        if (fp.mass[a] > 0 && !drop(fp.mass[a])) visit(0, flying, fp.mass[a]);
      }
    } else visit(0, n, 1);
    // Then the least likely outcomes, up to TAIL of the total in all, are left out.
    const sorted = Float64Array.from(weights).sort();
    let total = 0;
    for (const w of weights) total += w;
    let cut = 0;
    for (let i = 0; i < sorted.length && dropped + sorted[i] <= TAIL * total; i++) {
      dropped += sorted[i];
      cut = sorted[i + 1] ?? Infinity;
    }
    const kept: number[] = [];
    for (let v = 0; v < weights.length; v++) if (weights[v] >= cut) kept.push(v);
    const size = kept.length;
    const k = 2 * (g * (this.launched + 1) + n);
    if (size > this.budgetLeft) return (this.index[k] = -2);
    this.budgetLeft -= size;
    const t = new AliasTable(kept.map((v) => weights[v]));
    this.reserve(size);
    const o = this.cells;
    const rec = this.rec;
    for (let i = 0; i < size; i++) {
      const v = kept[i];
      const a = t.alias[i];
      const at = REC * (o + i);
      rec[at + THRESHOLD] = t.threshold[i];
      // Aliases as cell indices, so a draw returns the cell itself.
      rec[at + ALIAS] = o + a;
      rec[at + LEAVE] = leaveOut[v];
      rec[at + ALIAS_LEAVE] = leaveOut[kept[a]];
      this.group[o + i] = g;
      this.flyingOut[o + i] = flyingOut[v];
      for (let j = 0; j < J; j++) {
        this.engagedOut[(o + i) * this.J + j] = engagedOut[v * J + j];
        this.killsOut[(o + i) * this.J + j] = killsOut[v * J + j];
      }
    }
    this.cells += size;
    this.index[k + 1] = size;
    return (this.index[k] = o);
  }

  /**
   * The alias draw of rng/alias.ts (aliasDraw) on a table of the chain: u x
   * size = i x 2^32 + r from one 32-bit output; 53 more bits only when the
   * coin or the cell's edge falls inside [r, r + size). Returns the cell.
   */
  private drawCell(rng: Stream, o: number, size: number): number {
    if (size === 1) return o;
    const x = rng.nextUint32() * size;
    const i = Math.floor(x / TWO_POW_32);
    const r = x - i * TWO_POW_32;
    const at = REC * (o + i);
    const t = this.rec[at + THRESHOLD];
    if (r + size <= t) return o + i;
    if (r >= t && r + size <= TWO_POW_32) return this.rec[at + ALIAS];
    return refineCell(rng, this.rec, x, size, o);
  }

  /**
   * One salvo: launch and every layer, writing per layer the engaged, killed
   * and interceptors fired (layers that do not engage the type are left as
   * they are) and the threats that flew in `flying`. Returns the leakers.
   */
  run(rng: Stream, engaged: Int32Array, killed: Int32Array, used: Int32Array): number {
    let n = this.launched;
    for (let g = 0; g < this.nGroups; g++) {
      const k = 2 * (g * (this.launched + 1) + n);
      let o = this.index[k];
      if (o === -1) o = this.build(g, n);
      const from = this.groupStart[g];
      if (o < 0) {
        if (g === 0) n = this.flying = binomial(rng, n, this.reliability);
        n = this.runLayers(rng, n, from, this.groupStart[g + 1], engaged, killed, used);
        continue;
      }
      const cell = this.drawCell(rng, o, this.index[k + 1]);
      if (g === 0) this.flying = this.flyingOut[cell];
      const J = this.groupStart[g + 1] - from;
      for (let j = 0; j < J; j++) {
        const l = this.layers[from + j];
        const e = this.engagedOut[cell * this.J + j];
        engaged[l] = e;
        killed[l] = this.killsOut[cell * this.J + j];
        used[l] = e * this.shots[l];
      }
      n = this.rec[REC * cell + LEAVE];
    }
    return n;
  }

  /**
   * `samples` salvos, counted by cell instead of copied out: each salvo's
   * leakers are tallied in `histogram`; totals come from `addTotals`. Each
   * salvo gets its own draw at every group, as in `run`, but the salvos are
   * taken group by group and, within a group, by the count entering it, so
   * the draws from one table run back to back (its cells stay in cache and
   * successive draws do not wait on each other). Salvos are independent and
   * identically distributed, so the order in which their draws are made does
   * not change the law of the counts; it changes which stream output serves
   * which salvo.
   */
  countSalvos(rng: Stream, samples: number, histogram: Float64Array): void {
    const stride = this.launched + 1;
    let entering: Float64Array = new Float64Array(stride);
    entering[this.launched] = samples;
    for (let g = 0; g < this.nGroups; g++) {
      const leaving = g + 1 < this.nGroups ? new Float64Array(stride) : histogram;
      for (let n = 0; n < stride; n++) {
        const m = entering[n];
        if (m === 0) continue;
        const k = 2 * (g * stride + n);
        let o = this.index[k];
        if (o === -1) o = this.build(g, n);
        if (o < 0) for (let s = 0; s < m; s++) leaving[this.runCountedStages(rng, g, n)]++;
        else this.drawMany(rng, o, this.index[k + 1], m, leaving);
      }
      entering = leaving;
    }
  }

  /** `m` draws from the table at cell o of `size` cells (drawCell inlined by hand): cells counted, leaving counts tallied. */
  private drawMany(rng: Stream, o: number, size: number, m: number, leaving: Float64Array): void {
    const rec = this.rec;
    const count = this.count;
    if (size === 1) {
      count[o] += m;
      leaving[rec[REC * o + LEAVE]] += m;
      return;
    }
    for (let s = 0; s < m; s++) {
      const x = rng.nextUint32() * size;
      const i = Math.floor(x / TWO_POW_32);
      const r = x - i * TWO_POW_32;
      const at = REC * (o + i);
      const t = rec[at + THRESHOLD];
      if (r + size <= t) {
        count[o + i]++;
        leaving[rec[at + LEAVE]]++;
      } else if (r >= t && r + size <= TWO_POW_32) {
        count[rec[at + ALIAS]]++;
        leaving[rec[at + ALIAS_LEAVE]]++;
      } else {
        const cell = refineCell(rng, rec, x, size, o);
        count[cell]++;
        leaving[rec[REC * cell + LEAVE]]++;
      }
    }
  }

  /** Add the totals of every counted salvo so far: threats that flew, and per layer engaged, killed and interceptors fired. */
  addTotals(flying: { value: number }, engaged: Float64Array, killed: Float64Array, used: Float64Array): void {
    flying.value += this.directFlying;
    for (let l = 0; l < this.directEngaged.length; l++) {
      engaged[l] += this.directEngaged[l];
      killed[l] += this.directKilled[l];
      used[l] += this.directEngaged[l] * this.shots[l];
    }
    for (let v = 0; v < this.cells; v++) {
      const c = this.count[v];
      if (c === 0) continue;
      const g = this.group[v];
      if (g === 0) flying.value += c * this.flyingOut[v];
      for (let j = 0; j < this.groupStart[g + 1] - this.groupStart[g]; j++) {
        const l = this.layers[this.groupStart[g] + j];
        engaged[l] += c * this.engagedOut[v * this.J + j];
        killed[l] += c * this.killsOut[v * this.J + j];
        used[l] += c * this.engagedOut[v * this.J + j] * this.shots[l];
      }
    }
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

  /** Group g past the table budget, counted: stage by stage, into the direct totals. */
  private runCountedStages(rng: Stream, g: number, n: number): number {
    if (g === 0) {
      n = binomial(rng, n, this.reliability);
      this.directFlying += n;
    }
    for (let j = this.groupStart[g]; j < this.groupStart[g + 1]; j++) {
      const l = this.layers[j];
      const tracked = this.tracking[l] >= 1 ? n : binomial(rng, n, this.tracking[l]);
      const e = Math.min(tracked, this.capacity[l]);
      const k = binomial(rng, e, this.kill[l]);
      this.directEngaged[l] += e;
      this.directKilled[l] += k;
      n -= k;
    }
    return n;
  }
}

/** The rare undecided draw (rng/alias.ts, refine): 53 more bits of U; keep = threshold / 2^32 exactly. */
function refineCell(rng: Stream, rec: Float64Array, x: number, size: number, o: number): number {
  const y = (x + rng.uniform() * size) / TWO_POW_32;
  const i = Math.min(size - 1, Math.floor(y));
  const at = REC * (o + i);
  return y - i < rec[at + THRESHOLD] / TWO_POW_32 ? o + i : rec[at + ALIAS];
}
