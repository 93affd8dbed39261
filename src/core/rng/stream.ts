/**
 * Seeded random streams.
 *
 * The bit generator is xoroshiro128+ (Blackman and Vigna, 2018) as
 * implemented by the `pure-rand` library. A *stream* is one generator whose
 * 128-bit state is derived from a master seed and a list of keys
 * (for example `[replicate, "perception"]`), in the manner of NumPy's
 * SeedSequence: every (seed, keys) pair names its own stream, so replicate r
 * gets the same numbers whichever worker runs it and in whatever order runs
 * finish, and a draw added in one mechanism does not reshuffle another
 * mechanism's stream.
 *
 * Derivation (docs/model/run.md, "Randomness"): (seed, keys) is encoded as a
 * prefix-free sequence of 64-bit words and absorbed into two 64-bit lanes,
 * each step a SplitMix64 increment and its bijective finaliser; the 128-bit
 * hash is expanded into the two state words by SplitMix64's output function.
 * Distinct hashes give distinct states (the expansion is a bijection lane by
 * lane), so two streams share a state only if the 128-bit hashes collide:
 * about n^2 / 2^129 for n streams. The earlier 32-bit hash allowed only 2^32
 * streams and collided within a 10^6-stream ensemble.
 */
import { xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plusFromState>;

/** A key that names a sub-stream: a replicate index, a mechanism name, ... */
export type StreamKey = number | string;

const TWO_POW_32 = 4294967296;
const TWO_POW_53 = 9007199254740992;

// 64-bit words as (hi, lo) pairs of unsigned 32-bit numbers; the lanes and
// the scratch result live in module variables so the hot loop allocates nothing.
let rHi = 0;
let rLo = 0;

/** (aHi, aLo) * (bHi, bLo) mod 2^64 into (rHi, rLo). */
function mul64(aHi: number, aLo: number, bHi: number, bLo: number): void {
  const a0 = aLo & 0xffff;
  const a1 = aLo >>> 16;
  const b0 = bLo & 0xffff;
  const b1 = bLo >>> 16;
  const p00 = a0 * b0;
  const p01 = a0 * b1;
  const p10 = a1 * b0;
  // Every partial product is below 2^32, so >>> 16 is its exact high half.
  const mid = (p00 >>> 16) + (p01 & 0xffff) + (p10 & 0xffff);
  const carry = a1 * b1 + (p01 >>> 16) + (p10 >>> 16) + (mid >>> 16);
  rLo = ((mid << 16) | (p00 & 0xffff)) >>> 0;
  rHi = (carry + Math.imul(aHi, bLo) + Math.imul(aLo, bHi)) >>> 0;
}

/** SplitMix64's finaliser (Stafford's mix13), a bijection of 64-bit words, into (rHi, rLo). */
function mix64(hi: number, lo: number): void {
  // z ^= z >>> 30; z *= 0xbf58476d1ce4e5b9
  lo = (lo ^ ((lo >>> 30) | (hi << 2))) >>> 0;
  hi = (hi ^ (hi >>> 30)) >>> 0;
  mul64(hi, lo, 0xbf58476d, 0x1ce4e5b9);
  // z ^= z >>> 27; z *= 0x94d049bb133111eb
  lo = (rLo ^ ((rLo >>> 27) | (rHi << 5))) >>> 0;
  hi = (rHi ^ (rHi >>> 27)) >>> 0;
  mul64(hi, lo, 0x94d049bb, 0x133111eb);
  // z ^= z >>> 31
  lo = (rLo ^ ((rLo >>> 31) | (rHi << 1))) >>> 0;
  hi = (rHi ^ (rHi >>> 31)) >>> 0;
  rHi = hi;
  rLo = lo;
}

/** (hi, lo) + (bHi, bLo) mod 2^64 into (rHi, rLo). */
function add64(hi: number, lo: number, bHi: number, bLo: number): void {
  const s = lo + bLo;
  rLo = s >>> 0;
  rHi = (hi + bHi + (s >= TWO_POW_32 ? 1 : 0)) >>> 0;
}

// SplitMix64's increment (the golden ratio), and a second odd constant for lane B.
const GAMMA_HI = 0x9e3779b9;
const GAMMA_LO = 0x7f4a7c15;
const GAMMA_B_HI = 0xd1b54a32;
const GAMMA_B_LO = 0xd192ed03;

let aHi = 0;
let aLo = 0;
let bHi = 0;
let bLo = 0;

/** Absorb one 64-bit word into both lanes: lane = mix64((lane + gamma) ^ word). */
function absorb(wHi: number, wLo: number): void {
  add64(aHi, aLo, GAMMA_HI, GAMMA_LO);
  mix64((rHi ^ wHi) >>> 0, (rLo ^ wLo) >>> 0);
  aHi = rHi;
  aLo = rLo;
  add64(bHi, bLo, GAMMA_B_HI, GAMMA_B_LO);
  mix64((rHi ^ wHi) >>> 0, (rLo ^ wLo) >>> 0);
  bHi = rHi;
  bLo = rLo;
}

// Tags in the high bits of a key's first word make the encoding prefix-free:
// integers occupy 53 bits, so bits 53 and 54 are free.
const TAG_INTEGER = 0x00200000;
const TAG_STRING = 0x00400000;
const TAG_NUMBER = 0x00600000;
const float = new DataView(new ArrayBuffer(8));

function absorbKey(key: StreamKey, what: string): void {
  if (typeof key === 'number') {
    if (Number.isSafeInteger(key) && key >= 0) {
      absorb((Math.floor(key / TWO_POW_32) | TAG_INTEGER) >>> 0, key >>> 0);
      return;
    }
    // Any other finite number (a lever value, say): its IEEE-754 bits after a tag word.
    if (!Number.isFinite(key)) throw new RangeError(`${what}: expected a finite number or a name, got ${key}`);
    float.setFloat64(0, key);
    absorb(TAG_NUMBER, 0);
    absorb(float.getUint32(0), float.getUint32(4));
    return;
  }
  absorb(TAG_STRING, key.length);
  // Four UTF-16 code units per word, zero-padded.
  for (let i = 0; i < key.length; i += 4) {
    absorb(
      ((codeUnit(key, i) << 16) | codeUnit(key, i + 1)) >>> 0,
      ((codeUnit(key, i + 2) << 16) | codeUnit(key, i + 3)) >>> 0,
    );
  }
}

function codeUnit(key: string, i: number): number {
  return i < key.length ? key.charCodeAt(i) : 0;
}

function checkSeed(seed: number): void {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`seed: expected a non-negative integer, got ${seed}`);
  }
}

/** Start the lanes and absorb the seed. */
function beginState(seed: number): void {
  // Lane initial values: the first digits of pi and of e.
  aHi = 0x243f6a88;
  aLo = 0x85a308d3;
  bHi = 0xb7e15162;
  bLo = 0x8aed2a6a;
  absorbKey(seed, 'seed');
}

/** Absorb the key count, then expand the lanes into the four state words. */
function finishState(keyCount: number): [number, number, number, number] {
  absorb(0, keyCount);
  // Expansion: SplitMix64's output function on each lane (a bijection).
  add64(aHi, aLo, GAMMA_HI, GAMMA_LO);
  mix64(rHi, rLo);
  const s0Hi = rHi;
  const s0Lo = rLo;
  add64(bHi, bLo, GAMMA_HI, GAMMA_LO);
  mix64(rHi, rLo);
  const words: [number, number, number, number] = [s0Hi | 0, s0Lo | 0, rHi | 0, rLo | 0];
  // xoroshiro's all-zero state is a fixed point (probability 2^-128); rule it out.
  if ((words[0] | words[1] | words[2] | words[3]) === 0) words[3] = 1;
  return words;
}

/** Derive the four 32-bit state words of the stream named by (seed, keys), in pure-rand's order [s0 hi, s0 lo, s1 hi, s1 lo]. */
export function deriveStreamState(seed: number, keys: readonly StreamKey[]): [number, number, number, number] {
  checkSeed(seed);
  beginState(seed);
  for (const key of keys) absorbKey(key, 'stream key');
  return finishState(keys.length);
}

/**
 * The states of the streams (seed, ...prefix, last) for each key in `lasts`,
 * each equal to deriveStreamState(seed, [...prefix, last]): the common prefix
 * is absorbed once (a run derives one stream per mechanism).
 */
export function deriveStreamStates(
  seed: number,
  prefix: readonly StreamKey[],
  lasts: readonly StreamKey[],
): [number, number, number, number][] {
  checkSeed(seed);
  beginState(seed);
  for (const key of prefix) absorbKey(key, 'stream key');
  const lanes = [aHi, aLo, bHi, bLo];
  return lasts.map((last) => {
    [aHi, aLo, bHi, bLo] = lanes;
    absorbKey(last, 'stream key');
    return finishState(prefix.length + 1);
  });
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

  /** The streams (seed, ...prefix, last), one per key of `lasts`, in order. */
  static deriveEach(seed: number, prefix: readonly StreamKey[], lasts: readonly StreamKey[]): Stream[] {
    return deriveStreamStates(seed, prefix, lasts).map((s) => new Stream(xoroshiro128plusFromState(s)));
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
