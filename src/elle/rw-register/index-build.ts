/**
 * The rw-register index: which micro-op wrote each value (values are unique per key, so a value names
 * its version and its writer: recoverability), and which transactions read each version externally.
 * A version is named by its writer's micro-op id, the initial state by `INIT`; a read of a value no
 * transaction wrote names no version (`NONE`) and yields no dependency.
 */
import { ElleInputError, show } from '../errors.js';
import { MopFlag } from '../mop-flags.js';
import { MopF, TxnStatus, type Mops, type Txns } from '../types.js';
import type { Arena } from '../arena.js';
import { ValueIndex } from '../value-index.js';

/** The version id of the initial state. */
export const INIT = -1;
/** The version id of a value nobody wrote. */
export const NONE = -2;

/** Writers and readers of every version. */
export interface RegisterIndex {
  /** (key, written value) → micro-op id of the write (-1 if none). */
  writer: ValueIndex;
  /** Per micro-op (reads with a known value): the version read, `INIT` or `NONE`. */
  readVersion: Int32Array;
  /** Per key: version id (`INIT` as -1) → transactions that read it externally (ok only). */
  readers: Map<number, number[]>[];
  /** Per transaction: 1 when it may have committed (ok or info). */
  live: Uint8Array;
}

/** Builds the index; throws `ElleInputError` for a value written twice to one key. */
export function registerIndex(txns: Txns, mops: Mops, flags: Uint8Array, arena: Arena): RegisterIndex {
  const nk = mops.keys.length;
  const writer = new ValueIndex(mops.count, arena);
  for (let m = 0; m < mops.count; m++) {
    if (mops.f[m] !== MopF.write) continue;
    const prior = writer.get(mops.key[m], mops.value[m]);
    if (prior >= 0) {
      const [here, there] = [txns.invokeIndex[mops.txn[m]], txns.invokeIndex[mops.txn[prior]]];
      throw new ElleInputError(here, `writes ${show(mops.value[m])} to ${show(mops.keys[mops.key[m]])}, which ${here === there ? 'it' : `op ${there}`} also writes; written values must be unique per key`);
    }
    writer.set(mops.key[m], mops.value[m], m);
  }
  const readVersion = arena.i32(mops.count).fill(NONE);
  const readers: Map<number, number[]>[] = Array.from({ length: nk }, () => new Map());
  for (let m = 0; m < mops.count; m++) {
    const v = mops.value[m];
    if (mops.f[m] !== MopF.read || v === undefined) continue;
    const w = v === null ? INIT : writer.get(mops.key[m], v);
    const vid = w === -1 && v !== null ? NONE : w;
    readVersion[m] = vid;
    if (vid === NONE || !(flags[m] & MopFlag.EXTERNAL)) continue;
    const r = readers[mops.key[m]];
    const list = r.get(vid);
    if (list) list.push(mops.txn[m]);
    else r.set(vid, [mops.txn[m]]);
  }
  const live = arena.u8(txns.count);
  for (let t = 0; t < txns.count; t++) live[t] = txns.status[t] === TxnStatus.fail ? 0 : 1;
  return { writer, readVersion, readers, live };
}
