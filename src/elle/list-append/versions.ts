/**
 * List-append version orders. A list is its own history: a read of `[1, 2, 3]` shows that the versions of
 * its key were [], [1], [1, 2], [1, 2, 3], in that order (traceability), and since each appended value is
 * unique per key, each version names the one append that made it (recoverability). So each key's
 * version order, as far as any read saw it, is its longest read, provided every other read is a prefix
 * of it:
 *  - Reads are compared with the longest read so far as they come; a read longer than it must extend
 *    it, a shorter one must be its prefix. If every comparison passes, every read is a prefix of the
 *    final longest read (prefix is transitive). A read that fails one shows two states that cannot come
 *    from one order of appends: `incompatible-order`.
 *  - An append no read saw came after every append some read saw: had it come before one, every read
 *    showing that later one would show it too, the longest included.
 * A key is `sound` when its reads are all compatible, its longest read has no repeated element and shows
 * every transaction's appends in the transaction's own order (`own-order.ts`); only
 * sound keys yield ww/rw edges (a broken order proves nothing about who came first), and only there can
 * per-read checks use positions instead of scanning lists.
 */
import { ElleInputError, show } from '../errors.js';
import { MopF, type Mops, type Txns } from '../types.js';
import type { Arena } from '../arena.js';
import { ValueIndex } from '../value-index.js';
import { misorderedAppends, type Misordered } from './own-order.js';

/** Each key's version order and the index from values to the micro-ops that appended them. */
export interface AppendVersions {
  /** (key, appended value) → micro-op id of the append (-1 if none). */
  writer: ValueIndex;
  /** Per key: the version order (the longest read), or empty. */
  order: unknown[][];
  /** Per key: the micro-op id of the longest read, or -1. */
  longest: Int32Array;
  /** Per key: 1 when the order is usable (see the module header). */
  sound: Uint8Array;
  /** Per key, when reads disagree: two read micro-ops that are not prefixes of each other. */
  conflict: Map<number, [number, number]>;
  /** Appends the order shows out of their transaction's own order (see `own-order.ts`). */
  misordered: Misordered[];
  /** Per key: index in the longest read of the first element that repeats an earlier one, or -1. */
  dupAt: Int32Array;
  /** Per key k, at `orderAt[k] + i`: the transaction that appended order[k][i], or -1 (all keys in one array). */
  orderTxn: Int32Array;
  /** Where each key's slice of `orderTxn` starts; `orderAt[nk]` is the total length. */
  orderAt: Int32Array;
  /** Per micro-op (appends): index of the appended value in its key's order, or -1 if no read saw it. */
  pos: Int32Array;
  /** Per micro-op (reads with a known, non-empty value): the append micro-op of its last element, or -1. */
  lastWriter: Int32Array;
}

function isPrefix(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length > b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Builds the version orders; throws `ElleInputError` for a value appended twice to one key. */
export function appendVersions(txns: Txns, mops: Mops, arena: Arena): AppendVersions {
  const nk = mops.keys.length;
  let appends = 0;
  for (let m = 0; m < mops.count; m++) if (mops.f[m] === MopF.append) appends++;
  const writer = new ValueIndex(appends, arena);
  const longest = new Int32Array(nk).fill(-1);
  const sound = new Uint8Array(nk).fill(1);
  const conflict = new Map<number, [number, number]>();
  for (let m = 0; m < mops.count; m++) {
    const k = mops.key[m];
    if (mops.f[m] === MopF.append) {
      const prior = writer.get(k, mops.value[m]);
      if (prior >= 0) {
        const here = txns.invokeIndex[mops.txn[m]];
        const there = txns.invokeIndex[mops.txn[prior]];
        throw new ElleInputError(here, `appends ${show(mops.value[m])} to ${show(mops.keys[k])}, which ${there === here ? 'it' : `op ${there}`} also appends; appended values must be unique per key`);
      }
      writer.set(k, mops.value[m], m);
      continue;
    }
    const r = mops.value[m] as unknown[] | undefined;
    if (r === undefined) continue;
    const l = longest[k];
    if (l < 0) {
      longest[k] = m;
      continue;
    }
    const lv = mops.value[l] as unknown[];
    const ok = r.length <= lv.length ? isPrefix(r, lv) : isPrefix(lv, r);
    if (!ok && !conflict.has(k)) conflict.set(k, [l, m]);
    if (!ok) sound[k] = 0;
    if (r.length > lv.length) longest[k] = m;
  }
  const order: unknown[][] = new Array(nk);
  const pos = arena.i32(mops.count).fill(-1);
  const dupAt = new Int32Array(nk).fill(-1);
  const orderAt = new Int32Array(nk + 1);
  for (let k = 0; k < nk; k++) orderAt[k + 1] = orderAt[k] + (longest[k] < 0 ? 0 : (mops.value[longest[k]] as unknown[]).length);
  const orderTxn = arena.i32(orderAt[nk]).fill(-1);
  for (let k = 0; k < nk; k++) {
    // Repeats of appended values show as an append already placed; of values nobody appended, in a set
    // made only when there are such values.
    let strays: Set<unknown> | null = null;
    const l = longest[k];
    const list = l < 0 ? [] : (mops.value[l] as unknown[]);
    order[k] = list;
    const base = orderAt[k];
    for (let i = 0; i < list.length; i++) {
      const v = list[i];
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'bigint') {
        throw new ElleInputError(txns.completeIndex[mops.txn[l]], `read of ${show(mops.keys[k])} holds ${show(v)}; list elements must be strings or numbers`);
      }
      const w = writer.get(k, v);
      const repeat = w < 0 ? (strays ??= new Set()).has(v) : pos[w] >= 0;
      if (repeat) {
        if (dupAt[k] < 0) dupAt[k] = i;
        sound[k] = 0;
        continue;
      }
      if (w < 0) strays?.add(v);
      else {
        pos[w] = i;
        orderTxn[base + i] = mops.txn[w];
      }
    }
  }
  const lastWriter = arena.i32(mops.count).fill(-1);
  for (let m = 0; m < mops.count; m++) {
    const r = mops.value[m];
    if (mops.f[m] !== MopF.read || r === undefined || (r as unknown[]).length === 0) continue;
    lastWriter[m] = writer.get(mops.key[m], (r as unknown[])[(r as unknown[]).length - 1]);
  }
  const misordered = misorderedAppends(txns, mops, pos, sound);
  return { writer, order, longest, sound, conflict, misordered, dupAt, orderTxn, orderAt, pos, lastWriter };
}
