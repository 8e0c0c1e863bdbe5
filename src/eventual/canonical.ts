/**
 * A read's value in one canonical text, so that two replicas' reads can be compared: a list is read as
 * a set or multiset (sorted: numbers by value, anything else by its JSON text), anything else as its
 * JSON text; integers beyond 2^53 (bigints) keep their digits.
 */

const json = (v: unknown): string => JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x)) ?? 'undefined';

/** The canonical text of a read value. */
export function canonical(v: unknown): string {
  if (!Array.isArray(v)) return json(v);
  const numbers = v.every((x) => typeof x === 'number');
  const sorted = numbers ? [...(v as number[])].sort((a, b) => a - b) : v.map(json).sort();
  return numbers ? json(sorted) : `[${sorted.join(',')}]`;
}

/** The elements of `a` (a list) missing from `b` (a list), in `a`'s order; at most `max` of them. */
export function missingFrom(a: readonly unknown[], b: readonly unknown[], max: number): { some: unknown[]; count: number } {
  const have = new Set(b.map(json));
  const some: unknown[] = [];
  let count = 0;
  for (const x of a) {
    if (have.has(json(x))) continue;
    if (count++ < max) some.push(x);
  }
  return { some, count };
}
