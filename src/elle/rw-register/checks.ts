/**
 * rw-register anomalies shown without a cycle search (reads of `ok` transactions only):
 *  - G1a: a read of a value written only by a failed transaction (an aborted write);
 *  - garbage-read: a read of a value no transaction wrote to that key (out of thin air);
 *  - G1b: a read of a value its writer overwrote later in the same transaction (never installed);
 *  - internal: a read disagrees with the transaction's own last read or write of that key;
 *  - future-read: a read of a value the same transaction writes only later;
 *  - lost-update: two committed transactions read the same version of a key (each its first access to
 *    the key) and both wrote the key; in any serial order the second would have read the first's write.
 */
import { MopFlag, showValue } from '../mop-flags.js';
import { MopF, TxnStatus, type ElleAnomaly, type Mops, type Txns } from '../types.js';
import { INIT, NONE, type RegisterIndex } from './index-build.js';

/** Finds G1a, G1b, internal, future-read and lost-update anomalies. */
export function registerAnomalies(txns: Txns, mops: Mops, ix: RegisterIndex, flags: Uint8Array): ElleAnomaly[] {
  const out: ElleAnomaly[] = [];
  const op = (t: number): string => `op ${txns.invokeIndex[t]}`;
  const firstByVersion = new Map<number, number>();
  const shared = new Map<number, number[]>();
  for (let m = 0; m < mops.count; m++) {
    if (mops.f[m] !== MopF.read || mops.value[m] === undefined) continue;
    const t = mops.txn[m];
    const k = mops.key[m];
    const key = mops.keys[k];
    const v = mops.value[m];
    const what = `${op(t)} read ${showValue(key)} = ${showValue(v)}`;
    const vid = ix.readVersion[m];
    if (vid === NONE) out.push({ kind: 'garbage-read', txns: [t], key, explanation: `${what}, a value no transaction wrote to ${showValue(key)}: it came out of thin air.`, detail: { value: v } });
    if (vid >= 0) {
      const w = mops.txn[vid];
      if (txns.status[w] === TxnStatus.fail) out.push({ kind: 'G1a', txns: [t, w], key, explanation: `${what}, written by ${op(w)}, a transaction that failed: it read a write that was aborted.`, detail: { value: v } });
      if (w !== t && !(flags[vid] & MopFlag.FINAL)) out.push({ kind: 'G1b', txns: [t, w], key, explanation: `${what}, which ${op(w)} overwrote later in the same transaction: it read a state that was never committed.`, detail: { value: v } });
      if (w === t && vid > m) out.push({ kind: 'future-read', txns: [t], key, explanation: `${what}, a value the same transaction writes only later.`, detail: { value: v } });
    }
    const start = txns.mopStart[t];
    let prior = -1;
    for (let p = m - 1; p >= start && prior < 0; p--) if (mops.key[p] === k) prior = p;
    if (prior >= 0 && mops.value[prior] !== v) {
      const how = mops.f[prior] === MopF.read ? 'read' : 'wrote';
      out.push({ kind: 'internal', txns: [t], key, explanation: `${what}, but it last ${how} ${showValue(mops.value[prior])} there itself.`, detail: { value: v, expected: mops.value[prior] } });
    }
    if (prior < 0 && vid !== NONE && flags[m] & MopFlag.EXTERNAL && writesLater(mops, m, txns.mopEnd[t], k)) {
      const id = k * (mops.count + 2) + vid + 2;
      const first = firstByVersion.get(id);
      const group = shared.get(id);
      if (first === undefined) firstByVersion.set(id, t);
      else if (group) group.push(t);
      else shared.set(id, [first, t]);
    }
  }
  for (const [id, ts] of shared) {
    const k = Math.floor(id / (mops.count + 2));
    const vid = (id % (mops.count + 2)) - 2;
    const v = vid === INIT ? null : mops.value[vid];
    out.push({ kind: 'lost-update', txns: ts, key: mops.keys[k], explanation: `${ts.map(op).join(', ')} all read ${showValue(mops.keys[k])} = ${showValue(v)} and then wrote it; in any serial order each after the first would have read an earlier one's write.`, detail: { value: v } });
  }
  return out;
}

function writesLater(mops: Mops, m: number, end: number, k: number): boolean {
  for (let x = m + 1; x < end; x++) if (mops.f[x] === MopF.write && mops.key[x] === k) return true;
  return false;
}
