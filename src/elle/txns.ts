/**
 * Transaction extraction: pairs each `invoke` with its completion on the same process and flattens
 * every transaction's micro-ops into the `Mops` table, validating their shape with a workload's parser.
 *
 * Which value a transaction is judged by: an `ok` completion's (it holds what the reads returned); for
 * `fail` and `info`, the invoke's (what was attempted; nothing was read, so reads get `undefined`). An
 * invoke never completed counts as `info`. Nemesis records are skipped; any other client record must be
 * a transaction (`f: 'txn'`). A `null` value is an empty transaction.
 */
import { ElleInputError, show } from './errors.js';
import { MopF, type HistoryOp, type Key, type Mops, type Txn } from './types.js';

/** How one workload reads its micro-ops. */
export interface MopParser {
  /** Micro-op function names and what they are, e.g. `{append: MopF.append, r: MopF.read}`. */
  fs: Readonly<Record<string, MopF>>;
  /** Checks and normalises the value a written micro-op carries; returns a message when bad. */
  written(v: unknown): string | null;
  /** Normalises the value of a read in an `ok` transaction, or throws a message string when bad. */
  read(v: unknown): unknown;
}

/** Growable parallel arrays for the `Mops` table. */
class MopTable {
  txn = new Int32Array(4096);
  f = new Uint8Array(4096);
  key = new Int32Array(4096);
  value: unknown[] = [];
  count = 0;
  push(txn: number, f: number, key: number, value: unknown): void {
    if (this.count === this.txn.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.txn = grow(this.txn);
      this.f = grow(this.f);
      this.key = grow(this.key);
    }
    this.txn[this.count] = txn;
    this.f[this.count] = f;
    this.key[this.count] = key;
    this.value.push(value);
    this.count++;
  }
}

/** Extracts transactions and micro-ops; throws `ElleInputError` at the first malformed record. */
export function extractTxns(history: readonly HistoryOp[], parser: MopParser): { txns: Txn[]; mops: Mops } {
  const open = new Map<number | string, { op: HistoryOp; pos: number }>();
  const pairs: { invoke: HistoryOp; invokePos: number; done?: HistoryOp; donePos: number }[] = [];
  const slot = new Map<number | string, number>();
  for (let pos = 0; pos < history.length; pos++) {
    const op = history[pos];
    if (op.process === 'nemesis') continue;
    if (op.f !== 'txn') throw new ElleInputError(op.index, `expected a transaction (f "txn"), found f ${show(op.f)}`);
    if (op.type === 'invoke') {
      const prior = open.get(op.process);
      if (prior) throw new ElleInputError(op.index, `process ${op.process} invoked while op ${prior.op.index} is still in flight`);
      open.set(op.process, { op, pos });
      slot.set(op.process, pairs.length);
      pairs.push({ invoke: op, invokePos: pos, donePos: -1 });
    } else {
      if (!open.has(op.process)) throw new ElleInputError(op.index, `${op.type} from process ${op.process} with no invoke in flight`);
      const p = pairs[slot.get(op.process) as number];
      p.done = op;
      p.donePos = pos;
      open.delete(op.process);
    }
  }
  const keyIds = new Map<Key, number>();
  const keys: Key[] = [];
  const table = new MopTable();
  const txns: Txn[] = new Array(pairs.length);
  for (let id = 0; id < pairs.length; id++) {
    const { invoke, invokePos, done, donePos } = pairs[id];
    const status = done ? (done.type as Txn['status']) : 'info';
    const source = status === 'ok' ? (done as HistoryOp) : invoke;
    const mopStart = table.count;
    const value = source.value;
    if (value !== null && value !== undefined && !Array.isArray(value)) {
      throw new ElleInputError(source.index, `expected a list of micro-ops, found ${show(value)}`);
    }
    const list = (value ?? []) as unknown[];
    for (let i = 0; i < list.length; i++) {
      const mop = list[i];
      if (!Array.isArray(mop) || mop.length !== 3) {
        throw new ElleInputError(source.index, `micro-op ${i} ${show(mop)}: expected [f, key, value]`);
      }
      const f = parser.fs[mop[0] as string];
      if (f === undefined || !Object.hasOwn(parser.fs, mop[0] as string)) {
        throw new ElleInputError(source.index, `micro-op ${i} ${show(mop)}: unknown function ${show(mop[0])} (expected ${Object.keys(parser.fs).map((k) => `"${k}"`).join(' or ')})`);
      }
      const k = mop[1];
      if (typeof k !== 'string' && !(typeof k === 'number' && Number.isFinite(k))) {
        throw new ElleInputError(source.index, `micro-op ${i} ${show(mop)}: a key must be a string or a number`);
      }
      let kid = keyIds.get(k);
      if (kid === undefined) {
        kid = keys.length;
        keyIds.set(k, kid);
        keys.push(k);
      }
      let v: unknown;
      if (f === MopF.read) {
        if (status === 'ok') {
          try {
            v = parser.read(mop[2]);
          } catch (e) {
            throw new ElleInputError(source.index, `micro-op ${i}: read of ${show(k)} returned ${show(mop[2])}, ${String(e)}`);
          }
        }
      } else {
        const bad = parser.written(mop[2]);
        if (bad) throw new ElleInputError(source.index, `micro-op ${i} ${show(mop)}: ${bad}`);
        v = mop[2];
      }
      table.push(id, f, kid, v);
    }
    txns[id] = {
      id,
      status,
      process: invoke.process,
      invokeIndex: invoke.index,
      completeIndex: done ? done.index : -1,
      invokePos,
      completePos: donePos,
      mopStart,
      mopEnd: table.count,
    };
  }
  const mops: Mops = { count: table.count, txn: table.txn, f: table.f, key: table.key, value: table.value, keys };
  return { txns, mops };
}
