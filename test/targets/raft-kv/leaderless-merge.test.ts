/**
 * The merge of the leaderless state (cells.ts) is the join of a semilattice: commutative,
 * associative and idempotent on keys and whole stores, also for versions with equal timestamps
 * and different values (possible under lww-clock=wall). A merged set reads as at least the union of
 * what each side read when every cell only grew (the HLC case).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalKey, mergeKey, mergeStores, readKey, type Cell, type KeyState, type Store } from '../../../targets/raft-kv/leaderless/cells.js';

const node = fc.constantFrom('n1', 'n2', 'n3');
const ts = fc.record({ l: fc.integer({ min: 0, max: 3 }), c: fc.nat(1), node });
const cell = <T>(value: fc.Arbitrary<T>): fc.Arbitrary<Cell<T>> => fc.record({ ts, value });
const elements = fc.uniqueArray(fc.integer({ min: 0, max: 9 })).map((xs) => xs.sort((a, b) => a - b));
const slots = <T>(value: fc.Arbitrary<T>) => fc.dictionary(node, cell(value), { maxKeys: 3 });
const keyState: fc.Arbitrary<KeyState> = fc.record(
  { reg: cell(fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constant('x'))), set: slots(elements), ctr: slots(fc.record({ p: fc.nat(5), n: fc.nat(5) })) },
  { requiredKeys: [] },
);
const store: fc.Arbitrary<Store> = fc.dictionary(fc.constantFrom('a', 'b', 'c'), keyState, { maxKeys: 3 });

const sameKey = (x: KeyState, y: KeyState) => expect(canonicalKey(x)).toBe(canonicalKey(y));
const canonicalStore = (s: Store) => JSON.stringify(Object.keys(s).sort().map((k) => [k, canonicalKey(s[k])]));
const sameStore = (x: Store, y: Store) => expect(canonicalStore(x)).toBe(canonicalStore(y));

describe('leaderless merge', () => {
  it('is commutative, associative and idempotent on a key', () => {
    fc.assert(
      fc.property(keyState, keyState, keyState, (a, b, c) => {
        sameKey(mergeKey(a, b), mergeKey(b, a));
        sameKey(mergeKey(mergeKey(a, b), c), mergeKey(a, mergeKey(b, c)));
        sameKey(mergeKey(a, a), a);
        sameKey(mergeKey(mergeKey(a, b), b), mergeKey(a, b));
      }),
      { numRuns: 1000 },
    );
  });

  it('is commutative, associative and idempotent on stores', () => {
    fc.assert(
      fc.property(store, store, store, (a, b, c) => {
        sameStore(mergeStores(a, b), mergeStores(b, a));
        sameStore(mergeStores(mergeStores(a, b), c), mergeStores(a, mergeStores(b, c)));
        sameStore(mergeStores(a, a), a);
      }),
      { numRuns: 500 },
    );
  });

  it('a set cell that only grew with its timestamp merges to the union of both sides', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { minLength: 1, maxLength: 10 }), fc.nat(), (adds, cut) => {
        // Versions of n1's cell after each add; one replica saw the first k, the other all of them.
        const versions = adds.map((_, i) => ({ ts: { l: i, c: 0, node: 'n1' }, value: [...new Set(adds.slice(0, i + 1))].sort((x, y) => x - y) }));
        const k = cut % versions.length;
        const a: KeyState = { set: { n1: versions[k] } };
        const b: KeyState = { set: { n1: versions[versions.length - 1] }, ...(k % 2 ? { reg: { ts: { l: 0, c: 0, node: 'n2' }, value: 1 } } : {}) };
        expect(readKey(mergeKey(a, b))).toEqual([...new Set(adds)].sort((x, y) => x - y));
      }),
    );
  });
});
