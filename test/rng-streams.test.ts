/**
 * Stream derivation (src/core/rng/stream.ts): the full 128-bit xoroshiro
 * state from (seed, keys). Checked against an independent BigInt
 * reimplementation of SplitMix64 (itself checked against SplitMix64's
 * published first output), and for distinct states over many streams.
 *
 * The suite derives 1 million streams (seed 1, replicates 0, 1, ... times the
 * mechanism keys of a run); with the former 32-bit hash, 200,000 replicates
 * times five keys already gave 98 identical pairs. The full-size check,
 * 10 million streams, is the same test at full size:
 *
 *     TRUCE_STREAMS_FULL=1 npx vitest run test/rng-streams.test.ts
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STREAM_KEYS } from '../src/core/engine/step.js';
import { deriveStreamState, deriveStreamStates, type StreamKey } from '../src/core/rng/stream.js';

const M64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;
const GAMMA_B = 0xd1b54a32d192ed03n;

function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}

/** The derivation as specified in stream.ts's header, in 64-bit BigInt arithmetic. */
function referenceState(seed: number, keys: readonly StreamKey[]): [number, number, number, number] {
  let a = 0x243f6a8885a308d3n;
  let b = 0xb7e151628aed2a6an;
  const absorb = (w: bigint) => {
    a = mix64(((a + GAMMA) & M64) ^ w);
    b = mix64(((b + GAMMA_B) & M64) ^ w);
  };
  const key = (k: StreamKey) => {
    if (typeof k === 'number' && Number.isSafeInteger(k) && k >= 0) return absorb(BigInt(k) | (1n << 53n));
    if (typeof k === 'number') {
      absorb(3n << 53n);
      const bytes = new DataView(new ArrayBuffer(8));
      bytes.setFloat64(0, k);
      return absorb(bytes.getBigUint64(0));
    }
    absorb((1n << 54n) | BigInt(k.length));
    for (let i = 0; i < k.length; i += 4) {
      let w = 0n;
      for (let j = 0; j < 4; j++) w = (w << 16n) | BigInt(i + j < k.length ? k.charCodeAt(i + j) : 0);
      absorb(w);
    }
  };
  key(seed);
  keys.forEach(key);
  absorb(BigInt(keys.length));
  const s0 = mix64((a + GAMMA) & M64);
  const s1 = mix64((b + GAMMA) & M64);
  const w = (x: bigint) => Number(BigInt.asIntN(32, x));
  return [w(s0 >> 32n), w(s0), w(s1 >> 32n), w(s1)];
}

describe('deriveStreamState', () => {
  it("the BigInt reference reproduces SplitMix64's published first output for state 0", () => {
    expect(mix64(GAMMA)).toBe(0xe220a8397b1dcdafn);
  });

  it('equals the 64-bit reference derivation for any seed and keys', () => {
    const key = fc.oneof(
      fc.nat({ max: Number.MAX_SAFE_INTEGER }),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.string({ maxLength: 13 }),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.array(key, { maxLength: 4 }), (seed, keys) => {
        expect(deriveStreamState(seed, keys)).toEqual(referenceState(seed, keys));
      }),
      { numRuns: 2000 },
    );
  });

  it('deriveStreamStates (a shared prefix absorbed once) equals the reference for each last key', () => {
    const key = fc.oneof(fc.nat({ max: Number.MAX_SAFE_INTEGER }), fc.string({ maxLength: 13 }));
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.array(key, { maxLength: 3 }),
        fc.array(key, { maxLength: 5 }),
        (seed, prefix, lasts) => {
          expect(deriveStreamStates(seed, prefix, lasts)).toEqual(
            lasts.map((last) => referenceState(seed, [...prefix, last])),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('separates keys that a concatenating encoding would merge', () => {
    const s = (keys: StreamKey[]) => deriveStreamState(1, keys).join(',');
    const states = [
      s([]),
      s([0.5]),
      s([-1]),
      s([2 ** 53]),
      s(['']),
      s(['', '']),
      s(['ab']),
      s(['a', 'b']),
      s([0]),
      s(['\u0000']),
      s([1, 2]),
      s([12]),
      s(['1', '2']),
      s(['12']),
    ];
    expect(new Set(states).size).toBe(states.length);
    // A pair the former 32-bit hash mapped to one stream.
    expect(s([20257, 'activity'])).not.toBe(s([30049, 'kinetic']));
  });

  it('rejects what it cannot name', () => {
    expect(() => deriveStreamState(1, [Number.NaN])).toThrow(/stream key/);
    expect(() => deriveStreamState(1, [Infinity])).toThrow(/stream key/);
    expect(() => deriveStreamState(-1, [])).toThrow(/seed/);
    expect(() => deriveStreamState(2 ** 53, [])).toThrow(/seed/);
  });

  const FULL = process.env.TRUCE_STREAMS_FULL === '1';
  const KEYS: readonly string[] = STREAM_KEYS;
  const n = FULL ? 10_000_000 : 1_000_000;

  it(`gives ${(n / 1e6).toString()} million distinct states for seed 1 x replicates x mechanisms`, () => {
    // Open addressing on s0 (64 bits); a clash on s0 is settled on the whole state.
    let bits = 1;
    while (1 << bits < n * 1.6) bits++;
    const size = 1 << bits;
    const mask = size - 1;
    const hi = new Uint32Array(size);
    const lo = new Uint32Array(size);
    const who = new Int32Array(size).fill(-1);
    const stateOf = (i: number) => deriveStreamState(1, [Math.floor(i / KEYS.length), KEYS[i % KEYS.length]]);
    const duplicates: string[] = [];
    for (let i = 0; i < n; i++) {
      const st = stateOf(i);
      const h = st[0] >>> 0;
      const l = st[1] >>> 0;
      let slot = (l ^ Math.imul(h, 0x9e3779b9)) & mask;
      while (who[slot] !== -1) {
        if (hi[slot] === h && lo[slot] === l && stateOf(who[slot]).join() === st.join())
          duplicates.push(`${who[slot]} = ${i}`);
        slot = (slot + 1) & mask;
      }
      hi[slot] = h;
      lo[slot] = l;
      who[slot] = i;
    }
    expect(duplicates).toEqual([]);
  }, 600_000);
});
