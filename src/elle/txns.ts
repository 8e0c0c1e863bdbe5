/**
 * Transaction extraction: pairs each `invoke` with its completion on the same process and flattens
 * every transaction's micro-ops into the `Mops` table, validating their shape with a workload's parser.
 *
 * Which value a transaction is judged by: an `ok` completion's (it holds what the reads returned); for
 * `fail` and `info`, the invoke's (what was attempted; nothing was read, so reads get `undefined`). An
 * invoke never completed counts as `info`. Nemesis records are skipped; any other client record must be
 * a transaction (`f: 'txn'`). A `null` value is an empty transaction.
 */
import type { Arena } from './arena.js';
import { ElleInputError, show } from './errors.js';
import { MopF, TxnStatus, type HistoryOp, type Key, type Mops, type Txns } from './types.js';

/** How one workload reads its micro-ops. */
export interface MopParser {
  /** Micro-op function names and what they are, e.g. `{append: MopF.append, r: MopF.read}`. */
  fs: Readonly<Record<string, MopF>>;
  /** Checks and normalises the value a written micro-op carries; returns a message when bad. */
  written(v: unknown): string | null;
  /** Normalises the value of a read in an `ok` transaction, or throws a message string when bad. */
  read(v: unknown): unknown;
}

/** Extracts transactions and micro-ops; throws `ElleInputError` at the first malformed record. */
export function extractTxns(history: readonly HistoryOp[], parser: MopParser, arena: Arena): { txns: Txns; mops: Mops } {
  let cap = 0;
  for (let pos = 0; pos < history.length; pos++) if (history[pos].type === 'invoke') cap++;
  const tx: Txns = {
    count: 0,
    status: arena.u8(cap),
    process: [],
    invokeIndex: arena.i32(cap),
    completeIndex: arena.i32(cap),
    invokePos: arena.i32(cap),
    completePos: arena.i32(cap),
    mopStart: arena.i32(cap),
    mopEnd: arena.i32(cap),
  };
  // Per transaction, the record whose value it is judged by: the ok completion, else the invoke.
  const source: HistoryOp[] = [];
  const open = new Map<number | string, number>();
  for (let pos = 0; pos < history.length; pos++) {
    const op = history[pos];
    if (op.process === 'nemesis') continue;
    if (op.f !== 'txn') throw new ElleInputError(op.index, `expected a transaction (f "txn"), found f ${show(op.f)}`);
    const at = open.get(op.process);
    if (op.type === 'invoke') {
      if (at !== undefined) throw new ElleInputError(op.index, `process ${op.process} invoked while op ${tx.invokeIndex[at]} is still in flight`);
      const t = tx.count++;
      open.set(op.process, t);
      tx.status[t] = TxnStatus.info;
      tx.process.push(op.process);
      tx.invokeIndex[t] = op.index;
      tx.completeIndex[t] = -1;
      tx.invokePos[t] = pos;
      tx.completePos[t] = -1;
      source.push(op);
    } else {
      if (at === undefined) throw new ElleInputError(op.index, `${op.type} from process ${op.process} with no invoke in flight`);
      tx.status[at] = TxnStatus[op.type];
      tx.completeIndex[at] = op.index;
      tx.completePos[at] = pos;
      if (op.type === 'ok') source[at] = op;
      open.delete(op.process);
    }
  }
  let total = 0;
  for (let t = 0; t < tx.count; t++) {
    const value = source[t].value;
    if (value !== null && value !== undefined && !Array.isArray(value)) {
      throw new ElleInputError(source[t].index, `expected a list of micro-ops, found ${show(value)}`);
    }
    total += value ? (value as unknown[]).length : 0;
  }
  const fs = new Map<unknown, MopF>(Object.entries(parser.fs));
  const keyIds = new Map<Key, number>();
  const mops: Mops = { count: total, txn: arena.i32(total), f: arena.u8(total), key: arena.i32(total), value: new Array(total), keys: [] };
  let m = 0;
  for (let t = 0; t < tx.count; t++) {
    const src = source[t];
    const ok = tx.status[t] === TxnStatus.ok;
    tx.mopStart[t] = m;
    const list = (src.value ?? []) as unknown[];
    for (let i = 0; i < list.length; i++, m++) {
      const mop = list[i];
      if (!Array.isArray(mop) || mop.length !== 3) throw new ElleInputError(src.index, `micro-op ${i} ${show(mop)}: expected [f, key, value]`);
      const f = fs.get(mop[0]);
      if (f === undefined) {
        throw new ElleInputError(src.index, `micro-op ${i} ${show(mop)}: unknown function ${show(mop[0])} (expected ${Object.keys(parser.fs).map((k) => `"${k}"`).join(' or ')})`);
      }
      const k = mop[1];
      let kid = keyIds.get(k);
      if (kid === undefined) {
        if (typeof k !== 'string' && !(typeof k === 'number' && Number.isFinite(k))) {
          throw new ElleInputError(src.index, `micro-op ${i} ${show(mop)}: a key must be a string or a number`);
        }
        kid = mops.keys.length;
        keyIds.set(k, kid);
        mops.keys.push(k);
      }
      let v: unknown;
      if (f === MopF.read) {
        if (ok) {
          try {
            v = parser.read(mop[2]);
          } catch (e) {
            throw new ElleInputError(src.index, `micro-op ${i}: read of ${show(k)} returned ${show(mop[2])}, ${String(e)}`);
          }
        }
      } else {
        const bad = parser.written(mop[2]);
        if (bad) throw new ElleInputError(src.index, `micro-op ${i} ${show(mop)}: ${bad}`);
        v = mop[2];
      }
      mops.txn[m] = t;
      mops.f[m] = f;
      mops.key[m] = kid;
      mops.value[m] = v;
    }
    tx.mopEnd[t] = m;
  }
  return { txns: tx, mops };
}
