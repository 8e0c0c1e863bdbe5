/**
 * List-append anomalies from literal histories, data dependencies alone: for every class one history
 * that has it and a near miss that has none. Transactions run concurrently, so no real-time or process
 * order links them. (Process and real-time variants: list-append-order-table.test.ts.)
 */
import type { Op } from '../../src/core/op.js';
import { checkListAppend, type AnomalyKind } from '../../src/elle/index.js';
import { anomalyTable, type Row } from './support/anomaly-table.js';
import { concurrentOk, TxnHistory } from './support/txn-history.js';

const kinds = (h: Op[], realtime: boolean): AnomalyKind[] =>
  checkListAppend(h, { process: true, realtime, budget: 1_000_000 }).anomalies.map((a) => a.kind).sort();

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
    // A value nobody appended to x (3), whether or not the key's reads agree with each other.
    kind: 'garbage-read',
    has: concurrentOk([['append', 'x', 1]], [['r', 'x', [1, 3]]]),
    hasNot: concurrentOk([['append', 'x', 1], ['append', 'x', 3]], [['r', 'x', [1, 3]]]),
  },
  {
    kind: 'garbage-read',
    has: concurrentOk([['append', 'x', 1]], [['r', 'x', [3]]], [['r', 'x', [1]]]),
    hasNot: concurrentOk([['append', 'x', 1]], [['r', 'x', [1]]], [['r', 'x', [1]]]),
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
];

anomalyTable('list-append anomalies from data dependencies', rows, kinds);
