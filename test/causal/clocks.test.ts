/**
 * The vector clocks against plain reachability over po ∪ rf, on random histories with enough
 * processes that the clocks' tries have one and two inner levels (more than 32 and 1024 columns).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeClocks } from '../../src/causal/clocks.js';
import { prepare, type Prepared } from '../../src/causal/history.js';
import { causalOrder } from '../../src/causal/order.js';
import type { HistoryOp } from '../../src/causal/index.js';

/** A history built in time order: each op a write, or a read of an earlier write (no cycles). */
function history(plan: { process: number; read: boolean; pick: number }[]): HistoryOp[] {
  const writes: number[] = [];
  return plan.map((p, i) => {
    if (!p.read || writes.length === 0) {
      writes.push(i + 1);
      return { id: i, process: p.process, kind: 'write', key: 'x', value: i + 1 };
    }
    return { id: i, process: p.process, kind: 'read', key: 'x', value: writes[p.pick % writes.length] };
  });
}

/** past[a] = ops in a's causal past (a included), by search over predecessors. */
function pasts(h: Prepared): Set<number>[] {
  return Array.from({ length: h.n }, (_, a) => {
    const seen = new Set<number>([a]);
    const stack = [a];
    while (stack.length > 0) {
      const u = stack.pop()!;
      const preds = [h.pos[u] > 0 ? h.ops[h.proc[u]][h.pos[u] - 1] : -1, h.rf[u]];
      for (const v of preds) if (v >= 0 && !seen.has(v)) (seen.add(v), stack.push(v));
    }
    return seen;
  });
}

function check(ops: HistoryOp[], pairs: (n: number) => Iterable<[number, number]>): void {
  const h = prepare(ops);
  const order = causalOrder(h).order!;
  const clocks = computeClocks(h, order);
  const past = pasts(h);
  const wrong: string[] = [];
  for (const [a, b] of pairs(h.n)) {
    if (clocks.knows(a, b) !== past[a].has(b)) wrong.push(`knows(${a}, ${b})`);
    // firstKnowing: the first op of a's process with b in its past.
    const p = h.proc[a];
    const first = h.ops[p].findIndex((u) => past[u].has(b));
    if (clocks.firstKnowing(p, b) !== (first < 0 ? Infinity : first)) wrong.push(`firstKnowing(${p}, ${b})`);
  }
  expect(wrong.slice(0, 5)).toEqual([]);
}

/** mulberry32: a plain PRNG, so that sizes are what they say (fast-check keeps arrays short). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/** Every pair (a, b) with a among every 7th op: all b, a spread of a. */
const all = (n: number): Iterable<[number, number]> => ({
  *[Symbol.iterator]() {
    for (let a = 0; a < n; a += 7) for (let b = 0; b < n; b++) yield [a, b];
  },
});

describe('vector clocks', () => {
  it('agree with reachability with 120 processes (one inner trie level)', () => {
    fc.assert(
      fc.property(fc.nat(), (seed) => {
        const rand = prng(seed);
        const plan = Array.from({ length: 400 }, () => ({ process: rand() % 120, read: rand() % 2 === 0, pick: rand() }));
        const ops = history(plan);
        expect(new Set(ops.map((o) => o.process)).size).toBeGreaterThan(100);
        check(ops, all);
      }),
      { numRuns: 20 },
    );
  });

  it('agree with reachability with 1,500 processes (two inner levels), on sampled pairs', () => {
    // Every process writes once and reads one earlier write, so almost every process is a source.
    const plan: { process: number; read: boolean; pick: number }[] = [];
    const rand = prng(12345);
    for (let p = 0; p < 1500; p++) plan.push({ process: p, read: false, pick: 0 }, { process: p, read: true, pick: rand() });
    for (let i = 0; i < 1500; i++) plan.push({ process: rand() % 1500, read: true, pick: rand() });
    const ops = history(plan);
    const sample = (n: number): Iterable<[number, number]> => Array.from({ length: 3000 }, () => [rand() % n, rand() % n] as [number, number]);
    check(ops, sample);
  });
});
