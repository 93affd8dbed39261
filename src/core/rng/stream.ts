/**
 * Seeded random streams.
 *
 * The bit generator is xoroshiro128+ (Blackman and Vigna, 2018) as
 * implemented by the `pure-rand` library. A *stream* is one generator whose
 * 128-bit state is derived from a master seed and a list of keys
 * (for example `[replicate, "perception"]`) by a hash, in the manner of
 * NumPy's SeedSequence: every (seed, keys) pair names its own stream, so
 * replicate r gets the same numbers whichever worker runs it and in whatever
 * order runs finish, and a draw added in one mechanism does not reshuffle
 * another mechanism's stream.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

/** A key that names a sub-stream: a replicate index, a mechanism name, ... */
export type StreamKey = number | string;

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

function mixKey(h: number, key: StreamKey): number {
  if (typeof key === 'number') {
    // Integers up to 2^53 are mixed as two 32-bit halves.
    const lo = key >>> 0;
    const hi = Math.floor(key / TWO_POW_32) >>> 0;
    h = fmix32((h ^ lo) + 0x9e3779b9);
    h = fmix32((h ^ hi) + 0x7f4a7c15);
    return h;
  }
  for (let i = 0; i < key.length; i++) h = fmix32((h ^ key.charCodeAt(i)) + 0x9e3779b9);
  return fmix32(h ^ key.length);
}

/** Derive the four 32-bit state words of the stream named by (seed, keys). */
export function deriveStreamState(seed: number, keys: readonly StreamKey[]): [number, number, number, number] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed: expected a non-negative integer, got ${seed}`);
  }
  let h = mixKey(0x243f6a88, seed);
  for (const key of keys) h = mixKey(h, key);
  const words: [number, number, number, number] = [0, 0, 0, 0];
  for (let i = 0; i < 4; i++) words[i] = fmix32(h + Math.imul(i + 1, 0x9e3779b9)) | 0;
  // xoroshiro's all-zero state is a fixed point; the mix makes it vanishingly rare, but rule it out.
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[0] = 1;
  return words;
}

/** A seeded source of uniform numbers. All distributions take one. */
export class Stream {
  private readonly gen: Generator;

  private constructor(gen: Generator) {
    this.gen = gen;
  }

  /** The stream named by (seed, ...keys). */
  static derive(seed: number, ...keys: StreamKey[]): Stream {
    return new Stream(xoroshiro128plusFromState(deriveStreamState(seed, keys)));
  }

  /** A stream at a raw xoroshiro128+ state (for reference-sequence tests). */
  static fromState(state: readonly number[]): Stream {
    return new Stream(xoroshiro128plusFromState(state));
  }

  /** Next raw 32-bit output, as an unsigned integer. */
  nextUint32(): number {
    return this.gen.next() >>> 0;
  }

  /** A uniform double in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.gen.next() >>> 5; // 27 bits
    const lo = this.gen.next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / TWO_POW_53;
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** A uniform integer in [0, n), by multiply-shift with rejection (unbiased). */
  integerBelow(n: number): number {
    if (n <= 0) throw new RangeError(`integerBelow: expected n > 0, got ${n}`);
    if (n === 1) return 0;
    const limit = Math.floor(TWO_POW_53 / n) * n;
    for (;;) {
      const x = this.uniform() * TWO_POW_53;
      if (x < limit) return x % n;
    }
  }
}
