/**
 * Field builders with the messages users see. Keeping the wording here means
 * every file format says "expected a probability in [0, 1]" the same way.
 */
import { z } from 'zod';

export const probability = () =>
  z
    .number({ error: 'a probability in [0, 1]' })
    .min(0, { error: 'a probability in [0, 1]' })
    .max(1, { error: 'a probability in [0, 1]' });

export const unitInterval = (what = 'a number in [0, 1]') =>
  z.number({ error: what }).min(0, { error: what }).max(1, { error: what });

/**
 * The largest non-negative quantity a file may give where no tighter bound applies (weights, rates of slow
 * dynamics, multipliers, days). The model multiplies and sums these over a year of days: at 1e308 a term
 * weight gave an expected utility of -Infinity and a NaN attribution, a production rate Infinity missiles.
 * The shipped scenario's largest such value is 8; 1e9 leaves every real file room and keeps sums finite.
 */
export const MAX_MAGNITUDE = 1e9;
export const nonNegative = (what = 'a non-negative number') =>
  z
    .number({ error: what })
    .min(0, { error: what })
    .max(MAX_MAGNITUDE, { error: `${what}, at most 1e9` })
    .refine(Number.isFinite, { error: what });

/** A unit cost: bounded so that costs times counts stay finite (1e308 USD once gave an Infinity total). */
export const MAX_UNIT_COST_USD = 1e12;
export const unitCost = (what = `a cost in USD from 0 to ${MAX_UNIT_COST_USD.toExponential().replace('e+', 'e')}`) =>
  z.number({ error: what }).min(0, { error: what }).max(MAX_UNIT_COST_USD, { error: what });

/**
 * Occurrences per day of an action: bounded, since each is drawn and handled one by one (0xFFFFFFFF a day ran
 * a run out of memory). The shipped scenario's largest is 3; levers scale them at most 4x.
 */
export const MAX_RATE_PER_DAY = 100;
export const ratePerDay = (what = `a rate per day from 0 to ${MAX_RATE_PER_DAY}`) =>
  z.number({ error: what }).min(0, { error: what }).max(MAX_RATE_PER_DAY, { error: what });

export const count = (what = 'a whole number >= 0') =>
  z.number({ error: what }).int({ error: what }).min(0, { error: what });

export const positiveInt = (what = 'a whole number >= 1') =>
  z.number({ error: what }).int({ error: what }).min(1, { error: what });

export const identifier = (what = 'a name of letters, digits, "-" or "_"') =>
  z.string({ error: what }).regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: what });

export const text = () => z.string({ error: 'text' });
