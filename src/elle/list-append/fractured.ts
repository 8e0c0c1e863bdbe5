/**
 * Fractured reads (list-append): transaction T2 read a key and saw, as its last element, a value T1
 * appended, so T2 saw T1's writes; yet T2's read of another key T1 appended to lacks T1's append there.
 * Read atomicity (Cerone et al.; Bailis et al.'s RAMP) requires a transaction that sees one of another's
 * writes to see all of them (or later versions). On a sound key "the read lacks the append" is exact: the
 * read is a prefix of the key's order, and the append lies outside it (past its end, or seen by no read).
 * Only external reads of `ok` transactions count, and only T1's final append to each key.
 */
import { MopFlag, showList, showValue } from '../mop-flags.js';
import { MopF, TxnStatus, type ElleAnomaly, type Mops, type Txns } from '../types.js';
import type { AppendVersions } from './versions.js';

/** Finds fractured reads. */
export function fracturedReads(txns: Txns, mops: Mops, v: AppendVersions, flags: Uint8Array): ElleAnomaly[] {
  const out: ElleAnomaly[] = [];
  const { mopStart, mopEnd, invokeIndex } = txns;
  for (let t2 = 0; t2 < txns.count; t2++) {
    if (txns.status[t2] !== TxnStatus.ok) continue;
    for (let m = mopStart[t2]; m < mopEnd[t2]; m++) {
      const r = mops.value[m] as unknown[] | undefined;
      if (mops.f[m] !== MopF.read || !(flags[m] & MopFlag.EXTERNAL) || !r || r.length === 0) continue;
      const x = mops.key[m];
      const wm = v.lastWriter[m];
      if (wm < 0) continue;
      const t1 = mops.txn[wm];
      if (t1 === t2 || txns.status[t1] === TxnStatus.fail) continue;
      for (let a = mopStart[t1]; a < mopEnd[t1]; a++) {
        const y = mops.key[a];
        if (mops.f[a] !== MopF.append || y === x || !(flags[a] & MopFlag.FINAL) || !v.sound[y]) continue;
        for (let n = mopStart[t2]; n < mopEnd[t2]; n++) {
          const ry = mops.value[n] as unknown[] | undefined;
          if (mops.f[n] !== MopF.read || mops.key[n] !== y || !(flags[n] & MopFlag.EXTERNAL) || !ry) continue;
          if (v.pos[a] >= 0 && v.pos[a] < ry.length) continue;
          out.push({
            kind: 'fractured-read',
            txns: [t2, t1],
            key: mops.keys[y],
            explanation: `op ${invokeIndex[t2]} read ${showValue(mops.keys[x])} = ${showList(r)}, ending in ${showValue(r[r.length - 1])} from op ${invokeIndex[t1]}, so it saw that transaction; but it read ${showValue(mops.keys[y])} = ${showList(ry)}, without ${showValue(mops.value[a])}, which op ${invokeIndex[t1]} appended in the same transaction.`,
            detail: { sawKey: mops.keys[x], read: ry, missing: mops.value[a] },
          });
          break;
        }
      }
    }
  }
  return out;
}
