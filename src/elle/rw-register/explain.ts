/**
 * Why an rw-register dependency edge holds, in words. Exact edges (wr, and rw from a read of the
 * initial state) are re-derived from the two transactions' micro-ops; edges derived from a version edge
 * carry its index in `Reasons`, and the explanation says which assumption ordered the two versions.
 */
import { Bit } from '../edge-bits.js';
import { MopFlag, showValue } from '../mop-flags.js';
import { MopF, type Mops, type Txns } from '../types.js';
import { edgeId, type Reasons } from './edges.js';
import { INIT, type RegisterIndex } from './index-build.js';
import { Source, type VersionEdges } from './version-edges.js';

/** Explains rw-register data edges; `A` and `B` name the two transactions. */
export function registerExplainer(txns: Txns, mops: Mops, ix: RegisterIndex, flags: Uint8Array, ve: VersionEdges, reasons: Reasons) {
  const op = (t: number): string => `op ${txns.invokeIndex[t]}`;
  const because = (i: number, v1: string, v2: string): string => {
    const [t1, t2] = [ve.t1[i], ve.t2[i]];
    if (ve.source[i] === Source.fr) return `${op(t2)} read ${v1} and then wrote ${v2}`;
    if (ve.source[i] === Source.p) return `${op(t1)} left it at ${v1} before ${op(t2)} saw or wrote ${v2} on the same process, ${String(txns.process[t1])} (each key taken as sequentially consistent)`;
    return `${op(t1)} left it at ${v1} and completed before ${op(t2)}, which saw or wrote ${v2}, was invoked (each key taken as linearizable)`;
  };
  return (a: number, b: number, bit: number, A: string, B: string): string | null => {
    if (bit === Bit.wr) {
      for (let m = txns.mopStart[b]; m < txns.mopEnd[b]; m++) {
        const vid = ix.readVersion[m];
        if (vid >= 0 && mops.txn[vid] === a && flags[m] & MopFlag.EXTERNAL) return `${A} wrote ${showValue(mops.keys[mops.key[m]])} = ${showValue(mops.value[m])} and ${B} read it`;
      }
      return null;
    }
    if (bit === Bit.rw) {
      for (let m = txns.mopStart[a]; m < txns.mopEnd[a]; m++) {
        if (ix.readVersion[m] !== INIT || !(flags[m] & MopFlag.EXTERNAL)) continue;
        for (let w = txns.mopStart[b]; w < txns.mopEnd[b]; w++) {
          if (mops.f[w] === MopF.write && mops.key[w] === mops.key[m] && flags[w] & MopFlag.FINAL) {
            return `${A} read ${showValue(mops.keys[mops.key[m]])} = null, the initial state, and ${B} wrote it = ${showValue(mops.value[w])}, a later version`;
          }
        }
      }
      return null;
    }
    const i = reasons.get(edgeId(txns.count, a, b, bit));
    if (i === undefined) return null;
    const key = showValue(mops.keys[mops.key[ve.from[i]]]);
    const [v1, v2] = [showValue(mops.value[ve.from[i]]), showValue(mops.value[ve.to[i]])];
    const first = bit === Bit.wwFr || bit === Bit.wwP || bit === Bit.wwRt ? `${A} wrote ${key} = ${v1}` : `${A} read ${key} = ${v1}`;
    return `${first} and ${B} wrote ${key} = ${v2}, a later version: ${because(i, v1, v2)}`;
  };
}
