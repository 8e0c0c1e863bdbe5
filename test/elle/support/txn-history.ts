/**
 * Literal transactional histories for the elle tests. Micro-ops are written as they complete
 * (`['r', 'x', [1, 2]]`); the invoke gets the same micro-ops with read values nulled, as Jepsen writes
 * them. `txn` runs one transaction on its own (invoke then completion); `invoke` and `complete` let a
 * test interleave transactions, e.g. to keep them concurrent so that no real-time edge links them.
 */
import type { Op, OpType } from '../../../src/core/op.js';

/** A micro-op: `[f, key, value]`. */
export type Mop = [string, string | number, unknown];

/** Builds a history record by record. */
export class TxnHistory {
  readonly ops: Op[] = [];
  private pending = new Map<number, Mop[]>();

  /** Invokes a transaction on `process`; `mops` are the completed form (reads nulled in the invoke). */
  invoke(process: number, mops: Mop[]): this {
    this.pending.set(process, mops);
    const value = mops.map(([f, k, v]) => [f, k, f === 'r' ? null : v]);
    this.ops.push({ index: this.ops.length, time: this.ops.length, process, type: 'invoke', f: 'txn', value });
    return this;
  }

  /** Completes `process`'s transaction; an `ok` carries the micro-ops given at invoke (with reads). */
  complete(process: number, type: Exclude<OpType, 'invoke'> = 'ok'): this {
    const mops = this.pending.get(process) as Mop[];
    this.pending.delete(process);
    const value = type === 'ok' ? mops : mops.map(([f, k, v]) => [f, k, f === 'r' ? null : v]);
    this.ops.push({ index: this.ops.length, time: this.ops.length, process, type, f: 'txn', value });
    return this;
  }

  /** A transaction invoked and completed at once. */
  txn(process: number, mops: Mop[], type: Exclude<OpType, 'invoke'> = 'ok'): this {
    return this.invoke(process, mops).complete(process, type);
  }

  /** Transactions all invoked before any completes (no real-time order between them), each on its own process. */
  concurrent(txns: { process: number; mops: Mop[]; type?: Exclude<OpType, 'invoke'> }[]): this {
    for (const t of txns) this.invoke(t.process, t.mops);
    for (const t of txns) this.complete(t.process, t.type ?? 'ok');
    return this;
  }
}

/** A history of concurrent `ok` transactions, one per process: the data dependencies alone decide. */
export function concurrentOk(...txns: Mop[][]): Op[] {
  return new TxnHistory().concurrent(txns.map((mops, process) => ({ process, mops }))).ops;
}
