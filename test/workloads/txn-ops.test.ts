import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/core/generators/index.js';
import type { Op } from '../../src/core/op.js';
import { txnOps, type MicroOp, type TxnShape } from '../../workloads/txn-ops.js';

const shape: TxnShape = { write: 'append', keyCount: 3, minLength: 1, maxLength: 4, maxWritesPerKey: 5, readFraction: 0.5 };
const txns = (h: Op[]): MicroOp[][] => h.filter((o) => o.type === 'invoke').map((o) => o.value as MicroOp[]);

describe('txnOps', () => {
  const history = simulate(txnOps(shape, 'list-append'), { concurrency: 4, maxOps: 2000, seed: 3 });
  const all = txns(history);

  it('emits transactions of min..max micro-ops, reads carrying null', () => {
    expect(all.length).toBe(2000);
    for (const t of all) {
      expect(t.length).toBeGreaterThanOrEqual(1);
      expect(t.length).toBeLessThanOrEqual(4);
      for (const [f, , v] of t) if (f === 'r') expect(v).toBeNull();
    }
    const lengths = new Set(all.map((t) => t.length));
    expect([...lengths].sort()).toEqual([1, 2, 3, 4]);
  });

  it('writes each value to a key once, 1, 2, 3, … in order, at most maxWritesPerKey per key', () => {
    const seen = new Map<string, number[]>();
    for (const t of all) for (const [f, k, v] of t) if (f === 'append') seen.set(k, [...(seen.get(k) ?? []), v as number]);
    for (const [k, vs] of seen) expect(vs, `key ${k}`).toEqual(Array.from({ length: vs.length }, (_, i) => i + 1));
    for (const vs of seen.values()) expect(vs.length).toBeLessThanOrEqual(5);
    // Keys retire and fresh ones replace them: many keys over the run, never more than 3 written at once.
    expect(seen.size).toBeGreaterThan(100);
  });

  it('keeps the pool to keyCount active keys', () => {
    // Between any two transactions, the keys touched come from a window of at most keyCount live keys:
    // a key, once retired, is never touched again.
    const retired = new Set<string>();
    const writes = new Map<string, number>();
    for (const t of all) {
      for (const [f, k] of t) {
        expect(retired.has(k), `key ${k} touched after it retired`).toBe(false);
        if (f !== 'r') writes.set(k, (writes.get(k) ?? 0) + 1);
      }
      for (const [k, n] of writes) if (n === 5) retired.add(k);
    }
  });

  it('uses `w` for rw-register and is a pure function of the seed', () => {
    const rw = txns(simulate(txnOps({ ...shape, write: 'w' }, 'rw'), { concurrency: 2, maxOps: 300, seed: 3 }));
    expect(rw.flat().some(([f]) => f === 'w')).toBe(true);
    expect(rw.flat().every(([f]) => f === 'w' || f === 'r')).toBe(true);
    const again = txns(simulate(txnOps(shape, 'list-append'), { concurrency: 4, maxOps: 2000, seed: 3 }));
    expect(again).toEqual(all);
    const other = txns(simulate(txnOps(shape, 'list-append'), { concurrency: 4, maxOps: 2000, seed: 4 }));
    expect(other).not.toEqual(all);
  });

  it('validates its shape', () => {
    expect(() => txnOps({ ...shape, maxLength: 0 }, 'x')).toThrow('txnOps: maxLength must be an integer >= minLength 1, got 0');
    expect(() => txnOps({ ...shape, readFraction: 2 }, 'x')).toThrow('txnOps: readFraction must be in [0, 1], got 2');
    expect(() => txnOps({ ...shape, keyCount: 0 }, 'x')).toThrow('txnOps: keyCount must be an integer >= 1, got 0');
  });
});
