/**
 * List-append dependency edges, between transactions that may have committed (`ok`, `info`):
 *  - wr: a read (external, in an `ok` transaction) ending in value e depends on the append of e. This
 *    holds on any key: the read returned the state that append produced.
 *  - ww: on a sound key, the append of each value precedes the append of the next one in the order;
 *    the append of the last value any read saw precedes every append no read saw (see `versions.ts`).
 *  - rw: on a sound key, a read of the first L values (a prefix, so it saw exactly the versions up to
 *    order[L-1]) anti-depends on the append of order[L], the next version; a read of the whole order on
 *    every append no read saw (each of those came later).
 * A value whose appender failed or is unknown (no transaction appended it) is skipped over: the
 * versions around it keep their order, so the edge between their appenders stands for a path through
 * it (as any inferred edge may, see `edge-bits.ts`).
 * A transaction with an unseen append of unknown outcome gets only incoming edges from these rules, so
 * it can lie on no cycle unless another edge shows it committed. Failed transactions get no edges.
 * Reads of the whole order times unseen appends can be many; past `FANOUT` per key those rw edges are
 * left out (fewer edges: sound, only less complete) and counted.
 */
import { Bit } from '../edge-bits.js';
import type { GraphBuilder } from '../graph.js';
import type { Arena } from '../arena.js';
import { MopFlag } from '../mop-flags.js';
import { MopF, TxnStatus, type Mops, type Txns } from '../types.js';
import type { AppendVersions } from './versions.js';

const FANOUT = 1_000_000;

/** Adds ww, wr and rw edges; returns the number of rw edges left out for fan-out. */
export function addAppendEdges(txns: Txns, mops: Mops, v: AppendVersions, flags: Uint8Array, g: GraphBuilder, arena: Arena): number {
  const live = arena.u8(txns.count);
  for (let t = 0; t < txns.count; t++) live[t] = txns.status[t] === TxnStatus.fail ? 0 : 1;
  const nk = mops.keys.length;
  // Per sound key, per position i (0..length), at `v.orderAt[k] + k + i`: the first live appender at
  // position >= i, or -1.
  const { orderAt, orderTxn } = v;
  const next = arena.i32(orderAt[nk] + nk).fill(-1);
  for (let k = 0; k < nk; k++) {
    if (!v.sound[k]) continue;
    const base = orderAt[k] + k;
    for (let i = orderAt[k + 1] - orderAt[k] - 1; i >= 0; i--) {
      const w = orderTxn[orderAt[k] + i];
      next[base + i] = w >= 0 && live[w] ? w : next[base + i + 1];
    }
  }
  const unseen: (number[] | undefined)[] = new Array(nk);
  const lastReaders: (number[] | undefined)[] = new Array(nk);
  for (let m = 0; m < mops.count; m++) {
    const k = mops.key[m];
    const t = mops.txn[m];
    if (mops.f[m] === MopF.append) {
      if (v.pos[m] < 0 && v.sound[k] && live[t]) (unseen[k] ??= []).push(t);
      continue;
    }
    if (!(flags[m] & MopFlag.EXTERNAL) || mops.value[m] === undefined) continue;
    const lw = v.lastWriter[m];
    if (lw >= 0 && live[mops.txn[lw]]) g.add(mops.txn[lw], t, Bit.wr);
    if (!v.sound[k]) continue;
    const w = next[orderAt[k] + k + (mops.value[m] as unknown[]).length];
    if (w >= 0) g.add(t, w, Bit.rw);
    else (lastReaders[k] ??= []).push(t);
  }
  let dropped = 0;
  for (let k = 0; k < nk; k++) {
    if (!v.sound[k]) continue;
    let prev = -1;
    for (let i = orderAt[k]; i < orderAt[k + 1]; i++) {
      const w = orderTxn[i];
      if (w < 0 || !live[w]) continue;
      if (prev >= 0) g.add(prev, w, Bit.ww);
      prev = w;
    }
    const us = unseen[k];
    if (!us) continue;
    if (prev >= 0) for (const u of us) g.add(prev, u, Bit.ww);
    const rs = lastReaders[k] ?? [];
    if (rs.length * us.length > FANOUT) dropped += rs.length * us.length;
    else for (const r of rs) for (const u of us) g.add(r, u, Bit.rw);
  }
  return dropped;
}
