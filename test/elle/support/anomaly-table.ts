/**
 * The shape shared by the literal-history tables: each row an anomaly kind, a history that has it and
 * a near miss (one read or one outcome changed) that has no anomaly at all; plus the two schedules the
 * tables use to bring in process order and real time.
 */
import { describe, expect, it } from 'vitest';
import type { Op } from '../../../src/core/op.js';
import type { AnomalyKind } from '../../../src/elle/index.js';
import { TxnHistory, type Mop } from './txn-history.js';

/** One table row. */
export interface Row {
  kind: AnomalyKind;
  has: Op[];
  hasNot: Op[];
  /** False to leave real-time edges out (where the intervals would force a real-time cycle too). */
  realtime?: boolean;
}

/** Defines the tests of a table: the kind found in `has`, absent from `hasNot`, which has nothing at all. */
export function anomalyTable(title: string, rows: readonly Row[], kinds: (h: Op[], realtime: boolean) => AnomalyKind[]): void {
  describe(title, () => {
    for (const row of rows) {
      it(`${row.kind}: found when present`, () => {
        expect(kinds(row.has, row.realtime ?? true)).toContain(row.kind);
      });
      it(`${row.kind}: absent from the near miss, which has no anomaly at all`, () => {
        expect(kinds(row.hasNot, row.realtime ?? true)).toEqual([]);
      });
    }
  });
}

/** Transactions one after another on process 0, and others concurrent with all of them on other processes. */
export function sessions(p0: Mop[][], others: Mop[][] = []): Op[] {
  const h = new TxnHistory();
  others.forEach((m, i) => h.invoke(i + 1, m));
  for (const m of p0) h.txn(0, m);
  others.forEach((_, i) => h.complete(i + 1));
  return h.ops;
}

/** Transactions one after another on different processes (real time orders them, process order does not). */
export function sequential(...txns: Mop[][]): Op[] {
  const h = new TxnHistory();
  txns.forEach((m, i) => h.txn(i, m));
  return h.ops;
}
