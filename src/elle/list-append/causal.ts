/**
 * What the causal search (`../causal.ts`) needs from list-append histories:
 *  - `seen`: R saw T when a read of R (in an `ok` transaction) holds a value T appended, T not failed
 *    (every element of the list, not only the last: the list is the effect of all those appends);
 *  - `missed`: a read of key x in R misses T's append of x when, x's order being sound, the append's
 *    place in it is at or past the read's length, or no read shows it. On a sound key each read is a
 *    prefix of the order, so that is exactly "the list does not hold T's value". Keys whose order is
 *    not sound are skipped: their reads already gave an anomaly that rules out read committed.
 */
import type { CausalMiss, CausalRelation } from '../causal.js';
import { showList, showValue } from '../mop-flags.js';
import { MopF, TxnStatus, type Mops, type Txns } from '../types.js';
import type { AppendVersions } from './versions.js';

/** The causal relation of a list-append history. */
export function appendCausal(txns: Txns, mops: Mops, v: AppendVersions): CausalRelation {
  const live = (t: number): boolean => txns.status[t] !== TxnStatus.fail;
  const readList = (m: number): unknown[] | undefined => (mops.f[m] === MopF.read ? (mops.value[m] as unknown[] | undefined) : undefined);
  const writerTxn = (k: number, e: unknown): number => {
    const w = v.writer.get(k, e);
    return w >= 0 && live(mops.txn[w]) ? mops.txn[w] : -1;
  };
  return {
    reads(r) {
      if (txns.status[r] !== TxnStatus.ok) return false;
      for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) if (readList(m) && v.sound[mops.key[m]]) return true;
      return false;
    },
    seen(r, visit) {
      if (txns.status[r] !== TxnStatus.ok) return;
      for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) {
        const list = readList(m);
        if (!list) continue;
        const k = mops.key[m];
        for (let i = 0; i < list.length; i++) {
          const t = writerTxn(k, list[i]);
          if (t >= 0 && t !== r) visit(t);
        }
      }
    },
    missed(r, t): CausalMiss | null {
      for (let a = txns.mopStart[t]; a < txns.mopEnd[t]; a++) {
        if (mops.f[a] !== MopF.append || !v.sound[mops.key[a]]) continue;
        const k = mops.key[a];
        for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) {
          const list = readList(m);
          if (!list || mops.key[m] !== k) continue;
          const p = v.pos[a];
          if (p >= 0 && p < list.length) continue;
          const key = showValue(mops.keys[k]);
          return { key: mops.keys[k], text: (R, W) => `${R} read ${key} = ${showList(list)}, without ${showValue(mops.value[a])}, which ${W} appended` };
        }
      }
      return null;
    },
    explainSeen(t, r, A, B) {
      for (let m = txns.mopStart[r]; m < txns.mopEnd[r]; m++) {
        const list = readList(m);
        if (!list) continue;
        const k = mops.key[m];
        const e = list.find((x) => writerTxn(k, x) === t);
        if (e !== undefined) return `${A} appended ${showValue(e)} to ${showValue(mops.keys[k])} and ${B} read ${showValue(mops.keys[k])} = ${showList(list)}, which holds it`;
      }
      return `${B} read a value ${A} appended`;
    },
  };
}
