/**
 * Parsing numeric flags: commander hands over strings; a bad one is a one-line error naming the flag.
 */
import { UserError } from '../core/errors.js';

/** Parses `value` of `flag` as a number within [min, max] (integer when `int`). */
export function numberFlag(flag: string, value: string | number, o: { min?: number; max?: number; int?: boolean } = {}): number {
  const n = typeof value === 'number' ? value : Number(value);
  const kind = o.int ? 'a whole number' : 'a number';
  const range =
    o.min !== undefined && o.max !== undefined ? ` from ${o.min} to ${o.max}` : o.min !== undefined ? ` of at least ${o.min}` : '';
  if (typeof value === 'string' && value.trim() === '') throw new UserError(`${flag}: expected ${kind}${range}, got nothing`);
  if (!Number.isFinite(n) || (o.int && !Number.isInteger(n)) || (o.min !== undefined && n < o.min) || (o.max !== undefined && n > o.max)) {
    throw new UserError(`${flag} ${JSON.stringify(String(value))}: expected ${kind}${range}`);
  }
  return n;
}

/** Commander collector for repeatable flags. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
