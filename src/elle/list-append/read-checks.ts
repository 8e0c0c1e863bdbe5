/**
 * List-append anomalies each read shows on its own (reads of `ok` transactions only: others read
 * nothing we know):
 *  - G1a (aborted read): the read holds a value appended only by a transaction that failed. A failed
 *    transaction certainly did not commit, so its append was never a committed version.
 *  - G1b (intermediate read): the read's last element was appended by a transaction that appended to
 *    the key again later; that state was never its final, installed version.
 *  - duplicate-elements: the read holds one value twice, but each value was appended once.
 *  - garbage-read: the read holds a value no transaction appended to that key (out of thin air).
 *  - incompatible-order: two reads of a key, neither a prefix of the other (see `versions.ts`), or a
 *    read that shows a transaction's appends out of the order it made them (`own-order.ts`).
 * For a sound key every read is a prefix of the order, so "does this read hold a failed append" is "is
 * it longer than the order's first failed append's position", and it cannot hold a duplicate; only the
 * reads of unsound keys are scanned element by element.
 */
import { MopFlag, showList, showValue } from '../mop-flags.js';
import { MopF, TxnStatus, type ElleAnomaly, type Mops, type Txns } from '../types.js';
import type { AppendVersions } from './versions.js';

/** Finds G1a, G1b, garbage-read, duplicate-elements and incompatible-order anomalies. */
export function readAnomalies(txns: Txns, mops: Mops, v: AppendVersions, flags: Uint8Array): ElleAnomaly[] {
  const out: ElleAnomaly[] = [];
  const op = (t: number): string => `op ${txns.invokeIndex[t]}`;
  const failed = (m: number): boolean => m >= 0 && txns.status[mops.txn[m]] === TxnStatus.fail;
  const firstFailed = new Int32Array(v.order.length).fill(-1);
  // For a sound key, the first position of its order holding a value nobody appended (no writer).
  const firstStray = new Int32Array(v.order.length).fill(-1);
  for (let k = 0; k < v.order.length; k++) {
    if (!v.sound[k]) continue;
    for (let i = v.orderAt[k]; i < v.orderAt[k + 1]; i++) {
      const t = v.orderTxn[i];
      if (t < 0 && firstStray[k] < 0) firstStray[k] = i - v.orderAt[k];
      if (t >= 0 && txns.status[t] === TxnStatus.fail && firstFailed[k] < 0) firstFailed[k] = i - v.orderAt[k];
    }
  }
  for (let m = 0; m < mops.count; m++) {
    if (mops.f[m] !== MopF.read || mops.value[m] === undefined) continue;
    const r = mops.value[m] as unknown[];
    const k = mops.key[m];
    const t = mops.txn[m];
    const key = mops.keys[k];
    let bad = -1;
    if (v.sound[k]) bad = firstFailed[k] >= 0 && r.length > firstFailed[k] ? firstFailed[k] : -1;
    else bad = r.findIndex((e) => failed(v.writer.get(k, e)));
    if (bad >= 0) {
      const w = mops.txn[v.writer.get(k, r[bad])];
      out.push({
        kind: 'G1a',
        txns: [t, w],
        key,
        explanation: `${op(t)} read ${showValue(key)} = ${showList(r)}, which holds ${showValue(r[bad])}, appended by ${op(w)}, a transaction that failed: it read a write that was aborted.`,
        detail: { read: r, element: r[bad] },
      });
    }
    const stray = v.sound[k] ? (firstStray[k] >= 0 && r.length > firstStray[k] ? firstStray[k] : -1) : r.findIndex((e) => v.writer.get(k, e) < 0);
    if (stray >= 0) {
      out.push({
        kind: 'garbage-read',
        txns: [t],
        key,
        explanation: `${op(t)} read ${showValue(key)} = ${showList(r)}, which holds ${showValue(r[stray])}, a value no transaction appended to ${showValue(key)}: it came out of thin air.`,
        detail: { read: r, element: r[stray] },
      });
    }
    if (r.length > 0) {
      const wm = v.lastWriter[m];
      if (wm >= 0 && mops.txn[wm] !== t && !(flags[wm] & MopFlag.FINAL)) {
        const w = mops.txn[wm];
        let final: unknown;
        for (let x = wm + 1; x < txns.mopEnd[w]; x++) if (mops.f[x] === MopF.append && mops.key[x] === k) final = mops.value[x];
        out.push({
          kind: 'G1b',
          txns: [t, w],
          key,
          explanation: `${op(t)} read ${showValue(key)} = ${showList(r)}, ending in ${showValue(r[r.length - 1])}, which ${op(w)} appended before appending ${showValue(final)} to it in the same transaction: it read an intermediate state that was never committed.`,
          detail: { read: r, element: r[r.length - 1], final },
        });
      }
    }
    if (!v.sound[k]) {
      const seen = new Set<unknown>();
      const dup = r.find((e) => seen.has(e) || (seen.add(e), false));
      if (dup !== undefined) {
        out.push({
          kind: 'duplicate-elements',
          txns: [t],
          key,
          explanation: `${op(t)} read ${showValue(key)} = ${showList(r)}, which holds ${showValue(dup)} more than once, though it was appended once.`,
          detail: { read: r, element: dup },
        });
      }
    }
  }
  for (const [k, [a, b]] of v.conflict) {
    const [ta, tb] = [mops.txn[a], mops.txn[b]];
    const [ra, rb] = [mops.value[a] as unknown[], mops.value[b] as unknown[]];
    out.push({
      kind: 'incompatible-order',
      txns: [ta, tb],
      key: mops.keys[k],
      explanation: `${op(ta)} read ${showValue(mops.keys[k])} = ${showList(ra)} and ${op(tb)} read it = ${showList(rb)}; neither is a prefix of the other, so no single order of appends explains both.`,
      detail: { reads: [ra, rb] },
    });
  }
  for (const { key: k, txn: t, earlier, later } of v.misordered) {
    const r = mops.value[v.longest[k]] as unknown[];
    const reader = mops.txn[v.longest[k]];
    const [a, b] = [mops.value[earlier], mops.value[later]];
    out.push({
      kind: 'incompatible-order',
      txns: [reader, t],
      key: mops.keys[k],
      explanation: `${op(reader)} read ${showValue(mops.keys[k])} = ${showList(r)}, which holds ${showValue(b)} ${v.pos[earlier] < 0 ? 'but not' : 'before'} ${showValue(a)}, though ${op(t)} appended ${showValue(a)} first: no execution of that transaction leaves that list.`,
      detail: { read: r, appended: [a, b] },
    });
  }
  return out;
}
