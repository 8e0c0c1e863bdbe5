/**
 * List-append anomalies shown by one transaction, or by transactions sharing a key's state:
 *  - internal: a read disagrees with what the transaction itself read or appended before on that key:
 *    after reading L and appending a, b it must read L ++ [a, b]; after only appending a, b it must read
 *    a list ending in a, b (Cerone et al.'s axiom INT).
 *  - future-read: a read holds a value the same transaction appends only later; it saw its own write
 *    before making it (a G1c through one transaction).
 *  - dirty-update: in a key's order, an append of a committed transaction directly follows appends of a
 *    failed one (with only unknown-outcome ones between): a committed version built on an aborted one.
 *  - lost-update: two committed transactions read the same state of a key (each its first read of the
 *    key) and both appended to it. In any serial order the second would have read the first's append.
 * Only `ok` transactions are checked; dirty updates only on sound keys (see `versions.ts`).
 */
import { MopFlag, showList, showValue } from '../mop-flags.js';
import { MopF, TxnStatus, type ElleAnomaly, type Mops, type Txns } from '../types.js';
import type { AppendVersions } from './versions.js';

/** Finds internal, future-read and lost-update anomalies. */
export function txnAnomalies(txns: Txns, mops: Mops, v: AppendVersions, flags: Uint8Array): ElleAnomaly[] {
  const out: ElleAnomaly[] = [];
  const op = (t: number): string => `op ${txns.invokeIndex[t]}`;
  // Lost updates: the first transaction per (key, state read), and every transaction where there are more.
  const firstByState = new Map<number, number>();
  const shared = new Map<number, number[]>();
  for (let t = 0; t < txns.count; t++) {
    const start = txns.mopStart[t];
    const end = txns.mopEnd[t];
    if (txns.status[t] !== TxnStatus.ok || !repeatsKey(mops, start, end)) continue;
    for (let m = start; m < end; m++) {
      const k = mops.key[m];
      const key = mops.keys[k];
      if (mops.f[m] === MopF.append) {
        const val = mops.value[m];
        for (let p = start; p < m; p++) {
          if (mops.f[p] !== MopF.read || mops.key[p] !== k) continue;
          const r = mops.value[p] as unknown[];
          if (v.sound[k] ? v.pos[m] >= 0 && v.pos[m] < r.length : r.includes(val)) {
            out.push({ kind: 'future-read', txns: [t], key, explanation: `${op(t)} read ${showValue(key)} = ${showList(r)}, which holds ${showValue(val)}, a value the same transaction appends only later.`, detail: { read: r, element: val } });
            break;
          }
        }
        continue;
      }
      const r = mops.value[m] as unknown[];
      const expected = internalExpectation(mops, start, m);
      if (expected) {
        out.push({ kind: 'internal', txns: [t], key, explanation: `${op(t)} read ${showValue(key)} = ${showList(r)}, but its own earlier reads and appends of ${showValue(key)} say it must read ${expected.text}.`, detail: { read: r, expected: expected.value } });
      }
      const state = r.length === 0 ? -1 : v.lastWriter[m];
      if (flags[m] & MopFlag.EXTERNAL && (r.length === 0 || state >= 0) && firstReadOfKey(mops, start, m) && hasLaterAppend(mops, m, end, k)) {
        const id = k * (mops.count + 1) + state + 1;
        const first = firstByState.get(id);
        const group = shared.get(id);
        if (first === undefined) firstByState.set(id, t);
        else if (group) group.push(t);
        else shared.set(id, [first, t]);
      }
    }
  }
  for (const [id, ts] of shared) {
    const k = Math.floor(id / (mops.count + 1));
    const state = (id % (mops.count + 1)) - 1;
    const key = mops.keys[k];
    const seen = state < 0 ? '[] (nothing yet)' : `a list ending in ${showValue(mops.value[state])}`;
    out.push({ kind: 'lost-update', txns: ts, key, explanation: `${ts.map(op).join(', ')} all read ${showValue(key)} = ${seen} and then appended to it; in any serial order each after the first would have read the earlier ones' appends.`, detail: { lastElement: state < 0 ? null : mops.value[state] } });
  }
  return out;
}

/**
 * What the read micro-op `m` should have returned given its transaction's earlier micro-ops on the same
 * key (from `start`), or null when it agrees (or nothing earlier constrains it). Allocates nothing
 * unless the read disagrees.
 */
function internalExpectation(mops: Mops, start: number, m: number): { text: string; value: unknown } | null {
  const k = mops.key[m];
  let prior = -1;
  let appends = 0;
  for (let p = m - 1; p >= start; p--) {
    if (mops.key[p] !== k) continue;
    if (mops.f[p] === MopF.read) {
      prior = p;
      break;
    }
    appends++;
  }
  if (prior < 0 && appends === 0) return null;
  const r = mops.value[m] as unknown[];
  const base = prior < 0 ? [] : (mops.value[prior] as unknown[]);
  const offset = prior < 0 ? r.length - appends : base.length;
  let ok = offset >= 0 && (prior < 0 || r.length === base.length + appends);
  for (let i = 0; ok && prior >= 0 && i < base.length; i++) ok = r[i] === base[i];
  for (let p = prior + 1 > start ? prior + 1 : start, j = 0; ok && p < m; p++) {
    if (mops.key[p] === k) ok = r[offset + j++] === mops.value[p];
  }
  if (ok) return null;
  const tail: unknown[] = [];
  for (let p = prior + 1 > start ? prior + 1 : start; p < m; p++) if (mops.key[p] === k) tail.push(mops.value[p]);
  return prior < 0 ? { text: `a list ending in ${showList(tail)}`, value: { endsWith: tail } } : { text: showList([...base, ...tail]), value: [...base, ...tail] };
}

/** True when some key has two micro-ops between `start` and `end`: only then can any of these anomalies arise. */
function repeatsKey(mops: Mops, start: number, end: number): boolean {
  for (let m = start + 1; m < end; m++) for (let x = start; x < m; x++) if (mops.key[x] === mops.key[m]) return true;
  return false;
}

function firstReadOfKey(mops: Mops, start: number, m: number): boolean {
  for (let p = start; p < m; p++) if (mops.key[p] === mops.key[m]) return false;
  return true;
}

function hasLaterAppend(mops: Mops, m: number, end: number, k: number): boolean {
  for (let x = m + 1; x < end; x++) if (mops.f[x] === MopF.append && mops.key[x] === k) return true;
  return false;
}

/** Finds dirty updates on sound keys. */
export function dirtyUpdates(txns: Txns, mops: Mops, v: AppendVersions): ElleAnomaly[] {
  const out: ElleAnomaly[] = [];
  for (let k = 0; k < v.order.length; k++) {
    if (!v.sound[k]) continue;
    let lastFailed = -1;
    for (const e of v.order[k]) {
      const w = v.writer.get(k, e);
      if (w < 0) continue;
      const t = mops.txn[w];
      const status = txns.status[t];
      if (status === TxnStatus.fail) lastFailed = t;
      else if (status === TxnStatus.ok) {
        if (lastFailed >= 0 && lastFailed !== t) {
          const key = mops.keys[k];
          out.push({ kind: 'dirty-update', txns: [lastFailed, t], key, explanation: `op ${txns.invokeIndex[lastFailed]} appended to ${showValue(key)} in a transaction that failed, and op ${txns.invokeIndex[t]} committed an append of ${showValue(e)} right after it in the order of ${showValue(key)}: a committed write built on an aborted one.`, detail: { element: e } });
        }
        lastFailed = -1;
      }
    }
  }
  return out;
}
