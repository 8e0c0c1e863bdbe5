/**
 * A transaction's own appends must appear in a key's order as it made them: appending a then b, the
 * state after b extends the state after a, so any read showing b shows a before it. A read (the longest,
 * on a key whose reads agree) that shows b before a, or b without a, shows a state no execution of that
 * transaction produces: its order is incompatible with the transaction's own, and the key's order can
 * be trusted no more than one where two reads disagree. (Another transaction's append between a and b
 * is not this check's business: it orders the two transactions both ways, a G0 cycle.)
 */
import { MopF, type Mops, type Txns } from '../types.js';

/** An append `later` the order shows out of step with the same transaction's earlier append `earlier`. */
export interface Misordered {
  key: number;
  txn: number;
  earlier: number;
  later: number;
}

/** Finds misordered own appends on keys whose order is otherwise sound, and marks those keys unsound. */
export function misorderedAppends(txns: Txns, mops: Mops, pos: Int32Array, sound: Uint8Array): Misordered[] {
  const out: Misordered[] = [];
  for (let t = 0; t < txns.count; t++) {
    const start = txns.mopStart[t];
    for (let m = start; m < txns.mopEnd[t]; m++) {
      const k = mops.key[m];
      if (mops.f[m] !== MopF.append || pos[m] < 0 || !sound[k]) continue;
      for (let p = start; p < m; p++) {
        if (mops.f[p] !== MopF.append || mops.key[p] !== k || (pos[p] >= 0 && pos[p] < pos[m])) continue;
        out.push({ key: k, txn: t, earlier: p, later: m });
        sound[k] = 0;
        break;
      }
    }
  }
  return out;
}
