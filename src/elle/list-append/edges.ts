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
import { MopFlag } from '../mop-flags.js';
import { MopF, type Mops, type Txn } from '../types.js';
import type { AppendVersions } from './versions.js';

const FANOUT = 1_000_000;

/** Adds ww, wr and rw edges; returns the number of rw edges left out for fan-out. */
export function addAppendEdges(txns: readonly Txn[], mops: Mops, v: AppendVersions, flags: Uint8Array, g: GraphBuilder): number {
  const live = (m: number | undefined): number => (m === undefined || txns[mops.txn[m]].status === 'fail' ? -1 : mops.txn[m]);
  const nk = mops.keys.length;
  // Per sound key, per position i: the first live appender at position >= i (-1 if none).
  const next: Int32Array[] = new Array(nk);
  for (let k = 0; k < nk; k++) {
    if (!v.sound[k]) continue;
    const order = v.order[k];
    const nx = new Int32Array(order.length + 1).fill(-1);
    for (let i = order.length - 1; i >= 0; i--) {
      const w = live(v.writer[k].get(order[i]));
      nx[i] = w >= 0 ? w : nx[i + 1];
    }
    next[k] = nx;
  }
  const unseen: number[][] = Array.from({ length: nk }, () => []);
  const lastReaders: number[][] = Array.from({ length: nk }, () => []);
  for (let m = 0; m < mops.count; m++) {
    if (mops.f[m] === MopF.append && v.pos[m] < 0 && v.sound[mops.key[m]] && live(m) >= 0) unseen[mops.key[m]].push(mops.txn[m]);
  }
  for (let m = 0; m < mops.count; m++) {
    if (mops.f[m] !== MopF.read || !(flags[m] & MopFlag.EXTERNAL) || mops.value[m] === undefined) continue;
    const k = mops.key[m];
    const r = mops.value[m] as unknown[];
    const t = mops.txn[m];
    if (r.length > 0) {
      const w = live(v.writer[k].get(r[r.length - 1]));
      if (w >= 0) g.add(w, t, Bit.wr);
    }
    if (!v.sound[k]) continue;
    const w = next[k][r.length];
    if (w >= 0) g.add(t, w, Bit.rw);
    else lastReaders[k].push(t);
  }
  let dropped = 0;
  for (let k = 0; k < nk; k++) {
    if (!v.sound[k]) continue;
    let prev = -1;
    for (const e of v.order[k]) {
      const w = live(v.writer[k].get(e));
      if (w < 0) continue;
      if (prev >= 0) g.add(prev, w, Bit.ww);
      prev = w;
    }
    if (prev >= 0) for (const u of unseen[k]) g.add(prev, u, Bit.ww);
    if (lastReaders[k].length * unseen[k].length > FANOUT) dropped += lastReaders[k].length * unseen[k].length;
    else for (const r of lastReaders[k]) for (const u of unseen[k]) g.add(r, u, Bit.rw);
  }
  return dropped;
}
