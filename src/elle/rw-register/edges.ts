/**
 * rw-register dependency edges between transactions that may have committed:
 *  - wr: an external read of a version depends on its writer (exact: values are unique);
 *  - from the initial state, which precedes every version: each external read of the initial state
 *    anti-depends (`rw`) on every installed write of the key;
 *  - from each version edge `from → to` (see `version-edges.ts`): the writer of `from` precedes the
 *    writer of `to` (ww) and every external reader of `from` anti-depends on it (rw), both with the bit
 *    of the edge's source. Only final writes of live transactions install versions.
 * A version edge may skip versions between its ends; its ww/rw edges then stand for paths (see
 * `edge-bits.ts`). Each edge added from a version edge remembers which one (for explanations). Past
 * `FANOUT` rw edges from one version, the rest are left out (sound, only less complete) and counted.
 */
import { Bit } from '../edge-bits.js';
import type { GraphBuilder } from '../graph.js';
import { MopFlag } from '../mop-flags.js';
import { MopF, type Mops, type Txns } from '../types.js';
import { INIT, type RegisterIndex } from './index-build.js';
import { Source, type VersionEdges } from './version-edges.js';

const FANOUT = 1_000_000;
const WW: Record<Source, number> = { [Source.fr]: Bit.wwFr, [Source.p]: Bit.wwP, [Source.rt]: Bit.wwRt };
const RW: Record<Source, number> = { [Source.fr]: Bit.rwFr, [Source.p]: Bit.rwP, [Source.rt]: Bit.rwRt };

/** Where each derived edge came from: edge id → version edge index. */
export type Reasons = Map<number, number>;

/** The id of the edge `a → b` taken as `bit`, for `Reasons`. */
export function edgeId(n: number, a: number, b: number, bit: number): number {
  return (a * n + b) * 16 + Math.log2(bit);
}

/** Adds the edges; returns the reasons of the derived ones and how many rw edges were left out. */
export function addRegisterEdges(txns: Txns, mops: Mops, ix: RegisterIndex, flags: Uint8Array, ve: VersionEdges, g: GraphBuilder): { reasons: Reasons; dropped: number } {
  const installs = (m: number): boolean => m >= 0 && mops.f[m] === MopF.write && (flags[m] & MopFlag.FINAL) !== 0 && ix.live[mops.txn[m]] === 1;
  for (let m = 0; m < mops.count; m++) {
    const vid = ix.readVersion[m];
    if (vid < 0 || !(flags[m] & MopFlag.EXTERNAL) || !ix.live[mops.txn[vid]]) continue;
    g.add(mops.txn[vid], mops.txn[m], Bit.wr);
  }
  let dropped = 0;
  const writers: number[][] = Array.from({ length: mops.keys.length }, () => []);
  for (let m = 0; m < mops.count; m++) if (installs(m)) writers[mops.key[m]].push(mops.txn[m]);
  for (let k = 0; k < mops.keys.length; k++) {
    const rs = ix.readers[k].get(INIT) ?? [];
    if (rs.length * writers[k].length > FANOUT) dropped += rs.length * writers[k].length;
    else for (const r of rs) for (const w of writers[k]) g.add(r, w, Bit.rw);
  }
  const reasons: Reasons = new Map();
  const n = txns.count;
  const note = (a: number, b: number, bit: number, i: number): void => {
    if (a === b) return;
    g.add(a, b, bit);
    const id = edgeId(n, a, b, bit);
    if (!reasons.has(id)) reasons.set(id, i);
  };
  for (let i = 0; i < ve.from.length; i++) {
    const [from, to] = [ve.from[i], ve.to[i]];
    if (!installs(to)) continue;
    const w2 = mops.txn[to];
    if (installs(from)) note(mops.txn[from], w2, WW[ve.source[i]], i);
    const rs = ix.readers[mops.key[from]].get(from) ?? [];
    if (rs.length > FANOUT) dropped += rs.length;
    else for (const r of rs) note(r, w2, RW[ve.source[i]], i);
  }
  return { reasons, dropped };
}
