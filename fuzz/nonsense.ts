/**
 * Outputs that are nonsense whatever the input: a NaN or an infinite number,
 * a probability outside [0, 1], a negative count. Probabilities and counts
 * are recognised by the names the engines give them.
 */
/** Keys that are probabilities wherever they are: pZero, pCollapse, pLeak, pDryByEnd, preemptiveShare. */
const PROBABILITY_KEY = /^(p[A-Z]\w*|\w*Share|reliability|tracking)$/;
/** Under these, every number (or `s`, `estimate`, `lo`, `hi`) is a probability or a share. */
const PROBABILITY_SECTION = /^(p[A-Z]\w*|survival|firstCrosser|attribution|primaryPillar)$/;
const PROBABILITY_FIELD = /^(s|estimate|lo|hi|\d+|[a-z][\w-]*)$/;
const COUNT_KEY =
  /^(runs|replicates|samples|collapsed|launched|failed|engaged|killed|used|points|day|days|horizonDays|total|done|leakersMean|medianDay)$/;

const outside01 = (x: number) => x < -1e-9 || x > 1 + 1e-9;
/**
 * Where Infinity is an answer: a layer without an inventory has Infinity left, and the exchange ratio is
 * unbounded when only the defender pays (threats without a unit cost). Both print as null in JSON.
 */
const UNLIMITED = /(^|\.)interceptorsLeft\.|(^|\.)exchangeRatio$/;

/** The first nonsense found, as `path: what`, or null. `section` is the nearest named ancestor. */
export function findNonsense(value: unknown, path = '', section = ''): string | null {
  const key = path.split('.').pop() ?? '';
  if (typeof value === 'number') {
    if (value === Infinity && UNLIMITED.test(path)) return null;
    if (!Number.isFinite(value)) return `${path}: ${value}`;
    if (PROBABILITY_KEY.test(key) && outside01(value)) return `${path}: probability ${value}`;
    if (PROBABILITY_SECTION.test(section) && PROBABILITY_FIELD.test(key) && key !== 'day' && outside01(value))
      return `${path}: probability ${value}`;
    if (COUNT_KEY.test(key) && value < 0) return `${path}: negative count ${value}`;
    return null;
  }
  if (value === null || typeof value !== 'object') return null;
  if (ArrayBuffer.isView(value)) return findNonsense(Array.from(value as unknown as ArrayLike<number>), path, section);
  const inner = /^\d+$/.test(key) || key === '' ? section : key;
  for (const [k, v] of Object.entries(value)) {
    const found = findNonsense(
      v,
      path ? `${path}.${k}` : k,
      PROBABILITY_SECTION.test(section) && /^\d+$/.test(k) ? section : inner,
    );
    if (found) return found;
  }
  return null;
}
