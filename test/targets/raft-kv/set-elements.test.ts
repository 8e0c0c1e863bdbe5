/**
 * Set elements in their canonical order: insertion keeps an array sorted and duplicate-free whatever
 * the order of arrival, and the union of two such arrays is the sorted set of both.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareElements, insertElement, unionElements } from '../../../targets/raft-kv/kv/set-elements.js';

const element = fc.oneof(fc.integer({ min: -50, max: 50 }), fc.constantFrom('a', 'b', 'ab', ''), fc.constantFrom(true, null, [1], { a: 1 }));
const sortedSet = (xs: unknown[]): unknown[] => {
  const out: unknown[] = [];
  for (const x of xs) insertElement(out, x);
  return out;
};

describe('set elements', () => {
  it('orders numbers numerically, then strings, then the rest by JSON', () => {
    expect(sortedSet([10, 'b', 2, null, 'a', -1, [1], 2, 'a'])).toEqual([-1, 2, 10, 'a', 'b', [1], null]);
  });

  it('inserting in any order gives the same sorted, duplicate-free array', () => {
    fc.assert(
      fc.property(fc.array(element), (xs) => {
        const a = sortedSet(xs);
        expect(sortedSet([...xs].reverse())).toEqual(a);
        for (let i = 1; i < a.length; i++) expect(compareElements(a[i - 1], a[i])).toBeLessThan(0);
        for (const x of xs) expect(a.some((y) => compareElements(x, y) === 0)).toBe(true);
      }),
    );
  });

  it('the union of two sorted sets is the sorted set of both', () => {
    fc.assert(fc.property(fc.array(element), fc.array(element), (xs, ys) => {
      expect(unionElements(sortedSet(xs), sortedSet(ys))).toEqual(sortedSet([...xs, ...ys]));
    }));
  });
});
