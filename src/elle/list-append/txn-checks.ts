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
import { MopF, type ElleAnomaly, type Mops, type Txn } from '../types.js';
import type { AppendVersions } from './versions.js';

function endsWith(r: readonly unknown[], tail: readonly unknown[]): boolean {
  if (r.length < tail.length) return false;
  for (let i = 0; i < tail.length; i++) if (r[r.length - tail.length + i] !== tail[i]) return false;
  return true;
}

/** Finds internal, future-read and lost-update anomalies. */
export function txnAnomalies(txns: readonly Txn[], mops: Mops, v: AppendVersions, flags: Uint8Array): ElleAnomaly[] {
  const out: ElleAnomaly[] = [];
  const op = (t: number): string => `op ${txns[t].invokeIndex}`;
  const sameState = new Map<number, Map<unknown, number[]>>();
  const EMPTY = Symbol('empty');
  for (const t of txns) {
    if (t.status !== 'ok') continue;
    const state = new Map<number, { prefix: unknown[] | null; tail: unknown[]; read: number }>();
    const grouped: number[] = [];
    for (let m = t.mopStart; m < t.mopEnd; m++) {
      const k = mops.key[m];
      const key = mops.keys[k];
      const s = state.get(k);
      if (mops.f[m] === MopF.append) {
        const val = mops.value[m];
        if (s) s.tail.push(val);
        else state.set(k, { prefix: null, tail: [val], read: -1 });
        if (s && s.read >= 0) {
          const r = mops.value[s.read] as unknown[];
          const seen = v.sound[k] ? v.pos[m] >= 0 && v.pos[m] < r.length : r.includes(val);
          if (seen) {
            out.push({ kind: 'future-read', txns: [t.id], key, explanation: `${op(t.id)} read ${showValue(key)} = ${showList(r)}, which holds ${showValue(val)}, a value the same transaction appends only later.`, detail: { read: r, element: val } });
          }
        }
        continue;
      }
      const r = mops.value[m] as unknown[];
      if (s) {
        const ok = s.prefix ? r.length === s.prefix.length + s.tail.length && endsWith(r, s.tail) && s.prefix.every((e, i) => r[i] === e) : endsWith(r, s.tail);
        if (!ok) {
          const expected = s.prefix ? showList([...s.prefix, ...s.tail]) : `a list ending in ${showList(s.tail)}`;
          out.push({ kind: 'internal', txns: [t.id], key, explanation: `${op(t.id)} read ${showValue(key)} = ${showList(r)}, but its own earlier reads and appends of ${showValue(key)} say it must read ${expected}.`, detail: { read: r, expected: s.prefix ? [...s.prefix, ...s.tail] : { endsWith: s.tail } } });
        }
      }
      state.set(k, { prefix: r, tail: [], read: m });
      if (flags[m] & MopFlag.EXTERNAL && !grouped.includes(k) && hasLaterAppend(mops, m, t.mopEnd, k)) {
        grouped.push(k);
        const id = r.length === 0 ? EMPTY : r[r.length - 1];
        let byState = sameState.get(k);
        if (!byState) sameState.set(k, (byState = new Map()));
        const list = byState.get(id);
        if (list) list.push(t.id);
        else byState.set(id, [t.id]);
      }
    }
  }
  for (const [k, byState] of sameState) {
    for (const [id, ts] of byState) {
      if (ts.length < 2) continue;
      const key = mops.keys[k];
      const seen = id === EMPTY ? '[] (nothing yet)' : `a list ending in ${showValue(id)}`;
      out.push({ kind: 'lost-update', txns: ts, key, explanation: `${ts.map(op).join(', ')} all read ${showValue(key)} = ${seen} and then appended to it; in any serial order each after the first would have read the earlier ones' appends.`, detail: { state: id === EMPTY ? [] : id } });
    }
  }
  return out;
}

function hasLaterAppend(mops: Mops, m: number, end: number, k: number): boolean {
  for (let x = m + 1; x < end; x++) if (mops.f[x] === MopF.append && mops.key[x] === k) return true;
  return false;
}

/** Finds dirty updates on sound keys. */
export function dirtyUpdates(txns: readonly Txn[], mops: Mops, v: AppendVersions): ElleAnomaly[] {
  const out: ElleAnomaly[] = [];
  for (let k = 0; k < v.order.length; k++) {
    if (!v.sound[k]) continue;
    let lastFailed = -1;
    for (const e of v.order[k]) {
      const w = v.writer[k].get(e);
      if (w === undefined) continue;
      const t = mops.txn[w];
      const status = txns[t].status;
      if (status === 'fail') lastFailed = t;
      else if (status === 'ok') {
        if (lastFailed >= 0 && lastFailed !== t) {
          const key = mops.keys[k];
          out.push({ kind: 'dirty-update', txns: [lastFailed, t], key, explanation: `op ${txns[lastFailed].invokeIndex} appended to ${showValue(key)} in a transaction that failed, and op ${txns[t].invokeIndex} committed an append of ${showValue(e)} right after it in the order of ${showValue(key)}: a committed write built on an aborted one.`, detail: { element: e } });
        }
        lastFailed = -1;
      }
    }
  }
  return out;
}
