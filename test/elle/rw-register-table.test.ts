/**
 * rw-register anomalies from literal histories: for every class the register analysis can infer, one
 * history that has it and a near-identical one that does not. (G0 needs write-write order, which plain
 * reads of registers never show: only an assumption (process or real-time order per key) orders writes,
 * giving G0-process or G0-realtime; writes-follow-reads alone proves at most G1c, see edge-bits.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../src/core/op.js';
import { checkRwRegister, type AnomalyKind } from '../../src/elle/index.js';
import { anomalyTable, sequential, sessions, type Row } from './support/anomaly-table.js';
import { concurrentOk, TxnHistory } from './support/txn-history.js';

const opts = { process: true, realtime: true, budget: 1_000_000, wfrKeys: true, sequentialKeys: true, linearizableKeys: true };
const kinds = (h: Op[], realtime: boolean): AnomalyKind[] => checkRwRegister(h, { ...opts, realtime, linearizableKeys: realtime }).anomalies.map((a) => a.kind).sort();

const rows: Row[] = [
  {
    kind: 'G1a',
    has: new TxnHistory().txn(0, [['w', 'x', 1]], 'fail').txn(1, [['r', 'x', 1]]).ops,
    hasNot: new TxnHistory().txn(0, [['w', 'x', 1]]).txn(1, [['r', 'x', 1]]).ops,
  },
  {
    kind: 'garbage-read',
    has: concurrentOk([['w', 'x', 1]], [['r', 'x', 7]]),
    hasNot: concurrentOk([['w', 'x', 1]], [['r', 'x', 1]]),
  },
  {
    kind: 'G1b',
    has: concurrentOk([['w', 'x', 1], ['w', 'x', 2]], [['r', 'x', 1]]),
    hasNot: concurrentOk([['w', 'x', 1], ['w', 'x', 2]], [['r', 'x', 2]]),
  },
  {
    kind: 'G1c',
    has: concurrentOk([['w', 'x', 1], ['r', 'y', 1]], [['w', 'y', 1], ['r', 'x', 1]]),
    hasNot: concurrentOk([['w', 'x', 1], ['r', 'y', 1]], [['w', 'y', 1], ['r', 'x', null]]),
  },
  {
    kind: 'G-single',
    has: concurrentOk([['w', 'x', 1]], [['r', 'x', 1], ['w', 'y', 1]], [['r', 'y', 1], ['r', 'x', null]]),
    hasNot: concurrentOk([['w', 'x', 1]], [['r', 'x', 1], ['w', 'y', 1]], [['r', 'y', 1], ['r', 'x', 1]]),
  },
  {
    kind: 'G-nonadjacent',
    has: concurrentOk([['r', 'a', null], ['r', 'd', 1]], [['w', 'a', 1], ['w', 'b', 1]], [['r', 'b', 1], ['r', 'c', null]], [['w', 'c', 1], ['w', 'd', 1]]),
    hasNot: concurrentOk([['r', 'a', null], ['r', 'd', 1]], [['w', 'a', 1], ['w', 'b', 1]], [['r', 'b', 1], ['r', 'c', 1]], [['w', 'c', 1], ['w', 'd', 1]]),
  },
  {
    kind: 'G2-item',
    has: concurrentOk([['r', 'x', null], ['r', 'y', null], ['w', 'x', 1]], [['r', 'x', null], ['r', 'y', null], ['w', 'y', 1]]),
    hasNot: concurrentOk([['r', 'x', null], ['r', 'y', null], ['w', 'x', 1]], [['r', 'x', 1], ['r', 'y', null], ['w', 'y', 1]]),
  },
  {
    kind: 'lost-update',
    has: concurrentOk([['r', 'x', null], ['w', 'x', 1]], [['r', 'x', null], ['w', 'x', 2]]),
    hasNot: concurrentOk([['r', 'x', null], ['w', 'x', 1]], [['r', 'x', 1], ['w', 'x', 2]]),
  },
  {
    kind: 'internal',
    has: concurrentOk([['w', 'x', 1], ['r', 'x', 2]], [['w', 'x', 2]]),
    hasNot: concurrentOk([['w', 'x', 1], ['r', 'x', 1]], [['w', 'x', 2]]),
  },
  {
    kind: 'future-read',
    has: concurrentOk([['r', 'x', 1], ['w', 'x', 1]]),
    hasNot: concurrentOk([['r', 'x', null], ['w', 'x', 1]]),
  },
  {
    // Process 1 reads y = 1 and then y = 2, so (each key sequentially consistent) B's y=1 precedes A's y=2.
    kind: 'G0-process',
    has: new TxnHistory().invoke(1, [['r', 'y', 1]]).txn(0, [['w', 'x', 1], ['w', 'y', 2]]).txn(0, [['w', 'y', 1]]).complete(1).txn(1, [['r', 'y', 2]]).ops,
    hasNot: new TxnHistory().invoke(1, [['r', 'y', 2]]).txn(0, [['w', 'x', 1], ['w', 'y', 2]]).txn(0, [['w', 'y', 1]]).complete(1).txn(1, [['r', 'y', 1]]).ops,
    realtime: false,
  },
  {
    kind: 'G1c-process',
    has: sessions([[['w', 'x', 1], ['r', 'y', 1]], [['w', 'x', 2]]], [[['r', 'x', 2], ['w', 'y', 1]]]),
    hasNot: sessions([[['w', 'x', 1], ['r', 'y', null]], [['w', 'x', 2]]], [[['r', 'x', 2], ['w', 'y', 1]]]),
  },
  {
    kind: 'G-single-process',
    has: sessions([[['w', 'x', 1]], [['r', 'x', null]]]),
    hasNot: sessions([[['w', 'x', 1]], [['r', 'x', 1]]]),
  },
  {
    kind: 'G-nonadjacent-process',
    has: new TxnHistory().concurrent([{ process: 0, mops: [['w', 'x', 1]] }, { process: 1, mops: [['w', 'y', 1]] }]).concurrent([{ process: 0, mops: [['r', 'y', null]] }, { process: 1, mops: [['r', 'x', null]] }]).ops,
    hasNot: new TxnHistory().concurrent([{ process: 0, mops: [['w', 'x', 1]] }, { process: 1, mops: [['w', 'y', 1]] }]).concurrent([{ process: 0, mops: [['r', 'y', null]] }, { process: 1, mops: [['r', 'x', 1]] }]).ops,
    realtime: false,
  },
  {
    kind: 'G2-item-process',
    has: sessions([[['w', 'x', 1]], [['r', 'y', null]]], [[['r', 'x', null], ['w', 'y', 1]]]),
    hasNot: sessions([[['w', 'x', 1]], [['r', 'y', 1]]], [[['r', 'x', null], ['w', 'y', 1]]]),
  },
  {
    // Real time orders x = 1 before x = 2, and x = 2 before the read of x = 1 (each key linearizable).
    kind: 'G0-realtime',
    has: sequential([['w', 'x', 1]], [['w', 'x', 2]], [['r', 'x', 1]]),
    hasNot: sequential([['w', 'x', 1]], [['w', 'x', 2]], [['r', 'x', 2]]),
  },
  {
    kind: 'G1c-realtime',
    has: sequential([['r', 'x', 1]], [['w', 'x', 1]]),
    hasNot: sequential([['r', 'x', null]], [['w', 'x', 1]]),
  },
  {
    kind: 'G-single-realtime',
    has: sequential([['w', 'x', 1]], [['r', 'x', null]]),
    hasNot: sequential([['w', 'x', 1]], [['r', 'x', 1]]),
  },
  {
    kind: 'G-nonadjacent-realtime',
    has: new TxnHistory().invoke(2, [['w', 'y', 1], ['w', 'z', 1]]).invoke(3, [['r', 'z', 1], ['r', 'x', null]]).txn(0, [['w', 'x', 1]]).txn(1, [['r', 'y', null]]).complete(2).complete(3).ops,
    hasNot: new TxnHistory().invoke(2, [['w', 'y', 1], ['w', 'z', 1]]).invoke(3, [['r', 'z', 1], ['r', 'x', 1]]).txn(0, [['w', 'x', 1]]).txn(1, [['r', 'y', null]]).complete(2).complete(3).ops,
  },
  {
    kind: 'G2-item-realtime',
    has: new TxnHistory().invoke(2, [['r', 'x', null], ['w', 'y', 1]]).txn(0, [['w', 'x', 1]]).txn(1, [['r', 'y', null]]).complete(2).ops,
    hasNot: new TxnHistory().invoke(2, [['r', 'x', null], ['w', 'y', 1]]).txn(0, [['w', 'x', 1]]).txn(1, [['r', 'y', 1]]).complete(2).ops,
  },
];

anomalyTable('rw-register anomalies, one literal history each way', rows, kinds);

describe('rw-register assumptions', () => {
  it('proves with an assumption only the models that imply it: a G0 shape through process order is G0-process', () => {
    const g0 = rows.find((r) => r.kind === 'G0-process') as Row;
    const without = checkRwRegister(g0.has, { ...opts, realtime: false, linearizableKeys: false, sequentialKeys: false }).anomalies.map((a) => a.kind);
    expect(without).not.toContain('G0-process');
    expect(without).not.toContain('G0');
  });
});
