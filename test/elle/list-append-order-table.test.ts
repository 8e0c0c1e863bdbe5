/**
 * List-append anomalies that need process order or real time, from literal histories: for every
 * `-process` and `-realtime` class one history that has it and a near miss that has none.
 */
import type { Op } from '../../src/core/op.js';
import { checkListAppend, type AnomalyKind } from '../../src/elle/index.js';
import { anomalyTable, sessions, sequential, type Row } from './support/anomaly-table.js';
import { TxnHistory } from './support/txn-history.js';

const kinds = (h: Op[], realtime: boolean): AnomalyKind[] =>
  checkListAppend(h, { process: true, realtime, budget: 1_000_000 }).anomalies.map((a) => a.kind).sort();

const rows: Row[] = [
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

anomalyTable('list-append anomalies with process order and real time', rows, kinds);
