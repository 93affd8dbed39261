/**
 * Sobol' low-discrepancy points (Sobol' 1967; Bratley and Fox, ACM TOMS
 * 14(1), 1988, Gray-code construction), 32-bit, with a random digital shift.
 *
 * Dimension 1 is van der Corput. Dimension j > 1 uses the (j-1)-th primitive
 * polynomial over GF(2), enumerated here in order of degree (so no table is
 * copied), with initial direction numbers m_k = 1 for k <= degree (any odd
 * m_k < 2^k gives a valid Sobol' sequence; tables such as Joe and Kuo's tune
 * them for better 2-D projections, which we do not claim). A random XOR
 * shift per dimension from the stream makes it a randomised QMC design while
 * keeping the net structure: the first 2^m points of every coordinate hit
 * each interval [i/2^m, (i+1)/2^m) exactly once.
 */
import type { Stream } from '../../rng/stream.js';

/** Primitive polynomials of degree 1..maxDegree as bit masks (bit s = x^s), in order of degree. */
export function primitivePolynomials(count: number): number[] {
  const out: number[] = [];
  for (let degree = 1; out.length < count && degree <= 20; degree++) {
    for (let p = (1 << degree) | 1; p < 1 << (degree + 1) && out.length < count; p += 2) {
      if (isPrimitive(p, degree)) out.push(p);
    }
  }
  return out;
}

/** p is primitive iff x has multiplicative order 2^degree - 1 modulo p. */
function isPrimitive(p: number, degree: number): boolean {
  const order = (1 << degree) - 1;
  let x = 1;
  for (let k = 1; k <= order; k++) {
    x <<= 1;
    if (x & (1 << degree)) x ^= p;
    if (x === 1) return k === order;
  }
  return false;
}

export class SobolSequence {
  readonly dimensions: number;
  private readonly v: Uint32Array[];
  private readonly x: Uint32Array;
  private readonly shift: Uint32Array;
  private index = 0;

  constructor(dimensions: number, rng?: Stream) {
    this.dimensions = dimensions;
    const polys = primitivePolynomials(Math.max(0, dimensions - 1));
    this.v = [];
    for (let d = 0; d < dimensions; d++) {
      const v = new Uint32Array(33);
      if (d === 0) {
        for (let k = 1; k <= 32; k++) v[k] = (2 ** (32 - k)) >>> 0;
      } else {
        const p = polys[d - 1];
        const s = 31 - Math.clz32(p);
        for (let k = 1; k <= Math.min(s, 32); k++) v[k] = (1 * 2 ** (32 - k)) >>> 0;
        for (let k = s + 1; k <= 32; k++) {
          let val = v[k - s] ^ (v[k - s] >>> s);
          for (let i = 1; i < s; i++) if ((p >>> (s - i)) & 1) val ^= v[k - i];
          v[k] = val >>> 0;
        }
      }
      this.v.push(v);
    }
    this.x = new Uint32Array(dimensions);
    this.shift = new Uint32Array(dimensions);
    if (rng) for (let d = 0; d < dimensions; d++) this.shift[d] = rng.nextUint32();
  }

  /** The next point in [0, 1)^dimensions. The first point is the (shifted) origin. */
  next(): number[] {
    const out = new Array<number>(this.dimensions);
    for (let d = 0; d < this.dimensions; d++) out[d] = ((this.x[d] ^ this.shift[d]) >>> 0) / 4294967296;
    // Gray code: flip the direction number of the lowest zero bit of the index.
    let c = 1;
    let n = this.index;
    while (n & 1) {
      n >>>= 1;
      c++;
    }
    for (let d = 0; d < this.dimensions; d++) this.x[d] = (this.x[d] ^ this.v[d][c]) >>> 0;
    this.index++;
    return out;
  }
}
