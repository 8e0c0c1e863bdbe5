/**
 * The rw-register index: which micro-op wrote each value (values are unique per key, so a value names
 * its version and its writer: recoverability), and which transactions read each version externally.
 * A version is named by its writer's micro-op id, the initial state by `INIT`; a read of a value no
 * transaction wrote names no version (`NONE`) and yields no dependency.
 */
import { ElleInputError, show } from '../errors.js';
import { MopFlag } from '../mop-flags.js';
import { MopF, TxnStatus, type Mops, type Txns } from '../types.js';

/** The version id of the initial state. */
export const INIT = -1;
/** The version id of a value nobody wrote. */
export const NONE = -2;

/** Writers and readers of every version. */
export interface RegisterIndex {
  /** Per key: written value → micro-op id of the write. */
  writer: Map<unknown, number>[];
  /** Per micro-op (reads with a known value): the version read, `INIT` or `NONE`. */
  readVersion: Int32Array;
  /** Per key: version id (`INIT` as -1) → transactions that read it externally (ok only). */
  readers: Map<number, number[]>[];
  /** Per transaction: 1 when it may have committed (ok or info). */
  live: Uint8Array;
}

/** Builds the index; throws `ElleInputError` for a value written twice to one key. */
export function registerIndex(txns: Txns, mops: Mops, flags: Uint8Array): RegisterIndex {
  const nk = mops.keys.length;
  const writer: Map<unknown, number>[] = Array.from({ length: nk }, () => new Map());
  for (let m = 0; m < mops.count; m++) {
    if (mops.f[m] !== MopF.write) continue;
    const w = writer[mops.key[m]];
    const prior = w.get(mops.value[m]);
    if (prior !== undefined) {
      const [here, there] = [txns.invokeIndex[mops.txn[m]], txns.invokeIndex[mops.txn[prior]]];
      throw new ElleInputError(here, `writes ${show(mops.value[m])} to ${show(mops.keys[mops.key[m]])}, which ${here === there ? 'it' : `op ${there}`} also writes; written values must be unique per key`);
    }
    w.set(mops.value[m], m);
  }
  const readVersion = new Int32Array(mops.count).fill(NONE);
  const readers: Map<number, number[]>[] = Array.from({ length: nk }, () => new Map());
  for (let m = 0; m < mops.count; m++) {
    const v = mops.value[m];
    if (mops.f[m] !== MopF.read || v === undefined) continue;
    const vid = v === null ? INIT : (writer[mops.key[m]].get(v) ?? NONE);
    readVersion[m] = vid;
    if (vid === NONE || !(flags[m] & MopFlag.EXTERNAL)) continue;
    const r = readers[mops.key[m]];
    const list = r.get(vid);
    if (list) list.push(mops.txn[m]);
    else r.set(vid, [mops.txn[m]]);
  }
  const live = txns.status.map((s) => (s === TxnStatus.fail ? 0 : 1));
  return { writer, readVersion, readers, live };
}
