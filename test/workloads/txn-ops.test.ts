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

  it('writes each value to a key once, at most concurrency × ⌈maxWritesPerKey ÷ concurrency⌉ writes per key, over many keys', () => {
    const seen = new Map<string, number[]>();
    for (const t of all) for (const [f, k, v] of t) if (f === 'append') seen.set(k, [...(seen.get(k) ?? []), v as number]);
    for (const [k, vs] of seen) expect(new Set(vs).size, `key ${k}: values unique`).toBe(vs.length);
    for (const vs of seen.values()) expect(vs.length).toBeLessThanOrEqual(4 * Math.ceil(5 / 4));
    // Keys retire and fresh ones replace them: many keys over the run.
    expect(seen.size).toBeGreaterThan(100);
  });

  it('each thread keeps keyCount slots; a slot moves on once the thread has written its share, and never back', () => {
    const byThread = new Map<number, MicroOp[][]>();
    for (const o of history) if (o.type === 'invoke') byThread.set((o.process as number) % 4, [...(byThread.get((o.process as number) % 4) ?? []), o.value as MicroOp[]]);
    for (const [thread, txs] of byThread) {
      const current = new Map<number, number>(); // slot → generation
      const written = new Map<string, number>();
      for (const [f, k, v] of txs.flat()) {
        const slot = Number(k) % 3;
        const gen = Math.floor(Number(k) / 3);
        expect(gen, `thread ${thread} key ${k}`).toBeGreaterThanOrEqual(current.get(slot) ?? 0);
        current.set(slot, gen);
        if (f === 'append') {
          const n = written.get(k) ?? 0;
          expect(v, `thread ${thread}'s write ${n} to key ${k}`).toBe(n * 4 + thread + 1);
          written.set(k, n + 1);
        }
      }
      for (const [k, n] of written) expect(n, `thread ${thread} on key ${k}`).toBeLessThanOrEqual(Math.ceil(5 / 4));
    }
  });

  it('a thread’s transactions do not depend on how fast the other threads go (exact replay)', () => {
    const perThread = (h: Op[]) => {
      const m = new Map<number, unknown[]>();
      for (const o of h) if (o.type === 'invoke') m.set((o.process as number) % 4, [...(m.get((o.process as number) % 4) ?? []), o.value]);
      return [0, 1, 2, 3].map((t) => m.get(t)!);
    };
    // Odd threads take 7 times as long: they issue far fewer transactions; compare the prefix both reached.
    const slowOdd = perThread(simulate(txnOps(shape, 'list-append'), { concurrency: 4, maxOps: 2000, seed: 3, latency: (op) => ((op.process as number) % 2 === 1 ? 70 : 10) }));
    const even = perThread(history);
    for (const t of [0, 1, 2, 3]) {
      const n = Math.min(slowOdd[t].length, even[t].length);
      expect(n).toBeGreaterThan(50);
      expect(slowOdd[t].slice(0, n), `thread ${t}`).toEqual(even[t].slice(0, n));
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

describe('txnOps with readBeforeWrite (rw-register by default)', () => {
  const w: TxnShape = { ...shape, write: 'w', readBeforeWrite: true };
  const all = txns(simulate(txnOps(w, 'rw-register'), { concurrency: 4, maxOps: 500, seed: 5 }));
  const firstTouch = (t: MicroOp[]) => {
    const out = new Map<string, string>();
    for (const [f, k] of t) if (!out.has(k)) out.set(k, f);
    return out;
  };

  it('touches every key it writes with a read first', () => {
    expect(all.some((t) => t.some(([f]) => f === 'w'))).toBe(true);
    for (const t of all) for (const f of firstTouch(t).values()) expect(f).toBe('r');
  });

  it('without it, some transaction writes a key blind', () => {
    const blind = txns(simulate(txnOps({ ...w, readBeforeWrite: false }, 'rw-register'), { concurrency: 4, maxOps: 500, seed: 5 }));
    expect(blind.some((t) => [...firstTouch(t).values()].includes('w'))).toBe(true);
  });
});
