/**
 * The key of a design point: the first 24 hex digits of the SHA-256 of
 * `JSON.stringify([scenario, profiles])` (with the replicate offset appended
 * when it is not 0). Workers cache a point's model by it, and the queue names
 * its jobs by it (src/queue/protocol.ts), so a resumed analysis finds the
 * results already in Redis: the key of a point must never change.
 *
 * Under a posterior an arm becomes hundreds of points, one per draw, that
 * differ from the arm only at the drawn paths (src/app/posterior-ensemble.ts).
 * `drawKeyer` writes the arm's text once, with a placeholder at each drawn
 * path, and keys each draw by putting its values in: the same text, so the
 * same key, without serialising the whole scenario again per draw.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { DesignPoint } from '../core/ensemble/chunk.js';
import { withPath } from '../core/scenario/paths.js';

const hashKey = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 24);

/** The text a point's key is the hash of. */
function keyText(p: Pick<DesignPoint, 'scenario' | 'profiles' | 'replicateOffset'>): string {
  // The replicate offset names different runs of the same scenario (posterior draws); 0 keeps earlier keys.
  return JSON.stringify(p.replicateOffset ? [p.scenario, p.profiles, p.replicateOffset] : [p.scenario, p.profiles]);
}

/**
 * Keys computed by `drawKeyer`, by the scenario object they are the key of, with the profiles and offset they were
 * computed with. Bound to the object, not written on the point: a point whose scenario is replaced afterwards (facts
 * sets a fact's own paths after the draw, with withPath) is not found, and is keyed from its text. A scenario is
 * never changed in place once it is a point's (withPath shares it between draws).
 */
const remembered = new WeakMap<object, { profiles: object; byOffset: Map<number, string> }>();

/** Remember the key `drawKeyer` gave a point, for `scenarioKey`. */
export function rememberKey(p: DesignPoint, key: string): void {
  let r = remembered.get(p.scenario);
  // An arm the posterior carries nothing to runs one scenario object at every draw's offset.
  if (r?.profiles !== p.profiles) remembered.set(p.scenario, (r = { profiles: p.profiles, byOffset: new Map() }));
  r.byOffset.set(p.replicateOffset ?? 0, key);
}

/** The key of a design point: the one remembered for its scenario (a posterior draw), else the hash of its text. */
export function scenarioKey(p: DesignPoint): string {
  const r = remembered.get(p.scenario);
  return (r?.profiles === p.profiles ? r.byOffset.get(p.replicateOffset ?? 0) : undefined) ?? hashKey(keyText(p));
}

/**
 * Placeholder for the j-th value, a string no scenario holds (NUL characters around a tag drawn for this
 * process); JSON.stringify writes it as `"\u0000TAG-j\u0000"`.
 */
const TAG = randomUUID();
const mark = (j: number) => `\u0000${TAG}-${j}\u0000`;
const MARKED = new RegExp(`"\\\\u0000${TAG}-(\\d+)\\\\u0000"`, 'g');

/**
 * Keys of the points made from `base` by setting `paths[j]` (in this order,
 * with withPath) to `values[j]`, run from `replicateOffset`: each equal to
 * `scenarioKey` of that point, at the cost of hashing the text after the
 * first drawn value. A value that is not a number (which JSON may write
 * otherwise, or not at all) is keyed from the point's whole text.
 */
export function drawKeyer(
  base: Pick<DesignPoint, 'scenario' | 'profiles'>,
  paths: readonly string[],
): (values: readonly unknown[], replicateOffset: number) => string {
  let marked = base.scenario;
  paths.forEach((path, j) => (marked = withPath(marked, path, mark(j))));
  // [text, j, text, j, ..., text]: the arm's text cut at each placeholder left (a path set twice keeps the last),
  // without the outer array's closing bracket, which comes after the offset.
  const pieces = JSON.stringify([marked, base.profiles]).split(MARKED);
  pieces[pieces.length - 1] = pieces[pieces.length - 1].slice(0, -1);
  // The hash of the text before the first drawn value, computed once: each draw hashes only what follows it (all
  // of a draw's text is hashed, as before, so the key is the same).
  const head = createHash('sha256').update(pieces[0]);
  return (values, replicateOffset) => {
    if (values.some((v) => typeof v !== 'number')) {
      let s = base.scenario;
      paths.forEach((path, j) => (s = withPath(s, path, values[j])));
      return hashKey(keyText({ scenario: s, profiles: base.profiles, replicateOffset }));
    }
    const h = head.copy();
    for (let k = 1; k < pieces.length; k++) h.update(k % 2 ? JSON.stringify(values[Number(pieces[k])]) : pieces[k]);
    // The offset goes inside the outer array: `[scenario,profiles,offset]`.
    h.update(replicateOffset ? `,${JSON.stringify(replicateOffset)}]` : ']');
    return h.digest('hex').slice(0, 24);
  };
}
