/**
 * Per micro-op facts that depend only on its own transaction:
 *  - `EXTERNAL`: a read of a key the transaction has not written yet. Only such reads observe other
 *    transactions' versions; a read after the transaction's own write observes its own state.
 *  - `FINAL`: the transaction's last write (or append) of that key. Only the final write installs a
 *    version others may read (Adya); an earlier one is intermediate, and reading it is G1b.
 */
import { MopF, type Mops, type Txn } from './types.js';

/** Flag bits in the array `mopFlags` returns. */
export const MopFlag = { EXTERNAL: 1, FINAL: 2 } as const;

/** Computes the `MopFlag`s of every micro-op. */
export function mopFlags(txns: readonly Txn[], mops: Mops): Uint8Array {
  const flags = new Uint8Array(mops.count);
  const seen: number[] = [];
  for (const t of txns) {
    seen.length = 0;
    for (let m = t.mopStart; m < t.mopEnd; m++) {
      if (mops.f[m] === MopF.read) {
        if (!seen.includes(mops.key[m])) flags[m] |= MopFlag.EXTERNAL;
      } else if (!seen.includes(mops.key[m])) seen.push(mops.key[m]);
    }
    seen.length = 0;
    for (let m = t.mopEnd - 1; m >= t.mopStart; m--) {
      if (mops.f[m] === MopF.read || seen.includes(mops.key[m])) continue;
      flags[m] |= MopFlag.FINAL;
      seen.push(mops.key[m]);
    }
  }
  return flags;
}

/** Names a list of micro-op values compactly: the whole list when short, else its last elements. */
export function showList(list: readonly unknown[]): string {
  const items = list.map((v) => JSON.stringify(v));
  return items.length <= 6 ? `[${items.join(', ')}]` : `[…, ${items.slice(-3).join(', ')}] (${items.length} elements)`;
}

/** Names a key or value in prose. */
export function showValue(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}
