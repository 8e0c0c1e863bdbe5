/**
 * List-append anomalies from literal histories: for every anomaly class one history that has it and a
 * near-identical one that does not (one read or one outcome changed). Transactions that should be judged
 * by their data alone run concurrently, so no real-time order links them.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkListAppend, type AnomalyKind } from '../../src/elle/index.js';
import { concurrentOk, TxnHistory, type Mop } from './support/txn-history.js';

const opts = { process: true, realtime: true, budget: 1_000_000 };
const kinds = (h: Op[], realtime = true): AnomalyKind[] => checkListAppend(h, { ...opts, realtime }).anomalies.map((a) => a.kind).sort();

/** Two transactions on one process, one after the other, and others concurrent with both on other processes. */
function sessions(p0: Mop[][], others: Mop[][] = []): Op[] {
  const h = new TxnHistory();
  others.forEach((m, i) => h.invoke(i + 1, m));
  for (const m of p0) h.txn(0, m);
  others.forEach((_, i) => h.complete(i + 1));
  return h.ops;
}

/** Transactions run one after another on different processes (real time orders them, process order does not). */
function sequential(...txns: Mop[][]): Op[] {
  const h = new TxnHistory();
  txns.forEach((m, i) => h.txn(i, m));
  return h.ops;
}

interface Row {
  kind: AnomalyKind;
  has: Op[];
  hasNot: Op[];
  /** False to leave real-time edges out (where the intervals would force a real-time cycle too). */
  realtime?: boolean;
}

const rows: Row[] = [
  {
    kind: 'G0',
    has: concurrentOk([['append', 'x', 1], ['append', 'y', 1]], [['append', 'x', 2], ['append', 'y', 2]], [['r', 'x', [1, 2]], ['r', 'y', [2, 1]]]),
    hasNot: concurrentOk([['append', 'x', 1], ['append', 'y', 1]], [['append', 'x', 2], ['append', 'y', 2]], [['r', 'x', [1, 2]], ['r', 'y', [1, 2]]]),
  },
  {
    kind: 'G1a',
    has: new TxnHistory().txn(0, [['append', 'x', 1]], 'fail').txn(1, [['r', 'x', [1]]]).ops,
    hasNot: new TxnHistory().txn(0, [['append', 'x', 1]]).txn(1, [['r', 'x', [1]]]).ops,
  },
  {
    kind: 'G1b',
    has: concurrentOk([['append', 'x', 1], ['append', 'x', 2]], [['r', 'x', [1]]]),
    hasNot: concurrentOk([['append', 'x', 1], ['append', 'x', 2]], [['r', 'x', [1, 2]]]),
  },
  {
    kind: 'G1c',
    has: concurrentOk([['append', 'x', 1], ['r', 'y', [1]]], [['append', 'y', 1], ['r', 'x', [1]]]),
    hasNot: concurrentOk([['append', 'x', 1], ['r', 'y', [1]]], [['append', 'y', 1], ['r', 'x', []]]),
  },
  {
    kind: 'G-single',
    has: concurrentOk([['append', 'x', 1]], [['r', 'x', [1]], ['append', 'y', 1]], [['r', 'y', [1]], ['r', 'x', []]]),
    hasNot: concurrentOk([['append', 'x', 1]], [['r', 'x', [1]], ['append', 'y', 1]], [['r', 'y', [1]], ['r', 'x', [1]]]),
  },
  {
    kind: 'G-nonadjacent',
    has: concurrentOk([['r', 'a', []], ['r', 'd', [1]]], [['append', 'a', 1], ['append', 'b', 1]], [['r', 'b', [1]], ['r', 'c', []]], [['append', 'c', 1], ['append', 'd', 1]]),
    hasNot: concurrentOk([['r', 'a', []], ['r', 'd', [1]]], [['append', 'a', 1], ['append', 'b', 1]], [['r', 'b', [1]], ['r', 'c', [1]]], [['append', 'c', 1], ['append', 'd', 1]]),
  },
  {
    kind: 'G2-item',
    has: concurrentOk([['r', 'x', []], ['r', 'y', []], ['append', 'x', 1]], [['r', 'x', []], ['r', 'y', []], ['append', 'y', 1]]),
    hasNot: concurrentOk([['r', 'x', []], ['r', 'y', []], ['append', 'x', 1]], [['r', 'x', [1]], ['r', 'y', []], ['append', 'y', 1]]),
  },
  {
    kind: 'lost-update',
    has: concurrentOk([['r', 'x', []], ['append', 'x', 1]], [['r', 'x', []], ['append', 'x', 2]], [['r', 'x', [1, 2]]]),
    hasNot: concurrentOk([['r', 'x', []], ['append', 'x', 1]], [['r', 'x', [1]], ['append', 'x', 2]], [['r', 'x', [1, 2]]]),
  },
  {
    kind: 'internal',
    has: concurrentOk([['r', 'x', [5]], ['append', 'x', 1], ['r', 'x', [1]]], [['append', 'x', 5]]),
    hasNot: concurrentOk([['r', 'x', [5]], ['append', 'x', 1], ['r', 'x', [5, 1]]], [['append', 'x', 5]]),
  },
  {
    kind: 'future-read',
    has: concurrentOk([['r', 'x', [1]], ['append', 'x', 1]]),
    hasNot: concurrentOk([['r', 'x', []], ['append', 'x', 1]]),
  },
  {
    kind: 'fractured-read',
    has: concurrentOk([['append', 'x', 1], ['append', 'y', 1]], [['r', 'x', [1]], ['r', 'y', []]]),
    hasNot: concurrentOk([['append', 'x', 1], ['append', 'y', 1]], [['r', 'x', [1]], ['r', 'y', [1]]]),
  },
  {
    kind: 'duplicate-elements',
    has: concurrentOk([['append', 'x', 1]], [['r', 'x', [1, 1]]]),
    hasNot: concurrentOk([['append', 'x', 1]], [['r', 'x', [1]]]),
  },
  {
    kind: 'incompatible-order',
    has: concurrentOk([['append', 'x', 1]], [['append', 'x', 2]], [['r', 'x', [1, 2]]], [['r', 'x', [2, 1]]]),
    hasNot: concurrentOk([['append', 'x', 1]], [['append', 'x', 2]], [['r', 'x', [1, 2]]], [['r', 'x', [1]]]),
  },
  {
    // One transaction's own appends, shown out of the order it made them.
    kind: 'incompatible-order',
    has: concurrentOk([['append', 'x', 1], ['append', 'x', 2]], [['r', 'x', [2, 1]]]),
    hasNot: concurrentOk([['append', 'x', 1], ['append', 'x', 2]], [['r', 'x', [1, 2]]]),
  },
  {
    // ... or its second append without its first.
    kind: 'incompatible-order',
    has: concurrentOk([['append', 'x', 1], ['append', 'x', 2]], [['r', 'x', [2]]]),
    hasNot: concurrentOk([['append', 'x', 1], ['append', 'x', 2]], [['r', 'x', []]]),
  },
  {
    kind: 'dirty-update',
    has: new TxnHistory().concurrent([{ process: 0, mops: [['append', 'x', 1]], type: 'fail' }, { process: 1, mops: [['append', 'x', 2]] }, { process: 2, mops: [['r', 'x', [1, 2]]] }]).ops,
    hasNot: new TxnHistory().concurrent([{ process: 0, mops: [['append', 'x', 1]], type: 'info' }, { process: 1, mops: [['append', 'x', 2]] }, { process: 2, mops: [['r', 'x', [1, 2]]] }]).ops,
  },
  // Process order: on process 0, A then B.
  {
    kind: 'G0-process',
    has: sessions([[['append', 'x', 2]], [['append', 'x', 1]]], [[['r', 'x', [1, 2]]]]),
    hasNot: sessions([[['append', 'x', 2]], [['append', 'x', 1]]], [[['r', 'x', [2, 1]]]]),
  },
  {
    kind: 'G1c-process',
    has: sessions([[['r', 'x', [1]]], [['append', 'x', 1]]]),
    hasNot: sessions([[['r', 'x', []]], [['append', 'x', 1]]]),
  },
  {
    kind: 'G-single-process',
    has: sessions([[['append', 'x', 1]], [['r', 'x', []]]]),
    hasNot: sessions([[['append', 'x', 1]], [['r', 'x', [1]]]]),
  },
  {
    // A, B on process 0 and C, D on process 1: A -process-> B -rw-> C -process-> D -rw-> A. Any intervals
    // that allow this also give B -rw-> C -realtime-> B or D -rw-> A -realtime-> D, so real time is left out.
    kind: 'G-nonadjacent-process',
    realtime: false,
    has: new TxnHistory().concurrent([{ process: 0, mops: [['append', 'x', 1]] }, { process: 1, mops: [['append', 'y', 1]] }]).concurrent([{ process: 0, mops: [['r', 'y', []]] }, { process: 1, mops: [['r', 'x', []]] }]).ops,
    hasNot: new TxnHistory().concurrent([{ process: 0, mops: [['append', 'x', 1]] }, { process: 1, mops: [['append', 'y', 1]] }]).concurrent([{ process: 0, mops: [['r', 'y', []]] }, { process: 1, mops: [['r', 'x', [1]]] }]).ops,
  },
  {
    kind: 'G2-item-process',
    has: sessions([[['append', 'x', 1]], [['r', 'y', []]]], [[['r', 'x', []], ['append', 'y', 1]]]),
    hasNot: sessions([[['append', 'x', 1]], [['r', 'y', [1]]]], [[['r', 'x', []], ['append', 'y', 1]]]),
  },
  // Real time: one after another on different processes.
  {
    kind: 'G0-realtime',
    has: sequential([['append', 'x', 2]], [['append', 'x', 1]], [['r', 'x', [1, 2]]]),
    hasNot: sequential([['append', 'x', 2]], [['append', 'x', 1]], [['r', 'x', [2, 1]]]),
  },
  {
    kind: 'G1c-realtime',
    has: sequential([['r', 'x', [1]]], [['append', 'x', 1]]),
    hasNot: sequential([['r', 'x', []]], [['append', 'x', 1]]),
  },
  {
    kind: 'G-single-realtime',
    has: sequential([['append', 'x', 1]], [['r', 'x', []]]),
    hasNot: sequential([['append', 'x', 1]], [['r', 'x', [1]]]),
  },
  {
    // Only A (process 0) precedes B (process 1) in real time: A -realtime-> B -rw-> C -wr-> D -rw-> A.
    kind: 'G-nonadjacent-realtime',
    has: new TxnHistory().invoke(2, [['append', 'y', 1], ['append', 'z', 1]]).invoke(3, [['r', 'z', [1]], ['r', 'x', []]]).txn(0, [['append', 'x', 1]]).txn(1, [['r', 'y', []]]).complete(2).complete(3).ops,
    hasNot: new TxnHistory().invoke(2, [['append', 'y', 1], ['append', 'z', 1]]).invoke(3, [['r', 'z', [1]], ['r', 'x', [1]]]).txn(0, [['append', 'x', 1]]).txn(1, [['r', 'y', []]]).complete(2).complete(3).ops,
  },
  {
    // C is invoked before A completes, so only A -realtime-> B: A -realtime-> B -rw-> C -rw-> A.
    kind: 'G2-item-realtime',
    has: new TxnHistory().invoke(2, [['r', 'x', []], ['append', 'y', 1]]).txn(0, [['append', 'x', 1]]).txn(1, [['r', 'y', []]]).complete(2).ops,
    hasNot: new TxnHistory().invoke(2, [['r', 'x', []], ['append', 'y', 1]]).txn(0, [['append', 'x', 1]]).txn(1, [['r', 'y', [1]]]).complete(2).ops,
  },
];

describe('list-append anomalies, one literal history each way', () => {
  for (const row of rows) {
    it(`${row.kind}: found when present`, () => {
      expect(kinds(row.has, row.realtime)).toContain(row.kind);
    });
    it(`${row.kind}: absent from the near miss`, () => {
      expect(kinds(row.hasNot, row.realtime)).not.toContain(row.kind);
    });
  }

  it('finds nothing at all in the near misses', () => {
    for (const row of rows) {
      expect(kinds(row.hasNot, row.realtime), row.kind).toEqual([]);
    }
  });
});
