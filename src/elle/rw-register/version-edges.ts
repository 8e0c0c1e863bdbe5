/**
 * Version-order edges for rw-register histories, where unlike lists a register's value does not reveal
 * the versions before it. Each edge says version `from` precedes version `to` of one key (both named by
 * their write micro-op), and why (see `edge-bits.ts` for what each assumption proves):
 *  - `fr`, writes follow reads: a committed transaction read `from` and then wrote `to`;
 *  - `p`, process order (each key sequentially consistent): T1 then T2 on one process, both touching
 *    the key; the version T1 left it at precedes the first version T2 saw or made there;
 *  - `rt`, real time (each key linearizable): the same for T1 completing before T2 was invoked, with a
 *    per-key frontier as in `order-edges.ts` (only the latest unrelated predecessors are linked).
 * A transaction's first version of a key is what it read first (if it read before writing), else what it
 * wrote; its last is what it wrote last, else what it read. Only `ok` transactions serve as T1 (an
 * `info` one may take effect later); `info` ones serve as T2 by their writes. The initial state precedes
 * every version; that source is used directly by `edges.ts`, not listed here.
 */
import type { Arena } from '../arena.js';
import { MopFlag } from '../mop-flags.js';
import { okByCompletion } from '../order-edges.js';
import { MopF, TxnStatus, type Mops, type Txns } from '../types.js';
import type { RegisterIndex } from './index-build.js';

/** Why a version edge holds. */
export const Source = { fr: 0, p: 1, rt: 2 } as const;
/** One of the `Source` values. */
export type Source = (typeof Source)[keyof typeof Source];

/** Version edges, as parallel arrays; `t1`/`t2` are the transactions whose order gave each. */
export interface VersionEdges {
  from: number[];
  to: number[];
  source: Source[];
  t1: number[];
  t2: number[];
}

/** Per key a transaction touched: its first and last version there (-1 if unknown). */
function touches(txns: Txns, mops: Mops, ix: RegisterIndex, flags: Uint8Array, t: number): { k: number; first: number; last: number }[] {
  const out: { k: number; first: number; last: number }[] = [];
  for (let m = txns.mopStart[t]; m < txns.mopEnd[t]; m++) {
    const k = mops.key[m];
    let e = out.find((x) => x.k === k);
    if (!e) out.push((e = { k, first: -1, last: -1 }));
    if (mops.f[m] === MopF.read && flags[m] & MopFlag.EXTERNAL && e.first < 0 && ix.readVersion[m] >= 0) e.first = ix.readVersion[m];
    if (mops.f[m] === MopF.write && flags[m] & MopFlag.FINAL) e.last = m;
  }
  for (const e of out) {
    const firstWrite = e.last;
    if (e.last < 0) e.last = e.first;
    if (e.first < 0) e.first = firstWrite;
  }
  return out.filter((e) => e.first >= 0 || e.last >= 0);
}

/** Collects version edges from the sources asked for. */
export function versionEdges(txns: Txns, mops: Mops, ix: RegisterIndex, flags: Uint8Array, o: { wfr: boolean; process: boolean; realtime: boolean }, arena: Arena): VersionEdges {
  const ve: VersionEdges = { from: [], to: [], source: [], t1: [], t2: [] };
  const seen = new Set<number>();
  const add = (from: number, to: number, source: Source, t1: number, t2: number): void => {
    if (from < 0 || to < 0 || from === to) return;
    const id = (from * (mops.count + 1) + to) * 3 + source;
    if (seen.has(id)) return;
    seen.add(id);
    ve.from.push(from), ve.to.push(to), ve.source.push(source), ve.t1.push(t1), ve.t2.push(t2);
  };
  const all = Array.from({ length: txns.count }, (_, t) => (txns.status[t] === TxnStatus.fail ? [] : touches(txns, mops, ix, flags, t)));
  if (o.wfr) {
    for (let t = 0; t < txns.count; t++) {
      if (txns.status[t] !== TxnStatus.ok) continue;
      for (const e of all[t]) if (e.last >= 0 && mops.f[e.last] === MopF.write && e.first !== e.last) add(e.first, e.last, Source.fr, t, t);
    }
  }
  if (o.process) {
    const last = new Map<number | string, Map<number, [number, number]>>();
    for (let t = 0; t < txns.count; t++) {
      if (txns.status[t] === TxnStatus.fail) continue;
      const mine = last.get(txns.process[t]) ?? new Map<number, [number, number]>();
      last.set(txns.process[t], mine);
      for (const e of all[t]) {
        const prev = mine.get(e.k);
        if (prev) add(prev[1], txns.status[t] === TxnStatus.ok ? e.first : writeOf(mops, e.last), Source.p, prev[0], t);
        if (txns.status[t] === TxnStatus.ok) mine.set(e.k, [t, e.last]);
      }
    }
  }
  if (o.realtime) realtimeVersionEdges(txns, mops, all, add, okByCompletion(txns, arena));
  return ve;
}

function writeOf(mops: Mops, v: number): number {
  return v >= 0 && mops.f[v] === MopF.write ? v : -1;
}

/** Real-time version edges with one frontier per key (see `order-edges.ts` for why a frontier suffices). */
function realtimeVersionEdges(txns: Txns, mops: Mops, all: { k: number; first: number; last: number }[][], add: (from: number, to: number, s: Source, t1: number, t2: number) => void, done: Int32Array): void {
  const { status, invokePos, completePos } = txns;
  const frontiers = new Map<number, number[]>();
  let c = 0;
  for (let t = 0; t < txns.count; t++) {
    while (c < done.length && completePos[done[c]] < invokePos[t]) {
      const d = done[c++];
      for (const e of all[d]) {
        const f = frontiers.get(e.k) ?? [];
        let kept = 0;
        for (const x of f) if (completePos[x] > invokePos[d]) f[kept++] = x;
        f.length = kept;
        f.push(d);
        frontiers.set(e.k, f);
      }
    }
    if (status[t] === TxnStatus.fail) continue;
    for (const e of all[t]) {
      const to = status[t] === TxnStatus.ok ? e.first : writeOf(mops, e.last);
      for (const f of frontiers.get(e.k) ?? []) add(all[f].find((x) => x.k === e.k)!.last, to, Source.rt, f, t);
    }
  }
}
