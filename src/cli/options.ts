import { InvalidArgumentError } from 'commander';

export function parseWhole(min: number, what: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`expected ${what} (a whole number >= ${min}), got ${JSON.stringify(value)}`);
    return n;
  };
}

export const parseSeed = parseWhole(0, 'a seed');
export const parseSamples = parseWhole(1, 'a number of samples');

export function parseChoice<T extends string>(choices: readonly T[]) {
  return (value: string): T => {
    if (!(choices as readonly string[]).includes(value)) throw new InvalidArgumentError(`expected one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
    return value as T;
  };
}
