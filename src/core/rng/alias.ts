import type { Stream } from './stream.js';

/**
 * Walker's alias method (Vose's stable construction, IEEE TSE 17(9), 1991):
 * after O(n) set-up, a draw from any finite distribution costs one uniform,
 * one table cell and one comparison, whatever its size.
 *
 * A draw is X = U x size for a uniform U: its integer part picks the cell,
 * its fraction tosses the cell's coin. U is read lazily: the first 32 bits
 * (one generator output) decide the draw except when the cell's coin
 * threshold, or the cell's edge, falls inside the interval those bits leave
 * open (probability about 2 x size / 2^32); only then are 53 more bits drawn
 * and the decision taken from 32 + 53 bits. The law is that of the
 * 53-bit-uniform draw, at one generator output per draw instead of two.
 */
const TWO_POW_32 = 4294967296;

export class AliasTable {
  /** Value of cell 0: a draw returns lo + index. */
  readonly lo: number;
  readonly size: number;
  /** Probability of keeping cell i rather than taking its alias. */
  readonly keep: Float64Array;
  /** keep[i] x 2^32: the coin's threshold on the 32-bit scale. */
  readonly threshold: Float64Array;
  /** lo + alias of cell i (absolute values, so a draw adds nothing). */
  readonly alias: Int32Array;

  /** `weights[i]` is proportional to P(X = lo + i); they need not sum to one. Values are 32-bit integers. */
  constructor(weights: ArrayLike<number>, lo = 0) {
    const n = weights.length;
    if (n === 0) throw new RangeError('AliasTable: expected at least one weight');
    let total = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i];
      if (!(w >= 0) || w === Infinity)
        throw new RangeError(`AliasTable: weight ${i} is ${w}, expected a finite number >= 0`);
      total += w;
    }
    if (!(total > 0)) throw new RangeError('AliasTable: the weights sum to zero');
    this.lo = lo;
    this.size = n;
    const keep = (this.keep = new Float64Array(n));
    const alias = (this.alias = new Int32Array(n));
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i] * n) / total;
      if (scaled[i] < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const s = small[--ns];
      const g = large[--nl];
      keep[s] = scaled[s];
      alias[s] = lo + g;
      scaled[g] = scaled[g] + scaled[s] - 1;
      if (scaled[g] < 1) small[ns++] = g;
      else large[nl++] = g;
    }
    // What is left has probability one up to round-off (Vose's remedy).
    while (nl > 0) {
      const g = large[--nl];
      keep[g] = 1;
      alias[g] = lo + g;
    }
    while (ns > 0) {
      const s = small[--ns];
      keep[s] = 1;
      alias[s] = lo + s;
    }
    this.threshold = Float64Array.from(keep, (k) => k * TWO_POW_32);
  }

  /** One draw. A single-cell table consumes no randomness. */
  draw(rng: Stream): number {
    return aliasDraw(rng, this.size, this.lo, this.threshold, this.keep, this.alias, 0);
  }

  /** P(X = lo + i) as the table encodes it (for tests). */
  probability(i: number): number {
    let p = this.keep[i];
    for (let j = 0; j < this.size; j++) if (this.keep[j] < 1 && this.alias[j] === this.lo + i) p += 1 - this.keep[j];
    return p / this.size;
  }
}

/**
 * The draw of a table stored at `offset` in (possibly shared) arrays: cell
 * i's threshold, keep probability and alias at offset + i.
 */
export function aliasDraw(
  rng: Stream,
  size: number,
  lo: number,
  threshold: Float64Array,
  keep: Float64Array,
  alias: Int32Array,
  offset: number,
): number {
  if (size === 1) return lo;
  // u x size = i x 2^32 + r exactly (below 2^53): cell i, coin position r; the
  // bits of U after the first 32 move the coin position within [r, r + size).
  const x = rng.nextUint32() * size;
  const i = Math.floor(x / TWO_POW_32);
  const r = x - i * TWO_POW_32;
  const t = threshold[offset + i];
  if (r + size <= t) return lo + i;
  if (r >= t && r + size <= TWO_POW_32) return alias[offset + i];
  return refine(rng, x, size, lo, keep, alias, offset);
}

/** The rare undecided draw: 53 more bits of U. */
function refine(
  rng: Stream,
  x: number,
  size: number,
  lo: number,
  keep: Float64Array,
  alias: Int32Array,
  offset: number,
): number {
  const y = (x + rng.uniform() * size) / TWO_POW_32;
  const i = Math.min(size - 1, Math.floor(y));
  return y - i < keep[offset + i] ? lo + i : alias[offset + i];
}
