/**
 * Alias tables of Binomial(n, p) for one p and every count n up to a bound,
 * built on first use and stored one after another in shared typed arrays, so
 * that a draw reads three arrays and no object (alias-sampler.ts).
 */
import { AliasTable, aliasDraw } from '../rng/alias.js';
import { binomial } from '../rng/binomial.js';
import type { Stream } from '../rng/stream.js';
import { binomialPmf } from './binomial-pmf.js';

/** Cells the tables of one sampler may hold together (20 bytes each). */
export class CellBudget {
  constructor(public left: number) {}
}

export class BinomialTables {
  /** Per n: offset of its cells, -1 before first use, -2 when not tabled (budget spent). */
  private readonly offset: Int32Array;
  private readonly size: Int32Array;
  private readonly lo: Int32Array;
  private threshold = new Float64Array(64);
  private keep = new Float64Array(64);
  private alias = new Int32Array(64);
  private used = 0;

  /** Counts 0..maxCount are tabled; larger ones are drawn by binomial(). */
  constructor(
    readonly p: number,
    readonly maxCount: number,
    private readonly budget: CellBudget,
  ) {
    this.offset = new Int32Array(maxCount + 1).fill(-1);
    this.size = new Int32Array(maxCount + 1);
    this.lo = new Int32Array(maxCount + 1);
  }

  /** An exact Binomial(n, p) draw. */
  draw(rng: Stream, n: number): number {
    const o = n <= this.maxCount ? this.offset[n] : -2;
    if (o >= 0) return aliasDraw(rng, this.size[n], this.lo[n], this.threshold, this.keep, this.alias, o);
    return this.drawSlow(rng, n, o);
  }

  private drawSlow(rng: Stream, n: number, o: number): number {
    if (o === -1 && this.build(n)) return this.draw(rng, n);
    return binomial(rng, n, this.p);
  }

  private build(n: number): boolean {
    const { lo, mass } = binomialPmf(n, this.p);
    if (mass.length > this.budget.left) {
      this.offset[n] = -2;
      return false;
    }
    this.budget.left -= mass.length;
    const t = new AliasTable(mass, lo);
    if (this.used + t.size > this.keep.length) {
      const cap = Math.max(2 * this.keep.length, this.used + t.size);
      const grow = <A extends Float64Array | Int32Array>(a: A, make: (n: number) => A): A => {
        const b = make(cap);
        b.set(a);
        return b;
      };
      this.threshold = grow(this.threshold, (k) => new Float64Array(k));
      this.keep = grow(this.keep, (k) => new Float64Array(k));
      this.alias = grow(this.alias, (k) => new Int32Array(k));
    }
    this.threshold.set(t.threshold, this.used);
    this.keep.set(t.keep, this.used);
    this.alias.set(t.alias, this.used);
    this.offset[n] = this.used;
    this.size[n] = t.size;
    this.lo[n] = lo;
    this.used += t.size;
    return true;
  }
}
