/**
 * Per micro-op facts that depend only on its own transaction:
 *  - `EXTERNAL`: a read of a key the transaction has not written yet. Only such reads observe other
 *    transactions' versions; a read after the transaction's own write observes its own state.
 *  - `FINAL`: the transaction's last write (or append) of that key. Only the final write installs a
 *    version others may read (Adya); an earlier one is intermediate, and reading it is G1b.
 */
import type { Arena } from './arena.js';
import { MopF, type Mops, type Txns } from './types.js';

/** Flag bits in the array `mopFlags` returns. */
export const MopFlag = { EXTERNAL: 1, FINAL: 2 } as const;

/** Computes the `MopFlag`s of every micro-op. */
export function mopFlags(txns: Txns, mops: Mops, arena: Arena): Uint8Array {
  const flags = arena.u8(mops.count);
  // stamp[k] = 1 + the last transaction seen writing key k (forward pass), or -(1 + it) (backward pass).
  const stamp = new Int32Array(mops.keys.length);
  for (let t = 0; t < txns.count; t++) {
    for (let m = txns.mopStart[t]; m < txns.mopEnd[t]; m++) {
      const k = mops.key[m];
      if (mops.f[m] === MopF.read) {
        if (stamp[k] !== t + 1) flags[m] |= MopFlag.EXTERNAL;
      } else stamp[k] = t + 1;
    }
    for (let m = txns.mopEnd[t] - 1; m >= txns.mopStart[t]; m--) {
      const k = mops.key[m];
      if (mops.f[m] === MopF.read || stamp[k] === -(t + 1)) continue;
      flags[m] |= MopFlag.FINAL;
      stamp[k] = -(t + 1);
    }
  }
  return flags;
}

/** Names a list of micro-op values compactly: the whole list when short, else its last elements. */
export function showList(list: readonly unknown[]): string {
  const items = list.map(showValue);
  return items.length <= 6 ? `[${items.join(', ')}]` : `[…, ${items.slice(-3).join(', ')}] (${items.length} elements)`;
}

/** Names a key or value in prose. */
export function showValue(v: unknown): string {
  return v === undefined ? 'nothing' : typeof v === 'bigint' ? v.toString() : JSON.stringify(v);
}
